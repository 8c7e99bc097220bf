// The extension starts for every document it serves: VS Code sends a document to the server only
// once the extension runs, and it runs only on one of package.json's activation events.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SERVED_LANGUAGES, YAML_TEMPLATES } from '../../../client/src/languages';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
  activationEvents: string[];
};

test('every served language is an activation event', () => {
  const missing = SERVED_LANGUAGES.filter((l) => !manifest.activationEvents.includes(`onLanguage:${l}`));
  assert.deepEqual(missing, []);
});

test('a workspace holding a YAML template (plain text without another extension) activates it', () => {
  const missing = YAML_TEMPLATES.filter((p) => !manifest.activationEvents.includes(`workspaceContains:${p}`));
  assert.deepEqual(missing, []);
});
