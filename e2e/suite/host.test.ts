// The suite runs twice: in the Node extension host (the extension's `main`) and in the web-worker
// host of VS Code for the Web (its `browser` entry). Each run first proves where it is.
import * as assert from 'node:assert/strict';
import { activateExtension, HOST } from './helpers';

suite('extension host', () => {
  test(`the extension and the suite run in the ${HOST} host`, async () => {
    const ext = await activateExtension();
    assert.ok(ext.isActive);
    const nodeProcess = (globalThis as { process?: { versions?: { node?: string } } }).process;
    assert.equal(
      typeof nodeProcess?.versions?.node === 'string',
      HOST === 'node',
      `Node's process object is ${nodeProcess ? 'present' : 'absent'}`,
    );
  });
});
