#!/usr/bin/env node
// Stands in for a desktop VS Code executable, so that run-desktop.mjs (@vscode/test-electron's
// runTests with vscodeExecutablePath) can be exercised on a machine that has none: it takes the
// --extensionDevelopmentPath/--extensionTestsPath that runTests passes and runs them in the
// VS Code server from code-server via run-extension-host.mjs. Usage:
//   VSCODE_EXECUTABLE_PATH=e2e/lib/vscode-shim.mjs node e2e/run-desktop.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name) => {
  const prefix = `--${name}=`;
  const hit = process.argv.find((a) => a.startsWith(prefix));
  return hit && hit.slice(prefix.length);
};
const developmentPath = arg('extensionDevelopmentPath');
const testsPath = arg('extensionTestsPath');
if (!developmentPath || !testsPath) {
  console.error('vscode-shim: needs --extensionDevelopmentPath= and --extensionTestsPath=');
  process.exit(2);
}
const runner = join(dirname(fileURLToPath(import.meta.url)), '..', 'run-extension-host.mjs');
const { status } = spawnSync(process.execPath, [runner], {
  stdio: 'inherit',
  env: { ...process.env, KAP_E2E_EXTENSION_DIR: developmentPath, KAP_E2E_TESTS_PATH: testsPath },
});
process.exit(status ?? 1);
