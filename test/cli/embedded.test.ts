// `lint` and `explain` on files that hold policies: findings at host places, named by their region.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const FIXTURES = 'test/fixtures/embedded';

test('lint on a KubeadmControlPlane: the finding at its host line, named by its region; exit 0 on a warning', () => {
  const r = runCli(['lint', `${FIXTURES}/kubeadm-control-plane.yaml`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /^test\/fixtures\/embedded\/kubeadm-control-plane\.yaml:54:15 \(spec\.kubeadmConfigSpec\.files\[1\]\.content\): warning unknown-field: /m,
  );
  assert.doesNotMatch(r.stdout, /no kind "Policy"|no-rules/, 'the host itself is not checked as a policy');
});

test('lint on a ConfigMap with an error exits 1; JSON adds embeddedAt; SARIF points into the host', () => {
  const text = runCli(['lint', `${FIXTURES}/configmap.yaml`]);
  assert.equal(text.status, 1);
  const json = JSON.parse(runCli(['lint', '--format', 'json', `${FIXTURES}/configmap.yaml`]).stdout);
  const level = json.files[0].diagnostics.find((d: { code: string }) => d.code === 'invalid-level');
  assert.equal(level.embeddedAt, 'documents[1].data["audit-policy.yaml"]');
  assert.equal(level.path, 'rules[1].level');
  assert.deepEqual(level.range.start, { line: 69, character: 15 });
  const sarif = JSON.parse(runCli(['lint', '--format', 'sarif', `${FIXTURES}/configmap.yaml`]).stdout);
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'invalid-level');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'test/fixtures/embedded/configmap.yaml');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 70);
  assert.equal(result.properties.embeddedAt, 'documents[1].data["audit-policy.yaml"]');
});

test('lint DIR finds policies in hosts and Markdown, and skips YAML that holds none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  mkdirSync(join(dir, 'docs'));
  copyFileSync(`${FIXTURES}/talos-controlplane.yaml`, join(dir, 'talos.yaml'));
  copyFileSync(`${FIXTURES}/audit-docs.md`, join(dir, 'docs', 'audit.md'));
  writeFileSync(join(dir, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
  const r = runCli(['lint', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /talos\.yaml:16:24 \(cluster\.apiServer\.auditPolicy\): error invalid-stage/);
  assert.match(
    r.stdout,
    /audit\.md:25:16 \(Markdown block 2 \(line 15\) data\["policy\.yaml"\]\): error invalid-level/,
  );
  assert.doesNotMatch(r.stdout, /deployment\.yaml/);
  assert.match(r.stdout, /2 files checked/);
});

test('explain in a host: one policy is picked without asking; rule lines are host lines', () => {
  const r = runCli(['explain', '--policy', `${FIXTURES}/talos-controlplane.yaml`, 'alice', 'GET', '/api/v1/pods']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Policy: \S+talos-controlplane\.yaml \(cluster\.apiServer\.auditPolicy\)\n/);
  assert.match(r.stdout, /rule #1 \(line 15\) matches/);
  const json = runCli([
    'explain',
    '--format',
    'json',
    '--policy',
    `${FIXTURES}/talos-controlplane.yaml`,
    'GET',
    '/api',
  ]);
  assert.equal(JSON.parse(json.stdout).embeddedAt, 'cluster.apiServer.auditPolicy');
});

test('explain in a host with several policies needs --embedded-at, and says which there are', () => {
  const none = runCli(['explain', '--policy', `${FIXTURES}/configmap.yaml`, 'GET', '/api/v1/pods']);
  assert.equal(none.status, 2);
  assert.match(
    none.stderr,
    /holds 2 policies: choose one with --embedded-at \(data\["policy\.yaml"\], documents\[1\]\.data\["audit-policy\.yaml"\]\)/,
  );
  const picked = runCli([
    'explain',
    '--policy',
    `${FIXTURES}/configmap.yaml`,
    '--embedded-at',
    'documents[1].data["audit-policy.yaml"]',
    'alice',
    'GET',
    '/api/v1/namespaces/x/pods/y',
  ]);
  assert.equal(picked.status, 0, picked.stderr);
  assert.match(
    picked.stdout,
    /^Policy: \S+configmap\.yaml \(documents\[1\]\.data\["audit-policy\.yaml"\]\)\nRequest: /,
  );
  assert.match(picked.stdout, /rule #1 \(line 66\) matches/);
});

test('lint and explain on a named file that is another object say it holds no policy (exit 2), not its fields', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  const file = join(dir, 'kustomization.yaml');
  writeFileSync(
    file,
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n- name: audit-policy\n  files: [audit-policy.yaml]\n',
  );
  const lint = runCli(['lint', file]);
  assert.equal(lint.status, 2);
  assert.match(lint.stderr, /no audit policy found in .*kustomization\.yaml/);
  assert.doesNotMatch(lint.stdout + lint.stderr, /invalid-kind|configMapGenerator/);
  const explain = runCli(['explain', '--policy', file, 'GET', '/api/v1/pods']);
  assert.equal(explain.status, 2);
  assert.match(explain.stderr, /kustomization\.yaml holds no audit policy/);
});

test('an RKE2 or k3s config.yaml (flags, no kind) holds no policy; the message names the policy file it names', () => {
  // RKE2's /etc/rancher/rke2/config.yaml: `audit-policy-file` is a path on the node, not a policy.
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(
    file,
    [
      'write-kubeconfig-mode: "0644"',
      'profile: cis',
      'audit-policy-file: /etc/rancher/rke2/audit-policy.yaml',
      'kube-apiserver-arg:',
      '  - "audit-log-path=/var/lib/rancher/rke2/server/logs/audit.log"',
      '',
    ].join('\n'),
  );
  const lint = runCli(['lint', file]);
  assert.equal(lint.status, 2, lint.stdout);
  assert.equal(lint.stdout, '');
  assert.match(lint.stderr, /it names the policy file \/etc\/rancher\/rke2\/audit-policy\.yaml: check that file\n$/);
  const explain = runCli(['explain', '--policy', file, 'GET', '/api/v1/pods']);
  assert.equal(explain.status, 2);
  assert.match(explain.stderr, /config\.yaml holds no audit policy .*\/etc\/rancher\/rke2\/audit-policy\.yaml/);
});

test('a path named in prose is the path alone: no backtick, bracket or full stop of the text around it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  for (const [i, line] of [
    '- `--audit-policy-file=/etc/k/p.yaml`',
    'Set it (--audit-policy-file=/etc/k/p.yaml).',
    'The flag [audit-policy-file: /etc/k/p.yaml]; then restart.',
  ].entries()) {
    const file = join(dir, `notes${i}.sh`);
    writeFileSync(file, `# Audit\n${line}\n`);
    const lint = runCli(['lint', file]);
    assert.match(lint.stderr, /it names the policy file \/etc\/k\/p\.yaml: check that file\n$/, line);
  }
});

test('lint DIR reads the here-documents of Terraform files (.tf, .tfvars), shell scripts and Dockerfiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  const policy = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadat\n';
  writeFileSync(join(dir, 'main.tf'), `resource "local_file" "audit" {\n  content = <<EOT\n${policy}EOT\n}\n`);
  writeFileSync(join(dir, 'install.sh'), `#!/bin/sh\ncat <<'EOF' > /etc/kubernetes/audit.yaml\n${policy}EOF\n`);
  writeFileSync(join(dir, 'Dockerfile'), `FROM scratch\nCOPY <<P /audit.yaml\n${policy}P\n`);
  // A Terraform variable file (a Talos cluster module's `api_server = <<-EOT` patch) is HCL too.
  writeFileSync(join(dir, 'cluster.auto.tfvars'), `talos = {\n  name = "t"\n  policy = <<EOT\n${policy}EOT\n}\n`);
  writeFileSync(join(dir, 'other.sh'), '#!/bin/sh\necho audit\n');
  const r = runCli(['lint', dir]);
  assert.equal(r.status, 1, r.stderr);
  // The oracle refuses the body: rules[0].level: Unsupported value: "Metadat". It is line 6 of each file.
  const places = r.stdout.match(/^\S+:\d+:\d+ \([^)]*\)\)/gm)?.map((l) => l.slice(dir.length + 1));
  assert.deepEqual(places, [
    'cluster.auto.tfvars:7:10 (heredoc (line 3))',
    'Dockerfile:6:10 (heredoc (line 2))',
    'install.sh:6:10 (heredoc (line 2))',
    'main.tf:6:10 (heredoc (line 2))',
  ]);
  // Named, it is read as HCL too, not as a policy of its own.
  assert.doesNotMatch(runCli(['lint', join(dir, 'cluster.auto.tfvars')]).stdout, /wrong-type/);
});

test('lint DIR reads the string literals of Go, Python and TypeScript sources, not vendored ones', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  const policy = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadat\n';
  writeFileSync(join(dir, 'policy.go'), `package audit\n\nconst Policy = \`${policy}\`\n`);
  writeFileSync(join(dir, 'cluster.py'), `POLICY = """${policy}"""\n`);
  writeFileSync(join(dir, 'policy.ts'), `export const policy = \`${policy}\`;\n`);
  writeFileSync(join(dir, 'types.d.ts'), `export declare const policy = \`${policy}\`;\n`);
  mkdirSync(join(dir, 'vendor'));
  writeFileSync(join(dir, 'vendor', 'dep.go'), `package dep\n\nconst P = \`${policy}\`\n`);
  writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
  // `.ts` is also an MPEG transport stream's extension: a video is no source and stops nothing.
  writeFileSync(join(dir, 'intro.ts'), Buffer.from([0x47, 0x40, 0x11, 0x10, 0x00, 0x42, 0xf0, 0x25, 0xff, 0xfe, 0x80]));
  const r = runCli(['lint', dir]);
  assert.equal(r.status, 1, r.stderr);
  // The oracle refuses the string: rules[0].level: Unsupported value: "Metadat". It is line 4 of
  // the string, which starts on line 3 of the Go file and line 1 of the others.
  const places = r.stdout.match(/^\S+:\d+:\d+ \([^)]*\)\)/gm)?.map((l) => l.slice(dir.length + 1));
  assert.deepEqual(places, [
    'cluster.py:4:10 (string (line 1))',
    'policy.go:6:10 (string (line 3))',
    'policy.ts:4:10 (string (line 1))',
  ]);
  // Named, a source file is read as code: no YAML syntax error of its own, its string checked.
  const named = runCli(['lint', join(dir, 'policy.go')]);
  assert.doesNotMatch(named.stdout, /yaml-syntax/);
  assert.match(named.stdout, /policy\.go:6:10 \(string \(line 3\)\): error invalid-level/);
});

test('lint DIR reads Nix, Puppet, Java, Kotlin and Rust files: indented strings, heredocs, text blocks, raw strings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  const lines = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadat'];
  const indented = (n: number): string => lines.map((l) => `${' '.repeat(n)}${l}\n`).join('');
  writeFileSync(join(dir, 'k3s.nix'), `{\n  environment.etc."audit.yaml".text = ''\n${indented(4)}  '';\n}\n`);
  writeFileSync(join(dir, 'audit.pp'), `file { '/etc/audit.yaml':\n  content => @(EOT),\n${indented(4)}    | EOT\n}\n`);
  writeFileSync(join(dir, 'AuditIT.java'), `class AuditIT {\n  String p = """\n${indented(6)}    """;\n}\n`);
  writeFileSync(join(dir, 'Audit.kt'), `val p = """\n${indented(4)}""".trimIndent()\n`);
  writeFileSync(join(dir, 'audit.rs'), `const P: &str = r#"\n${indented(0)}"#;\n`);
  const r = runCli(['lint', dir]);
  assert.equal(r.status, 1, r.stderr);
  // The oracle refuses each policy: rules[0].level: Unsupported value: "Metadat". Its line 4 is the
  // host's line 6 (Nix, Java) or 5 (Kotlin, Puppet), after the indentation each strips.
  const places = r.stdout.match(/^\S+:\d+:\d+ \([^)]*\)\)/gm)?.map((l) => l.slice(dir.length + 1));
  assert.deepEqual(places, [
    'Audit.kt:5:14 (string (line 1))',
    'audit.pp:6:14 (heredoc (line 2))',
    'audit.rs:5:10 (string (line 1))',
    'AuditIT.java:6:16 (string (line 2))',
    'k3s.nix:6:14 (string (line 2))',
  ]);
});

test('lint on a Helm template of a policy under templates/ masks its directives on the command line too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(
    join(dir, 'templates', 'audit-policy.yaml'),
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n{{- range .Values.quiet }}\n  - level: None\n    users: [{{ . | quote }}]\n{{- end }}\n  - level: {{ .Values.level }}\n',
  );
  const r = runCli(['lint', join(dir, 'templates', 'audit-policy.yaml')]);
  assert.equal(r.status, 0, r.stdout);
  assert.doesNotMatch(r.stdout, /yaml-syntax/);
});

test("lint DIR reads an Ansible role's policy template (audit-policy.yaml.j2) with its directives masked", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(
    join(dir, 'templates', 'audit-policy.yaml.j2'),
    [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'rules:',
      '{% if custom_rules is defined %}',
      '{{ custom_rules | indent(2, true) }}',
      '{% else %}',
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '  - level: Metadat',
      '{% endif %}',
      '',
    ].join('\n'),
  );
  const r = runCli(['lint', dir]);
  // The oracle, given the else branch: rules[1].level: Unsupported value: "Metadat".
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /audit-policy\.yaml\.j2:9:12: error invalid-level: /);
});

test('lint DIR reads ERB and Mako templates of a policy (.yaml.erb, .yml.mako) with their tags masked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  mkdirSync(join(dir, 'templates'));
  const rules = ['  - level: None', '    users: ["system:kube-proxy"]', '  - level: Metadat'];
  const policy = (lines: string[]): string => ['apiVersion: audit.k8s.io/v1', 'kind: Policy', ...lines, ''].join('\n');
  writeFileSync(
    join(dir, 'templates', 'audit-policy.yaml.erb'),
    policy(['<%# written by Chef %>', 'rules:', '<% if @quiet -%>', ...rules, '<% end -%>']),
  );
  writeFileSync(join(dir, 'audit-policy.yml.mako'), policy(['rules:', '% if quiet:', ...rules, '% endif']));
  const r = runCli(['lint', dir]);
  // The oracle, given the conditional rules: rules[1].level: Unsupported value: "Metadat" (both).
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /audit-policy\.yaml\.erb:8:12: error invalid-level: /);
  assert.match(r.stdout, /audit-policy\.yml\.mako:7:12: error invalid-level: /);
  assert.doesNotMatch(r.stdout, /yaml-syntax/);
});

test('lint DIR reads Salt states (.sls) through the renderers their first line names, Jinja when it names none', () => {
  // salt/template.py template_shebang: a first line `#!` (not `#!/`) names the renderers, else the
  // default `jinja|yaml` (docs.saltproject.io, Renderers).
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  mkdirSync(join(dir, 'kubernetes'));
  const rules = ['  - level: None', '    users: ["system:kube-proxy"]', '  - level: Metadat'];
  const policy = (lines: string[]): string => ['apiVersion: audit.k8s.io/v1', 'kind: Policy', ...lines, ''].join('\n');
  const jinja = ['rules:', '{% if quiet %}', ...rules, '{% endif %}'];
  writeFileSync(join(dir, 'kubernetes', 'audit-policy.sls'), policy(jinja));
  writeFileSync(join(dir, 'jinja.sls'), `#!jinja|yaml\n${policy(jinja)}`);
  writeFileSync(join(dir, 'mako.sls'), `#!mako|yaml\n${policy(['rules:', '% if quiet:', ...rules, '% endif'])}`);
  // `#!yaml`: no template engine, the text is YAML as it stands, a Jinja tag too.
  writeFileSync(join(dir, 'plain.sls'), `#!yaml\n${policy(jinja)}`);
  const r = runCli(['lint', dir]);
  // The oracle, given the rendered rules: rules[1].level: Unsupported value: "Metadat" (each template);
  // given plain.sls as it stands: yaml: line 5: found character that cannot start any token.
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /kubernetes[\\/]audit-policy\.sls:7:12: error invalid-level: /);
  assert.match(r.stdout, /jinja\.sls:8:12: error invalid-level: /);
  assert.match(r.stdout, /mako\.sls:8:12: error invalid-level: /);
  assert.match(r.stdout, /plain\.sls:5:\d+: error yaml-syntax: /);
  assert.doesNotMatch(r.stdout, /(audit-policy|jinja|mako)\.sls:\d+:\d+: error yaml-syntax/);
});

test('explain, diff, test and test --generate count refusals as lint does: nothing a template or Terraform fills in', () => {
  // An RKE2 module's `{ level = var.kube_audit_level }` and a Helm chart's `level: {{ .Values.level }}`:
  // lint makes no finding on them (the value is not known), so no note may say kube-apiserver
  // refuses the policy. A level that is written wrong still is one (oracle: rules[1].level:
  // Unsupported value: "Metdata").
  const dir = mkdtempSync(join(tmpdir(), 'kap-embedded-'));
  const tf = join(dir, 'audit.tf');
  writeFileSync(
    tf,
    [
      'locals {',
      '  kube_audit_policy = var.kube_audit_policy != null ? var.kube_audit_policy : yamlencode({',
      '    apiVersion = "audit.k8s.io/v1"',
      '    kind       = "Policy"',
      '    rules = [',
      '      { level = "None", nonResourceURLs = ["/healthz*"] },',
      '      { level = var.kube_audit_level },',
      '    ]',
      '  })',
      '}',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'templates'));
  const helm = join(dir, 'templates', 'audit-policy.yaml');
  writeFileSync(helm, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: {{ .Values.level }}\n');
  for (const policy of [tf, helm]) {
    assert.equal(runCli(['lint', policy]).status, 0, policy);
    const explained = runCli(['explain', '--policy', policy, 'GET', '/healthz']);
    assert.equal(explained.status, 0, explained.stderr);
    assert.equal(explained.stderr, '', policy);
    assert.equal(runCli(['diff', policy, policy]).stderr, '', policy);
  }
  const cases = join(dir, 'probes.audit-test.yaml');
  writeFileSync(cases, 'policy: audit.tf\ncases:\n  - request: GET /healthz\n    level: None\n');
  const tested = runCli(['test', cases]);
  assert.equal(tested.status, 0, tested.stdout);
  assert.doesNotMatch(tested.stdout, /refuses/);
  const log = join(dir, 'requests.txt');
  writeFileSync(log, 'GET /healthz\n');
  const generated = runCli(['test', '--generate', '--policy', tf, log]);
  assert.equal(generated.status, 0, generated.stderr);
  assert.doesNotMatch(generated.stderr, /would refuse/);
  const broken = join(dir, 'broken.tf');
  writeFileSync(broken, readFileSync(tf, 'utf8').replace('level = "None"', 'level = "Metdata"'));
  assert.match(
    runCli(['explain', '--policy', broken, 'GET', '/healthz']).stderr,
    /would refuse this policy \(1 error\)/,
  );
});
