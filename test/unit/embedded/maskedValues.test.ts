// A value the host computes (a Terraform interpolation in a heredoc, a Terraform expression in a
// yamlencode object, a Helm directive) is read as a placeholder of its own length; what people
// read (explain, hover, diagnostics, outline) shows what they wrote in its place. The verdicts
// are the oracle's (kube-apiserver 1.20.2) for the policy with each computed value replaced by a
// name nobody has, as the docs say it is read; its answer is noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  createHostDocument,
  DEFAULT_SETTINGS,
  formatExplanation,
  hostDiagnostics,
  hostExplain,
  hostHover,
  hostSymbols,
  translators,
} from '../../../server/src/service';
import type { HostDocument, RequestAttributes } from '../../../server/src/service';
import { maskOf } from '../../../server/src/service/embedded/maskedValues';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///masked/${name}`, 1, text, undefined, {});
}

const BOB_GETS_PODS: RequestAttributes = {
  user: 'bob',
  groups: [],
  verb: 'get',
  resourceRequest: true,
  namespace: 'prod',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'pods',
  subresource: '',
  name: '',
  path: '/api/v1/namespaces/prod/pods',
};

const COMPUTED = '(a value computed where the policy is written, read as matching no request)';

const HEREDOC = `resource "kubernetes_config_map" "audit" {
  data = {
    "policy.yaml" = <<-EOT
      apiVersion: audit.k8s.io/v1
      kind: Policy
      rules:
      - level: None
        namespaces: ["\${var.namespace}"]
        verbs: ["get"]
      - level: Metadata
        users: [\${var.admin}]
      - level: Request
    EOT
  }
}
`;

test('explain shows an interpolation in a Terraform heredoc as written, not as its placeholder', () => {
  const h = host('main.tf', HEREDOC);
  const [t] = translators(h);
  // Oracle: the policy with both values a name nobody has, `bob get pods` in prod -> rule 2, Request.
  const answer = hostExplain(t, BOB_GETS_PODS);
  assert.deepEqual([answer.rule, answer.level, answer.line], [2, 'Request', 12]);
  assert.deepEqual(
    answer.trace.map((e) => [e.line, e.reason]),
    [
      [7, `namespace "prod" is not in namespaces ["\${var.namespace}"] ${COMPUTED}`],
      [10, `user "bob" is not in users ["\${var.admin}"] ${COMPUTED}`],
    ],
  );
  assert.doesNotMatch(formatExplanation(BOB_GETS_PODS, answer), /_{3}/);
});

test('explain shows a Terraform expression of a yamlencode object as written', () => {
  const text = `locals {
  policy = yamlencode({
    apiVersion = "audit.k8s.io/v1"
    kind       = "Policy"
    rules = [
      { level = "None", users = var.users, namespaces = ["\${var.namespace}"] },
      { level = local.default_level },
    ]
  })
}
`;
  const h = host('main.tf', text);
  const [t] = translators(h);
  // Oracle: `users: [nobody-has-this]` -> rule 1 for bob; its level is computed, shown as written.
  const answer = hostExplain(t, BOB_GETS_PODS);
  assert.deepEqual([answer.rule, answer.line, answer.level], [1, 7, 'local.default_level']);
  assert.deepEqual(
    answer.trace.map((e) => e.reason),
    [`user "bob" is not in users [var.users] ${COMPUTED}`],
  );
});

test('hover, outline and diagnostics show computed values as written, on the same ranges', () => {
  const text = HEREDOC.replace(
    '- level: Request',
    '- level: Metadata\n        users: [${var.admin}]\n      - level: Request',
  );
  const h = host('main.tf', text);
  const at = text.indexOf('${var.admin}');
  const position = h.lines.positionAt(at + 2);
  const hover = hostHover(h, position, DEFAULT_SETTINGS);
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /^\*\*\$\{var\.admin\}\*\* \(users item\)/);
  assert.match(
    value,
    /\*A value shown here is computed where the policy is written \(a template, Terraform\): it is not known here\.\*$/,
  );
  const plain = hostHover(h, h.lines.positionAt(text.indexOf('Request') + 2), DEFAULT_SETTINGS);
  assert.doesNotMatch((plain?.contents as { value: string }).value, /computed/);
  assert.deepEqual(
    [hover?.range?.start, hover?.range?.end],
    [h.lines.positionAt(at), h.lines.positionAt(at + '${var.admin}'.length)],
  );
  const rules = hostSymbols(h)[0].children!.find((s) => s.name === 'rules')!.children!;
  assert.deepEqual(
    rules.map((s) => s.name),
    [
      '#1 None: get in ${var.namespace}',
      '#2 Metadata: by ${var.admin}',
      '#3 Metadata: by ${var.admin}',
      '#4 Request: everything',
    ],
  );
  // The same expression twice names the same users: the second rule is unreachable, and its
  // message, on a line of its own, carries no placeholder.
  const unreachable = hostDiagnostics(h, DEFAULT_SETTINGS).filter((d) => d.code === 'unreachable-rule');
  assert.deepEqual(
    unreachable.map((d) => d.range.start.line + 1),
    [12],
  );
});

test('two different expressions of the same length are two different values', () => {
  const text = HEREDOC.replace(
    'namespaces: ["${var.namespace}"]\n        verbs: ["get"]',
    'users: [${var.aa}]',
  ).replace('users: [${var.admin}]', 'users: [${var.bb}]');
  const h = host('main.tf', text);
  assert.deepEqual(
    hostDiagnostics(h, DEFAULT_SETTINGS).filter((d) => d.code === 'unreachable-rule'),
    [],
  );
  const [t] = translators(h);
  assert.deepEqual(
    hostExplain(t, BOB_GETS_PODS).trace.map((e) => e.reason),
    [`user "bob" is not in users ["\${var.aa}"] ${COMPUTED}`, `user "bob" is not in users ["\${var.bb}"] ${COMPUTED}`],
  );
});

test('a Helm template of a policy (the file is the policy) shows its directives as written', () => {
  const text =
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: [{{ .Values.user }}]\n  namespaces: [prod]\n' +
    '- level: Metadata\n';
  const h = host('templates/audit-policy.yaml', text);
  const [t] = translators(h);
  // Oracle: `users: [nobody-has-this]`, `namespaces: [prod]` -> rule 1, Metadata.
  const answer = hostExplain(t, BOB_GETS_PODS);
  assert.deepEqual([answer.rule, answer.line], [1, 7]);
  assert.deepEqual(
    answer.trace.map((e) => e.reason),
    [`user "bob" is not in users ["{{ .Values.user }}"] ${COMPUTED}`],
  );
});

test('a mask keeps the length of what it hides, reads as a string, and is the same for the same text', () => {
  for (const original of ['${}', '${var.x}', '{{ .Values.users | toYaml }}', 'var.users', 'local.a']) {
    const mask = maskOf(original);
    assert.equal(mask.length, original.length);
    assert.match(mask, /^_[0-9a-z_]*$/);
    assert.equal(maskOf(original), mask);
  }
  assert.notEqual(maskOf('${var.aa}'), maskOf('${var.bb}'));
  assert.equal(maskOf('var.users', 7).length, 7);
});
