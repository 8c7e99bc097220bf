// The shipped JSON Schema is generated from the field catalogue: it must never drift from it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const REPO = resolve(__dirname, '../../..');

test('schemas/audit-policy.schema.json is what the catalogue generates', () => {
  const result = spawnSync(process.execPath, ['scripts/generate-schema.mjs', '--check'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});

test('the schema knows the rule fields and the levels', () => {
  const schema = JSON.parse(readFileSync(resolve(REPO, 'schemas/audit-policy.schema.json'), 'utf8'));
  const text = JSON.stringify(schema);
  for (const word of [
    'nonResourceURLs',
    'omitManagedFields',
    'resourceNames',
    'RequestResponse',
    'RequestReceived',
    'audit.k8s.io/v1',
  ]) {
    assert.ok(text.includes(word), word);
  }
});

test('the schema offers the built-in groups and resources of the API catalogue', () => {
  const schema = JSON.parse(readFileSync(resolve(REPO, 'schemas/audit-policy.schema.json'), 'utf8'));
  const entry = schema.definitions.GroupResources.properties;
  assert.ok(entry.group.examples.includes('apps') && entry.group.examples.includes(''));
  assert.ok(!entry.group.examples.includes('extensions'), 'extensions is not served by the newest version');
  const resources: string[] = entry.resources.items.examples;
  assert.ok(resources.includes('pods/exec') && resources.includes('deployments/scale'));
  assert.ok(!resources.includes('deployments/rollback'), 'apps/v1 never served deployments/rollback');
});
