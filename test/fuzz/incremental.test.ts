// What an edited document shows equals what a fresh document of the same text shows. After an edit
// the service reuses everything unchanged rules had: their parse, go-yaml's reading up to the change
// (parse/goyaml/resume.ts), their findings and diagnostics (validate.ts), the rule analysis
// (engine/analysis.ts) and the rule census (engine/census.ts). Random sequences of edits of a policy
// with thousands of findings, each version made from the one before as the server makes it, must
// give the diagnostics of the same text opened afresh: codes, ranges, messages, data, related places.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../server/src/service';
import type { PolicyDocument, ServiceSettings } from '../../server/src/service';
import { fromFindings } from '../../server/src/service/validate/validate';
import { generatePolicyText } from '../unit/engine/generatedPolicy';
import { SEED, STRAY, mutate, mutation } from './support';
import type { Mutation } from './support';

const URI = 'file:///fuzz/incremental.yaml';
const base = generatePolicyText(Number(process.env.FUZZ_INCREMENTAL_RULES ?? 12), true);
const settings = { ...DEFAULT_SETTINGS };

const edit = fc.oneof(
  fc.record({
    at: fc.nat(),
    length: fc.nat(2),
    text: fc.constantFrom('', 'x', 'None', 'Metadata', '*', 'get', '\n', '\n- level: None\n', ...STRAY),
  }),
  fc.array(mutation, { minLength: 1, maxLength: 2 }),
);

type Edit = { at: number; length: number; text: string } | Mutation[];

/** Opens the base policy and makes each edit in turn, every version from the one before as the
 *  server makes it; `check` sees each edited version. */
function editInTurn(
  edits: readonly Edit[],
  settingsUsed: ServiceSettings,
  check: (doc: PolicyDocument, text: string) => void,
): void {
  let text = base;
  let doc: PolicyDocument = createPolicyDocument(URI, 0, text);
  validate(doc, settingsUsed);
  edits.forEach((e, version) => {
    if (Array.isArray(e)) text = mutate(text, e, [base]);
    else {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.text + text.slice(at + e.length);
    }
    doc = createPolicyDocument(URI, version + 1, text, doc);
    check(doc, text);
  });
}

// A fixed number of sequences rather than a time budget: each one opens a policy up to five times,
// and a loaded machine must not shrink the test to nothing.
test('an edited document shows what the same text opened afresh shows', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      editInTurn(edits, settings, (doc, text) => {
        const fresh = validate(createPolicyDocument(URI, doc.version, text), settings);
        assert.deepEqual(validate(doc, settings), fresh);
      });
    }),
    { seed: SEED, numRuns: Number(process.env.FUZZ_INCREMENTAL_RUNS ?? 40) },
  );
});

// validate() keeps a cleanly read policy's diagnostics rule by rule (validate/byRule.ts) and gives up
// to the long way, the diagnostics of findings(), where it cannot promise its order. Either way the
// list must be the long way's: same diagnostics, same order, under other severities and with
// suppression comments typed in too.
const SETTINGS_TRIED = [
  settings,
  { ...DEFAULT_SETTINGS, severity: { 'unreachable-rule': 'off', 'unknown-verb': 'error' } as const },
  { ...DEFAULT_SETTINGS, kubernetesMinor: 20 },
];
const byRuleEdit = fc.oneof(
  edit,
  fc.record({
    at: fc.nat(),
    length: fc.constant(0),
    text: fc.constantFrom(
      '# kube-audit-policy-disable-next-line\n',
      '# kube-audit-policy-disable-next-line unknown-verb\n',
      '\n- level: Request\n  resources: [{resources: [secrets]}]\n',
      '- \n',
      '  - 5\n',
    ),
  }),
);

test('the diagnostics kept rule by rule are those of findings(), in the same order', () => {
  fc.assert(
    fc.property(fc.array(byRuleEdit, { minLength: 1, maxLength: 4 }), fc.nat(SETTINGS_TRIED.length - 1), (edits, s) => {
      const tried = SETTINGS_TRIED[s];
      editInTurn(edits, tried, (doc, text) => {
        const longWay = fromFindings(createPolicyDocument(URI, doc.version, text), tried, {});
        assert.deepEqual(validate(doc, tried), longWay);
      });
    }),
    { seed: SEED, numRuns: Number(process.env.FUZZ_INCREMENTAL_RUNS ?? 40) },
  );
});
