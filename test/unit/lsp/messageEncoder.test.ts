// The stdio encoder assembles a publication from each diagnostic's kept bytes, and an outline from
// each rule symbol's: what it writes must be the message as JSON, whatever the message, and a changed
// diagnostic or symbol (a new object) must be written anew.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { SymbolKind } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentSymbol, Message } from 'vscode-languageserver/node';
import { messageEncoder } from '../../../server/src/lsp/node/messageEncoder';
import { PullReports } from '../../../server/src/lsp/pullReports';
import { markedOutline } from '../../../server/src/lsp/features/symbols';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
const diagnostic = (message: string) => ({ range, severity: 2, code: 'unknown-verb', message, data: { path: 'x' } });

async function decoded(encoder: ReturnType<typeof messageEncoder>, msg: object): Promise<unknown> {
  const bytes = await encoder.encode(msg as Message, { charset: 'utf-8' });
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

test('a publication is the message as JSON, before and after its diagnostics change', async () => {
  const encoder = messageEncoder();
  const kept = diagnostic('“verbs” never match – ü');
  const first = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///p.yaml', version: 1, diagnostics: [kept, diagnostic('a')] },
  };
  assert.deepEqual(await decoded(encoder, first), first);
  const second = { ...first, params: { ...first.params, version: 2, diagnostics: [diagnostic('b'), kept] } };
  assert.deepEqual(await decoded(encoder, second), second);
  const none = { ...first, params: { uri: 'file:///p.yaml', diagnostics: [] } };
  assert.deepEqual(await decoded(encoder, none), none);
});

test('a publication that keeps diagnostics of the previous one, anywhere, is still the message as JSON', async () => {
  const encoder = messageEncoder();
  const list = Array.from({ length: 6 }, (_, i) => diagnostic(`d${i}`));
  const publication = (version: number, diagnostics: object[]) => ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///p.yaml', version, diagnostics },
  });
  const versions = [
    list,
    [...list.slice(0, 3), diagnostic('changed'), ...list.slice(4)], // one in the middle changed
    [...list.slice(0, 3), diagnostic('new'), ...list.slice(3)], // one added
    list.slice(1), // the first removed
    list.slice(1), // the same again
    list.slice(1, 3), // the end removed
    [diagnostic('only')],
    list,
    [diagnostic('first'), ...list.slice(1, 5), diagnostic('last')], // both ends changed, the middle kept
    [diagnostic('first'), list[2], list[1], list[4], diagnostic('last')], // kept ones reordered, one dropped
  ];
  for (const [i, diagnostics] of versions.entries())
    assert.deepEqual(await decoded(encoder, publication(i, diagnostics)), publication(i, diagnostics));
});

test('other messages are encoded as they are', async () => {
  const encoder = messageEncoder();
  const request = { jsonrpc: '2.0', id: 3, method: 'workspace/configuration', params: { items: [{ section: 'x' }] } };
  assert.deepEqual(await decoded(encoder, request), request);
  const odd = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'u', diagnostics: 'no' } };
  assert.deepEqual(await decoded(encoder, odd), odd);
});

test('publications of several documents, interleaved, are each the message as JSON while memory is reused', async () => {
  const pool = Array.from({ length: 8 }, (_, i) => diagnostic(`d${i} “ü”`));
  const lists = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 12 }).map((ids) => ids.map((i) => pool[i]));
  const step = fc.record({ doc: fc.integer({ min: 0, max: 2 }), diagnostics: lists });
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
      const encoder = messageEncoder();
      for (const [version, { doc, diagnostics }] of steps.entries()) {
        const msg = {
          jsonrpc: '2.0',
          method: 'textDocument/publishDiagnostics',
          params: { uri: `file:///p${doc}.yaml`, version, diagnostics },
        };
        // Decoded right away, as the writer sends it before it encodes the next message.
        assert.deepEqual(await decoded(encoder, msg), msg);
      }
    }),
    { numRuns: 300 },
  );
});

test('a document’s publications take turns in two buffers instead of taking fresh memory each time', async () => {
  const encoder = messageEncoder();
  const publication = (version: number, message: string) => ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///p.yaml', version, diagnostics: [diagnostic(message)] },
  });
  // Larger than Node's pool of small buffers, whose slab is shared.
  const long = 'x'.repeat(10_000);
  const buffers: ArrayBufferLike[] = [];
  for (let v = 0; v < 6; v++) {
    const bytes = await encoder.encode(publication(v, `${long}${v}`) as Message, { charset: 'utf-8' });
    assert.deepEqual(JSON.parse(Buffer.from(bytes).toString('utf8')), publication(v, `${long}${v}`));
    buffers.push(bytes.buffer);
  }
  assert.notEqual(buffers[3], buffers[2]); // the last message is still read from
  assert.equal(buffers[4], buffers[2]);
  assert.equal(buffers[5], buffers[3]);
});

test('full reports of pulled diagnostics, among publications, for more documents than are kept, are each the message as JSON', async () => {
  const pool = Array.from({ length: 8 }, (_, i) => diagnostic(`d${i} “ü”`));
  const lists = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 12 }).map((ids) => ids.map((i) => pool[i]));
  const step = fc.record({ doc: fc.integer({ min: 0, max: 19 }), pulled: fc.boolean(), diagnostics: lists });
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
      const encoder = messageEncoder();
      const reports = new PullReports();
      for (const [id, { doc, pulled, diagnostics }] of steps.entries()) {
        const uri = `file:///p${doc}.yaml`;
        const msg = pulled
          ? { jsonrpc: '2.0', id, result: reports.report(uri, diagnostics as Diagnostic[], undefined) }
          : { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: id, diagnostics } };
        assert.deepEqual(await decoded(encoder, msg), JSON.parse(JSON.stringify(msg)));
      }
    }),
    { numRuns: 300 },
  );
});

test('outlines whose rule symbols are kept, changed, added and removed are each the message as JSON', async () => {
  const symbol = (name: string, line: number): DocumentSymbol => ({
    name,
    kind: SymbolKind.Event,
    range: { start: { line, character: 2 }, end: { line: line + 2, character: 0 } },
    selectionRange: { start: { line, character: 4 }, end: { line, character: 9 } },
  });
  const pool = Array.from({ length: 8 }, (_, i) => symbol(`#${i + 1} Metadata: get pods “ü”`, i * 3));
  const rules = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 12 }).map((ids) => ids.map((i) => pool[i]));
  const step = fc.record({ doc: fc.integer({ min: 0, max: 2 }), rules, rulesLast: fc.boolean() });
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
      const encoder = messageEncoder();
      for (const [id, { doc, rules: children, rulesLast }] of steps.entries()) {
        const top = [symbol('apiVersion', 0), { ...symbol('rules', 3), kind: SymbolKind.Array, children }];
        const outline = rulesLast ? top : [top[1], symbol('omitStages', 40)];
        const msg = { jsonrpc: '2.0', id, result: markedOutline(`file:///p${doc}.yaml`, outline) };
        assert.deepEqual(await decoded(encoder, msg), JSON.parse(JSON.stringify(msg)));
      }
    }),
    { numRuns: 300 },
  );
});

test('an outline response is written from the rule symbols of the one before: a kept symbol keeps its bytes', async () => {
  const encoder = messageEncoder();
  const kept = { name: '#1 kept', kind: SymbolKind.Event, range, selectionRange: range };
  const outline = (rule: DocumentSymbol) =>
    markedOutline('file:///p.yaml', [
      { name: 'rules', kind: SymbolKind.Array, range, selectionRange: range, children: [kept, rule] },
    ]);
  await encoder.encode({ jsonrpc: '2.0', id: 1, result: outline({ ...kept, name: '#2 a' }) } as Message, {
    charset: 'utf-8',
  });
  // The kept symbol's JSON is copied, not made again: made again, a getter's changed value would show.
  let reads = 0;
  Object.defineProperty(kept, 'name', { get: () => `#1 read ${++reads}`, enumerable: true });
  const second = await decoded(encoder, { jsonrpc: '2.0', id: 2, result: outline({ ...kept, name: '#2 b' }) });
  assert.equal((second as { result: [{ children: DocumentSymbol[] }] }).result[0].children[0].name, '#1 kept');
  assert.equal((second as { result: [{ children: DocumentSymbol[] }] }).result[0].children[1].name, '#2 b');
});
