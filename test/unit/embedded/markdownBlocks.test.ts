// Markdown code blocks beyond fences: Hugo's highlight and code shortcodes (the Talos docs show
// their audit policy in one), and a YAML block that lists several documents with the Policy after
// the first. Each finding must land on its host text and each fix keep the host around it.
// Verdicts come from kube-apiserver 1.20.2's loader (the oracle) on each extracted policy, noted
// beside each case.
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

function host(text: string): HostDocument {
  return createHostDocument('file:///docs/audit.md', 1, text);
}

/** The host after the quick fix offered for the finding on `needle`'s line. */
function fixedAt(h: HostDocument, line: number): string {
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.range.start.line === line - 1 && x.severity === 1);
  assert.ok(d, `no error on line ${line}`);
  const [action] = hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.ok(action, `no fix on line ${line}`);
  return applyEdits(h, action.edit!.changes![h.uri]);
}

test('a Talos reference page: the policy in a highlight shortcode inside a table cell', () => {
  // siderolabs/talos, website/content/v1.*/reference/configuration/v1alpha1/config.md: the opener
  // ends a cell's `<summary>`, the closer starts `</details> | |`, and one closer opens the next block.
  // Oracle: the auditPolicy mapping as written there loads; the second block's policy fails with
  // rules[0].level: Unsupported value: "Metdata".
  const text = [
    '---',
    'description: APIServerConfig represents the kube-apiserver configuration options.',
    'title: APIServerConfig',
    '---',
    '',
    '| Field | Type | Description | Value(s) |',
    '|-------|------|-------------|----------|',
    '|`auditPolicy` |Unstructured |Configure the API server audit policy. ' +
      '<details><summary>Show example(s)</summary>{{< highlight yaml >}}',
    'auditPolicy:',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '        - level: Metadata',
    '{{< /highlight >}}</details> | |',
    '|`env` |Env |The environment. <details><summary>Show example(s)</summary>{{< highlight yaml >}}',
    'env:',
    '    GRPC_GO_LOG_SEVERITY_LEVEL: info',
    '{{< /highlight >}}{{< highlight yaml >}}',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '    - level: Metdata',
    '{{< /highlight >}}</details> | |',
    '',
  ].join('\n');
  const h = host(text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['Markdown block 1 (line 8) auditPolicy', 'Markdown block 3 (line 18)'],
  );
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 22, at: 'Markdown block 3 (line 18)' },
  ]);
  assert.equal(fixedAt(h, 22), text.replace('level: Metdata', 'level: Metadata'));
});

test('every shortcode form: `{{% %}}`, options, `{{</ >}}`, a code shortcode, in a list item, a shell block', () => {
  // Oracle: block 1 rules[0].level "Requst"; block 2 rules[0].level "Nonee"; block 3 loads;
  // block 4 (the heredoc) rules[0].level "Metdata"; block 5 is Go, no policy.
  const text = [
    '# Audit',
    '',
    '{{% highlight yaml %}}',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Requst',
    '{{% /highlight %}}',
    '',
    '1. Save it:',
    '',
    '   {{< highlight yaml "linenos=table,hl_lines=4" >}}',
    '   apiVersion: audit.k8s.io/v1',
    '   kind: Policy',
    '   rules:',
    '   - level: Nonee',
    '   {{</ highlight >}}',
    '',
    '{{< code lang="yaml" >}}',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: None',
    '{{< /code >}}',
    '',
    '{{< highlight bash >}}',
    "cat <<'EOF' > /etc/kubernetes/audit.yaml",
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metdata',
    'EOF',
    '{{< /highlight >}}',
    '',
    '{{< highlight go >}}',
    'var policy = "audit.k8s.io/v1 kind: Policy rules:"',
    '{{< /highlight >}}',
    '',
  ].join('\n');
  const h = host(text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Requst', line: 7, at: 'Markdown block 1 (line 3)' },
    { code: 'invalid-level', text: 'Nonee', line: 16, at: 'Markdown block 2 (line 12)' },
    { code: 'invalid-level', text: 'Metdata', line: 31, at: 'Markdown block 4 (line 26) heredoc (line 1)' },
  ]);
  assert.equal(fixedAt(h, 16), text.replace('level: Nonee', 'level: None'));
  assert.equal(fixedAt(h, 31), text.replace('level: Metdata', 'level: Metadata'));
});

test("a shortcode named code-something: kind's auditing page (codeFromInline around a heredoc)", () => {
  // kubernetes-sigs/kind site/content/docs/user/auditing.md writes its example so. Oracle: rules[0].level "Metdata".
  const text = [
    '# Auditing',
    '',
    '{{< codeFromInline lang="bash" >}}',
    'cat <<EOF > audit-policy.yaml',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metdata',
    'EOF',
    '{{< /codeFromInline >}}',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host(text)), [
    { code: 'invalid-level', text: 'Metdata', line: 8, at: 'Markdown block 1 (line 3) heredoc (line 1)' },
  ]);
});

test('a shortcode never closed, or escaped as Hugo documents its own (`{{</* */>}}`), is no block', () => {
  const policy = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Requst'];
  const text = [
    '{{</* highlight yaml */>}}',
    ...policy,
    '{{</* /highlight */>}}',
    '',
    '{{< highlight yaml >}}',
    ...policy,
    '',
  ].join('\n');
  assert.deepEqual(host(text).policies, []);
});

test('a YAML block that lists a Namespace, then the Policy: the Policy is found on its own lines', () => {
  // Oracle on the second document: rules[1].level: Unsupported value: "Metdata".
  const text = [
    '# Audit',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: audit',
    '---',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: None',
    '  users: ["system:kube-proxy"]',
    '- level: Metdata',
    '```',
    '',
  ].join('\n');
  const h = host(text);
  assert.deepEqual(
    h.policies.map((p) => [p.region.hostPath, p.region.text]),
    [['Markdown block 1 (line 3) documents[1]', text.split('\n').slice(8, 14).join('\n')]],
  );
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 14, at: 'Markdown block 1 (line 3) documents[1]' },
  ]);
  assert.equal(fixedAt(h, 14), text.replace('level: Metdata', 'level: Metadata'));
});

test('documents are counted as YAML counts them; a ConfigMap and a bare Policy in one block are both found', () => {
  // Oracle: the ConfigMap's data["audit-policy.yaml"] rules[0].level "Requst"; the Policy (third
  // document) rules[0].level "Nonee". The `---` inside the block scalar is indented: no document start.
  const text = [
    '   ```yaml',
    '   # kubectl apply -f -',
    '   ---',
    '   apiVersion: v1',
    '   kind: ConfigMap',
    '   metadata:',
    '     name: audit',
    '   data:',
    '     audit-policy.yaml: |',
    '       ---',
    '       apiVersion: audit.k8s.io/v1',
    '       kind: Policy',
    '       rules:',
    '       - level: Requst',
    '   ---',
    '   apiVersion: v1',
    '   kind: Namespace',
    '   metadata: {name: logs}',
    '   --- # the policy itself',
    '   apiVersion: audit.k8s.io/v1',
    '   kind: Policy',
    '   rules:',
    '     - level: Nonee',
    '   ```',
  ].join('\n');
  const h = host(text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Requst', line: 14, at: 'Markdown block 1 (line 1) data["audit-policy.yaml"]' },
    { code: 'invalid-level', text: 'Nonee', line: 23, at: 'Markdown block 1 (line 1) documents[2]' },
  ]);
  assert.equal(fixedAt(h, 23), text.replace('level: Nonee', 'level: None'));
  assert.equal(fixedAt(h, 14), text.replace('level: Requst', 'level: Request'));
});

test('a block whose first document is the Policy is still read as one file: what follows is ignored', () => {
  // Oracle on the block: loads (only the first document counts: the second Policy's "Metdata" is never read).
  const text = [
    '```yaml',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: None',
    '---',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metdata',
    '```',
  ].join('\n');
  const h = host(text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['Markdown block 1 (line 1)'],
  );
  assert.ok(findingRows(h).every((r) => r.code !== 'invalid-level'));
});

test('a Jekyll post: the policy in a Liquid highlight tag, and an unclosed one read as no block', () => {
  // The shape of GitHub Pages posts (Jekyll's `{% highlight yaml %}` ... `{% endhighlight %}`).
  // Oracle on the second block's policy: rules[0].level: Unsupported value: "Metdata".
  const text = [
    '---',
    'layout: post',
    'title: Auditing the cluster',
    '---',
    'The ConfigMap:',
    '',
    '{% highlight yaml linenos %}',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: audit}',
    '{% endhighlight %}',
    '',
    '{%- highlight yaml -%}',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '  - level: Metdata',
    '{%- endhighlight -%}',
    '',
    '{% highlight yaml %}',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    '',
  ].join('\n');
  const h = host(text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['Markdown block 2 (line 13)'],
  );
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 17, at: 'Markdown block 2 (line 13)' },
  ]);
  assert.equal(fixedAt(h, 17), text.replace('level: Metdata', 'level: Metadata'));
});

test('a fence inside an HTML comment is commented out (CommonMark HTML block 2): only the shown block is read', () => {
  const policy = (level: string): string[] => [
    '```yaml',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    `- level: ${level}`,
    '```',
  ];
  const text = [
    '# Audit',
    '<!-- the old policy:',
    ...policy('Metdata'),
    '-->',
    '<!-- a one-line comment --> text',
    ...policy('Requst'),
    '',
  ].join('\n');
  const h = host(text);
  assert.equal(h.policies.length, 1);
  // auditoracle: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(
    findingRows(h).map((r) => [r.code, r.text, r.line]),
    [['invalid-level', 'Requst', 15]],
  );
});

test('an HTML <pre> block (a man page in Markdown): read as a code block; one holding an entity is not', () => {
  // Oracle: the policy as shown loads (kube-apiserver drops `verbs` inside a resources entry).
  const policy = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  resources:',
    '  - group: ""',
    '    resources: ["pods"]',
    '    verbs: ["get"]',
  ];
  const text = ['## Policy', '', '<pre>', ...policy, '</pre>', '', 'Text.', ''].join('\n');
  assert.deepEqual(findingRows(host(text)), [
    { code: 'unknown-field', text: 'verbs', line: 11, at: 'Markdown block 1 (line 3)' },
  ]);
  // `<pre lang="yaml"><code>` and `</code></pre>` alone on their lines, indented up to three spaces.
  const coded = ['   <pre lang="yaml"><code>', ...policy, '</code></pre>', ''].join('\n');
  assert.deepEqual(
    findingRows(host(coded)).map((r) => [r.code, r.line]),
    [['unknown-field', 9]],
  );
  // HTML decodes `&quot;`: the text written is not the policy shown, and is not read.
  const escaped = ['<pre>', ...policy.map((l) => l.replace(/"/g, '&quot;')), '</pre>', ''].join('\n');
  assert.equal(host(escaped).policies.length, 0);
  // Text on the tag's line, or no closing tag: no block.
  assert.equal(
    host(['<pre>apiVersion: audit.k8s.io/v1', ...policy.slice(1), '</pre>', ''].join('\n')).policies.length,
    0,
  );
  assert.equal(host(['<pre>', ...policy, ''].join('\n')).policies.length, 0);
});

test('a shell block with notes before a policy written out in full: the policy from its first line', () => {
  // Oracle: the policy from `apiVersion` on loads (its one rule records RequestReceived).
  const text = [
    '```sh',
    '',
    'Simple Audit policy that logs everything at the Metadata level',
    '',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  verbs: ["wacth"]',
    '',
    '```',
    '',
  ].join('\n');
  const h = host(text);
  assert.equal(h.policies.length, 1);
  assert.equal(h.policies[0].region.hostPath, 'Markdown block 1 (line 1) text (line 5)');
  assert.deepEqual(
    findingRows(h).map((r) => [r.code, r.text, r.line]),
    [['unknown-verb', '"wacth"', 9]],
  );
  // Shell commands after it: not a policy file as it stands, so nothing is read.
  const commands = [...text.split('\n').slice(0, 9), 'systemctl restart kubelet', '```', ''].join('\n');
  assert.equal(host(commands).policies.length, 0);
});

test('a block that does not say its language, notes before the policy: the policy, not a syntax error on the notes', () => {
  const text = [
    '```',
    'Simple Audit policy that logs everything',
    '',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  verbs: ["wacth"]',
    '```',
    '',
  ].join('\n');
  assert.deepEqual(
    findingRows(host(text)).map((r) => [r.code, r.line, r.at]),
    [['unknown-verb', 8, 'Markdown block 1 (line 1) text (line 4)']],
  );
  // A policy being written in such a block, a syntax error and all, is still read as one.
  const typing = [
    '```',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  verbs: [get',
    '```',
    '',
  ].join('\n');
  assert.deepEqual(
    findingRows(host(typing)).map((r) => [r.code, r.at]),
    [['yaml-syntax', 'Markdown block 1 (line 1)']],
  );
});

test('AsciiDoc source blocks and reStructuredText code directives hold policies as fences do', () => {
  const policy = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata', '  verbs: ["wacth"]'];
  const adoc = [
    '= Audit',
    '',
    '[source,yaml]',
    '.audit-policy.yaml',
    '----',
    ...policy,
    '----',
    '',
    '----',
    'not a listing: no [source] line',
    '----',
    '',
  ];
  const a = createHostDocument('file:///docs/audit.adoc', 1, adoc.join('\n'));
  assert.deepEqual(
    findingRows(a).map((r) => [r.code, r.line, r.at]),
    [['unknown-verb', 10, 'Markdown block 1 (line 5)']],
  );
  // `[source]` alone, and a listing never closed (the rest of the page): no block.
  const unclosed = ['[source,yaml]', '----', ...policy, ''];
  assert.equal(createHostDocument('file:///docs/a.adoc', 1, unclosed.join('\n')).policies.length, 0);
  const rst = [
    'Audit',
    '=====',
    '',
    '.. code-block:: yaml',
    '   :caption: audit-policy.yaml',
    '',
    ...policy.map((l) => `   ${l}`),
    '',
    '   - level: None',
    '',
    'Then restart.',
    '',
  ];
  const r = createHostDocument('file:///docs/audit.rst', 1, rst.join('\n'));
  assert.deepEqual(
    findingRows(r).map((x) => [x.code, x.text, x.line]),
    [['unknown-verb', '"wacth"', 11]],
  );
  // The block ends at the first line no deeper than the directive; the policy's last rule is kept.
  assert.match(r.policies[0].region.text, /- level: None\n?$/);
  // The editor's language ids name them whatever the file is called.
  assert.equal(
    createHostDocument('untitled:Untitled-1', 1, rst.join('\n'), undefined, {
      format: hostFormat('untitled:Untitled-1', 'restructuredtext'),
    }).policies.length,
    1,
  );
});

test("a block marked yaml that is a command with a quoted patch (kubectl patch --patch '...'): the patch is read", () => {
  // Oracle: the policy inside loads.
  const text = [
    '```yaml',
    '# Enable audit logging',
    "kubectl patch configmap audit-policy -n kube-system --patch '",
    'data:',
    '  audit-policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metadata',
    '      verbs: ["wacth"]',
    "'",
    '```',
    '',
  ].join('\n');
  assert.deepEqual(
    findingRows(host(text)).map((r) => [r.code, r.line, r.at]),
    [['unknown-verb', 10, 'Markdown block 1 (line 1) string (line 2) data["audit-policy.yaml"]']],
  );
});
