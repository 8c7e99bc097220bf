// The text a fix is tried on is the text the editor makes of its edits: vscode-languageserver-
// textdocument's applyEdits (what LSP servers and clients apply) is the reference.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyOffsetEdits } from '../../../server/src/service/features/fixSafety';

/** Edits of a text in any order; those LSP refuses as overlapping are left out below. */
const textAndEdits = fc.string({ maxLength: 40 }).chain((text) =>
  fc.array(fc.tuple(fc.nat(text.length), fc.nat(4), fc.string({ maxLength: 5 })), { maxLength: 8 }).map((raw) => ({
    text,
    edits: raw.map(([start, length, newText]) => ({ start, end: Math.min(text.length, start + length), newText })),
  })),
);

test('edits are made as LSP makes them, whatever their order', () => {
  fc.assert(
    fc.property(textAndEdits, ({ text, edits }) => {
      const doc = TextDocument.create('file:///x', 'yaml', 1, text);
      const lsp = edits.map((e) => ({
        range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
        newText: e.newText,
      }));
      let expected: string;
      try {
        expected = TextDocument.applyEdits(doc, lsp);
      } catch {
        fc.pre(false); // overlapping edits: no fix makes them
        return;
      }
      assert.equal(applyOffsetEdits(text, edits), expected);
    }),
  );
});

test('two inserts at one offset keep their order', () => {
  const edits = [
    { start: 3, end: 3, newText: 'A' },
    { start: 3, end: 3, newText: 'B' },
    { start: 1, end: 2, newText: 'x' },
  ];
  assert.equal(applyOffsetEdits('abcdef', edits), 'axcABdef');
});
