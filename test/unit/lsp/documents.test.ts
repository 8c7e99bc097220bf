// The server tells the service which span an editor's incremental change replaced
// (lsp/documents.ts), so that the two versions of a long text are not compared. Whatever change an
// editor sends (ranges reversed or past the end, a text replaced by itself, line breaks split
// across the edit), the span told must cover every difference, and a policy edited so must show
// what the same text opened afresh shows.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../../server/src/service';
import type { PolicyDocument } from '../../../server/src/service';
import { textChange, rememberTextChange } from '../../../server/src/service/text/textChange';
import { DOCUMENT_UPDATES } from '../../../server/src/lsp/documents';

const piece = fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '- level: None\n', '  - level: Metadata\n', 'verbs: [get]');
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
// Where a change starts and ends, as offsets into the text it changes (taken modulo its length): an
// editor names places in the document, and TextDocument's own line offsets go wrong on a range
// past the end of an empty text.
const change = fc.record({ from: fc.nat(), to: fc.nat(), text });
type Change = { from: number; to: number; text: string };

/** The change as an editor sends it: its range in line and character, the ends in either order. */
function sent(doc: TextDocument, c: Change): { range: Range; text: string } {
  const length = doc.getText().length + 1;
  return { range: { start: doc.positionAt(c.from % length), end: doc.positionAt(c.to % length) }, text: c.text };
}

test('the span told covers every difference between the two versions', () => {
  fc.assert(
    fc.property(text, fc.array(change, { minLength: 1, maxLength: 3 }), (initial, changes) => {
      let doc = DOCUMENT_UPDATES.create('file:///a.yaml', 'yaml', 1, initial);
      for (const c of changes) {
        const before = doc.getText();
        const event = sent(doc, c);
        // Where TextDocument puts the ends (a place inside a CRLF is the end of its line).
        const [a, b] = [doc.offsetAt(event.range.start), doc.offsetAt(event.range.end)];
        doc = DOCUMENT_UPDATES.update(doc, [event], doc.version + 1);
        const after = doc.getText();
        const told = textChange(before, after);
        // The change as the editor named it, its ends in order: not the least span found by comparing.
        const start = Math.min(a, b);
        assert.deepEqual(told, { start, oldEnd: Math.max(a, b), newEnd: start + c.text.length });
        assert.equal(before.slice(0, told.start), after.slice(0, told.start));
        assert.equal(before.slice(told.oldEnd), after.slice(told.newEnd));
      }
    }),
    { numRuns: 3000 },
  );
});

const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n';
const RULES = '  - level: Metadata\n    verbs: [get, lsit]\n  - level: Metadata\n    verbs: [get]\n  - level: None\n';

test('a policy edited through the documents shows what the same text opened afresh shows', () => {
  fc.assert(
    fc.property(fc.array(change, { minLength: 1, maxLength: 4 }), (changes) => {
      let doc = DOCUMENT_UPDATES.create('file:///p.yaml', 'yaml', 1, HEADER + RULES);
      let policy: PolicyDocument = createPolicyDocument(doc.uri, 1, doc.getText());
      validate(policy, DEFAULT_SETTINGS);
      for (const c of changes) {
        doc = DOCUMENT_UPDATES.update(doc, [sent(doc, c)], doc.version + 1);
        policy = createPolicyDocument(doc.uri, doc.version, doc.getText(), policy);
        const fresh = validate(createPolicyDocument(doc.uri, doc.version, doc.getText()), DEFAULT_SETTINGS);
        assert.deepEqual(validate(policy, DEFAULT_SETTINGS), fresh);
      }
    }),
    { numRuns: 300 },
  );
});

test('a change that does not fit the two texts is not taken: the texts are compared instead', () => {
  rememberTextChange('abc', 'abXc', { start: 0, oldEnd: 1, newEnd: 1 }); // lengths disagree: ignored
  assert.deepEqual(textChange('abc', 'abXc'), { start: 2, oldEnd: 2, newEnd: 3 });
  const before = 'x'.repeat(10);
  const after = `${'x'.repeat(5)}y${'x'.repeat(4)}`;
  rememberTextChange(before, after, { start: 2, oldEnd: 8, newEnd: 8 }); // wider than the difference: taken
  assert.deepEqual(textChange(before, after), { start: 2, oldEnd: 8, newEnd: 8 });
});
