// Host shapes from a campaign over real repositories (docs/EMBEDDED.md), each written here as a
// small inline document of the real file's shape: where the policy is found, where its findings
// land, and what is left alone. Verdicts come from kube-apiserver 1.20.2's loader (the oracle) on
// the extracted policy, noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  createHostDocument,
  DEFAULT_SETTINGS,
  hostCodeActions,
  hostDiagnostics,
  hostFormat,
} from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { applyEdits, findingRows } from './support';

function host(name: string, text: string, forced = false): HostDocument {
  return createHostDocument(`file:///real/${name}`, 1, text, undefined, { forced });
}

test('a Markdown block marked `sh` (or `text`, `json`) that holds a whole policy file is that policy', () => {
  // A CKS study note shows the policy file in a ```sh block. Oracle on each block's text:
  // rules[1].level (rules[0].level in the others): Unsupported value: "Metdata" ("Requst").
  const text = [
    '#### 4 - Audit policy',
    '',
    '```sh',
    '',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'omitStages:',
    '  - "RequestReceived"',
    'rules:',
    '  - level: None',
    '    users: ["system:kube-controller-manager"]',
    '  - level: Metdata',
    '',
    '```',
    '',
    '```text',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Requst',
    '```',
    '',
    '```json',
    '{"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": [{"level": "Metdata"}]}',
    '```',
    '',
  ].join('\n');
  const h = host('audit-log.md', text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 12, at: 'Markdown block 1 (line 3)' },
    { code: 'invalid-level', text: 'Requst', line: 20, at: 'Markdown block 2 (line 16)' },
    { code: 'invalid-level', text: '"Metdata"', line: 24, at: 'Markdown block 3 (line 23)' },
  ]);
  // The fix writes into the block, at the same place.
  const d = hostDiagnostics(h, DEFAULT_SETTINGS)[0];
  const [action] = hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.equal(applyEdits(h, action.edit!.changes![h.uri]), text.replace('level: Metdata\n', 'level: Metadata\n'));
});

test('shell notes in a `bash` block that include a policy but are not YAML hold none; its heredocs still count', () => {
  // A CKS cheat sheet: the policy, then `- --audit-policy-file=...` flags and a tab-indented
  // volume in the same ```bash block. The block is no file kube-apiserver reads.
  const notes = [
    '```bash',
    '## audit-policy.yaml',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '  - level: Metdata',
    '',
    '## kube-apiserver.yaml',
    '- --audit-policy-file=/etc/kubernetes/audit-policy.yaml',
    'volumes:',
    '- name: audit',
    '\thostPath:',
    '```',
    '',
    '```bash',
    'cat <<EOF > audit.yaml',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Requst',
    'EOF',
    '```',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('cks.md', notes)), [
    { code: 'invalid-level', text: 'Requst', line: 20, at: 'Markdown block 2 (line 15) heredoc (line 1)' },
  ]);
});

test('a heredoc that writes a policy with a wrong kind of the audit group is checked', () => {
  // A KCSA lab's "corrupted" policy. Oracle: failed decoding: no kind "AuditPolicy" is registered
  // for version "audit.k8s.io/v1alpha1"; the level "Full" would be refused next.
  const script = [
    'setup() {',
    '    cat << \'EOF\' > "${POLICY_FILE}"',
    'apiVersion: audit.k8s.io/v1alpha1  # Invalid / Deprecated API Version',
    'kind: AuditPolicy                    # Incorrect Kind (Should be Policy)',
    'rules:',
    '  - level: Full',
    'EOF',
    '}',
    '',
  ].join('\n');
  const rows = findingRows(host('lab.sh', script)).map(({ code, text, line }) => ({ code, text, line }));
  assert.deepEqual(rows, [
    { code: 'invalid-api-version', text: 'audit.k8s.io/v1alpha1', line: 3 },
    { code: 'invalid-kind', text: 'AuditPolicy', line: 4 },
    { code: 'invalid-level', text: 'Full', line: 6 },
  ]);
});

test('a Terraform variable file (.tfvars, language terraform-vars) is HCL: a Talos patch in its heredoc', () => {
  // A home-lab module's talos_cluster.auto.tfvars: `api_server = <<-EOT` holds the Talos apiServer
  // patch, its auditPolicy a mapping. Oracle on the policy: rules[0].level: Unsupported value: "Metadat".
  const text = [
    'talos_cluster_config = {',
    '  name = "talos"',
    '  api_server          = <<-EOT',
    '    certSANs: ["127.0.0.1"]',
    '    auditPolicy:',
    '      apiVersion: audit.k8s.io/v1',
    '      kind: Policy',
    '      rules:',
    '        - level: Metadat',
    '  EOT',
    '}',
    '',
  ].join('\n');
  const expected = [{ code: 'invalid-level', text: 'Metadat', line: 9, at: 'heredoc (line 3) auditPolicy' }];
  assert.deepEqual(findingRows(host('talos_cluster.auto.tfvars', text)), expected);
  const byLanguage = createHostDocument('untitled:1', 1, text, undefined, {
    format: hostFormat('untitled:1', 'terraform-vars'),
  });
  assert.deepEqual(findingRows(byLanguage), expected);
  assert.equal(hostFormat('file:///vars.tfvars'), 'hcl');
});

test('named as a policy, a flat configuration with none of its fields (RKE2 config.yaml) holds none', () => {
  const rke2 =
    'write-kubeconfig-mode: "0644"\ntls-san:\n  - rke2.example.com\naudit-policy-file: /etc/rancher/rke2/audit.yaml\n';
  assert.equal(host('config.yaml', rke2, true).kind, 'none');
  // A policy being written still counts, its keys spelt wrong or in part. The oracle refuses both:
  // `loaded illegal policy with 0 rules` (Rules is not rules) and `unknown group version field
  // audit.k8s.io/__internal, Kind=Policy in policy` (no apiVersion).
  assert.equal(host('policy.yaml', 'ApiVersion: audit.k8s.io/v1\nRules:\n- level: None\n', true).kind, 'policy');
  assert.equal(host('policy.yaml', 'omitStages: [RequestReceived]\n', true).kind, 'policy');
  assert.equal(host('policy.yaml', '{}\n', true).kind, 'policy');
});

test("a script in a YAML string (a CI step's run, an Ansible shell task) holds the policy in its here-document", () => {
  // Oracle on each here-document's text: rules[0].level: Unsupported value: "Metdata". The script
  // around it is no policy: no yaml-syntax error for it.
  const workflow = [
    'jobs:',
    '  e2e:',
    '    steps:',
    '      - name: Write the audit policy',
    '        run: |',
    '          mkdir -p /tmp/audit',
    '          cat <<EOF > /tmp/audit/policy.yaml',
    '          apiVersion: audit.k8s.io/v1',
    '          kind: Policy',
    '          rules:',
    '          - level: Metdata',
    '          EOF',
    '',
  ].join('\n');
  const h = host('e2e.yml', workflow);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 11, at: 'jobs.e2e.steps[0].run heredoc (line 2)' },
  ]);
  const d = hostDiagnostics(h, DEFAULT_SETTINGS)[0];
  const [action] = hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.equal(applyEdits(h, action.edit!.changes![h.uri]), workflow.replace('Metdata', 'Metadata'));
  const task = [
    '- name: Write audit policy',
    '  ansible.builtin.shell: |',
    "    cat > /etc/kubernetes/audit-policy.yaml <<'EOF'",
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '      - level: Metdata',
    '    EOF',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('audit.yml', task)), [
    { code: 'invalid-level', text: 'Metdata', line: 7, at: '[0]["ansible.builtin.shell"] heredoc (line 1)' },
  ]);
  // Found by its path (cloud-init write_files, the path mentions audit), a script is still a script.
  const cloudInit = [
    '#cloud-config',
    'write_files:',
    '  - path: /usr/local/bin/setup-audit.sh',
    '    content: |',
    '      #!/bin/sh',
    '      cat <<EOF > /etc/kubernetes/audit.yaml',
    '      apiVersion: audit.k8s.io/v1',
    '      kind: Policy',
    '      rules:',
    '      - level: Metdata',
    '      EOF',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('user-data.yaml', cloudInit)), [
    { code: 'invalid-level', text: 'Metdata', line: 10, at: 'write_files[0].content heredoc (line 2)' },
  ]);
});

test('a here-document in a quoted ssh command or a command substitution ends at `EOF"` or `EOF)`', () => {
  // bash: `bash -c "cat <<EOF ... EOF"` gives the inner shell a last line `EOF`; `$(cat <<EOF ... EOF)`
  // ends the body too (bash 5 prints the body, with a warning). Oracle on each body: rules[0].level:
  // Unsupported value: "Metdata" ("Requst").
  const script = [
    'for node in $MASTERS; do',
    '  ssh "$node" "cat <<EOF | sudo tee /etc/kubernetes/audit-policy.yaml >/dev/null',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metdata',
    'EOF"',
    'done',
    "POLICY=$(cat <<'END'",
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Requst',
    'END)',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('masters.sh', script)), [
    { code: 'invalid-level', text: 'Metdata', line: 6, at: 'heredoc (line 2)' },
    { code: 'invalid-level', text: 'Requst', line: 13, at: 'heredoc (line 9)' },
  ]);
});

test("a Terraform quoted string that holds a policy is read as HCL reads it (the Rancher provider's audit_log)", () => {
  // A rancher2_cluster's rke_config writes the policy as one string of `\n` escapes. Oracle on the
  // decoded policy: rules[0].level: Unsupported value: "Metdata".
  const text = [
    'resource "rancher2_cluster" "c" {',
    '  # a "quoted" note that says audit.k8s.io/v1',
    '  rke_config {',
    '    audit_log {',
    '      configuration {',
    '        policy = "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metdata\\n  verbs: [\\"gett\\"]\\n"',
    '      }',
    '    }',
    '  }',
    '  user_data = <<-EOT',
    '    echo "don\'t" `date`',
    '  EOT',
    '}',
    '',
  ].join('\n');
  const h = host('rancher-cluster.tf', text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 6, at: 'string (line 6)' },
    { code: 'unknown-verb', text: '\\"gett\\"', line: 6, at: 'string (line 6)' },
  ]);
  // The fix is written back as the string reads it: its quotes escaped.
  const verb = hostDiagnostics(h, DEFAULT_SETTINGS).find((d) => d.code === 'unknown-verb')!;
  const [fix] = hostCodeActions(h, verb.range, { diagnostics: [verb], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.equal(applyEdits(h, fix.edit!.changes![h.uri]), text.replace('\\"gett\\"', '\\"get\\"'));
  // A shell script's strings are not read so: `echo "a\nb"` writes a backslash and an n.
  assert.equal(host('install.sh', text.split('\n')[5]).kind, 'none');
});

test('a Markdown block marked `yaml` that is a shell session writing the policy reads as one', () => {
  // A README shows `cat <<EOF > audit-policy.yaml` in a ```yaml block. Oracle on the here-document:
  // rules[0].level: Unsupported value: "Requst".
  const text = [
    '## Audit',
    '',
    '```yaml',
    "sudo tee /etc/kubernetes/audit-policy.yaml <<'POLICY'",
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'omitStages: ["RequestReceived"]',
    'rules:',
    '- level: Requst',
    'POLICY',
    'kind create cluster --config kind.yaml',
    '```',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('README.md', text)), [
    { code: 'invalid-level', text: 'Requst', line: 9, at: 'Markdown block 1 (line 3) heredoc (line 1)' },
  ]);
});

test("a shell script's quoted strings that span lines are read as the shell reads them (k3s hardening scripts)", () => {
  // `echo "..." >> audit.yaml` and `echo '...'`; `printf` and `echo -e` decode `\n` once more.
  // Oracle on each written policy: rules[0].level: Unsupported value ("Metdata", "Requst", "Metadat").
  const text = [
    '#!/bin/bash',
    'mkdir -p /var/lib/rancher/k3s/server',
    'echo "apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metdata',
    '  users: [\\"$ADMIN\\"]" >> /var/lib/rancher/k3s/server/audit.yaml',
    "echo 'apiVersion: audit.k8s.io/v1",
    'kind: Policy',
    'rules:',
    "- level: Requst' > /tmp/second.yaml",
    'printf "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metadat\\n" > /tmp/third.yaml',
    '# echo "apiVersion: audit.k8s.io/v1 in a comment"',
    '',
  ].join('\n');
  const h = host('k3s-harden.sh', text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 6, at: 'string (line 3)' },
    { code: 'invalid-level', text: 'Requst', line: 11, at: 'string (line 8)' },
    { code: 'invalid-level', text: 'Metadat', line: 12, at: 'string (line 12)' },
  ]);
  // The escaped quotes are the shell's, and `$ADMIN` is a value the script computes.
  assert.match(h.policies[0].doc.text, /users: \["\$ADMIN"\]$/);
  const fixed = applyEdits(
    h,
    hostDiagnostics(h, DEFAULT_SETTINGS)
      .filter((d) => d.code === 'invalid-level')
      .flatMap((d) => hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS))
      .flatMap((a) => a.edit!.changes![h.uri]),
  );
  assert.equal(
    fixed,
    text.replace('Metdata', 'Metadata').replace('Requst', 'Request').replace('Metadat\\n', 'Metadata\\n'),
  );
});

test('a shell string that holds a host: a kops patch list piped to yq, a script run over ssh', () => {
  // Oracle on each policy: rules[0].level: Unsupported value ("Metdata", "Requst").
  const text = [
    "echo '",
    '- command: update',
    '  path: spec.fileAssets',
    '  value:',
    '  - name: audit-policy-config',
    '    content: |',
    '      apiVersion: audit.k8s.io/v1',
    '      kind: Policy',
    '      rules:',
    '      - level: Metdata',
    "' | yq -i eval-all cluster.yaml -",
    'ssh root@$server \'mkdir -p /etc/rancher/rke2; echo -e "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Requst\\n" > /etc/rancher/rke2/audit-policy.yaml\'',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('cluster-up.sh', text)), [
    { code: 'invalid-level', text: 'Metdata', line: 10, at: 'string (line 1) [0].value[0].content' },
    { code: 'invalid-level', text: 'Requst', line: 12, at: 'string (line 12) string (line 1)' },
  ]);
});

test("a Terraform local-exec command's script writes the policy with echo -e over ssh", () => {
  // The heredoc holds a script; its double-quoted string a remote one; that one's `echo -e` the
  // policy. Oracle on the policy echo -e writes: rules[0].level: Unsupported value: "Metdata".
  const text = [
    'resource "null_resource" "audit" {',
    '  provisioner "local-exec" {',
    '    command = <<CMD',
    '      minikube ssh -- "sudo mkdir \\$HOME/audit/ &&',
    "      echo -e 'apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metdata' | sudo tee \\$HOME/audit/audit-policy.yaml\"",
    '    CMD',
    '  }',
    '}',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('minikube.tf', text)), [
    { code: 'invalid-level', text: 'Metdata', line: 5, at: 'heredoc (line 3) string (line 1) string (line 2)' },
  ]);
});

test('a Markdown block marked `json` holds policies as a YAML block does: a string value of one', () => {
  // Oracle on the string's policy: rules[0].level: Unsupported value: "Metdata".
  const text = [
    '```json',
    '{',
    '  "audit_logging": {',
    '    "audit_policy": "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metdata\\n"',
    '  }',
    '}',
    '```',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('SKILL.md', text)), [
    { code: 'invalid-level', text: 'Metdata', line: 4, at: 'Markdown block 1 (line 1) audit_logging.audit_policy' },
  ]);
});
