// Each host kind: the policies found in it, and the errors and warnings at the host line and
// column, underlining the host text a person wrote. Each expected row names the mistake planted
// in the fixture and what kube-apiserver makes of it (the codes are tested on plain policies in
// test/unit/validate; here only their place in the host is new).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findingRows, fixtureNames, hostOf, lineOf } from './support';

const CM = 'documents[1].data["audit-policy.yaml"]';
const KCP = 'spec.kubeadmConfigSpec.files[1].content';

/** The lines from `- group: <group>` to the end of one of the two group lists in
 *  kubeadm-control-plane.yaml: the list is written twice, and what follows it tells the two apart. */
const KCP_GROUPS = [
  'extensions',
  'metrics.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'settings.k8s.io',
  'storage.k8s.io',
];
const kcpGroup = (group: string, end: string): string =>
  `${KCP_GROUPS.slice(KCP_GROUPS.indexOf(group))
    .map((g) => `- group: ${g}`)
    .join('\n            ')}\n${end}`;

const TABLE: Record<
  string,
  { policies: string[]; rows: Array<{ code: string; text: string; line: string; at: string }> }
> = {
  'configmap.yaml': {
    policies: ['data["policy.yaml"]', CM],
    rows: [
      { code: 'unknown-field', text: 'groups', line: '- groups: [""]', at: CM },
      { code: 'invalid-level', text: 'Metadat', line: '- level: Metadat\n', at: CM },
    ],
  },
  'kubeadm-control-plane.yaml': {
    // The encryption config in files[0] is not a policy; the nested verbs of rules[0] are dropped.
    // The cluster runs v1.29.0 but the setting is the default, 1.36: `extensions` is not served from
    // 1.22 (the migration guide), `settings.k8s.io` not from 1.20 (absent from 1.20's swagger.json).
    policies: [KCP],
    rows: [
      { code: 'unknown-field', text: 'verbs', line: '    verbs:\n', at: KCP },
      { code: 'group-not-served', text: 'extensions', line: kcpGroup('extensions', '            verbs:'), at: KCP },
      {
        code: 'group-not-served',
        text: 'settings.k8s.io',
        line: kcpGroup('settings.k8s.io', '            verbs:'),
        at: KCP,
      },
      {
        code: 'group-not-served',
        text: 'extensions',
        line: kcpGroup('extensions', '          - level: Metadata'),
        at: KCP,
      },
      {
        code: 'group-not-served',
        text: 'settings.k8s.io',
        line: kcpGroup('settings.k8s.io', '          - level: Metadata'),
        at: KCP,
      },
    ],
  },
  'kubeadm-config-template.yaml': {
    // Found by its path (/etc/kubernetes/audit/...) before it has an apiVersion: refused without one.
    // `users: ["system:node:*"]` is compared exactly (checker.go hasString): it never matches a node.
    policies: ['spec.template.spec.files[0].content'],
    rows: [
      { code: 'invalid-api-version', text: 'rules', line: 'rules:', at: 'spec.template.spec.files[0].content' },
      {
        code: 'literal-wildcard',
        text: '"system:node:*"',
        line: 'system:node:*',
        at: 'spec.template.spec.files[0].content',
      },
    ],
  },
  'kops-cluster.yaml': {
    policies: ['spec.fileAssets[0].content'],
    rows: [
      // The underline covers the quoted value, whose quotes are escaped in the host string.
      { code: 'invalid-stage', text: '\\"RequestRecieved\\"', line: 'content: "', at: 'spec.fileAssets[0].content' },
      {
        code: 'surrounding-whitespace',
        text: '\\"system:authenticated \\"',
        line: 'content: "',
        at: 'spec.fileAssets[0].content',
      },
    ],
  },
  'rancher-cluster.yaml': { policies: ['spec.rkeConfig.machineGlobalConfig.audit-policy-file'], rows: [] },
  'talos-controlplane.yaml': {
    policies: ['cluster.apiServer.auditPolicy'],
    rows: [
      {
        code: 'invalid-stage',
        text: '"RequestRecieved"',
        line: 'RequestRecieved',
        at: 'cluster.apiServer.auditPolicy',
      },
      { code: 'unreachable-rule', text: 'level: None', line: '- level: None', at: 'cluster.apiServer.auditPolicy' },
      { code: 'unknown-verb', text: '"gett"', line: '"gett"', at: 'cluster.apiServer.auditPolicy' },
    ],
  },
  'rke1-cluster.yml': {
    policies: ['services.kube-api.audit_log.configuration.policy'],
    rows: [
      {
        code: 'literal-wildcard',
        text: '"kube-*"',
        line: 'kube-*',
        at: 'services.kube-api.audit_log.configuration.policy',
      },
    ],
  },
  'audit-docs.md': {
    // The Deployment fence is no policy; the ConfigMap fence holds one.
    policies: [
      'Markdown block 1 (line 5)',
      'Markdown block 2 (line 15) data["policy.yaml"]',
      'Markdown block 4 (line 39)',
    ],
    rows: [
      {
        code: 'invalid-level',
        text: 'Requestt',
        line: 'Requestt',
        at: 'Markdown block 2 (line 15) data["policy.yaml"]',
      },
      {
        code: 'surrounding-whitespace',
        text: '"system:masters "',
        line: 'system:masters ',
        at: 'Markdown block 4 (line 39)',
      },
    ],
  },
  'helm-configmap.yaml': {
    // `level: {{ ... }}` and the `{{- if }}` lines are directives: no finding; the typo below is one.
    policies: ['data["audit-policy.yaml"]'],
    rows: [{ code: 'invalid-stage', text: '"Panicc"', line: 'Panicc', at: 'data["audit-policy.yaml"]' }],
  },
  'configmap-then-policy.yaml': {
    // kube-apiserver reads the ConfigMap, the first document, and refuses it (oracle: `no kind
    // "ConfigMap" is registered for version "v1"`); the Policy after it is never read.
    policies: [''],
    rows: [
      { code: 'invalid-kind', text: '---', line: '---', at: '' },
      { code: 'ignored-document', text: 'apiVersion: audit.k8s.io/v1', line: 'apiVersion: audit.k8s.io/v1', at: '' },
    ],
  },
  'chef-audit-configmap.yaml.erb': {
    // A Chef template of a ConfigMap: its `<% if %>` and `<% each %>` lines sit at column 0 among
    // the block scalar's lines. Oracle on the rendered policy (every branch, one quiet user, level
    // Metadata): rules[3].level: Unsupported value: "Metdata".
    policies: ['data["audit-policy.yaml"]'],
    rows: [{ code: 'invalid-level', text: 'Metdata', line: 'level: Metdata', at: 'data["audit-policy.yaml"]' }],
  },
  'hugo-shortcodes.md': {
    // Hugo highlight shortcodes (one in a table cell, as the Talos reference writes them) and a
    // fence, two of them listing a Namespace before the Policy. Oracle on each policy: rules[1].level
    // "Metdata"; rules[0].omitStages[0] "RequestRecieved" (1.20 still serves v1beta1, 1.24 removed
    // it: the default 1.36 refuses it); rules[1].level "Requst". `stages` is the corpus policy's own.
    policies: [
      'Markdown block 3 (line 18) auditPolicy',
      'Markdown block 4 (line 33) documents[1]',
      'Markdown block 5 (line 52) documents[1]',
    ],
    rows: [
      {
        code: 'invalid-level',
        text: 'Metdata',
        line: '- level: Metdata',
        at: 'Markdown block 3 (line 18) auditPolicy',
      },
      {
        code: 'invalid-api-version',
        text: 'audit.k8s.io/v1beta1',
        line: 'audit.k8s.io/v1beta1',
        at: 'Markdown block 4 (line 33) documents[1]',
      },
      { code: 'unknown-field', text: 'stages', line: '     stages:', at: 'Markdown block 4 (line 33) documents[1]' },
      {
        code: 'invalid-stage',
        text: 'RequestRecieved',
        line: 'RequestRecieved',
        at: 'Markdown block 4 (line 33) documents[1]',
      },
      { code: 'invalid-level', text: 'Requst', line: 'Requst', at: 'Markdown block 5 (line 52) documents[1]' },
    ],
  },
  'kwok-kwokctl-auditing.md': {
    // A real doc (kubernetes-sigs/kwok): Hugo shortcodes outside the fences, `\`\`\` bash` with a
    // space. The oracle loads the heredoc's policy (1 rule), so there is nothing to report.
    policies: ['Markdown block 1 (line 15) heredoc (line 1)'],
    rows: [],
  },
};

test('every fixture has a row in the table', () => {
  assert.deepEqual(fixtureNames(), Object.keys(TABLE).sort());
});

for (const [name, expected] of Object.entries(TABLE)) {
  test(`${name}: the policies it holds and their findings in host terms`, () => {
    const host = hostOf(name, undefined, name === 'configmap-then-policy.yaml');
    assert.deepEqual(
      host.policies.map((p) => p.region.hostPath),
      expected.policies,
    );
    const rows = findingRows(host).map((r) => ({ code: r.code, text: r.text.split('\n')[0], line: r.line, at: r.at }));
    assert.deepEqual(
      rows,
      expected.rows.map((r) => ({ code: r.code, text: r.text.split('\n')[0], line: lineOf(name, r.line), at: r.at })),
    );
  });
}

test('a host file is not checked as a policy: no finding for its own keys', () => {
  for (const name of fixtureNames().filter((n) => n !== 'configmap-then-policy.yaml')) {
    const host = hostOf(name, undefined, true);
    assert.equal(host.kind, 'host', name);
    assert.ok(
      findingRows(host).every((r) => r.at !== ''),
      `${name}: a finding outside every embedded policy`,
    );
  }
});
