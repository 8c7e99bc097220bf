// The fast rule reader must read every rule it accepts exactly as the `yaml` package does
// (values, styles, offsets), and must refuse whatever `yaml` finds an error in. Checked on every
// rule of the real corpus and of a generated policy, then on random mutations of them.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import fc from 'fast-check';
import { fastParseRuleItem } from '../../../server/src/service/parse/fastRule';
import { parseRuleItemWithYaml } from '../../../server/src/service/parse/yamlReading';
import { segmentRules } from '../../../server/src/service/parse/segment';
import { realCorpus } from '../../helpers/corpus';

const SEED = Number(process.env.FUZZ_SEED ?? 42);
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

const INLINE_ITEMS = [
  '  - level: None\n    users: [a, "b", \'c\',]\n    omitManagedFields: yes\n',
  '- level: RequestResponse\n  resources:\n  - group: ""\n    resources: ["pods"] # core\n  # between\n  verbs:\n    - get\n    - list\n',
  '    - {level: Metadata, resources: [{group: apps, resources: [deployments]}]}\n',
  '  - level: Request\n    nonResourceURLs:\n    - /healthz*\n    - "/version"\n  # next rule\n',
  "  - level: 'None'\n    users: ['it''s']\n    namespaces: [\"\"]\n",
];

function corpusItems(): string[] {
  const items = [...INLINE_ITEMS];
  for (const { text } of realCorpus()) {
    const segments = segmentRules(text);
    for (const span of segments?.items ?? []) items.push(text.slice(span.start, span.end));
  }
  return items;
}

function assertAgrees(item: string): void {
  const fast = fastParseRuleItem(item);
  if (!fast) return;
  const reference = parseRuleItemWithYaml(item);
  assert.ok(reference, `yaml could not read an item the fast reader accepted: ${JSON.stringify(item)}`);
  assert.deepEqual(
    reference.errors,
    [],
    `yaml found errors in an item the fast reader accepted: ${JSON.stringify(item)}`,
  );
  if (!isDeepStrictEqual(fast, reference.node)) {
    if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, item);
    assert.deepEqual(fast, reference.node, JSON.stringify(item));
  }
}

const items = corpusItems();

test('agrees with yaml on every rule of the corpus and the inline samples', () => {
  let accepted = 0;
  for (const item of items) {
    assertAgrees(item);
    if (fastParseRuleItem(item)) accepted++;
  }
  assert.ok(accepted >= INLINE_ITEMS.length, `accepted ${accepted}`);
});

const STRAY = [
  ':',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&',
  '*',
  '|',
  '>',
  '!',
  '%',
  '@',
  '#',
  '"',
  "'",
  ' ',
  '\n',
  '\t',
  '?',
  'yes',
  'on',
  '0',
  '~',
  '\\',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...STRAY) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -2, max: 2 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
);

type Step = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(item: string, steps: readonly Step[]): string {
  let text = item;
  for (const step of steps) {
    const lines = text.split('\n');
    if (step.kind === 'insert') {
      const at = step.at % (text.length + 1);
      text = text.slice(0, at) + step.text + text.slice(at);
    } else if (step.kind === 'delete') {
      const at = step.at % (text.length + 1);
      text = text.slice(0, at) + text.slice(at + step.length);
    } else if (step.kind === 'indent') {
      const i = step.line % lines.length;
      lines[i] =
        step.delta > 0 ? ' '.repeat(step.delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-step.delta}}`), '');
      text = lines.join('\n');
    } else {
      const i = step.line % lines.length;
      lines.splice(i, 0, lines[i]);
      text = lines.join('\n');
    }
  }
  return text;
}

test('agrees with yaml on mutated rules', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...items),
      fc.array(mutation, { minLength: 1, maxLength: Number(process.env.FUZZ_STEPS ?? 3) }),
      (item, steps) => {
        assertAgrees(mutate(item, steps));
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});
