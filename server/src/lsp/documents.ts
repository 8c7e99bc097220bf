// The open documents, as vscode-languageserver-textdocument keeps them, and one thing more: after
// an incremental change the service is told which span changed (rememberTextChange), instead of
// finding it by comparing the two versions of a text that may be megabytes long.
import { TextDocuments } from 'vscode-languageserver';
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-textdocument';
import { rememberTextChange } from '../service';
import type { TextChange } from '../service';

export function openDocuments(): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>(DOCUMENT_UPDATES);
}

/** How documents are made and changed: TextDocument's own way, the change remembered. */
export const DOCUMENT_UPDATES: TextDocumentsConfiguration<TextDocument> = {
  create: TextDocument.create,
  update(document, changes, version) {
    const before = document.getText();
    const change = changes.length === 1 ? replacedSpan(document, changes[0]) : undefined;
    const updated = TextDocument.update(document, changes, version);
    if (change) rememberTextChange(before, updated.getText(), change);
    return updated;
  },
};

/** The span an incremental change replaces, in offsets of the text before it, as
 *  TextDocument.update reads its range (the ends in order, each clamped to the text). */
function replacedSpan(document: TextDocument, change: TextDocumentContentChangeEvent): TextChange | undefined {
  if (!('range' in change)) return undefined;
  const { start, end } = inOrder(change.range);
  const from = document.offsetAt(start);
  return { start: from, oldEnd: document.offsetAt(end), newEnd: from + change.text.length };
}

function inOrder(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character)
    ? { start: end, end: start }
    : range;
}
