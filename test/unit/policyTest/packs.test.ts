// The requirement packs: each parses with no problem and cites its source on every case, and run
// against the 33 real policies of ../shared/corpus/real each finds what packTable.ts lists
// (kube-apiserver's own answers; see there). Without ../shared, the files that may not be
// redistributed (not among test/fixtures/corpus) are skipped.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { createPolicyDocument, PACK_NAMES, requirementPack, runSuite } from '../../../server/src/service';
import { loadingMinor, PACK_TABLE } from './packTable';

const CORPUS = resolve(__dirname, '../../../../../shared/corpus/real');
const present = existsSync(CORPUS);
const FIXTURES = resolve(__dirname, '../../../../test/fixtures/corpus');

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

describe('the packs on the real corpus', () => {
  test('the table covers the 33 files', () => {
    const yaml = (dir: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
    const listed = Object.keys(PACK_TABLE).sort();
    assert.equal(listed.length, 33);
    for (const file of yaml(FIXTURES)) assert.ok(listed.includes(file), file);
    if (present) assert.deepEqual(listed, yaml(CORPUS));
  });
  // The redistributable files are fixtures of every clone; only the others need ../shared.
  for (const file of Object.keys(PACK_TABLE).sort()) {
    const where = [join(FIXTURES, file), join(CORPUS, file)].find((p) => existsSync(p));
    test(`${file}`, { skip: where ? false : `${file} is not redistributable and ${CORPUS} is absent` }, () => {
      const text = readFileSync(where!, 'utf8');
      const doc = createPolicyDocument(`file:///corpus/${file}`, 1, text);
      for (const name of PACK_NAMES) {
        const suite = runSuite(requirementPack(name)!, doc, loadingMinor(text));
        const found = suite.refused ? 'refused' : suite.results.filter((r) => !r.passed).map((r) => r.case.index + 1);
        assert.deepEqual(found, PACK_TABLE[file][name as 'cis'], `${file} ${name}`);
      }
    });
  }
});
