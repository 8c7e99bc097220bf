// Load verdicts: does kube-apiserver 1.20 start with this policy? The project (an error or not,
// told --kubernetes-version 1.20) against the real loader, on every corpus policy and on thousands
// of mutations of them. Budgets and seeds: budget.ts.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { Oracle } from '../helpers/oracle';
import { BUDGET_MS, MUTATION_FLOOR, MUTATIONS, SEED } from './budget';
import { corpusPolicies } from './corpus';
import { Differences } from './differences';
import { applyMutant, mutantArbitrary } from './mutations';
import { projectVerdict } from './project';
import { Tally } from './tally';

const oracle = new Oracle();
after(() => oracle.close());
const differences = new Differences();
const corpus = corpusPolicies();
const BATCH = 250;
/** How the loader words go-yaml's errors (reader.go: `failed decoding: %v`). */
const YAML_ERROR = 'failed decoding: yaml: ';

/** Load verdicts; for policies both sides load, whether kube-apiserver's strict decoding objects
 *  (an unknown or duplicate field: the project's unknown-field or duplicate-key warning); for
 *  policies both refuse on go-yaml's error, that error's text (the line and the words). */
async function compare(
  texts: readonly string[],
  origins: readonly string[],
  tally: Tally,
  strictTally: Tally,
  yamlTally: Tally,
): Promise<void> {
  const answers = await Promise.all(texts.map((text) => oracle.ask(text)));
  texts.forEach((text, i) => {
    const ours = projectVerdict(text);
    const kube = answers[i].loadError;
    if ((ours.error === null) !== (kube === null)) {
      const d = { kind: 'load' as const, origin: origins[i], policy: text, project: ours.error, oracle: kube };
      return tally.differ(d, differences.explain(d));
    }
    tally.agree();
    if (kube !== null) {
      if (!kube.startsWith(YAML_ERROR)) return;
      // The error in brackets, then the end or a hint of ours (`(this is a tab: …)`).
      const said = ours.yamlError;
      if (said?.includes(`(${kube})`) || said?.includes(`(${kube} (`)) return yamlTally.agree();
      const d = {
        kind: 'yaml-error' as const,
        origin: origins[i],
        policy: text,
        project: ours.yamlError,
        oracle: kube,
      };
      return yamlTally.differ(d, differences.explain(d));
    }
    const strict = answers[i].strictDecodeError;
    if ((ours.strict === null) === (strict === null)) return strictTally.agree();
    const d = { kind: 'strict' as const, origin: origins[i], policy: text, project: ours.strict, oracle: strict };
    strictTally.differ(d, differences.explain(d));
  });
}

function finish(tally: Tally): void {
  console.log(tally.summary());
  const examples = tally.documentedExamples();
  if (examples) console.log(examples);
  assert.equal(tally.unexplained.length, 0, tally.failure());
}

test(`every corpus policy (${corpus.length}) gets kube-apiserver's load verdict`, async () => {
  const tally = new Tally('corpus load verdicts');
  const strict = new Tally('corpus strict-decoding warnings');
  const yamlErrors = new Tally('corpus go-yaml error texts');
  await compare(
    corpus.map((p) => p.text),
    corpus.map((p) => p.name),
    tally,
    strict,
    yamlErrors,
  );
  finish(tally);
  finish(strict);
  finish(yamlErrors);
  assert.equal(tally.compared, corpus.length);
});

const MUTATION_TEST = `mutated corpus policies get kube-apiserver's load verdict (seed ${SEED}, ${MUTATIONS} of them)`;
test(MUTATION_TEST, async () => {
  const tally = new Tally('mutation load verdicts');
  const strict = new Tally('mutation strict-decoding warnings');
  const yamlErrors = new Tally('mutation go-yaml error texts');
  const sources = corpus.map((p) => p.text);
  const started = Date.now();
  for (let batch = 0; tally.compared < MUTATIONS && Date.now() - started < BUDGET_MS; batch++) {
    const count = Math.min(BATCH, MUTATIONS - tally.compared);
    const mutants = fc.sample(mutantArbitrary(sources.length), { seed: SEED + batch, numRuns: count });
    const origins = mutants.map((m) => `${corpus[m.source].name} ${JSON.stringify(m.operations)}`);
    await compare(
      mutants.map((m) => applyMutant(m, sources)),
      origins,
      tally,
      strict,
      yamlErrors,
    );
  }
  finish(tally);
  finish(strict);
  finish(yamlErrors);
  assert.ok(
    tally.compared >= MUTATION_FLOOR,
    `only ${tally.compared} mutations compared within ${BUDGET_MS} ms ` +
      `(at least ${MUTATION_FLOOR} expected): raise DIFF_BUDGET_MS`,
  );
});
