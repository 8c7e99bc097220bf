// Entry point of `kube-audit-policy-language-server`. The transport comes from the command line
// (--stdio, --node-ipc, --socket=N, --pipe=NAME), as vscode-languageserver reads it.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { replayCapabilities, replayFeature } from '../features/replay';
import { startServer } from '../server';

/** The package.json version, put in by esbuild at build time (esbuild.mjs `define`). */
declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'development';

if (process.argv.includes('--version')) {
  process.stdout.write(`kube-audit-policy-language-server ${VERSION}\n`);
  process.exit(0);
}
const hasTransport = process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a));
if (!hasTransport) {
  process.stderr.write('usage: kube-audit-policy-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
  process.exit(2);
}
// Replay reads audit logs from disk: a Node-only feature, which the Web Worker server does not have.
startServer(createConnection(ProposedFeatures.all), VERSION, [
  { feature: replayFeature, capabilities: replayCapabilities },
]);
