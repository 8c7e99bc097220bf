// The engine on the 33 real policies of ../shared/corpus/real: no unreachable-rule is reported
// where an earlier rule does not really cover the rule (each report is re-checked by evaluating
// requests), the known semantic mistakes EXPECTED.md names are found, and every request line the
// explain command reads evaluates without error. Skips when the folder is absent.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { createPolicyDocument, DEFAULT_SETTINGS, explain, parseRequestLine, validate } from '../../server/src/service';

const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');
const present = existsSync(CORPUS);

function lint(file: string): Array<{ code: string; path: string }> {
  const doc = createPolicyDocument(`file:///corpus/${file}`, 1, readFileSync(join(CORPUS, file), 'utf8'));
  return validate(doc, DEFAULT_SETTINGS, { force: true }).map((d) => ({ code: String(d.code), path: (d.data as { path: string }).path }));
}

describe('the engine on the real corpus', { skip: present ? false : `${CORPUS} is absent` }, () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')) : [];

  test('no unreachable-rule in any of the 33 files (none of them has a rule an earlier one covers)', () => {
    const reported = files.flatMap((f) => lint(f).filter((d) => d.code === 'unreachable-rule').map((d) => `${f} ${d.path}`));
    assert.deepEqual(reported, []);
  });

  test('deployments under the core group never match (falco, selectel)', () => {
    assert.deepEqual(lint('falco-k8saudit-audit-policy.yaml').filter((d) => d.code === 'resource-not-in-group').map((d) => d.path), ['rules[0].resources[0].resources[1]']);
    assert.deepEqual(lint('selectel-mks-audit-policy.yaml').filter((d) => d.code === 'resource-not-in-group').map((d) => d.path), ['rules[10].resources[0].resources[0]']);
  });

  test('no other never-matching selector is claimed in the corpus', () => {
    const codes = new Set(['unknown-verb', 'unknown-subresource', 'literal-wildcard', 'resource-names-never-match']);
    assert.deepEqual(files.flatMap((f) => lint(f).filter((d) => codes.has(d.code)).map((d) => `${f} ${d.code} ${d.path}`)), []);
  });

  test('selectel: after lenient decoding rules[8] takes every get of a core resource', () => {
    const doc = createPolicyDocument('file:///s.yaml', 1, readFileSync(join(CORPUS, 'selectel-mks-audit-policy.yaml'), 'utf8'));
    const result = explain(doc, parseRequestLine('alice GET /api/v1/namespaces/default/secrets/db'));
    assert.deepEqual([result.rule, result.level], [8, 'None']);
  });

  test('every file explains a request', () => {
    for (const f of files) {
      const doc = createPolicyDocument(`file:///corpus/${f}`, 1, readFileSync(join(CORPUS, f), 'utf8'));
      const result = explain(doc, parseRequestLine('alice DELETE /api/v1/namespaces/prod/pods/web'));
      assert.ok(['None', 'Metadata', 'Request', 'RequestResponse'].includes(result.level), `${f}: ${result.level}`);
    }
  });
});
