// Reads a policy test file (`*.audit-test.yaml`, format in docs/POLICY-TESTS.md): which policy,
// and cases, each a request with what the policy must do with it. Never throws: what cannot be
// read becomes a problem at its place, and a case with a problem is not run.
import { LEVEL_NAMES, STAGE_NAMES } from '../catalogue/values';
import { parseKubernetesVersion } from '../catalogue/versions';
import { attributesFrom, RequestError } from '../engine/request';
import type { RequestAttributes, RequestInput } from '../engine/request';
import { parseRequestLine } from '../engine/requestInfo';
import { parseWhole } from '../parse/parse';
import type { MapNode, Node } from '../parse/model';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TestProblem extends Span {
  readonly message: string;
}

export interface Expectations {
  readonly level?: string;
  readonly minLevel?: string;
  readonly maxLevel?: string;
  readonly omitStages?: readonly string[];
  /** Stages that must be recorded (not omitted), whatever else is omitted. */
  readonly recordedStages?: readonly string[];
  /** null: no rule may match (level None by default). */
  readonly rule?: number | null;
}

export interface TestCase {
  readonly index: number;
  /** The whole case item. */
  readonly span: Span;
  /** The `request` value, or the case when it has none. */
  readonly requestSpan: Span;
  /** The request as written: the line, or the attributes as JSON. */
  readonly requestText: string;
  /** undefined when the case has a problem and is not run. */
  readonly request?: RequestAttributes;
  readonly expect: Expectations;
  readonly name?: string;
  /** Where the requirement comes from (packs cite their source here). */
  readonly source?: string;
}

export interface TestFile {
  /** The `policy` path as written, relative to the test file. */
  readonly policy?: string;
  readonly policySpan?: Span;
  /** In a policy file that holds several policies (a ConfigMap, Markdown...), the one at this path
   *  (as lint prints it, as the command line's `--embedded-at` takes it). */
  readonly embeddedAt?: string;
  readonly embeddedAtSpan?: Span;
  readonly kubernetesVersion?: string;
  readonly name?: string;
  readonly cases: readonly TestCase[];
  readonly problems: readonly TestProblem[];
}

export const FILE_KEYS = ['policy', 'embeddedAt', 'kubernetesVersion', 'name', 'description', 'cases'] as const;
export const CASE_KEYS = [
  'request',
  'level',
  'minLevel',
  'maxLevel',
  'omitStages',
  'recordedStages',
  'rule',
  'name',
  'source',
] as const;
export const REQUEST_KEYS = [
  'user',
  'groups',
  'verb',
  'namespace',
  'apiGroup',
  'apiVersion',
  'resource',
  'subresource',
  'name',
  'path',
] as const;
const EXPECTATION_KEYS = ['level', 'minLevel', 'maxLevel', 'omitStages', 'recordedStages', 'rule'];

export function isTestFileName(path: string): boolean {
  return /\.audit-test\.ya?ml$/i.test(path);
}

export function parseTestFile(text: string): TestFile {
  const parsed = parseWhole(text);
  const problems: TestProblem[] = parsed.syntaxErrors.map((e) => ({
    start: e.start,
    end: e.end,
    message: `YAML: ${e.message}`,
  }));
  const root = parsed.root;
  if (!root || root.kind !== 'map') {
    if (problems.length === 0)
      problems.push({
        start: 0,
        end: Math.min(text.length, 1),
        message: 'a test file is a mapping with `cases:` (and usually `policy:`)',
      });
    return { cases: [], problems };
  }
  const reader = new Reader(problems);
  reader.unknownKeys(root, FILE_KEYS, 'the test file');
  const policyNode = value(root, 'policy');
  const policy = policyNode ? reader.string(policyNode, 'policy') : undefined;
  const embeddedAtNode = value(root, 'embeddedAt');
  const embeddedAt = embeddedAtNode ? reader.string(embeddedAtNode, 'embeddedAt') : undefined;
  if (embeddedAtNode && !policyNode)
    problems.push({
      start: embeddedAtNode.start,
      end: embeddedAtNode.end,
      message: '`embeddedAt` names one of the policies the file `policy` holds: give `policy` too',
    });
  const version = value(root, 'kubernetesVersion');
  const kubernetesVersion = version ? reader.string(version, 'kubernetesVersion') : undefined;
  if (version && kubernetesVersion !== undefined && parseKubernetesVersion(kubernetesVersion) === undefined) {
    problems.push({
      start: version.start,
      end: version.end,
      message: `\`kubernetesVersion\` must be a version like "1.30" (1.12 or later), not "${kubernetesVersion}"`,
    });
  }
  const nameNode = value(root, 'name');
  const name = nameNode ? reader.string(nameNode, 'name') : undefined;
  const casesNode = value(root, 'cases');
  const cases: TestCase[] = [];
  if (!casesNode || casesNode.kind !== 'seq') {
    const at = casesNode ?? root.pairs[0]?.key ?? root;
    problems.push({
      start: at.start,
      end: at.end,
      message: '`cases` must be a list of cases, each with a `request` and what to expect',
    });
  } else {
    casesNode.items.forEach((item, index) => cases.push(reader.testCase(item, index)));
  }
  return {
    ...(policy !== undefined ? { policy, policySpan: { start: policyNode!.start, end: policyNode!.end } } : {}),
    ...(embeddedAt !== undefined
      ? { embeddedAt, embeddedAtSpan: { start: embeddedAtNode!.start, end: embeddedAtNode!.end } }
      : {}),
    ...(kubernetesVersion !== undefined ? { kubernetesVersion } : {}),
    ...(name !== undefined ? { name } : {}),
    cases,
    problems: problems.sort((a, b) => a.start - b.start),
  };
}

function value(map: MapNode, key: string): Node | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--)
    if (map.pairs[i].key.value === key) return map.pairs[i].value ?? undefined;
  return undefined;
}

class Reader {
  constructor(private readonly problems: TestProblem[]) {}

  private problem(node: Span, message: string): undefined {
    this.problems.push({ start: node.start, end: node.end, message });
    return undefined;
  }

  unknownKeys(map: MapNode, known: readonly string[], where: string): void {
    for (const pair of map.pairs) {
      const key = String(pair.key.value);
      if (!known.includes(key))
        this.problem(pair.key, `unknown key \`${key}\` in ${where} (expected ${known.join(', ')})`);
    }
  }

  string(node: Node, key: string): string | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
    if (node.kind === 'scalar' && typeof node.value === 'number' && key === 'kubernetesVersion')
      return node.raw ?? String(node.value);
    return this.problem(node, `\`${key}\` must be a string`);
  }

  testCase(item: Node, index: number): TestCase {
    const span = { start: item.start, end: item.end };
    const base = { index, span, requestSpan: span, requestText: '', expect: {} };
    if (item.kind !== 'map') {
      this.problem(
        item,
        'a case is a mapping with `request` and what to expect (`level`, `minLevel`, `maxLevel`, `omitStages`, `recordedStages`, `rule`)',
      );
      return base;
    }
    const before = this.problems.length;
    this.unknownKeys(item, CASE_KEYS, 'a case');
    const requestNode = value(item, 'request');
    let request: RequestAttributes | undefined;
    let requestText = '';
    if (!requestNode) this.problem(item.pairs[0]?.key ?? item, 'the case has no `request`');
    else ({ request, requestText } = this.request(requestNode));
    const expect: Record<string, unknown> = {};
    for (const key of ['level', 'minLevel', 'maxLevel'] as const) {
      const node = value(item, key);
      if (!node) continue;
      const level = this.string(node, key);
      if (level !== undefined && !LEVEL_NAMES.includes(level))
        this.problem(node, `\`${key}\` must be one of ${LEVEL_NAMES.join(', ')}, not "${level}"`);
      else if (level !== undefined) expect[key] = level;
    }
    for (const key of ['omitStages', 'recordedStages'] as const) {
      const stages = value(item, key);
      if (!stages) continue;
      if (stages.kind === 'seq') {
        const list = stages.items.map((s) =>
          s.kind === 'scalar' && typeof s.value === 'string' && STAGE_NAMES.includes(s.value)
            ? s.value
            : this.problem(s, `${key} entries are ${STAGE_NAMES.join(', ')}`),
        );
        if (list.every((s) => s !== undefined)) expect[key] = list;
      } else if (stages.kind === 'scalar' && stages.value === null) expect[key] = [];
      else
        this.problem(
          stages,
          `\`${key}\` must be a list of stages${key === 'omitStages' ? ' (the exact set; [] for none)' : ''}`,
        );
    }
    const rule = value(item, 'rule');
    if (rule) {
      if (rule.kind === 'scalar' && typeof rule.value === 'number' && Number.isInteger(rule.value) && rule.value >= 0)
        expect.rule = rule.value;
      else if (rule.kind === 'scalar' && rule.value === null) expect.rule = null;
      else this.problem(rule, '`rule` is the 0-based index of the deciding rule in `rules` (or null: no rule matches)');
    }
    if (!EXPECTATION_KEYS.some((k) => value(item, k)))
      this.problem(
        requestNode ?? item,
        'the case expects nothing: add `level` (or `minLevel`, `maxLevel`, `omitStages`, `recordedStages`, `rule`)',
      );
    const nameNode = value(item, 'name');
    const sourceNode = value(item, 'source');
    const name = nameNode ? this.string(nameNode, 'name') : undefined;
    const source = sourceNode ? this.string(sourceNode, 'source') : undefined;
    const ok = this.problems.length === before;
    return {
      index,
      span,
      requestSpan: requestNode ? { start: requestNode.start, end: requestNode.end } : span,
      requestText,
      ...(ok && request ? { request } : {}),
      expect: expect as Expectations,
      ...(name !== undefined ? { name } : {}),
      ...(source !== undefined ? { source } : {}),
    };
  }

  private request(node: Node): { request?: RequestAttributes; requestText: string } {
    try {
      if (node.kind === 'scalar' && typeof node.value === 'string')
        return { request: parseRequestLine(node.value), requestText: node.value };
      if (node.kind === 'map') {
        this.unknownKeys(node, REQUEST_KEYS, 'a request');
        const input: Record<string, unknown> = {};
        for (const key of REQUEST_KEYS) {
          const v = value(node, key);
          if (!v) continue;
          if (key === 'groups') {
            if (v.kind !== 'seq' || !v.items.every((g) => g.kind === 'scalar' && typeof g.value === 'string')) {
              this.problem(v, '`groups` must be a list of group names');
              return { requestText: '' };
            }
            input.groups = v.items.map((g) => (g.kind === 'scalar' ? String(g.value) : ''));
          } else {
            const s = this.string(v, key);
            if (s === undefined) return { requestText: '' };
            input[key] = s;
          }
        }
        return { request: attributesFrom(input as unknown as RequestInput), requestText: JSON.stringify(input) };
      }
      this.problem(
        node,
        '`request` is a request line (`alice GET /api/v1/namespaces/x/pods/y`) or a mapping of attributes (`{user, groups, verb, resource, ...}`)',
      );
      return { requestText: '' };
    } catch (error) {
      if (error instanceof RequestError) {
        this.problem(node, `the request cannot be read: ${error.message}`);
        return { requestText: node.kind === 'scalar' ? String(node.value) : '' };
      }
      throw error;
    }
  }
}
