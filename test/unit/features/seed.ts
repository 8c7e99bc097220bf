// The example policy (examples/seed-policy.yaml), read from the repository so tests use
// the very file users see; `seedAt` puts the `$0` cursor before the first occurrence of a text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** out/test/unit/features -> the repository root. */
export const SEED_TEXT = readFileSync(path.resolve(__dirname, '../../../../examples/seed-policy.yaml'), 'utf8');

export function seedAt(before: string): string {
  const i = SEED_TEXT.indexOf(before);
  assert.notEqual(i, -1, before);
  return `${SEED_TEXT.slice(0, i)}$0${SEED_TEXT.slice(i)}`;
}
