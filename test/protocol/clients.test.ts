// What real clients showed (Neovim's built-in client and nvim-lspconfig, Emacs eglot), over stdio:
// no snippets for a client without snippetSupport; inside quotes, the edit range and filterText
// agree with the word the client filters on; one server for several workspace folders; and a
// Policy after a ConfigMap is not the policy (kube-apiserver reads only the first document).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { InsertTextFormat } from 'vscode-languageserver/node';
import type {
  CompletionItem,
  CompletionList,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { open, startClient } from '../helpers/lspClient';
import type { ClientOptions, TestClient } from '../helpers/lspClient';

const HEAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n';

/** Neovim's client and eglot without yasnippet: no `completionItem.snippetSupport`. */
const PLAIN: ClientOptions = {
  capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: {} } } },
};
const SNIPPETS: ClientOptions = {
  capabilities: {
    workspace: { configuration: true },
    textDocument: { completion: { completionItem: { snippetSupport: true } } },
  },
};

async function withClient(options: ClientOptions, body: (client: TestClient) => Promise<void>): Promise<void> {
  const client = await startClient(options);
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

let counter = 0;

/** Opens `text` with a `$0` cursor and asks for completion there. */
async function completeAt(
  client: TestClient,
  textWithCursor: string,
): Promise<{ items: CompletionItem[]; doc: TextDocument; offset: number }> {
  const offset = textWithCursor.indexOf('$0');
  const text = textWithCursor.replace('$0', '');
  const uri = `file:///clients/complete-${++counter}.yaml`;
  const doc = TextDocument.create(uri, 'yaml', 1, text);
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
  const list = (await client.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: doc.positionAt(offset),
  })) as CompletionList;
  return { items: list.items, doc, offset };
}

function editOf(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} has a textEdit with a range`);
  return item.textEdit;
}

test('without snippetSupport every item is plain text, with no $1 or ${1|...|} in it', async () => {
  await withClient(PLAIN, async (client) => {
    for (const input of [`${HEAD}- $0`, `${HEAD}- level: None\n  $0`, `${HEAD}$0`]) {
      const { items } = await completeAt(client, input);
      assert.ok(items.length > 0, input);
      for (const item of items) {
        assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet, `${item.label} is a snippet`);
        assert.doesNotMatch(editOf(item).newText, /\$\d|\$\{\d/, item.label);
      }
    }
    const { items, doc } = await completeAt(client, `${HEAD}- $0`);
    const rule = items.find((i) => i.label === 'rule: None for health checks');
    assert.ok(rule);
    assert.equal(
      TextDocument.applyEdits(doc, [editOf(rule)]),
      `${HEAD}- level: None\n  nonResourceURLs: ["/healthz*", "/livez*", "/readyz*", "/version"]`,
    );
    const plain = items.find((i) => i.label === 'rule');
    assert.equal(plain && TextDocument.applyEdits(doc, [editOf(plain)]), `${HEAD}- level: None\n  `);
  });
});

test('with snippetSupport the rule templates and list keys are snippets', async () => {
  await withClient(SNIPPETS, async (client) => {
    const { items } = await completeAt(client, `${HEAD}- level: None\n  $0`);
    const users = items.find((i) => i.label === 'users');
    assert.equal(users?.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(users && editOf(users).newText, 'users: [$1]');
  });
});

/** What Neovim filters on: the keyword characters before the cursor. */
function typedWord(doc: TextDocument, offset: number): string {
  return /[A-Za-z0-9_-]*$/.exec(doc.getText().slice(0, offset))?.[0] ?? '';
}

test('inside quotes the edit starts at the typed word, and filterText starts with it', async () => {
  await withClient(PLAIN, async (client) => {
    const cases: Array<[input: string, label: string, result: string]> = [
      [`${HEAD}- level: None\n  verbs: ["ge$0`, 'get', `${HEAD}- level: None\n  verbs: ["get"`],
      [`${HEAD}- level: None\n  verbs: ["ge$0"]`, 'get', `${HEAD}- level: None\n  verbs: ["get"]`],
      [`${HEAD}- level: None\n  verbs: ['li$0']`, 'list', `${HEAD}- level: None\n  verbs: ['list']`],
      [`${HEAD}- level: "Req$0"`, 'RequestResponse', `${HEAD}- level: "RequestResponse"`],
      [
        `${HEAD}- level: None\n  resources:\n  - group: "ap$0"`,
        'apps',
        `${HEAD}- level: None\n  resources:\n  - group: "apps"`,
      ],
      [`${HEAD}- "lev$0": None`, 'level', `${HEAD}- "level": None`],
    ];
    for (const [input, label, result] of cases) {
      const { items, doc, offset } = await completeAt(client, input);
      const word = typedWord(doc, offset);
      const offered = items.filter((i) => (i.filterText ?? i.label).startsWith(word)).map((i) => i.label);
      assert.ok(offered.includes(label), `${input}: "${word}" filters out ${label}; offered ${offered.join(', ')}`);
      const item = items.find((i) => i.label === label)!;
      assert.equal(
        doc.offsetAt(editOf(item).range.start),
        offset - word.length,
        `${input}: the edit starts at the typed word`,
      );
      assert.equal(TextDocument.applyEdits(doc, [editOf(item)]), result);
    }
  });
});

/** A file a glob names is checked as kube-apiserver reads it: no apiVersion (refused), a rule
 *  without a level (refused), and `levels`, a field it does not know (dropped). */
const NAMED = ['invalid-api-version', 'missing-level', 'unknown-field'];

test('workspace folders: declared, and the files globs are relative to each folder, as folders come and go', async () => {
  const folder = (name: string): { uri: string; name: string } => ({ uri: `file:///ws/${name}`, name });
  await withClient(
    {
      ...PLAIN,
      capabilities: { ...PLAIN.capabilities, workspace: { configuration: true, workspaceFolders: true } },
      workspaceFolders: [folder('a'), folder('b')],
      configuration: { files: ['deploy/*.yaml'] },
    },
    async (client) => {
      const result = client.initializeResult as InitializeResult;
      assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
      const check = async (uri: string, version = 1): Promise<string[]> => {
        const published = client.diagnostics(uri, version);
        // Items without `level`: not a policy by its shape (decode/detect.ts), so only a glob makes it one.
        if (version === 1) open(client, uri, 'rules:\n- levels: None\n');
        return (await published).diagnostics.map((d) => String(d.code)).sort();
      };
      assert.deepEqual(await check('file:///ws/a/deploy/p.yaml'), NAMED);
      assert.deepEqual(await check('file:///ws/b/deploy/p.yaml'), NAMED);
      assert.deepEqual(await check('file:///ws/a/other/deploy/p.yaml'), []);
      assert.deepEqual(await check('file:///ws/c/deploy/p.yaml'), []);
      const again = (uri: string): Promise<PublishDiagnosticsParams> => client.diagnostics(uri);
      const [a, c] = [again('file:///ws/a/deploy/p.yaml'), again('file:///ws/c/deploy/p.yaml')];
      void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [folder('c')], removed: [folder('a')] },
      });
      assert.deepEqual((await a).diagnostics, [], 'a folder removed: its files are no longer named');
      assert.deepEqual(
        (await c).diagnostics.map((d) => String(d.code)).sort(),
        NAMED,
        'a folder added: its files are named',
      );
    },
  );
});

test('a ConfigMap and then a Policy: not a policy; kube-apiserver refuses it and ignores the Policy, no Policy hover or completion', async () => {
  await withClient(PLAIN, async (client) => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: audit',
      'data:',
      '  ',
      '---',
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'rules:',
      '- level: Metadata',
      '',
    ].join('\n');
    const uri = 'file:///clients/configmap-then-policy.yaml';
    const published = client.diagnostics(uri, 1);
    open(client, uri, text);
    assert.deepEqual(
      (await published).diagnostics.map((d) => d.code),
      // Oracle: `no kind "ConfigMap" is registered for version "v1"`: the first document is decoded.
      ['invalid-kind', 'ignored-document'],
    );
    const textDocument = { uri };
    assert.equal(
      await client.connection.sendRequest('textDocument/hover', { textDocument, position: { line: 0, character: 2 } }),
      null,
    );
    const inData = (await client.connection.sendRequest('textDocument/completion', {
      textDocument,
      position: { line: 5, character: 2 },
    })) as CompletionList;
    assert.deepEqual(inData.items, []);
    const atTop = (await client.connection.sendRequest('textDocument/completion', {
      textDocument,
      position: { line: 3, character: 0 },
    })) as CompletionList;
    assert.deepEqual(atTop.items, []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument }), []);
  });
});
