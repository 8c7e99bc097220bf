// docs/FIDELITY.md and the suite agree on what is excused: every difference the document lists is
// one the suite can recognise (else the entry excuses nothing and misleads its reader).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { KNOWN_IDS, listedIds } from './differences';

test('every difference docs/FIDELITY.md lists is one the suite recognises', () => {
  const listed = [...listedIds()];
  console.log(`# differential: docs/FIDELITY.md lists ${listed.length} differences: ${listed.join(', ') || 'none'}`);
  assert.deepEqual(
    listed.filter((id) => !KNOWN_IDS.includes(id)),
    [],
  );
});

test('the document lists ids the suite can read', () => {
  assert.deepEqual(
    [...listedIds('| `open-a` | open | x |\n| `doc-b-c` | documented | y |\n| other | z |\n')],
    ['open-a', 'doc-b-c'],
  );
});
