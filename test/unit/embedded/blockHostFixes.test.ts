// Every fix offered for a policy kept in a Nix indented string, a Java text block, a Kotlin raw
// string under trimIndent(), a Puppet heredoc or a Rust raw string, applied to the host: the
// host's text outside the policy is what it was, to the character, and the policy read back from
// the fixed host is what the same fix makes of the policy alone (the text round-trips through the
// literal's indentation, its closing line and its line breaks, LF or CRLF). Fix-all likewise.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import {
  createHostDocument,
  DEFAULT_SETTINGS,
  doCodeActions,
  fixAll,
  hostCodeActions,
  hostDiagnostics,
  hostFixAll,
  translators,
  validate,
} from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { applyEdits, editsOf } from './support';

/** Policies whose findings have fixes that rename, remove, insert and split lines, the last too. */
const POLICIES = [
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n  verbs: [get]',
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["system:kube-proxy"]',
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: ["RequestReceivd"]\nrules:\n  - level: Request\n    verb: [get]\n\n  - level: Metadata',
  [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  users: ["admin"]',
    '  resources:',
    '  - group: ""',
    '    resources: ["pods"]',
    '  nonResourceURLs: ["/healthz"]',
    '# the end',
  ].join('\n'),
];

function indent(text: string, pad: string): string {
  return text.replace(/^(?=.)/gm, pad);
}

/** What Nix reads from an indented string in a CRLF file: each `\r` is text, and the one that ends
 *  the `''` line is a line that leaves every line its indentation (lexer.l, stripIndentation). */
function nixCrlf(pad: string): (p: string) => string {
  return (p) => `\r\n${indent(p, pad).replace(/\n/g, '\r\n')}`;
}

/** The host shapes: a name, the file's name, the host text around the policy, the indentation
 *  the policy's lines keep (a Java text block strips only as much as its closing line has), and
 *  what is read in a CRLF file when that is not the policy with LF line breaks. */
const HOSTS: ReadonlyArray<readonly [string, string, (p: string) => string, string?, ((p: string) => string)?]> = [
  [
    'Nix indented string',
    'audit.nix',
    (p) => `{\n  environment.etc."audit.yaml".text = ''\n${indent(p, '    ')}\n  '';\n}\n`,
    '',
    nixCrlf('    '),
  ],
  [
    'Nix, closing on the last line',
    'writer.nix',
    (p) => `pkgs.writeText "a.yaml" ''\n${indent(p, '  ')}'';\n`,
    '',
    nixCrlf('  '),
  ],
  ['Java text block', 'AuditIT.java', (p) => `class A {\n  String p = """\n${indent(p, '      ')}\n      """;\n}\n`],
  ['Java, closing line shallower', 'Audit.java', (p) => `var p = """\n${indent(p, '    ')}\n  """;\n`, '  '],
  ['Java, closing after the text', 'Inline.java', (p) => `var p = """\n${indent(p, '\t\t')}""";\n`],
  ['Kotlin trimIndent', 'Audit.kt', (p) => `val p = """\n${indent(p, '    ')}\n    """.trimIndent()\n`],
  ['Puppet margin', 'audit.pp', (p) => `file { 'a':\n  content => @(EOT),\n${indent(p, '    ')}\n    |- EOT\n}\n`],
  ['Puppet, no margin', 'plain.pp', (p) => `notice(@("EOT"))\n${p}\nEOT\n`],
  ['Rust raw string', 'audit.rs', (p) => `fn p() -> &'static str {\n    r#"${p}\n"#\n}\n`],
];

/** The host's text before and after its policy. */
function frames(h: HostDocument): string[] {
  const { map } = h.policies[0].region;
  return [h.text.slice(0, map.hostStart), h.text.slice(map.hostEnd)];
}

/** What a policy alone becomes with the fix titled `title` for the finding the host shows. */
function fixedAlone(host: HostDocument, finding: Diagnostic, title: string): string | undefined {
  const policy = host.policies[0];
  const start = translators(host)[0].toPolicyPosition(finding.range.start);
  const same = validate(policy.doc, DEFAULT_SETTINGS, { force: true }).find(
    (d) => d.code === finding.code && JSON.stringify(d.range.start) === JSON.stringify(start),
  );
  const action = same && doCodeActions(policy.doc, same.range, { diagnostics: [same] }, DEFAULT_SETTINGS);
  const chosen = action?.find((a) => a.title === title);
  return chosen && applyEdits(policy.doc, editsOf(chosen, policy.doc.uri));
}

function checkRoundTrip(host: HostDocument, what: string, edits: readonly TextEdit[], alone: string): void {
  const fixed = createHostDocument(host.uri, 2, applyEdits(host, edits));
  assert.equal(fixed.policies.length, 1, `${what}: the policy is gone\n${fixed.text}`);
  assert.deepEqual(frames(fixed), frames(host), `${what} changes the host outside the policy:\n${fixed.text}`);
  const trimmed = (t: string): string => t.replace(/\n+$/, '');
  assert.equal(trimmed(fixed.policies[0].region.text), trimmed(alone), `${what}:\n${fixed.text}`);
}

for (const [shape, name, wrap, kept = '', readCrlf] of HOSTS) {
  for (const crlf of [false, true]) {
    test(`every fix in a ${shape}${crlf ? ' (CRLF)' : ''} round-trips through the host`, () => {
      let applied = 0;
      for (const policy of POLICIES) {
        const lf = wrap(policy);
        const host = createHostDocument(`file:///src/${name}`, 1, crlf ? lf.replace(/\n/g, '\r\n') : lf);
        assert.equal(host.policies.length, 1, `${shape}: no policy in\n${host.text}`);
        const read = host.policies[0].region.text.replace(/\r?\n+$/, '');
        const expected = crlf && readCrlf ? readCrlf(policy) : indent(policy, kept);
        assert.equal(read, expected, `${shape} reads another policy`);
        for (const d of hostDiagnostics(host, DEFAULT_SETTINGS)) {
          for (const action of hostCodeActions(host, d.range, { diagnostics: [d] }, DEFAULT_SETTINGS)) {
            const alone = fixedAlone(host, d, action.title);
            assert.ok(alone !== undefined, `"${action.title}" is offered in the ${shape} but not on the policy alone`);
            checkRoundTrip(host, `"${action.title}" in the ${shape}`, editsOf(action, host.uri), alone);
            applied++;
          }
        }
        const all = hostFixAll(host, DEFAULT_SETTINGS);
        const own = fixAll(host.policies[0].doc, DEFAULT_SETTINGS);
        if (all && own) {
          const alone = applyEdits(host.policies[0].doc, editsOf(own, host.policies[0].doc.uri));
          checkRoundTrip(host, `fix-all in the ${shape}`, editsOf(all, host.uri), alone);
        }
      }
      // Each policy has findings with fixes: a host that offers none fails here.
      assert.ok(applied >= POLICIES.length, `only ${applied} fixes applied in the ${shape}`);
    });
  }
}
