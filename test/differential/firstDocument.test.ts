// A policy after another YAML document: kube-apiserver decodes only the first document, so the file
// is refused with that document's type (checks/firstDocument.ts). Each first document below, put
// before a valid policy, is linted as `kap lint FILE` does and given to the real loader: both must
// refuse the file, and our message must carry the loader's error (without the scheme's source line).
// The quick fix that moves the policy to the top must then give a file the loader loads.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  createHostDocument,
  createPolicyDocument,
  DEFAULT_SETTINGS,
  doCodeActions,
  hostDiagnostics,
  validate,
} from '../../server/src/service';
import { applyEdits } from '../unit/features/apply';
import { yaml } from '../helpers/fixture';
import { Oracle } from '../helpers/oracle';
import { MINOR } from './project';

const oracle = new Oracle();
after(() => oracle.close());

const POLICY = yaml('---', 'apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata');

/** First documents people leave before a policy: manifests of a bundle, a list, a scalar, the
 *  audit group's other kinds, type fields missing, empty or of the wrong type. */
const FIRST_DOCUMENTS = [
  yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: audit', 'data:', '  a: b'),
  yaml('kind: Deployment', 'apiVersion: apps/v1'),
  yaml('Kind: ConfigMap', 'APIVERSION: v1'),
  yaml('kind: ConfigMap'),
  yaml('apiVersion: v1'),
  yaml('apiVersion: v1', 'kind: ""'),
  yaml('apiVersion: ""', 'kind: ConfigMap'),
  yaml('kind: null', 'apiVersion: v1'),
  yaml('foo: bar'),
  yaml('apiVersion: audit.k8s.io/v1', 'kind: Event'),
  yaml('apiVersion: audit.k8s.io/v1', 'kind: EventList'),
  yaml('apiVersion: audit.k8s.io/v1', 'kind: PolicyList', 'items:', '- rules:', '  - level: None'),
  yaml('apiVersion: audit.k8s.io/v1beta1', 'kind: PolicyList'),
  yaml('apiVersion: audit.k8s.io/v2', 'kind: Event'),
  yaml('kind: Event'),
  yaml('apiVersion: v1', 'kind: [a]'),
  yaml('apiVersion: 5', 'kind: ConfigMap'),
  yaml('- a', '- b'),
  yaml('[]'),
  yaml('hello'),
  yaml('5'),
  yaml('1.5'),
  yaml('true'),
  yaml('yes'),
  yaml('2001-12-14'),
  yaml('!!binary aGVsbG8='),
];

test(`a policy after another first document is refused as kube-apiserver refuses it (${FIRST_DOCUMENTS.length} shapes)`, async () => {
  const settings = { ...DEFAULT_SETTINGS, kubernetesMinor: MINOR };
  const texts = FIRST_DOCUMENTS.map((first) => first + POLICY);
  const answers = await Promise.all(texts.map((text) => oracle.ask(text)));
  const wrong: string[] = [];
  texts.forEach((text, i) => {
    const host = createHostDocument(`file:///first-${i}.yaml`, 1, text, undefined, { forced: true });
    const error = hostDiagnostics(host, settings, { force: true }).find((d) => d.severity === DiagnosticSeverity.Error);
    const kube = answers[i].loadError?.replace(/ in scheme "[^"]*"$/, '');
    if (!kube) wrong.push(`${JSON.stringify(FIRST_DOCUMENTS[i])}: the oracle loads it`);
    else if (!String(error?.message).includes(kube))
      wrong.push(`${JSON.stringify(FIRST_DOCUMENTS[i])}: oracle ${kube}; project ${error?.message ?? 'no error'}`);
  });
  assert.deepEqual(wrong, []);
});

test(`the quick fix moves the policy first, and kube-apiserver loads the result (${FIRST_DOCUMENTS.length} shapes)`, async () => {
  const fixed = FIRST_DOCUMENTS.map((first, i) => {
    const d = createPolicyDocument(`file:///first-${i}.yaml`, 1, first + POLICY);
    // The error on the policy's `---` line (a list or a scalar first also has wrong-type on it).
    const error = validate(d, DEFAULT_SETTINGS, { force: true }).find(
      (x) => (x.data as { laterPolicy?: boolean } | undefined)?.laterPolicy === true,
    );
    assert.ok(error, JSON.stringify(first));
    const [fix] = doCodeActions(d, error.range, { diagnostics: [error] }, DEFAULT_SETTINGS).filter(
      (a) => a.kind === CodeActionKind.QuickFix,
    );
    assert.ok(fix?.edit?.changes, `${JSON.stringify(first)}: no quick fix`);
    return applyEdits(d, fix.edit.changes[d.uri]);
  });
  const answers = await Promise.all(fixed.map((text) => oracle.ask(text)));
  const refused = answers.flatMap((a, i) => (a.loadError ? [`${JSON.stringify(fixed[i])}: ${a.loadError}`] : []));
  assert.deepEqual(refused, []);
});

/** Files that are only a policy's rules (a fragment for a chart's `rules:`), at the margin,
 *  indented, after a comment, and one whose first item is no rule. */
const RULES_ALONE = [
  yaml('- level: Metadata', '  verbs: ["get"]', '- level: None'),
  yaml('# the rules of our audit policy', '- level: RequestResponse', '  resources:', '  - group: ""'),
  yaml('  - level: None', '    users: ["system:kube-proxy"]', '  - level: Metadata'),
  yaml('- just a note', '- level: Metadata'),
];

test(`a file of rules alone is refused, said to hold rules, and its fix loads (${RULES_ALONE.length} shapes)`, async () => {
  const answers = await Promise.all(RULES_ALONE.map((text) => oracle.ask(text)));
  const fixed = RULES_ALONE.map((text, i) => {
    assert.ok(answers[i].loadError, `${JSON.stringify(text)}: the oracle loads it`);
    const d = createPolicyDocument(`file:///rules-${i}.yaml`, 1, text);
    const error = validate(d, DEFAULT_SETTINGS, { force: true }).find((x) => x.code === 'wrong-type');
    assert.ok(error, JSON.stringify(text));
    assert.match(String(error.message), /this list holds rules, which go under `rules:` in a Policy/);
    const [fix] = doCodeActions(d, error.range, { diagnostics: [error] }, DEFAULT_SETTINGS).filter(
      (a) => a.kind === CodeActionKind.QuickFix,
    );
    assert.ok(fix?.edit?.changes, `${JSON.stringify(text)}: no quick fix`);
    return applyEdits(d, fix.edit.changes[d.uri]);
  });
  // The last file's first item is no rule: kube-apiserver refuses the fixed file for it (a string in Rules).
  const loaded = await Promise.all(fixed.map((text) => oracle.ask(text)));
  assert.deepEqual(
    loaded.map((a) => a.loadError === null),
    [true, true, true, false],
  );
  assert.match(loaded[3].loadError ?? '', /v1\.Policy\.Rules/);
});
