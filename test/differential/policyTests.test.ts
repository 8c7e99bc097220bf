// `kube-audit-policy test` against kube-apiserver's checker: for policies the oracle loads (the
// corpus, and edited versions of it, pairs.ts), a test file whose cases are requests drawn from the
// policy's selectors (requests.ts) and whose expectations are the oracle's answers (level, omitted
// stages, deciding rule, bounds at that level, the stages recorded), run by the project's test
// runner told `kubernetesVersion: "1.20"`: every case must pass. The same cases with one expectation
// made wrong must all fail. And `test --generate`, given the same requests, must pin for each kind
// of request the level and stages kube-apiserver gives it.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { Oracle } from '../helpers/oracle';
import type { OracleAttributes, OracleHttpRequest, OracleRequest, OracleResult } from '../helpers/oracle';
import { compilePolicy, createPolicyDocument, parseTestFile, runSuite, TestGenerator } from '../../server/src/service';
import type { SuiteResult } from '../../server/src/service';
import { BUDGET_MS, POLICY_TEST_CASES, SEED } from './budget';
import { corpusPolicies } from './corpus';
import { newText, pairArbitrary } from './pairs';
import { MINOR } from './project';
import { attributesOf, oracleAttributes, resolvedAttributes } from './realRequests';
import { attributeRequests, httpRequests } from './requests';
import { Tally } from './tally';
import { Differences } from './differences';
import type { DiffDisagreement } from './differences';

const oracle = new Oracle();
const differences = new Differences();
/** A disagreement, excused only by a difference docs/FIDELITY.md documents (differences.ts). */
const report = (tally: Tally, d: DiffDisagreement): void => tally.differ(d, differences.explain(d));
after(() => oracle.close());
const corpus = corpusPolicies();
const sources = corpus.map((p) => p.text);
const PER_POLICY = 60;
const BUDGET = Math.min(BUDGET_MS, Number(process.env.DIFF_POLICY_TESTS_BUDGET_MS ?? 30_000));
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
/** The methods a request line takes (engine/requestInfo.ts parseRequestLine), upper case: the
 *  line is read case-insensitively, RequestInfoFactory's verb switch is not. */
const LINE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

interface Expected {
  readonly level: string;
  readonly omitStages: readonly string[];
  readonly rule: number | null;
  /** Bounds and stages that must be recorded; the right cases state the oracle's own. */
  readonly minLevel?: string;
  readonly maxLevel?: string;
  readonly recordedStages?: readonly string[];
}

/** The `request:` value of a case, as YAML (JSON is YAML), or undefined when no case can say it. */
function requestValue(r: OracleRequest): string | undefined {
  if ('method' in r) {
    const http = r as OracleHttpRequest;
    const groups = http.groups ?? [];
    if (!LINE_METHODS.has(http.method) || /\s/.test(http.url)) return undefined;
    if (http.user !== undefined && (http.user === '' || /\s/.test(http.user) || /^(groups?=|\/)/.test(http.user)))
      return undefined;
    if (groups.some((g) => g === '' || /[\s,]/.test(g))) return undefined;
    const who =
      http.user === undefined ? [] : [http.user, ...(groups.length > 0 ? [`groups=${groups.join(',')}`] : [])];
    return JSON.stringify([...who, http.method, http.url].join(' '));
  }
  const a = r as OracleAttributes;
  // The attribute form needs a verb, and a resource (a resource request) or a path (otherwise).
  if (a.verb === '' || (a.resourceRequest ? !a.resource : !a.path)) return undefined;
  const { resourceRequest: _kind, ...fields } = a;
  const kept = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== undefined && (a.resourceRequest ? k !== 'path' : true)),
  );
  return JSON.stringify(kept);
}

const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

function expected(r: OracleResult): Expected | undefined {
  if (r.requestInfoError !== undefined || r.level === null) return undefined;
  const omitStages = [...r.omitStages].sort();
  return {
    level: r.level,
    omitStages,
    rule: r.matchedRule === -1 ? null : r.matchedRule,
    minLevel: r.level,
    maxLevel: r.level,
    recordedStages: r.level === 'None' ? [] : STAGES.filter((s) => !omitStages.includes(s)),
  };
}

/** One expectation made wrong, in turn: the level, the omitted stages, the deciding rule, a bound
 *  one level past the oracle's, a stage that must be recorded but is not. */
function flipped(e: Expected, k: number): Expected {
  const rank = LEVELS.indexOf(e.level);
  const { minLevel: _min, maxLevel: _max, recordedStages: _recorded, ...plain } = e;
  switch (k % 5) {
    case 0:
      return { ...plain, level: LEVELS[(rank + 1) % LEVELS.length] };
    case 1: {
      const toggled = e.omitStages.includes('Panic')
        ? e.omitStages.filter((s) => s !== 'Panic')
        : [...e.omitStages, 'Panic'];
      return { ...plain, omitStages: toggled };
    }
    case 2:
      return { ...plain, rule: e.rule === null ? 0 : e.rule + 1 };
    case 3:
      return rank < LEVELS.length - 1
        ? { ...plain, minLevel: LEVELS[rank + 1] }
        : { ...plain, maxLevel: LEVELS[rank - 1] };
    default: {
      // At None nothing is recorded; otherwise an omitted stage, or (none omitted) the level.
      const omitted = e.omitStages[0];
      if (e.level === 'None') return { ...plain, recordedStages: ['ResponseComplete'] };
      return omitted !== undefined ? { ...plain, recordedStages: [omitted] } : { ...plain, level: 'None' };
    }
  }
}

function testFile(cases: ReadonlyArray<{ request: string; expect: Expected }>): string {
  const items = cases.map(({ request, expect }) => {
    const lines = [
      `  - request: ${request}`,
      `    level: ${expect.level}`,
      `    omitStages: ${JSON.stringify(expect.omitStages)}`,
      `    rule: ${expect.rule === null ? 'null' : expect.rule}`,
      ...(expect.minLevel ? [`    minLevel: ${expect.minLevel}`] : []),
      ...(expect.maxLevel ? [`    maxLevel: ${expect.maxLevel}`] : []),
      ...(expect.recordedStages ? [`    recordedStages: ${JSON.stringify(expect.recordedStages)}`] : []),
    ];
    return `${lines.join('\n')}\n`;
  });
  return `policy: policy.yaml\nkubernetesVersion: "1.${MINOR}"\ncases:\n${items.join('')}`;
}

function run(policy: string, text: string, count: number): SuiteResult {
  const file = parseTestFile(text);
  assert.deepEqual(file.problems, [], 'the generated test file reads without problems');
  assert.equal(file.cases.length, count);
  return runSuite(file, createPolicyDocument('file:///differential/policy.yaml', 1, policy), MINOR);
}

/** `test --generate` given the same requests (those sent as METHOD + URL as the real factory
 *  resolved them): every case it writes must pin the oracle's level and stages for its request. */
async function comparePins(
  text: string,
  drawn: readonly OracleRequest[],
  results: readonly OracleResult[],
  fold: boolean,
  tally: Tally,
): Promise<void> {
  const generator = new TestGenerator(createPolicyDocument('file:///differential/pinned.yaml', 1, text), { fold });
  drawn.forEach((asked, i) => {
    if (!('method' in asked)) return generator.add(attributesOf(asked));
    const info = results[i].requestInfo;
    if (results[i].requestInfoError === undefined && info) generator.add(resolvedAttributes(asked, info));
  });
  const file = parseTestFile(generator.render({ policyPath: 'policy.yaml', kubernetesVersion: `1.${MINOR}` }).text);
  assert.deepEqual(file.problems, [], 'the file test --generate writes reads without problems');
  const pinned = file.cases.filter((c) => c.request !== undefined);
  const answer = await oracle.ask(
    text,
    pinned.map((c) => oracleAttributes(c.request!)),
  );
  pinned.forEach((c, i) => {
    const kube = expected(answer.results[i]);
    const same =
      kube !== undefined &&
      c.expect.level === kube.level &&
      [...(c.expect.omitStages ?? [])].sort().join() === kube.omitStages.join();
    if (same) return tally.agree();
    report(tally, {
      kind: 'policy-test',
      problem: 'test --generate pins an outcome kube-apiserver does not give',
      policy: text,
      request: c.requestText,
      project: c.expect,
      oracle: kube ?? null,
    });
  });
}

async function* loadedPolicies(): AsyncGenerator<string> {
  for (const text of sources) if ((await oracle.ask(text)).loadError === null) yield text;
  for (let batch = 0; ; batch++) {
    for (const pair of fc.sample(pairArbitrary(sources.length), { seed: SEED + 4_000_000 + batch, numRuns: 10 })) {
      const text = newText(pair, sources);
      if (text !== undefined && (await oracle.ask(text)).loadError === null) yield text;
    }
  }
}

test(`policy tests written from kube-apiserver's answers pass, flipped ones fail (seed ${SEED}, ${POLICY_TEST_CASES} cases)`, async () => {
  const cases = new Tally("policy tests: cases expecting kube-apiserver's answers");
  const wrong = new Tally('policy tests: cases with one expectation flipped');
  const pins = new Tally('policy tests: cases `test --generate` pins (folded for every other policy)');
  const started = Date.now();
  let policies = 0;
  let unwritable = 0;
  for await (const text of loadedPolicies()) {
    if (cases.compared >= POLICY_TEST_CASES || Date.now() - started > BUDGET) break;
    policies++;
    const policy = compilePolicy(createPolicyDocument('file:///differential/p.yaml', 1, text).parsed);
    const seed = SEED + 5_000_000 + policies;
    const drawn: OracleRequest[] = [
      ...fc.sample(attributeRequests(policy), { seed, numRuns: PER_POLICY }),
      ...fc.sample(httpRequests(policy), { seed, numRuns: PER_POLICY }),
    ];
    const answer = await oracle.ask(text, drawn);
    const written: Array<{ request: string; expect: Expected; asked: OracleRequest }> = [];
    drawn.forEach((asked, i) => {
      const request = requestValue(asked);
      const expect = expected(answer.results[i]);
      if (request === undefined || expect === undefined) return void unwritable++;
      written.push({ request, expect, asked });
    });
    await comparePins(text, drawn, answer.results, policies % 2 === 0, pins);
    const right = run(text, testFile(written), written.length);
    const flips = written.map((w, k) => ({ ...w, expect: flipped(w.expect, k) }));
    const wrongRun = run(text, testFile(flips), flips.length);
    written.forEach((w, k) => {
      const passed = right.results[k].passed;
      if (passed) cases.agree();
      else
        report(cases, {
          kind: 'policy-test',
          problem: 'a case expecting kube-apiserver’s answer fails',
          policy: text,
          request: w.request,
          project: { failures: right.results[k].failures, refused: right.refused ?? null },
          oracle: w.expect,
        });
      if (!wrongRun.results[k].passed) wrong.agree();
      else
        report(wrong, {
          kind: 'policy-test',
          problem: 'a case expecting what kube-apiserver does not do passes',
          policy: text,
          request: w.request,
          project: { expected: flips[k].expect },
          oracle: w.expect,
        });
    });
  }
  console.log(
    `# differential policy tests: ${policies} loaded policies; ${unwritable} drawn requests no test case can ` +
      'say (a user or group a request line cannot hold, a lower-case or unknown method, a request never audited)',
  );
  for (const t of [cases, wrong, pins]) console.log(t.summary());
  for (const t of [cases, wrong, pins]) assert.equal(t.unexplained.length, 0, t.failure(4));
  const floor = Math.min(POLICY_TEST_CASES, 2000);
  assert.ok(cases.compared >= floor, `only ${cases.compared} cases run within ${BUDGET} ms (at least ${floor})`);
});
