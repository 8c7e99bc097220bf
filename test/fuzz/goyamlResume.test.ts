// go-yaml's verdict read again only where the text changed (parse/goyaml/resume.ts) equals a fresh
// reading of the whole text: the failure (message and offset) and where the reading stopped. Real
// policies go through random line edits and single-character edits, each version read from the
// reading of the one before; checkpoints every few characters make every edit resume and converge.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { readPolicyText } from '../../server/src/service/parse/goyaml/load';
import { readIncrementally } from '../../server/src/service/parse/goyaml/resume';
import type { GoYamlRun } from '../../server/src/service/parse/goyaml/resume';
import { generatePolicyText } from '../unit/engine/generatedPolicy';
import { STRAY, check, corpus, mutate, mutation } from './support';

const sources = corpus();

const charEdit = fc.record({ at: fc.nat(), length: fc.nat(3), text: fc.constantFrom('', 'x', ...STRAY) });
type CharEdit = { at: number; length: number; text: string };

function applyChar(text: string, e: CharEdit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.text + text.slice(at + e.length);
}

function sameAsFresh(run: GoYamlRun, text: string): void {
  assert.deepEqual(run.reading, readPolicyText(text), `reading of ${JSON.stringify(text.slice(0, 200))}...`);
}

test('a reading resumed after line edits equals a fresh reading', () => {
  check(
    fc.property(
      fc.nat(sources.length - 1),
      fc.array(fc.array(mutation, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 16, max: 400 }),
      (file, steps, every) => {
        let text = sources[file];
        let run = readIncrementally(text, undefined, every);
        sameAsFresh(run, text);
        for (const ops of steps) {
          text = mutate(text, ops, sources);
          run = readIncrementally(text, run, every);
          sameAsFresh(run, text);
        }
      },
    ),
  );
});

test('a reading resumed after character edits equals a fresh reading', () => {
  check(
    fc.property(
      fc.nat(sources.length - 1),
      fc.array(charEdit, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 16, max: 400 }),
      (file, edits, every) => {
        let text = sources[file];
        let run = readIncrementally(text, undefined, every);
        for (const e of edits) {
          text = applyChar(text, e);
          run = readIncrementally(text, run, every);
          sameAsFresh(run, text);
        }
      },
    ),
  );
});

test('a one-character edit in a large policy resumes near the edit and converges', () => {
  const text = generatePolicyText(2000);
  const first = readIncrementally(text);
  assert.ok(first.checkpoints.length > 20, `${first.checkpoints.length} checkpoints`);
  const at = text.indexOf('level: Metadata', text.length >> 1) + 'level: Metadat'.length;
  const broken = `${text.slice(0, at)}x${text.slice(at + 1)}`;
  const second = readIncrementally(broken, first);
  sameAsFresh(second, broken);
  assert.equal(second.checkpoints.length, first.checkpoints.length);
  // Resumed, not read afresh: the checkpoints before the edit are the previous reading's own. (What
  // that saves per keystroke is measured by the benchmark's edit on the stress file, not here.)
  const before = first.checkpoints.filter((c) => c.bound <= at);
  assert.ok(before.length > 10, `${before.length} checkpoints before the edit`);
  before.forEach((c, i) => assert.equal(second.checkpoints[i], c, `checkpoint ${i} reused`));
  // An edit that breaks the YAML is found where it is, and mending it reads clean again.
  const unclosed = `${text.slice(0, at)}x: y${text.slice(at + 1)}`;
  const third = readIncrementally(unclosed, second);
  sameAsFresh(third, unclosed);
  assert.ok(third.reading.failure);
  const mended = readIncrementally(text, third);
  sameAsFresh(mended, text);
});
