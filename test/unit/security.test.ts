// Security, checked statically: the extension, the server and the command line run no code from
// the workspace, read only what they are given (the editor's documents; the files named on the
// command line), make no network requests, and declare untrusted-workspace support honestly.
//
// What is checked, and why that is enough:
// 1. Sources: every module each layer imports. The language service imports no Node module at
//    all: the compiler guards that (tsconfig.layers.json; test/unit/layers.test.ts shows it bites).
//    The LSP layer imports none either (documents arrive over the connection, never from disk), but
//    node:v8 in one file to tune V8 for a long-lived server (server/src/lsp/node/v8Flags.ts); the
//    command line reads files (node:fs) and starts one process, `git show` for `diff git:REV:PATH`
//    (server/src/cli/gitShow.ts); server/src/node streams the audit logs a user names for replay
//    (node:fs, node:zlib), for the command line and the server alike. No source uses eval,
//    new Function, vm, a dynamic import or a computed require: there is no way to load code that
//    is not in the bundle.
// 2. Bundles (dist/*.js, what ships): the Node built-ins each requires. No bundle requires
//    http, https, http2, net sockets for requests, tls, dns, dgram or uses fetch. The server
//    bundle's child_process, fs, net, os and crypto come only from vscode-languageserver's
//    `files.js` (module-path helpers we never call) and vscode-jsonrpc's node transport (the
//    --socket/--pipe transports the editor chooses); the extension's child_process starts our
//    own bundled server.
// 3. The manifest: untrusted workspaces are supported, limited only in that the audit logs to
//    replay (kubeAuditPolicy.auditLogs) come from the user's settings, never the workspace's; no
//    setting names a program or path to run.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const REPO = resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** The module specifiers a TypeScript file imports or requires (relative ones left out). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g,
  )) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (spec && !spec.startsWith('.')) found.add(spec);
  }
  return [...found];
}

// The language service is not listed: its layers compile without Node's types and resolve every
// package but yaml and the LSP types to a stub (server/src/service/tsconfig.layer.json).
const LAYERS: Array<{ dir: string; allowed: RegExp; why: string }> = [
  {
    dir: 'server/src/lsp',
    allowed:
      /^(vscode-languageserver(\/node|\/browser)?|vscode-languageserver-textdocument|vscode-languageserver-types|vscode-uri|picomatch)$/,
    why: 'the server reads documents from the connection only',
  },
  {
    dir: 'server/src/cli',
    allowed: /^(node:fs|node:path|node:process|node:util|vscode-languageserver-types)$/,
    why: 'the command line reads the files it is given',
  },
  {
    dir: 'server/src/node',
    allowed: /^(node:fs|node:zlib|node:stream|node:buffer)$/,
    why: 'replay streams the audit logs it is given',
  },
  {
    dir: 'client/src',
    allowed: /^(vscode|vscode-languageclient(\/node|\/browser)?)$/,
    why: 'the extension only starts the bundled server',
  },
];

test('each layer imports only what its job needs (no fs in the server, no network or processes anywhere)', () => {
  for (const layer of LAYERS) {
    const dir = join(REPO, layer.dir);
    for (const file of sources(dir)) {
      for (const spec of imports(file)) {
        // `diff git:REV:PATH` runs the user's `git show` for a source the user named, from this one file.
        if (spec === 'node:child_process' && relative(REPO, file) === join('server', 'src', 'cli', 'gitShow.ts'))
          continue;
        // The server sets V8 flags at start-up (no I/O), from this one file.
        if (spec === 'node:v8' && relative(REPO, file) === join('server', 'src', 'lsp', 'node', 'v8Flags.ts')) continue;
        assert.match(spec, layer.allowed, `${relative(REPO, file)} imports ${spec}, but ${layer.why}`);
      }
    }
  }
});

test('no source can run code that is not in the bundle: no eval, new Function, vm, dynamic import or computed require', () => {
  for (const file of ['server/src/service', ...LAYERS.map((l) => l.dir)].flatMap((dir) => sources(join(REPO, dir)))) {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\/.*$/gm, '')
      .replace(/\/\*[\s\S]*?\*\//g, '');
    const name = relative(REPO, file);
    assert.doesNotMatch(code, /\beval\s*\(/, `${name} calls eval`);
    assert.doesNotMatch(code, /\bnew\s+Function\s*\(/, `${name} builds a Function`);
    assert.doesNotMatch(code, /\bimport\s*\(\s*[^'"\s]/, `${name} imports a computed module`);
    assert.doesNotMatch(code, /\brequire\s*\(\s*[^'"\s)]/, `${name} requires a computed module`);
    assert.doesNotMatch(code, /\b(fetch|XMLHttpRequest|WebSocket)\s*\(/, `${name} makes a network request`);
    assert.doesNotMatch(
      code,
      /\bFiles\.(resolve|resolveModulePath|resolveGlobalNodePath|resolveGlobalYarnPath)\b/,
      `${name} resolves modules through vscode-languageserver (which may spawn npm)`,
    );
  }
});

/** Node built-ins a bundle requires, each with the bundled module (esbuild's `// path` comment) it sits in. */
function builtinsOf(bundle: string): Map<string, Set<string>> {
  const lines = readFileSync(bundle, 'utf8').split('\n');
  const found = new Map<string, Set<string>>();
  let module = '(our code)';
  for (const line of lines) {
    const marker = /^\/\/ (node_modules\/\S+|server\/\S+|client\/\S+)$/.exec(line);
    if (marker)
      module =
        marker[1].startsWith('node_modules/') || marker[1].startsWith('server/src/node/') ? marker[1] : '(our code)';
    for (const m of line.matchAll(/\brequire\("([a-z_:/0-9]+)"\)/g)) {
      if (m[1] === 'vscode') continue;
      const name = m[1].replace(/^node:/, '');
      if (!found.has(name)) found.set(name, new Set());
      found.get(name)?.add(module);
    }
  }
  return found;
}

const NETWORK = ['http', 'https', 'http2', 'tls', 'dns', 'dgram', 'inspector', 'vm', 'worker_threads', 'cluster'];

test('the shipped bundles reach no network and start no process of their own', () => {
  const bundles = ['server.js', 'cli.js', 'extension.js'].map((b) => join(REPO, 'dist', b));
  assert.ok(bundles.every(existsSync), 'dist/ is not built: run npm run build (npm test builds it first)');
  const [server, cli, extension] = bundles.map(builtinsOf);
  for (const [name, bundle] of [
    ['server', server],
    ['cli', cli],
    ['extension', extension],
  ] as const) {
    for (const forbidden of NETWORK) assert.ok(!bundle.has(forbidden), `dist/${name}.js requires ${forbidden}`);
  }
  // The server: processes, files and sockets only inside the LSP library's transport and helpers.
  const transport =
    /^node_modules\/(vscode-languageserver\/lib\/node\/files\.js|vscode-jsonrpc\/lib\/node\/(main|ril)\.js)$/;
  // Our own code reads files only in server/src/node, which streams the audit logs to replay.
  const logReader = /^server\/src\/node\//;
  for (const risky of ['child_process', 'fs', 'net', 'os', 'crypto', 'zlib']) {
    for (const module of server.get(risky) ?? []) {
      assert.match(
        module,
        ['fs', 'zlib'].includes(risky) ? new RegExp(`${transport.source}|${logReader.source}`) : transport,
        `dist/server.js requires ${risky} in ${module}`,
      );
    }
  }
  // The command line: files, gzip for replay, and `git show` for `diff git:REV:PATH` (server/src/cli/gitShow.ts).
  assert.deepEqual(
    [...cli.keys()].filter(
      (n) => !['buffer', 'fs', 'path', 'process', 'util', 'zlib', 'stream', 'child_process'].includes(n),
    ),
    [],
    'dist/cli.js requires more than it needs',
  );
  // The extension: child_process only inside vscode-languageclient (it forks dist/server.js).
  for (const module of extension.get('child_process') ?? [])
    assert.match(module, /^node_modules\/vscode-languageclient\//, `dist/extension.js starts processes from ${module}`);
});

test('the manifest declares untrusted-workspace support, and no setting could make that dishonest', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; restrictedConfigurations?: string[] } };
    contributes?: { configuration?: { properties?: Record<string, { type?: string | string[] }> } };
  };
  // "limited": audit log paths (kubeAuditPolicy.auditLogs) are taken from the user's settings only.
  assert.equal(
    manifest.capabilities?.untrustedWorkspaces?.supported,
    'limited',
    'package.json capabilities.untrustedWorkspaces',
  );
  assert.deepEqual(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, ['kubeAuditPolicy.auditLogs']);
  for (const name of Object.keys(manifest.contributes?.configuration?.properties ?? {})) {
    assert.doesNotMatch(
      name,
      /(path|command|executable|program|serverPath|runtime|args)$/i,
      `${name} looks like a program to run; declare it in restrictedConfigurations`,
    );
  }
  // The extension starts the server from its own folder (a Node process, or a Web Worker in the
  // browser), never from a setting or the workspace.
  for (const [entry, server] of [
    ['node', "'dist', 'server.js'"],
    ['browser', "'dist', 'web', 'server.js'"],
  ]) {
    const extension = readFileSync(join(REPO, `client/src/${entry}/extension.ts`), 'utf8');
    assert.ok(
      extension.includes(`vscode.Uri.joinPath(context.extensionUri, ${server})`),
      `${entry}/extension.ts starts ${server}`,
    );
    assert.doesNotMatch(extension, /getConfiguration\([^)]*\)\.get\([^)]*(path|command)/i);
  }
});
