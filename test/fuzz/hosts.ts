// Host files around a generated policy, in the shapes people keep policies in: a ConfigMap's block
// scalar (every chomping indicator, followed by another key, another document or the end of the
// file), a quoted value, a Helm template (the file is the policy, or a ConfigMap), a Markdown
// fence (or Hugo highlight shortcode) where the policy may follow another YAML document, a shell or
// Terraform here-document, a ConfigMap in a Kustomize patch, an ERB template of the policy, a Salt
// state's Mako-templated ConfigMap whose control lines sit at column 0, a Go raw string, Go literals
// joined with +, a Python triple-quoted string, a Packer template's inline lines. The policies have
// findings whose fixes edit their last line, copy fields that hold a template directive, and sit
// around whole-line directives.
import fc from 'fast-check';

export interface GeneratedHost {
  readonly uri: string;
  readonly text: string;
  /** What the host is, for the failure report and the tally of shapes. */
  readonly shape: string;
}

const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

/** Rules at column 0, each with a finding that has a fix (or none, for a plain rule). */
const RULES = [
  '- level: None\n  users: ["system:kube-proxy"]\n  verbs: ["watch"]',
  // mixed-resources-and-urls: the split copies level, users and verbs into a new rule.
  '- level: Metadata\n  users: ["admin"]\n  verbs: ["get"]\n  resources:\n  - group: ""\n    resources: ["pods"]\n  nonResourceURLs: ["/healthz"]',
  '- level: Metdata\n  verbs: [get]',
  '- level: Request\n  verb: [get]',
  '- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["secrets"]',
  '- level: Metadata\n  resources:\n  - group: "apps"\n    resources: ["pods"]',
  '- level: Metadata\n  omitStages:\n  - "RequestReceivd"',
  '- level: None\n  nonResourceURLs:\n  - /healthz*\n  - /version',
];

/** Rules whose values a template computes: copied by the split, or around a whole-line directive. */
const TEMPLATE_RULES = [
  '- level: Metadata\n  users: ["{{ .Values.admin }}"]\n  resources:\n  - group: ""\n    resources: ["pods"]\n  nonResourceURLs: ["/healthz"]',
  '- level: Metadata\n  userGroups: ["${admins}"]\n  verbs: ["get"]\n  namespaces: ["kube-system"]\n  nonResourceURLs: ["/metrics"]',
  '{{- if .Values.dropHealth }}\n- level: None\n  nonResourceURLs: ["/healthz*"]\n{{- end }}',
  '- level: Metadata\n  users: ["bob"]\n  {{- with .Values.verbs }}\n  verbs: {{ toJson . }}\n  {{- end }}\n  resources:\n  - group: ""\n  nonResourceURLs: ["/x"]',
  '- level: Metadata\n  users:\n  {{- range .Values.users }}\n  - {{ . }}\n  {{- end }}\n  namespaces: ["a"]\n  nonResourceURLs: ["/y"]',
];

export interface PolicyShape {
  readonly rules: readonly number[];
  readonly templated: readonly number[];
  readonly omitStages: boolean;
  readonly catchAll: boolean;
  /** Rules indented under `rules:` (`  - level`), as many policies write them. */
  readonly indented: boolean;
  readonly blankLine: boolean;
  readonly comment: boolean;
}

const policyShape: fc.Arbitrary<PolicyShape> = fc.record({
  rules: fc.array(fc.nat(RULES.length - 1), { minLength: 1, maxLength: 4 }),
  templated: fc.array(fc.nat(TEMPLATE_RULES.length - 1), { maxLength: 2 }),
  omitStages: fc.boolean(),
  catchAll: fc.boolean(),
  indented: fc.boolean(),
  blankLine: fc.boolean(),
  comment: fc.boolean(),
});

/** The policy's lines, without a final line break. */
export function policyText(shape: PolicyShape, templates: boolean): string {
  const rules = shape.rules.map((i) => RULES[i]);
  if (templates) shape.templated.forEach((t, k) => rules.splice(k % (rules.length + 1), 0, TEMPLATE_RULES[t]));
  if (shape.catchAll) rules.push('- level: Metadata');
  const body = rules.join(shape.blankLine ? '\n\n' : '\n');
  const indented = shape.indented ? body.replace(/^(?=.)/gm, '  ') : body;
  const stages = shape.omitStages ? 'omitStages: ["RequestReceived"]\n' : '';
  return `${HEADER}${stages}rules:\n${indented}${shape.comment ? '\n# the end' : ''}`;
}

/** Every non-empty line gets `pad`; empty lines get `emptyPad` (YAML lets them have less). */
function indent(text: string, pad: string, emptyPad = ''): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? emptyPad : pad + l))
    .join('\n');
}

const AFTER = {
  key: '  other.txt: hello\n',
  document: '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: audit\n',
  eof: '',
  'eof without line break': '',
} as const;

type After = keyof typeof AFTER;

function configMap(policy: string, indicator: string, after: After, emptyPad: string, name = 'audit'): string {
  const keep = indicator.includes('+') ? '\n' : '';
  const text =
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  policy.yaml: ${indicator}\n` +
    `${indent(policy, '    ', emptyPad)}\n${keep}${AFTER[after]}`;
  return after === 'eof without line break' ? text.replace(/\n+$/, '') : text;
}

const INDICATORS = ['|', '|-', '|+', '|2', '|-2'];

/** How many kinds of host hostOf writes (from 14 on, source code). */
export const HOST_KINDS = 18;

/** A generated policy in a host of one of the `kind`s (any kind unless told). */
export const generatedHostOf = (kind: fc.Arbitrary<number> = fc.nat(HOST_KINDS - 1)): fc.Arbitrary<GeneratedHost> =>
  fc
    .record({
      policy: policyShape,
      kind,
      indicator: fc.constantFrom(...INDICATORS),
      after: fc.constantFrom(...(Object.keys(AFTER) as After[])),
      emptyPad: fc.constantFrom('', '    '),
      crlf: fc.boolean(),
    })
    .map(({ policy, kind, indicator, after, emptyPad, crlf }): GeneratedHost => {
      // Source code has no template directives: its policies are plain.
      const source = kind >= 14;
      const templates = !source && (kind >= 6 || policy.templated.length > 0);
      const p = policyText(source ? { ...policy, templated: [] } : policy, templates);
      const lf = hostOf(kind, p, indicator, after, emptyPad);
      return crlf && kind <= 2 ? { ...lf, text: lf.text.replace(/\n/g, '\r\n'), shape: `${lf.shape}, CRLF` } : lf;
    });

function hostOf(kind: number, p: string, indicator: string, after: After, emptyPad: string): GeneratedHost {
  switch (kind) {
    case 0:
    case 1:
      return {
        uri: 'file:///fuzz/configmap.yaml',
        text: configMap(p, indicator, after, emptyPad),
        shape: `ConfigMap ${indicator} then ${after}`,
      };
    case 2:
      return {
        uri: 'file:///fuzz/quoted.yaml',
        text: `apiVersion: v1\nkind: ConfigMap\ndata:\n  policy.yaml: ${JSON.stringify(`${p}\n`)}\n${AFTER[after]}`,
        shape: 'ConfigMap, double-quoted value',
      };
    case 3:
      return markdown(p, indicator.length % 2 === 0);
    case 4:
      return indicator === '|'
        ? {
            uri: 'file:///fuzz/install.sh',
            text: `#!/bin/sh\nset -e\n\tcat <<-'EOF' > /etc/kubernetes/audit.yaml\n${indent(p, '\t')}\n\tEOF\nsystemctl restart kubelet\n`,
            shape: 'shell <<- here-document, tabs',
          }
        : {
            uri: 'file:///fuzz/install.sh',
            text: `#!/bin/sh\ncat <<EOF > /etc/kubernetes/audit.yaml\n${p}\nEOF\n${after === 'key' ? 'echo done\n' : ''}`,
            shape: 'shell here-document',
          };
    case 5:
      return {
        uri: 'file:///fuzz/main.tf',
        text: `resource "local_file" "audit" {\n  filename = "audit.yaml"\n  content  = <<-EOT\n${indent(p, '    ')}\n  EOT\n}\n`,
        shape: 'Terraform <<-EOT here-document',
      };
    case 6:
      return { uri: 'file:///fuzz/chart/templates/policy.yaml', text: `${p}\n`, shape: 'Helm template, the policy' };
    case 7:
      return {
        uri: 'file:///fuzz/chart/templates/configmap.yaml',
        text: configMap(p, indicator, after, emptyPad, '{{ .Release.Name }}-audit'),
        shape: `Helm ConfigMap ${indicator} then ${after}`,
      };
    case 10:
      return {
        uri: 'file:///fuzz/cookbook/templates/default/audit-policy.yaml.erb',
        text: `<%# Chef writes this file %>\n${asErb(p)}\n`,
        shape: 'ERB template, the policy',
      };
    case 11:
      return {
        uri: 'file:///fuzz/salt/kubernetes/audit.sls',
        text: `#!mako|yaml\n${asMako(configMap(withCondition(p), indicator, after, emptyPad, '${name}-audit'))}`,
        shape: `Mako ConfigMap (Salt) ${indicator} then ${after}`,
      };
    case 12:
      return hugo(p, after === 'document');
    case 13:
      return laterDocument(p, indicator.length % 2 === 0);
    case 14:
      return {
        uri: 'file:///fuzz/operator/audit.go',
        text: `package audit\n\n// Policy is written to the control plane.\nconst Policy = \`${p}\n\`\n`,
        shape: 'Go raw string',
      };
    case 15:
      return {
        uri: 'file:///fuzz/harness/cluster.py',
        text: `import yaml\n\nAUDIT_POLICY = """${p}\n"""\n`,
        shape: 'Python triple-quoted string',
      };
    case 16:
      return packer(p);
    case 17:
      return goConcatenated(p);
    default:
      return kustomize(p, indicator, after);
  }
}

/** A Packer JSON template whose shell provisioner's `inline` lines write the policy with a
 *  here-document, one policy line an item. */
function packer(p: string): GeneratedHost {
  const lines = [
    'cat <<EOF > /etc/kubernetes/audit-policy.yaml',
    ...p.split('\n'),
    'EOF',
    'chmod 0600 /etc/kubernetes',
  ];
  const items = lines.map((l) => `        ${JSON.stringify(l)}`).join(',\n');
  const text = `{\n  "provisioners": [\n    {\n      "type": "shell",\n      "inline": [\n${items}\n      ]\n    }\n  ]\n}\n`;
  return { uri: 'file:///fuzz/packer.json', text, shape: 'Packer inline lines' };
}

/** Generated Go code: the policy one interpreted literal a line, joined with `+`. */
function goConcatenated(p: string): GeneratedHost {
  const parts = p.split('\n').map((l) => `\t\t${JSON.stringify(`${l}\n`)}`);
  const text = `package audit\n\nfunc policy() string {\n\treturn "" +\n${parts.join(' +\n')}\n}\n`;
  return { uri: 'file:///fuzz/operator/policy.yaml.go', text, shape: 'Go literals joined' };
}

/** Helm's directives written as ERB tags: `<%= @admin %>`, `<% if @verbs -%>`, `<% end -%>`. */
function asErb(text: string): string {
  return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_all, body: string) =>
    /^(if|with|range|end)\b/.test(body) ? `<% ${body.replace(/^(with|range)/, 'if')} -%>` : `<%= ${body} %>`,
  );
}

/** The policy with a conditional first rule: its Mako control lines then sit among the scalar's lines. */
function withCondition(p: string): string {
  const pad = /^rules:\n( *)/m.exec(p)?.[1] ?? '';
  return p.replace(/^rules:\n/m, `rules:\n${indent(TEMPLATE_RULES[2], pad)}\n`);
}

/** Helm's directives written as Mako: a whole-line directive becomes a control line at column 0
 *  (`% if verbs:` ... `% endif`, `% for u in users:` ... `% endfor`), any other one `${...}`. */
function asMako(text: string): string {
  const open: string[] = [];
  return text
    .split('\n')
    .map((line) => {
      const whole = /^\s*\{\{-?\s*(\w+)\b(.*?)\s*-?\}\}\s*$/.exec(line);
      if (!whole) return line.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_all, body: string) => `\${${body}}`);
      const [, word, rest] = whole;
      if (word === 'end') return `% end${open.pop() ?? 'if'}`;
      open.push(word === 'range' ? 'for' : 'if');
      return word === 'range' ? `% for item in${rest}:` : `% if${rest}:`;
    })
    .join('\n');
}

/** A Hugo page (the Talos reference's shape): the policy in a highlight shortcode in a table cell,
 *  after a Namespace document or alone. */
function hugo(p: string, afterNamespace: boolean): GeneratedHost {
  const lead = afterNamespace ? 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: audit\n---\n' : '';
  const text =
    '| Field | Description |\n|---|---|\n' +
    `|\`auditPolicy\` |The policy. <details><summary>Example</summary>{{< highlight yaml >}}\n${lead}${p}\n` +
    '{{< /highlight >}}</details> |\n';
  return {
    uri: 'file:///fuzz/config.md',
    text,
    shape: `Hugo highlight shortcode${afterNamespace ? ', a later document' : ''}`,
  };
}

/** A YAML block that lists a Namespace, then the policy (in a list item: indented). */
function laterDocument(p: string, listItem: boolean): GeneratedHost {
  const block = `\`\`\`yaml\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: audit\n---\n${p}\n\`\`\``;
  const text = listItem ? `1. Apply:\n\n${indent(block, '   ')}\n` : `# Audit\n\n${block}\n`;
  return { uri: 'file:///fuzz/README.md', text, shape: 'Markdown fence, a later document' };
}

function markdown(p: string, listItem: boolean): GeneratedHost {
  const text = listItem
    ? `# Audit\n\n1. Save the policy:\n\n   \`\`\`yaml\n${indent(p, '   ')}\n   \`\`\`\n\n2. Restart.\n`
    : `# Audit\n\n\`\`\`yaml\n${p}\n\`\`\`\n\nThen restart the API server.\n`;
  return { uri: 'file:///fuzz/README.md', text, shape: listItem ? 'Markdown fence in a list item' : 'Markdown fence' };
}

function kustomize(p: string, indicator: string, after: After): GeneratedHost {
  const sibling = after === 'key' ? '      other.txt: hello\n' : '';
  const text =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n- patch: |-\n' +
    '    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: audit\n    data:\n' +
    `      policy.yaml: ${indicator.replace('2', '')}\n${indent(p, '        ')}\n${sibling}` +
    '  target:\n    kind: ConfigMap\n';
  return { uri: 'file:///fuzz/kustomization.yaml', text, shape: `Kustomize patch, ConfigMap ${indicator}` };
}
