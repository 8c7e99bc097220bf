// Completion, hover, code actions, document symbols and semantic tokens from the built server
// over stdio, on the example policy, exactly as any LSP editor asks for them.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  MarkupContent,
  SemanticTokens,
  SemanticTokensDelta,
} from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_LEGEND } from '../../server/src/service';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

const SEED = readFileSync(path.resolve(__dirname, '../../../examples/seed-policy.yaml'), 'utf8');
const SEED_URI = 'file:///tmp/editing/seed.yaml';

let client: TestClient;
let seedDiagnostics: Diagnostic[];

before(async () => {
  client = await startClient();
  const published = client.diagnostics(SEED_URI, 1);
  open(client, SEED_URI, SEED);
  seedDiagnostics = (await published).diagnostics;
});
after(async () => {
  await client.stop();
});

const at = (line: number, character: number) => ({ textDocument: { uri: SEED_URI }, position: { line, character } });

test('completion after `level: ` offers exactly the four levels', async () => {
  const uri = 'file:///tmp/editing/completion.yaml';
  const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: \n';
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
  const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 3, character: 11 },
  });
  assert.deepEqual(
    list.items.map((i) => i.label),
    ['None', 'Metadata', 'Request', 'RequestResponse'],
  );
  assert.match((list.items[0].documentation as MarkupContent).value, /Do not record/);
});

test('completion in the seed policy: verbs in a flow list, resources of the core group', async () => {
  const verbs = await client.connection.sendRequest<CompletionList>('textDocument/completion', at(5, 12)); // verbs: ["|delete"]
  assert.ok(verbs.items.some((i) => i.label === 'deletecollection'));
  const resources = await client.connection.sendRequest<CompletionList>('textDocument/completion', at(8, 19)); // resources: [|"pods"]
  const labels = resources.items.map((i) => i.label);
  for (const expected of ['pods', 'pods/log', 'pods/exec', 'secrets', '*', 'pods/*'])
    assert.ok(labels.includes(expected), `${expected} in ${labels.join(' ')}`);
  assert.ok(!labels.includes('deployments'), 'apps resources are not offered for the core group');
});

test('hover on the key `level` documents the Level type and its four values', async () => {
  const hover = await client.connection.sendRequest<Hover>('textDocument/hover', at(10, 6));
  const value = (hover.contents as MarkupContent).value;
  assert.match(value, /Level/);
  for (const level of ['None', 'Metadata', 'Request', 'RequestResponse'])
    assert.match(value, new RegExp(`\\b${level}\\b`));
});

test('hover on the rule summarizes it in plain English', async () => {
  const hover = await client.connection.sendRequest<Hover>('textDocument/hover', at(4, 2));
  assert.match(
    (hover.contents as MarkupContent).value,
    /Records request and response bodies of delete requests for the pod "webapp-pod " in namespace prod-namespace; no event at stage RequestReceived; "webapp-pod " never matches/,
  );
});

test('code actions: the preferred fix for `groups` renames it to `group`; whitespace is trimmed', async () => {
  const unknown = seedDiagnostics.find((d) => d.code === 'unknown-field')!;
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: SEED_URI },
    range: unknown.range,
    context: { diagnostics: [unknown] },
  });
  const preferred = actions.find((a) => a.isPreferred)!;
  assert.equal(preferred.kind, 'quickfix');
  assert.match(preferred.title, /group/);
  assert.deepEqual(preferred.edit?.changes?.[SEED_URI], [{ range: unknown.range, newText: 'group' }]);
  const padded = seedDiagnostics.find((d) => d.code === 'surrounding-whitespace')!;
  const trims = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: SEED_URI },
    range: padded.range,
    context: { diagnostics: [padded] },
  });
  assert.equal(trims[0].edit?.changes?.[SEED_URI][0].newText, '"webapp-pod"');
});

test('code actions: source.fixAll carries both fixes', async () => {
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: SEED_URI },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(actions.length, 1);
  assert.deepEqual(
    actions[0].edit?.changes?.[SEED_URI].map((e) => e.newText),
    ['group', '"webapp-pod"'],
  );
});

test('document symbols: the rule reads like the policy', async () => {
  const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri: SEED_URI },
  });
  const rules = symbols.find((s) => s.name === 'rules')!;
  assert.deepEqual(
    rules.children?.map((s) => s.name),
    ['#1 RequestResponse: delete "pods/webapp-pod " in prod-namespace'],
  );
  assert.equal(rules.children?.[0].range.start.line, 4);
});

test('the outline after edits that change, add and remove rules is the outline of the text as it now is', async () => {
  // The stdio transport writes an outline from the bytes of the rule symbols its last one had
  // (lsp/node/messageEncoder.ts): what arrives must be what a fresh document's outline is.
  const uri = 'file:///tmp/editing/outline.yaml';
  const rule = (verb: string) =>
    `  - level: Metadata\n    verbs: [${verb}]\n    resources:\n      - resources: [pods]\n`;
  let text = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${['get', 'list', 'watch', 'create'].map(rule).join('')}`;
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
  const outline = async () =>
    (await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }))
      .find((s) => s.name === 'rules')
      ?.children?.map((s) => `${s.name} @${s.range.start.line}`);
  assert.deepEqual(await outline(), [
    '#1 Metadata: get pods @3',
    '#2 Metadata: list pods @7',
    '#3 Metadata: watch pods @11',
    '#4 Metadata: create pods @15',
  ]);
  const edits: Array<[string, string, string[]]> = [
    [
      'list',
      'delete',
      [
        '#1 Metadata: get pods @3',
        '#2 Metadata: delete pods @7',
        '#3 Metadata: watch pods @11',
        '#4 Metadata: create pods @15',
      ],
    ],
    [
      rule('get'),
      rule('get') + rule('patch'),
      [
        '#1 Metadata: get pods @3',
        '#2 Metadata: patch pods @7',
        '#3 Metadata: delete pods @11',
        '#4 Metadata: watch pods @15',
        '#5 Metadata: create pods @19',
      ],
    ],
    [
      rule('watch'),
      '',
      [
        '#1 Metadata: get pods @3',
        '#2 Metadata: patch pods @7',
        '#3 Metadata: delete pods @11',
        '#4 Metadata: create pods @15',
      ],
    ],
  ];
  for (const [version, [from, to, expected]] of edits.entries()) {
    text = text.replace(from, to);
    const edited = client.diagnostics(uri, version + 2);
    client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: version + 2 },
      contentChanges: [{ text }],
    });
    await edited;
    assert.deepEqual(await outline(), expected, `after replacing ${JSON.stringify(from)}`);
  }
});

test('semantic tokens: a file that holds no policy gets none, so that another server colours it', async () => {
  // VS Code shows the first answer that has tokens; even an empty one would hide the others'.
  const uri = 'file:///editing/deployment.yaml';
  open(client, uri, 'apiVersion: apps/v1\nkind: Deployment\n');
  for (const [method, params] of [
    ['textDocument/semanticTokens/full', { textDocument: { uri } }],
    ['textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: '1' }],
    [
      'textDocument/semanticTokens/range',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } },
    ],
  ] as const)
    assert.equal(await client.connection.sendRequest(method, params), null, method);
});

test('semantic tokens: levels, stages and verbs are told apart', async () => {
  const tokens = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', {
    textDocument: { uri: SEED_URI },
  });
  const lines = SEED.split('\n');
  const words: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dLine, dChar, length, type] = tokens.data.slice(i, i + 4);
    line += dLine;
    char = dLine === 0 ? char + dChar : dChar;
    words.push(`${lines[line].slice(char, char + length)}=${SEMANTIC_TOKEN_LEGEND.tokenTypes[type]}`);
  }
  for (const expected of [
    '"RequestReceived"=enumMember',
    '"delete"=keyword',
    'RequestResponse=enumMember',
    'level=property',
    '"pods"=type',
  ])
    assert.ok(words.includes(expected), `${expected} in ${words.join(' ')}`);
  assert.ok(!words.some((w) => w.startsWith('groups=')), 'the unknown key gets no token');
});

test('semantic tokens after an edit: a delta against the last answer, which applied gives the full tokens', async () => {
  const uri = 'file:///tmp/editing/delta.yaml';
  const opened = client.diagnostics(uri, 1);
  open(client, uri, SEED);
  await opened;
  const first = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', {
    textDocument: { uri },
  });
  assert.ok(first.resultId, 'a full answer names itself');
  const edited = client.diagnostics(uri, 2);
  // "RequestResponse" -> "RequestResponsX" on line 10: that level loses its token.
  client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 10, character: 25 }, end: { line: 10, character: 26 } }, text: 'X' }],
  });
  await edited;
  const delta = await client.connection.sendRequest<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: first.resultId,
  });
  const now = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', {
    textDocument: { uri },
  });
  const applied = [...first.data];
  for (const e of [...delta.edits].sort((a, b) => b.start - a.start))
    applied.splice(e.start, e.deleteCount, ...(e.data ?? []));
  assert.deepEqual(applied, now.data);
  assert.equal(now.data.length, first.data.length - 5);
  assert.ok(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) <= 5, JSON.stringify(delta.edits));
  // A previousResultId the server does not hold: the whole tokens again.
  const unknown = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: 'no such result',
  });
  assert.deepEqual(unknown.data, now.data);
});

test('a document opened and asked at once for its colours, outline and rule numbers gets its diagnostics first', async () => {
  // VS Code asks for these as soon as it opens a file: they can wait, problems should not.
  const uri = 'file:///tmp/editing/asked-at-open.yaml';
  const order: string[] = [];
  const published = client.diagnostics(uri, 1).then(() => order.push('diagnostics'));
  open(client, uri, SEED);
  const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
  const asked = (
    [
      ['textDocument/semanticTokens/full', {}],
      ['textDocument/documentSymbol', {}],
      ['textDocument/inlayHint', { range }],
    ] as const
  ).map(([method, extra]) =>
    client.connection.sendRequest(method, { textDocument: { uri }, ...extra }).then(() => order.push(method)),
  );
  await Promise.all([published, ...asked]);
  assert.equal(order[0], 'diagnostics', order.join(', '));
  assert.equal(order.length, 4);
});
