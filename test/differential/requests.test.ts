// Request outcomes: for policies both sides load (the corpus, and mutations of it), the matched
// rule, level and omitted stages of requests drawn from each policy's own selectors, given as
// attributes (the engine against kube-apiserver's checker) and as METHOD + URL (the project's
// request-info resolver against the real RequestInfoFactory, then the checker).
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { Oracle } from '../helpers/oracle';
import type { OracleRequest } from '../helpers/oracle';
import type { CompiledPolicy } from '../../server/src/service';
import { BUDGET_MS, REQUEST_FLOOR, REQUESTS, SEED } from './budget';
import { corpusPolicies } from './corpus';
import { Differences } from './differences';
import { applyMutant, mutantArbitrary } from './mutations';
import { oracleOutcome, projectHttpOutcome, projectOutcome, projectVerdict, sameOutcome } from './project';
import type { Outcome } from './project';
import { attributeRequests, httpRequests } from './requests';
import { Tally } from './tally';

const oracle = new Oracle();
after(() => oracle.close());
const differences = new Differences();
const corpus = corpusPolicies();
/** Requests asked about one policy at a time. */
const PER_POLICY = 200;

interface Loaded {
  readonly text: string;
  readonly policy: CompiledPolicy;
}

/** The corpus policies that load, then mutations of them that load on both sides, round robin. */
async function* loadedPolicies(): AsyncGenerator<Loaded> {
  const sources = corpus.map((p) => p.text);
  for (let round = 0; ; round++) {
    const texts =
      round === 0
        ? sources
        : fc
            .sample(mutantArbitrary(sources.length), { seed: SEED + 1_000_000 + round, numRuns: 50 })
            .map((m) => applyMutant(m, sources));
    const answers = await Promise.all(texts.map((text) => oracle.ask(text)));
    for (let i = 0; i < texts.length; i++) {
      const ours = projectVerdict(texts[i]);
      if (ours.error === null && answers[i].loadError === null && ours.policy.rules.length > 0)
        yield { text: texts[i], policy: ours.policy };
    }
  }
}

async function compare(
  loaded: Loaded,
  requests: readonly OracleRequest[],
  ours: (r: OracleRequest) => Outcome,
  tally: Tally,
): Promise<void> {
  const answer = await oracle.ask(loaded.text, requests);
  assert.equal(answer.loadError, null);
  requests.forEach((request, i) => {
    const project = ours(request);
    const kube = oracleOutcome(answer.results[i] as Parameters<typeof oracleOutcome>[0]);
    if (sameOutcome(project, kube)) return tally.agree();
    const d = { kind: 'request' as const, policy: loaded.text, request, project, oracle: kube };
    tally.differ(d, differences.explain(d));
  });
}

const TITLE =
  "requests drawn from each loaded policy's selectors get kube-apiserver's rule, level and stages " +
  `(seed ${SEED}, ${REQUESTS} of each form)`;
test(TITLE, async () => {
  const attributes = new Tally('requests as attributes');
  const http = new Tally('requests as METHOD + URL');
  const started = Date.now();
  let policies = 0;
  let batch = 0;
  for await (const loaded of loadedPolicies()) {
    if ((attributes.compared >= REQUESTS && http.compared >= REQUESTS) || Date.now() - started > BUDGET_MS) break;
    policies++;
    const seed = SEED + batch++;
    const asAttributes = fc.sample(attributeRequests(loaded.policy), { seed, numRuns: PER_POLICY });
    const asHttp = fc.sample(httpRequests(loaded.policy), { seed, numRuns: PER_POLICY });
    await Promise.all([
      compare(
        loaded,
        asAttributes,
        (r) =>
          projectOutcome(loaded.policy, {
            groups: [],
            namespace: '',
            apiGroup: '',
            apiVersion: '',
            resource: '',
            subresource: '',
            name: '',
            path: '',
            ...(r as object),
          } as never),
        attributes,
      ),
      compare(loaded, asHttp, (r) => projectHttpOutcome(loaded.policy, r as never), http),
    ]);
  }
  console.log(`# differential requests: drawn from ${policies} loaded policies`);
  console.log(attributes.summary());
  console.log(http.summary());
  for (const t of [attributes, http]) {
    const examples = t.documentedExamples();
    if (examples) console.log(examples);
  }
  assert.equal(attributes.unexplained.length, 0, attributes.failure());
  assert.equal(http.unexplained.length, 0, http.failure());
  const total = attributes.compared + http.compared;
  assert.ok(
    total >= REQUEST_FLOOR,
    `only ${total} requests compared within ${BUDGET_MS} ms (at least ${REQUEST_FLOOR} expected): raise DIFF_BUDGET_MS`,
  );
});
