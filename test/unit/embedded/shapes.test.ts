// Host shapes met in real repositories, each written here as a small inline document: where the
// policy is found, where its findings land (the host text underlined, by hand), and that a quick
// fix leaves a host its own tool still reads. Verdicts were asked of kube-apiserver 1.20.2's loader
// (the oracle) on the extracted policy; its answer is noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  createHostDocument,
  DEFAULT_SETTINGS,
  hostCodeActions,
  hostDiagnostics,
  hostExplain,
  hostHover,
  hostInlayHints,
  hostSemanticTokens,
  translators,
} from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { applyEdits, findingRows } from './support';

function host(name: string, text: string, forced = false): HostDocument {
  return createHostDocument(`file:///shapes/${name}`, 1, text, undefined, { forced });
}

/** The first quick fix offered for the first finding with `code`, applied to the host. */
function fixed(h: HostDocument, code: string): string {
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.code === code);
  assert.ok(d, `no ${code} finding`);
  const [action] = hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.ok(action, `no quick fix for ${code}`);
  return applyEdits(h, action.edit!.changes![h.uri]);
}

test('a policy written as a flow mapping (Talos auditPolicy: {...}) is read as YAML, not as JSON', () => {
  // The oracle refuses `{apiVersion: audit.k8s.io/v1, ...}` given alone (JSON: "invalid character
  // 'a' looking for beginning of object key string"), but Talos writes the mapping out as YAML;
  // that YAML with `level: Metadat` is refused for the level only.
  const text =
    'cluster:\n  apiServer:\n    auditPolicy: {apiVersion: audit.k8s.io/v1, kind: Policy, rules: [{level: Metadat}]}\n';
  const h = host('talos.yaml', text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metadat', line: 3, at: 'cluster.apiServer.auditPolicy' },
  ]);
  assert.equal(fixed(h, 'invalid-level'), text.replace('Metadat}', 'Metadata}'));
});

test('a file named as a policy that declares another object holds none (kind Cluster, a Kustomization)', () => {
  const kind = [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    'nodes:',
    '- role: control-plane',
    '  kubeadmConfigPatches:',
    '  - |',
    '    kind: ClusterConfiguration',
    '    apiServer:',
    '      extraArgs:',
    '        audit-policy-file: /etc/kubernetes/audit/policy.yaml',
    '',
  ].join('\n');
  assert.equal(host('kind.yaml', kind, true).kind, 'none');
  const kyverno = 'apiVersion: kyverno.io/v1\nkind: Policy\nmetadata:\n  name: audit-labels\nspec: {}\n';
  assert.equal(host('kyverno.yaml', kyverno, true).kind, 'none');
  // A policy being written is still checked as one: no apiVersion yet, a kind half typed, the
  // core group by mistake (the oracle refuses each: missing or unknown version or kind).
  for (const text of ['rules:\n- level: Metadata\n', 'kind: Polic\n', 'apiVersion: v1\nkind: Policy\n']) {
    const h = host('policy.yaml', text, true);
    assert.equal(h.kind, 'policy', text);
    assert.ok(
      hostDiagnostics(h, DEFAULT_SETTINGS, { force: true }).some((d) => d.severity === 1),
      text,
    );
  }
});

// Here-documents: a shell script, Terraform, a Dockerfile, a README's shell block.

test('Terraform <<-EOT: the body loses its common indentation; a fix re-indents what it inserts', () => {
  const text = [
    'locals {',
    '  audit_policy = <<-EOT',
    '    kind: Policy',
    '    rules:',
    '      - level: Metadata',
    '  EOT',
    '}',
    '',
  ].join('\n');
  const h = host('main.tf', text);
  assert.deepEqual(
    h.policies.map((p) => [p.region.hostPath, p.region.text]),
    [['heredoc (line 2)', 'kind: Policy\nrules:\n  - level: Metadata']],
  );
  // The oracle refuses the body: "unknown group version field audit.k8s.io/__internal, Kind=Policy".
  assert.deepEqual(
    findingRows(h).filter((r) => r.code === 'invalid-api-version'),
    [{ code: 'invalid-api-version', text: 'kind', line: 3, at: 'heredoc (line 2)' }],
  );
  assert.equal(
    fixed(h, 'invalid-api-version'),
    text.replace('    kind:', '    apiVersion: audit.k8s.io/v1\n    kind:'),
  );
});

test('a shell <<- here-document loses its leading tabs; a quoted delimiter; a ${} is a directive', () => {
  const text = [
    '#!/bin/sh',
    'if true; then',
    '\tcat <<-"EOF" > /etc/kubernetes/audit.yaml',
    '\tapiVersion: audit.k8s.io/v1',
    '\tkind: Policy',
    '\trules:',
    '\t  - level: Metadat',
    '\t    users: ["${ADMIN}"]',
    '\tEOF',
    'fi',
    '',
  ].join('\n');
  const h = host('install.sh', text);
  assert.equal(h.policies[0]?.region.text.split('\n')[3], '  - level: Metadat');
  // The oracle: rules[0].level: Unsupported value: "Metadat" (the users line shares nothing with it).
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metadat', line: 7, at: 'heredoc (line 3)' }]);
  assert.equal(fixed(h, 'invalid-level'), text.replace('Metadat\n', 'Metadata\n'));
});

test('a ConfigMap in a Terraform heredoc (kubectl_manifest) is a host in turn', () => {
  const text = [
    'resource "kubectl_manifest" "audit" {',
    '  yaml_body = <<YAML',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  namespace: ${var.namespace}',
    'data:',
    '  policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: ${var.level}',
    '    - level: Metadat',
    'YAML',
    '}',
    '',
  ].join('\n');
  const h = host('audit.tf', text);
  // The oracle refuses rules[1].level "Metadat"; rules[0] is whatever Terraform puts there.
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metadat', line: 13, at: 'heredoc (line 2) data["policy.yaml"]' },
  ]);
});

test('a Dockerfile COPY here-document, and one never closed (a shell reads it to the end)', () => {
  const docker =
    'FROM alpine\nCOPY <<POLICY /etc/kubernetes/audit.yaml\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadat\nPOLICY\n';
  assert.deepEqual(findingRows(host('Dockerfile', docker)), [
    { code: 'invalid-level', text: 'Metadat', line: 6, at: 'heredoc (line 2)' },
  ]);
  const open = 'cat <<EOF > audit.yaml\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadat\n';
  assert.deepEqual(findingRows(host('setup.sh', open)), [
    { code: 'invalid-level', text: 'Metadat', line: 5, at: 'heredoc (line 1)' },
  ]);
  // A script is never a policy itself, even named as one: it holds none here.
  assert.equal(host('setup.sh', 'echo "audit: none"\n', true).kind, 'none');
});

test('Markdown: a heredoc in a bash block inside a list item, and a `yaml title=...` block', () => {
  const text = [
    '1. Write the policy:',
    '',
    '   ```bash',
    '   cat <<EOF | sudo tee /etc/kubernetes/audit-policy.yaml',
    '   apiVersion: audit.k8s.io/v1',
    '   kind: Policy',
    '   rules:',
    '   - level: Metadat',
    '   EOF',
    '   ```',
    '',
    '```yaml title="values.yaml"',
    'audit:',
    '  policy: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Requst',
    '```',
    '',
  ].join('\n');
  const h = host('README.md', text);
  // The oracle refuses each body for its level: "Metadat", "Requst". A heredoc's line is counted
  // in its block, as each step of a path is counted in the one before.
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metadat', line: 8, at: 'Markdown block 1 (line 3) heredoc (line 1)' },
    { code: 'invalid-level', text: 'Requst', line: 18, at: 'Markdown block 2 (line 12) audit.policy' },
  ]);
  assert.equal(fixed(h, 'invalid-level'), text.replace('Metadat\n', 'Metadata\n'));
});

// Content kept encoded: cloud-init and Cluster API `encoding:`, a Secret's data, a ConfigMap's binaryData.

const LEVEL_TYPO = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadat\n';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

test('cloud-init write_files with encoding b64 and gzip+base64: the decoded policy, its findings on the value', () => {
  const plain = b64(LEVEL_TYPO);
  const gzipped = gzipSync(LEVEL_TYPO).toString('base64');
  const text = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/kubernetes/audit-policy.yaml',
    '    encoding: b64',
    `    content: ${plain}`,
    '  - path: /etc/kubernetes/audit/policy.yaml',
    '    encoding: gzip+base64',
    `    content: "${gzipped}"`,
    '',
  ].join('\n');
  const h = host('user-data.yaml', text);
  assert.deepEqual(
    h.policies.map((p) => p.region.text),
    [LEVEL_TYPO, LEVEL_TYPO],
  );
  // The oracle refuses the decoded file: rules[0].level: Unsupported value: "Metadat".
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: plain, line: 5, at: 'write_files[0].content' },
    { code: 'invalid-level', text: gzipped, line: 8, at: 'write_files[1].content' },
  ]);
  const [first, second] = hostDiagnostics(h, DEFAULT_SETTINGS);
  assert.match(String(first.message), /^line 4:10 of the base64-decoded file: /);
  assert.match(String(second.message), /^line 4:10 of the gzip\+base64-decoded file: /);
  // Nothing can be written into an encoded value.
  assert.deepEqual(hostCodeActions(h, first.range, { diagnostics: [first], only: ['quickfix'] }, DEFAULT_SETTINGS), []);
  // Nor is any host character one of the policy's: no hover, no colors, no rule numbers there.
  assert.equal(hostHover(h, { line: 4, character: 20 }, DEFAULT_SETTINGS), null);
  assert.equal(hostSemanticTokens(h).length, 0);
  assert.deepEqual(hostInlayHints(h, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }), []);
});

test("a Secret's data and a ConfigMap's binaryData are base64; other keys and undecodable values hold nothing", () => {
  const secret = [
    'apiVersion: v1',
    'kind: Secret',
    'data:',
    `  audit-policy.yaml: ${b64('kind: Policy\nrules:\n- level: Metadata\n')}`,
    `  token: ${b64('not\na policy\n')}`,
    '',
  ].join('\n');
  // The oracle refuses the decoded policy: "unknown group version field audit.k8s.io/__internal".
  assert.deepEqual(
    findingRows(host('secret.yaml', secret)).map((r) => [r.code, r.line, r.at]),
    [['invalid-api-version', 4, 'data["audit-policy.yaml"]']],
  );
  const configMap = `apiVersion: v1\nkind: ConfigMap\nbinaryData:\n  policy: ${b64(LEVEL_TYPO)}\n`;
  assert.deepEqual(
    findingRows(host('cm.yaml', configMap)).map((r) => [r.code, r.line, r.at]),
    [['invalid-level', 4, 'binaryData.policy']],
  );
  const broken = [
    '#cloud-config',
    'write_files:',
    '- path: /etc/kubernetes/audit-policy.yaml',
    '  encoding: b64',
    '  content: "!!! not base64"',
    '- path: /etc/kubernetes/audit.yaml',
    '  encoding: gzip+base64',
    `  content: ${b64('not gzip at all')}`,
    '',
  ].join('\n');
  assert.equal(host('user-data.yaml', broken).kind, 'none');
  // Named as a policy, a cloud-config is still not one.
  assert.equal(host('user-data.yaml', broken, true).kind, 'none');
});

test('a gzip member that says it inflates past 16 MB is not inflated', () => {
  // A policy followed by a 17 MB comment: inflated, it would be found (and take a while to read).
  const bomb = gzipSync(LEVEL_TYPO + '#'.repeat(17 * 1024 * 1024)).toString('base64');
  const text = `write_files:\n- path: /etc/audit.yaml\n  encoding: gzip+base64\n  content: ${bomb}\n`;
  assert.equal(host('user-data.yaml', text).kind, 'none');
});

test("Kubespray's audit_policy_custom_rules: the rules under the role's own header", () => {
  const text = [
    'kubernetes_audit: true',
    'audit_policy_custom_rules: |',
    '  - level: None',
    '    users: ["system:kube-proxy"]',
    '    verbs: ["watch"]',
    '  - level: Metadat',
    '',
  ].join('\n');
  const h = host('k8s-cluster.yml', text);
  // The role renders `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n` and the rules indented
  // by 2; the oracle refuses that file for rules[1].level "Metadat".
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metadat', line: 6, at: 'audit_policy_custom_rules' },
  ]);
  assert.equal(fixed(h, 'invalid-level'), text.replace('Metadat\n', 'Metadata\n'));
});

// Terraform objects: yamlencode({...}), jsonencode({...}), a Talos patch.

const TERRAFORM = [
  'locals {',
  '  talos_patch = yamlencode({',
  '    cluster = {',
  '      apiServer = {',
  '        auditPolicy = {',
  '          apiVersion = "audit.k8s.io/v1"',
  '          kind       = "Policy"',
  '          rules      = [{ level = "Metadat" }]',
  '        }',
  '        certSANs = [hcloud_load_balancer.this.ipv4]',
  '      }',
  '    }',
  '  })',
  '  rke2_policy = yamlencode({',
  '    apiVersion = "audit.k8s.io/v1"',
  '    kind       = "Policy"',
  '    omitStages = ["RequestReceived"]',
  '    rules = [',
  '      # probes',
  '      { level = "None", nonResourceURLs = ["/healthz*", "/livez*"] },',
  '      { level = "None", users = var.quiet_users },',
  '      {',
  '        level = "Requst"',
  '        resources = [{ group = "", resources = ["secrets"] }]',
  '      },',
  '      { level="Metadata", verbs = ["get", "lisst"] }, // the last one',
  '    ]',
  '  })',
  '  json_policy = jsonencode({',
  '    "apiVersion": "audit.k8s.io/v1",',
  '    "kind": "Policy",',
  '    "rules": [{"level": "Metadata", "omitStages": ["Bogus"]}]',
  '  })',
  '}',
  '',
].join('\n');

test('Terraform yamlencode/jsonencode objects: read as the YAML they encode, findings on the HCL', () => {
  const h = host('main.tf', TERRAFORM);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['object (line 5)', 'object (line 14)', 'object (line 29)'],
  );
  // The oracle, given each object as YAML: rules[0].level "Metadat"; rules[2].level "Requst";
  // rules[0].omitStages[0] "Bogus". "lisst" loads (a verb it never sees: a warning). The line with
  // `var.quiet_users` is Terraform's to fill: nothing is said there.
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: '"Metadat"', line: 8, at: 'object (line 5)' },
    { code: 'invalid-level', text: '"Requst"', line: 23, at: 'object (line 14)' },
    { code: 'unknown-verb', text: '"lisst"', line: 26, at: 'object (line 14)' },
    { code: 'invalid-stage', text: '"Bogus"', line: 32, at: 'object (line 29)' },
  ]);
  assert.equal(fixed(h, 'invalid-level'), TERRAFORM.replace('"Metadat"', '"Metadata"'));
  assert.equal(fixed(h, 'unknown-verb'), TERRAFORM.replace('"lisst"', '"list"'));
});

test('a Terraform object edit that is not a word or a quoted string is not offered', () => {
  const text = 'locals {\n  p = yamlencode({\n    apiVersion = "audit.k8s.io/v1"\n    kind = "Policy"\n  })\n}\n';
  const h = host('main.tf', text);
  // The oracle: "loaded illegal policy with 0 rules". Its fix inserts YAML lines: not HCL.
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.code === 'no-rules');
  assert.ok(d);
  assert.deepEqual(hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS), []);
});

test('HCL that is not plain data, and scripts that are not here-documents, hold no policy', () => {
  const cases = [
    // a token out of place, a closer of another kind, never closed, a heredoc inside the object
    'x = yamlencode({ apiVersion = "audit.k8s.io/v1" kind = "Policy" x = ( })\n',
    'x = yamlencode({ apiVersion = "audit.k8s.io/v1", rules = [{ level = "None" }) })\n',
    'x = yamlencode({ apiVersion = "audit.k8s.io/v1"\n',
    'x = yamlencode({ apiVersion = "audit.k8s.io/v1", kind = <<EOT\nPolicy\nEOT\n})\n',
    'apiVersion = "audit.k8s.io/v1"\n'.repeat(100),
  ];
  for (const text of cases) assert.equal(host('main.tf', text).kind, 'none', text);
  assert.equal(host('run.sh', 'echo $((1 << 2)) audit\ncat <<< "audit"\n').kind, 'none');
});

// Hosts in hosts: positions through every level, and text written through every level.

test('a cloud-config in a CloudFormation block scalar: the finding at its host column, three levels down', () => {
  const text = [
    'Resources:',
    '  Template:',
    '    Properties:',
    '      UserData:',
    '        Fn::Base64: !Sub |',
    '          #cloud-config',
    '          write_files:',
    '            - path: /etc/kubernetes/audit-policy.yaml',
    '              content: |',
    '                apiVersion: audit.k8s.io/v1',
    '                kind: Policy',
    '                rules:',
    '                  - level: Metadat',
    '',
  ].join('\n');
  const h = host('stack.yaml', text);
  // The oracle refuses the innermost file: rules[0].level: Unsupported value: "Metadat".
  assert.deepEqual(findingRows(h), [
    {
      code: 'invalid-level',
      text: 'Metadat',
      line: 13,
      at: 'Resources.Template.Properties.UserData["Fn::Base64"] write_files[0].content',
    },
  ]);
  const d = hostDiagnostics(h, DEFAULT_SETTINGS)[0];
  assert.deepEqual(d.range.start, { line: 12, character: 27 }); // 18 spaces, then `- level: `
  assert.equal(fixed(h, 'invalid-level'), text.replace('Metadat\n', 'Metadata\n'));
});

test('a fix that inserts a line into a ConfigMap in a Kustomize patch or in an indented Markdown block', () => {
  const patch = [
    'patches:',
    '  - patch: |-',
    '      apiVersion: v1',
    '      kind: ConfigMap',
    '      data:',
    '        policy.yaml: |',
    '          kind: Policy',
    '          rules:',
    '          - level: Metadata',
    '          # audit.k8s.io',
    '',
  ].join('\n');
  // The oracle refuses the policy: "unknown group version field audit.k8s.io/__internal, Kind=Policy".
  const h = host('kustomization.yaml', patch);
  assert.equal(h.policies[0]?.region.hostPath, 'patches[0].patch data["policy.yaml"]');
  assert.equal(
    fixed(h, 'invalid-api-version'),
    patch.replace('          kind: Policy', '          apiVersion: audit.k8s.io/v1\n          kind: Policy'),
  );
  const markdown = [
    '- Step:',
    '',
    '   ```yaml',
    '   apiVersion: v1',
    '   kind: ConfigMap',
    '   data:',
    '     policy.yaml: |',
    '       kind: Policy',
    '       rules:',
    '       - level: Metadata',
    '       # audit.k8s.io',
    '   ```',
    '',
  ].join('\n');
  assert.equal(
    fixed(host('steps.md', markdown), 'invalid-api-version'),
    markdown.replace('       kind: Policy', '       apiVersion: audit.k8s.io/v1\n       kind: Policy'),
  );
});

test('a list of names Terraform computes reads as one name nobody has: the rule matches none of our requests', () => {
  const text = [
    'locals {',
    '  p = yamlencode({',
    '    apiVersion = "audit.k8s.io/v1"',
    '    kind       = "Policy"',
    '    rules = [',
    '      { level = "None", users = var.quiet },',
    '      { level = "Metadata" },',
    '    ]',
    '  })',
    '}',
    '',
  ].join('\n');
  const h = host('main.tf', text);
  assert.deepEqual(findingRows(h), []);
  const [t] = translators(h);
  const request = {
    user: 'alice',
    groups: [],
    verb: 'get',
    resourceRequest: true,
    namespace: 'x',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'pods',
    subresource: '',
    name: 'y',
    path: '/api/v1/namespaces/x/pods/y',
  };
  // Read as `users: [_______]`: the oracle, given that policy, answers rule 1, Metadata.
  const answer = hostExplain(t, request);
  assert.deepEqual([answer.rule, answer.level, answer.line], [1, 'Metadata', 7]);
});

test('a ConfigMap key that names another policy (retention-policy.yaml) is no audit policy of ours', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: x',
    'data:',
    '  audit-policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metadata',
    '  retention-policy.yaml: |',
    '    retention:',
    '      days: 90',
    '  draft-policy.yaml: |',
    '    rules:',
    '    - levl: None',
    '',
  ].join('\n');
  const host = createHostDocument('file:///k/configmap.yaml', 1, text);
  // The draft under a policy's name is checked before it says what it is; the retention policy is not.
  assert.deepEqual(
    host.policies.map((p) => p.region.hostPath),
    ['data["audit-policy.yaml"]', 'data["draft-policy.yaml"]'],
  );
});

test('printf into a file a variable names (> "${POLICY}"), in a Bats test: what printf writes is checked', () => {
  // A Bats test file is bash. The redirect's `${POLICY}` is no part of the policy on its line, and
  // printf writes `%%` as `%`. Oracle (kube-apiserver v1.20.2): `level: Bogus` is refused
  // (rules[0].level: Unsupported value: "Bogus"), and `%YAML 1.2` with "failed decoding: yaml:
  // found incompatible YAML document".
  const text = [
    '#!/usr/bin/env bats',
    '',
    '@test "a refused policy" {',
    `  printf 'apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules: [{level: Bogus}]\\n' >"\${POLICY}"`,
    `  printf '%%YAML 1.2\\n---\\napiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules: [{level: None}]\\n' | sudo tee "\${POLICY}"`,
    '}',
    '',
  ].join('\n');
  const h = host('policy.bats', text);
  assert.deepEqual(
    findingRows(h).map((r) => `${r.line} ${r.code} ${r.text}`),
    ['4 invalid-level Bogus', '5 yaml-syntax %%YAML 1.2'],
  );
  const [, refused] = hostDiagnostics(h, DEFAULT_SETTINGS);
  assert.match(String(refused.message), /found incompatible YAML document/);
});

test('a file written an echo line at a time (> then >>, or a group into a file) is read whole', () => {
  // What bash writes is the lines together; the first alone (`apiVersion: ...`) had a false no-rules
  // error. Oracle (kube-apiserver v1.20.2) on what the first script writes: rules[0].level:
  // Unsupported value: "Metdata".
  const appended = [
    '#!/bin/bash',
    'P=/etc/kubernetes/audit-policy.yaml',
    'echo "apiVersion: audit.k8s.io/v1" > $P',
    'echo "kind: Policy" >> $P',
    'sudo chmod 600 $P',
    'echo "rules:" >> $P',
    "echo '- level: Metdata' >> $P",
    'echo "done"',
    '',
  ].join('\n');
  const h = host('setup.sh', appended);
  assert.deepEqual(
    findingRows(h).map((r) => `${r.line} ${r.code} ${r.text} ${r.at}`),
    ['7 invalid-level Metdata echo lines (line 3)'],
  );
  assert.match(fixed(h, 'invalid-level'), /echo '- level: Metadata' >> \$P/);
  // A group whose output is the file, a loop inside it read once; the oracle loads what bash writes.
  const group = [
    '{',
    '  echo "apiVersion: audit.k8s.io/v1"',
    '  echo "kind: Policy"',
    '  echo "rules:"',
    '  for r in $RESOURCES; do',
    '    echo "  - level: Metadata"',
    '    echo "    resources: [{group: \\"\\", resources: [\\"${r}\\"]}]"',
    '  done',
    '  echo "  - level: None"',
    '} > /etc/kubernetes/audit.yaml',
    '',
  ].join('\n');
  const g = host('group.sh', group);
  assert.deepEqual(findingRows(g), []);
  assert.deepEqual(
    g.policies.map((p) => p.region.hostPath),
    ['echo lines (line 2)'],
  );
  // A `>` starts the file again (another branch of the script writes another policy there).
  const twice = [
    'echo "apiVersion: audit.k8s.io/v1" > f',
    'echo "kind: Policy" >> f',
    'echo "rules: [{level: None}]" >> f',
    'echo "apiVersion: audit.k8s.io/v1" > f',
    'echo "kind: Policy" >> f',
    'echo "rules: [{level: Metadata}]" >> f',
    '',
  ].join('\n');
  assert.deepEqual(
    host('twice.sh', twice).policies.map((p) => p.region.text.split('\n')[2]),
    ['rules: [{level: None}]', 'rules: [{level: Metadata}]'],
  );
});

test('a string holding Markdown (a prompt kept in JSON, notes in a YAML value): its fenced policy is read', () => {
  // Read as YAML, the string's prose and fence made the whole string a refused file (a false
  // yaml-syntax error). The policy in the fence loads (auditoracle, v1.20.2); its `wtach` never matches.
  const markdown =
    '## Audit\\n\\nUse this policy:\\n\\n```yaml\\napiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metadata\\n  verbs: [wtach]\\n```\\n';
  const json = host('prompt.json', `{"messages": [{"role": "system", "content": "${markdown}"}]}\n`);
  assert.deepEqual(
    findingRows(json).map((r) => `${r.code} ${r.text} ${r.at}`),
    ['unknown-verb wtach messages[0].content Markdown block 1 (line 5)'],
  );
  const yaml = host('notes.yaml', ['notes: |', ...markdown.split('\\n').map((l) => (l ? `  ${l}` : l)), ''].join('\n'));
  assert.deepEqual(
    findingRows(yaml).map((r) => `${r.line} ${r.code} ${r.text}`),
    ['11 unknown-verb wtach'],
  );
});
