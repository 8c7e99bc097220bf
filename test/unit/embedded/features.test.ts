// Editing features inside embedded policies: each answer is the service's answer on the policy
// alone, carried to the host. Quick fixes are applied to the host and the result read again.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  createHostDocument,
  DEFAULT_SETTINGS,
  doCodeActions,
  hostCodeActions,
  hostComplete,
  hostDiagnostics,
  hostFixAll,
  hostHover,
  hostSemanticTokens,
  hostSymbols,
} from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { applyEdits, fixtureNames, hostOf, hostText } from './support';

function quickFixesFor(host: HostDocument, d: Diagnostic) {
  return hostCodeActions(host, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
}

for (const name of fixtureNames().filter((n) => n !== 'configmap-then-policy.yaml')) {
  test(`${name}: each quick fix, applied to the host, is the fix applied to the policy alone`, () => {
    const host = hostOf(name);
    let tried = 0;
    for (const d of hostDiagnostics(host, DEFAULT_SETTINGS)) {
      const at = (d.data as { embeddedAt: string }).embeddedAt;
      const policy = host.policies.find((p) => p.region.hostPath === at)!;
      for (const action of quickFixesFor(host, d)) {
        const fixedHost = hostOf(name, applyEdits(host, action.edit!.changes![host.uri]));
        const fixedPolicy = fixedHost.policies.find((p) => p.region.hostPath === at);
        assert.ok(fixedPolicy, `${name}: "${action.title}" lost the policy at ${at}`);
        // The same fix offered on the policy alone, by title.
        const alone = doCodeActions(
          policy.doc,
          policy.doc.lines.rangeOf(0, 0),
          { diagnostics: regionDiagnostics(policy.doc, d, at), only: ['quickfix'] },
          DEFAULT_SETTINGS,
        ).find((a) => a.title === action.title);
        assert.ok(alone, `${name}: "${action.title}" is not offered on the policy alone`);
        const edits = alone.edit!.changes![policy.doc.uri];
        const expected = applyEdits({ ...host, text: policy.doc.text, lines: policy.doc.lines } as HostDocument, edits);
        assert.equal(fixedPolicy.region.text, expected, `${name}: "${action.title}"`);
        tried++;
      }
    }
    const fixable = hostDiagnostics(host, DEFAULT_SETTINGS).filter(
      (d) => (d.severity ?? 1) <= 2 && d.code !== 'unreachable-rule',
    );
    if (fixable.length > 0) assert.ok(tried > 0, `${name}: no quick fix was tried`);
  });
}

/** The service's own diagnostic for a host diagnostic, found by code and message. */
function regionDiagnostics(doc: HostDocument['policies'][number]['doc'], d: Diagnostic, _at: string): Diagnostic[] {
  return hostDiagnostics(createHostDocument(doc.uri, 1, doc.text, undefined, { forced: true }), DEFAULT_SETTINGS, {
    force: true,
  }).filter((x) => x.code === d.code && x.message === d.message);
}

test('fix-all in a host fixes every embedded policy, and the host still holds them all', () => {
  for (const name of ['configmap.yaml', 'kops-cluster.yaml', 'talos-controlplane.yaml', 'audit-docs.md']) {
    const host = hostOf(name);
    const all = hostFixAll(host, DEFAULT_SETTINGS);
    assert.ok(all, name);
    const fixed = hostOf(name, applyEdits(host, all.edit!.changes![host.uri]));
    assert.deepEqual(
      fixed.policies.map((p) => p.region.hostPath),
      host.policies.map((p) => p.region.hostPath),
      name,
    );
    const left = hostDiagnostics(fixed, DEFAULT_SETTINGS).filter((d) => d.severity === 1);
    assert.deepEqual(
      left.map((d) => d.code),
      [],
      `${name}: errors left after fix-all`,
    );
  }
});

test('a fix in a quoted string is written escaped, and one with a line break into a block is re-indented', () => {
  const kops = hostOf('kops-cluster.yaml');
  const stage = hostDiagnostics(kops, DEFAULT_SETTINGS).find((d) => d.code === 'invalid-stage')!;
  const fix = quickFixesFor(kops, stage).find((a) => a.isPreferred)!;
  assert.deepEqual(
    fix.edit!.changes![kops.uri].map((e) => e.newText),
    ['\\"RequestReceived\\"'],
  );
  const kcp = hostOf('kubeadm-control-plane.yaml');
  const nested = hostDiagnostics(kcp, DEFAULT_SETTINGS).find((d) => d.code === 'unknown-field')!;
  const move = quickFixesFor(kcp, nested).find((a) => a.isPreferred)!;
  for (const e of move.edit!.changes![kcp.uri]) {
    for (const line of e.newText.split('\n').slice(1))
      if (line.trim() !== '') assert.match(line, /^ {10}/, 'a moved line keeps the block indentation');
  }
});

test('completion in a Talos inline mapping offers the levels, with edits on the host line', () => {
  const text =
    'cluster:\n  apiServer:\n    auditPolicy:\n      apiVersion: audit.k8s.io/v1\n      kind: Policy\n      rules:\n        - level: \n';
  const host = createHostDocument('file:///talos.yaml', 1, text);
  const position = { line: 6, character: 17 };
  const list = hostComplete(host, position, DEFAULT_SETTINGS);
  assert.deepEqual(list.items.map((i) => i.label).sort(), ['Metadata', 'None', 'Request', 'RequestResponse']);
  for (const item of list.items) {
    const edit = item.textEdit as { range: { start: { line: number } } } | undefined;
    if (edit) assert.equal(edit.range.start.line, 6);
  }
});

test('completion outside every embedded policy offers nothing', () => {
  const host = hostOf('configmap.yaml');
  assert.deepEqual(hostComplete(host, { line: 1, character: 6 }, DEFAULT_SETTINGS).items, []);
});

test('hover on an embedded rule and on a key, with the range in host terms', () => {
  const host = hostOf('rke1-cluster.yml');
  const line = host.text.split('\n').findIndex((l) => l.includes('- level: Metadata'));
  const hover = hostHover(
    host,
    { line, character: host.text.split('\n')[line].indexOf('level') + 1 },
    DEFAULT_SETTINGS,
  );
  assert.ok(hover && hover.range, 'hover');
  assert.equal(hostText(host, hover.range!), 'level');
  assert.equal(hostHover(host, { line: 0, character: 1 }, DEFAULT_SETTINGS), null, 'the host key `nodes` is not ours');
});

test('symbols: each embedded policy under its host path, its rules inside at host lines', () => {
  const host = hostOf('configmap.yaml');
  const symbols = hostSymbols(host);
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['data["policy.yaml"]', 'documents[1].data["audit-policy.yaml"]'],
  );
  const rules = symbols[1].children!.find((s) => s.name === 'rules')!;
  const first = rules.children![0];
  assert.match(hostText(host, first.selectionRange), /level|-/);
  assert.ok(first.range.start.line > symbols[1].range.start.line);
});

test('semantic tokens lie on the host text they colour', () => {
  for (const name of fixtureNames()) {
    const host = hostOf(name);
    const data = hostSemanticTokens(host);
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      const word = host.text.split(/\r?\n/)[line].slice(char, char + data[i + 2]);
      assert.match(word, /^[\w"'./:*$\\-]/, `${name}: token at ${line + 1}:${char + 1} is "${word}"`);
    }
    if (name !== 'configmap-then-policy.yaml') assert.ok(data.length > 0, `${name}: no tokens`);
  }
});
