// The requirement packs: each parses with no problem and cites its source on every case, and run
// against the 33 real policies of ../shared/corpus/real each finds what packTable.ts lists
// (kube-apiserver's own answers; see there). Skips the table when the folder is absent.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { createPolicyDocument, PACK_NAMES, requirementPack, runSuite } from '../../../server/src/service';
import { loadingMinor, PACK_TABLE } from './packTable';

const CORPUS = resolve(__dirname, '../../../../../shared/corpus/real');
const present = existsSync(CORPUS);

test('every pack reads without problems, and each case has a name, a source and an expectation', () => {
  assert.deepEqual(PACK_NAMES, ['cis', 'falco', 'who-did-what']);
  for (const name of PACK_NAMES) {
    const pack = requirementPack(name)!;
    assert.deepEqual(pack.problems, [], name);
    assert.equal(pack.name, name);
    assert.equal(pack.policy, undefined, `${name} names no policy: it is run against the user's`);
    for (const c of pack.cases) {
      assert.ok(c.request && c.name && c.source && Object.keys(c.expect).length > 0, `${name} case ${c.index + 1}`);
      assert.equal(c.request.user === undefined, false, `${name} case ${c.index + 1}: a real user or service account`);
    }
  }
  assert.deepEqual(
    PACK_NAMES.map((n) => requirementPack(n)!.cases.length),
    [26, 34, 34],
  );
});

describe('the packs on the real corpus', { skip: present ? false : `${CORPUS} is absent` }, () => {
  const files = present
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];
  test('the table covers the 33 files', () => assert.deepEqual(Object.keys(PACK_TABLE).sort(), files));
  for (const file of files) {
    test(`${file}`, () => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const doc = createPolicyDocument(`file:///corpus/${file}`, 1, text);
      for (const name of PACK_NAMES) {
        const suite = runSuite(requirementPack(name)!, doc, loadingMinor(text));
        const found = suite.refused ? 'refused' : suite.results.filter((r) => !r.passed).map((r) => r.case.index + 1);
        assert.deepEqual(found, PACK_TABLE[file][name as 'cis'], `${file} ${name}`);
      }
    });
  }
});
