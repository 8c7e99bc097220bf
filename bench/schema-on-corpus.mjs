// Opens every real policy in yaml-language-server with schemas/audit-policy.schema.json
// and prints its diagnostics: a quick way to see the schema accepts what kube-apiserver
// accepts (compare with the corpus EXPECTED.md) before trusting the benchmark with it.
//
//   node bench/schema-on-corpus.mjs [corpus folder]

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client.mjs';
import { settingsFor } from './session.mjs';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared', 'corpus', 'real'));
const schema = path.join(repo, 'schemas', 'audit-policy.schema.json');
const settings = settingsFor(schema);
// The corpus is not under a dot folder: the plain glob is enough.
settings.yaml.schemas = { [pathToFileURL(schema).href]: ['*.yaml'] };
const c = new LspClient(process.execPath, ['node_modules/yaml-language-server/bin/yaml-language-server', '--stdio'], {
  cwd: repo,
  configuration: (s) => (s === 'yaml' ? settings.yaml : null),
});
await c.request('initialize', {
  processId: process.pid,
  rootUri: null,
  capabilities: { workspace: { configuration: true } },
});
c.notify('initialized', {});
c.notify('workspace/didChangeConfiguration', { settings });
await c.settle(500);
for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  const uri = pathToFileURL(`${dir}/${f}`).href;
  const w = c.waitForDiagnostics(uri, 1);
  c.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(`${dir}/${f}`, 'utf8') },
  });
  const d = await w;
  console.log(
    f.padEnd(55),
    d.msg.params.diagnostics
      .map((x) => `${x.range.start.line + 1}: ${x.message.replace(/\n/g, ' ').slice(0, 70)}`)
      .join(' | '),
  );
}
await c.shutdown();
