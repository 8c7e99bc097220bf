// What every fuzz test shares: the seed and budgets (fixed by default so `npm test` is
// reproducible, overridable to search longer), the real policies to mutate, and the mutations an
// editor or a careless commit produces: deleted, inserted, duplicated, swapped and re-indented
// lines, stray YAML indicators and control characters.
//
//   FUZZ_SEED=7 FUZZ_RUNS=20000 FUZZ_MIN_RUNS=5000 FUZZ_TIME_MS=600000 npm run test:fuzz
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../../server/src/service';
import { realCorpus } from '../helpers/corpus';

export const SEED = Number(process.env.FUZZ_SEED ?? 42);
/** Generated inputs per property (each test may scale it). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
/** Wall-clock budget per property: a slow machine runs fewer inputs rather than timing out... */
export const TIME_MS = Number(process.env.FUZZ_TIME_MS ?? 6_000);
/** ...but never fewer than this (scaled like RUNS): a budget that runs out first fails the test, so
 *  a slowdown of the code under test cannot quietly shrink the fuzzing to nothing. */
export const MIN_RUNS = Number(process.env.FUZZ_MIN_RUNS ?? 100);

/** fast-check parameters for one property; `share` scales the run count and the time budget. */
export function params(share = 1): fc.Parameters<unknown> {
  return {
    seed: SEED,
    numRuns: Math.max(1, Math.round(RUNS * share)),
    interruptAfterTimeLimit: Math.round(TIME_MS * share),
    markInterruptAsFailure: false,
  };
}

/** Runs a property, fails the test on a counterexample or when the time budget ran out before the
 *  minimum number of inputs, and returns how many inputs ran. `examples` run first, whatever the
 *  seed and the budget: inputs a rare path needs, which random ones may not reach in time. */
export function check<Ts extends [unknown, ...unknown[]]>(
  property: fc.IProperty<Ts>,
  share = 1,
  examples: Ts[] = [],
): number {
  const details = fc.check(property, { ...(params(share) as fc.Parameters<Ts>), examples });
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\n${cause}`);
  }
  const minimum = Math.min(Math.max(1, Math.round(MIN_RUNS * share)), params(share).numRuns ?? 1);
  if (details.numRuns < minimum) {
    throw new Error(
      `only ${details.numRuns} inputs in ${Math.round(TIME_MS * share)} ms, fewer than the minimum ${minimum} (FUZZ_MIN_RUNS): the code under test got slower, or raise FUZZ_TIME_MS`,
    );
  }
  report(details.numRuns);
  return details.numRuns;
}

let total = 0;
/** Counts generated inputs across the file, printed at exit for the closing report. */
function report(n: number): void {
  if (total === 0) process.on('exit', () => process.stdout.write(`# fuzz: ${total} generated inputs (seed ${SEED})\n`));
  total += n;
}

/** The real policies: the redistributable copies, plus the shared-only files when present. */
export function corpus(): string[] {
  return realCorpus().map((f) => f.text);
}

/** Characters that change YAML structure, plus control characters and odd white space. */
export const STRAY = [
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
  '?',
  "'",
  '"',
  ' ',
  '\t',
  '\0',
  '\x01',
  '\x1b',
  '\r',
  '\n',
  '\f',
  '\v',
  '\x85',
  '\u2028',
  '\ufeff',
  '---',
  '...',
  ': ',
  '- ',
  '&a ',
  '*a',
];

export type Mutation =
  | { readonly k: 'del'; readonly i: number }
  | { readonly k: 'dup'; readonly i: number }
  | { readonly k: 'swap'; readonly i: number; readonly j: number }
  | { readonly k: 'indent'; readonly i: number; readonly d: number }
  | { readonly k: 'stray'; readonly i: number; readonly c: number; readonly s: string }
  | { readonly k: 'ins'; readonly i: number; readonly f: number; readonly j: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('del' as const), i: fc.nat() }),
  fc.record({ k: fc.constant('dup' as const), i: fc.nat() }),
  fc.record({ k: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ k: fc.constant('indent' as const), i: fc.nat(), d: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ k: fc.constant('stray' as const), i: fc.nat(), c: fc.nat(), s: fc.constantFrom(...STRAY) }),
  fc.record({ k: fc.constant('ins' as const), i: fc.nat(), f: fc.nat(), j: fc.nat() }),
);

/** Applies line mutations; `ins` copies a line from another corpus file. */
export function mutate(text: string, ops: readonly Mutation[], sources: readonly string[]): string {
  const lines = text.split('\n');
  for (const o of ops) {
    const n = lines.length;
    const i = o.i % Math.max(1, n);
    switch (o.k) {
      case 'del':
        lines.splice(i, 1);
        break;
      case 'dup':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap': {
        const j = o.j % Math.max(1, n);
        const a = lines[i] ?? '';
        lines[i] = lines[j] ?? '';
        lines[j] = a;
        break;
      }
      case 'indent': {
        const line = lines[i] ?? '';
        lines[i] = o.d >= 0 ? ' '.repeat(o.d) + line : line.replace(new RegExp(`^ {0,${-o.d}}`), '');
        break;
      }
      case 'stray': {
        const line = lines[i] ?? '';
        const c = o.c % (line.length + 1);
        lines[i] = line.slice(0, c) + o.s + line.slice(c);
        break;
      }
      case 'ins': {
        const src = sources[o.f % sources.length].split('\n');
        lines.splice(i, 0, src[o.j % src.length]);
        break;
      }
    }
  }
  return lines.join('\n');
}

/** A real policy after a few mutations. */
export function mutatedPolicy(sources: readonly string[], maxOps = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(sources.length - 1), fc.array(mutation, { maxLength: maxOps }))
    .map(([f, ops]) => mutate(sources[f], ops, sources));
}

/** Random text biased towards YAML: indicators, keys of the policy, line breaks and indentation. */
export const yamlishText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...STRAY,
        'apiVersion: audit.k8s.io/v1\n',
        'kind: Policy\n',
        'rules:\n',
        '- level: ',
        'None',
        'Metadata',
        'resources:',
        'group: ""',
        'verbs: [get, list]',
        '\n  ',
        '\n    ',
        '\n',
        'users:',
        'omitStages: ',
        'yes',
        '1.5',
        '~',
        '!!str ',
        '<<: ',
        '"\\u00',
        "'it''s'",
        '|\n  x',
        '>-\n',
      ),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Every position a diagnostic (or its related information) names lies inside the document. */
export function assertInside(doc: PolicyDocument, diagnostics: readonly Diagnostic[]): void {
  const lastLine = doc.lines.lineCount - 1;
  const check = (range: Diagnostic['range'], what: string): void => {
    for (const p of [range.start, range.end]) {
      if (p.line < 0 || p.line > lastLine || p.character < 0)
        throw new Error(`${what} out of the document: ${JSON.stringify(range)}`);
      const lineLength = doc.lines.lineEnd(p.line) - doc.lines.lineStart(p.line);
      if (p.character > lineLength + 1)
        throw new Error(`${what} past the end of line ${p.line}: ${JSON.stringify(range)}`);
    }
    const start = doc.lines.offsetAt(range.start);
    const end = doc.lines.offsetAt(range.end);
    if (end < start) throw new Error(`${what} ends before it starts: ${JSON.stringify(range)}`);
  };
  for (const d of diagnostics) {
    check(d.range, `diagnostic ${String(d.code)}`);
    for (const r of d.relatedInformation ?? []) check(r.location.range, `related information of ${String(d.code)}`);
  }
}
