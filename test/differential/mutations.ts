// Mutations of real policies: the mistakes people make when they edit, copy and paste YAML. Lines
// deleted, duplicated, swapped, indented or dedented; keys misspelt or moved; scalars turned into
// null, `~`, nothing, quoted strings, numbers or booleans; tabs, trailing spaces and comments;
// anchors, aliases and merge keys; block lists turned into flow style and back; extra documents;
// stray YAML indicators; a line pasted from another policy. Whole-file rewrites: CRLF line ends, a
// byte order mark, the policy as JSON (compact or indented), wrapped in document markers or
// indented as a whole, or JSON as Windows tools write it (behind a byte order mark, CRLF, tabs).
// Fields a user adds to a rule or the policy (omitStages, omitManagedFields, wildcard and odd
// selectors); tags, number spellings and API versions kube-apiserver reads its own way. And
// respellings (respellings.ts): keys and values in another case, a key twice in two cases, keys
// and values past go-yaml's length limits, other line ends and tab indentation. Each operation
// picks its target with plain numbers, so fast-check generates and replays them from a seed.
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import type { ToStringOptions } from 'yaml';
import { BLOCK_KEY, indentOf, ITEM_VALUE, KEY, KEY_VALUE, nth, pick } from './lines';
import { respell } from './respellings';

export type Operation =
  | {
      readonly k: 'delete' | 'duplicate' | 'join' | 'trailing' | 'tab' | 'comment' | 'document';
      readonly i: number;
      readonly v: number;
    }
  | { readonly k: 'swap'; readonly i: number; readonly j: number }
  | { readonly k: 'indent'; readonly i: number; readonly d: number }
  | { readonly k: 'scalar' | 'key' | 'flow' | 'anchor' | 'field' | 'respell'; readonly i: number; readonly v: number }
  | { readonly k: 'whole'; readonly v: number }
  | { readonly k: 'stray'; readonly i: number; readonly c: number; readonly v: number }
  | { readonly k: 'paste'; readonly i: number; readonly f: number; readonly j: number };

/** Values people put where a scalar goes; `$` is the value that was there. */
const SCALARS = [
  '~',
  'null',
  'Null',
  '',
  '""',
  "''",
  '"$"',
  "'$'",
  '"$ "',
  '" $"',
  '$ ',
  '[$]',
  '[$, $]',
  '[]',
  '{}',
  '[~]',
  '[""]',
  '[$, ~]',
  '1',
  '0',
  '1.5',
  '-1',
  '0x1F',
  '1e3',
  '.inf',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'True',
  '$*',
  '*',
  '"*"',
  '*$',
  '$/*',
  '*/*',
  '$s',
  '$/v1',
  '$/status',
  '/$',
  '$#x',
  '$ #x',
  '"$',
  "$'",
  '!!str $',
  '!!int 1',
  '!!binary aGk=',
  'None',
  'Metadata',
  'Request',
  'RequestResponse',
  'metadata',
  'RequestReceived',
  'ResponseStarted',
  'ResponseComplete',
  'Panic',
  'get',
  'list',
  'watch',
  'create',
  'Delete',
  'apps',
  'apps/v1',
  '""',
  'pods',
  'pods/log',
  'pods/*',
  '/healthz*',
  'healthz',
  '/api/*/x',
  'system:nodes',
  'system:kube-proxy',
  'kube-system',
  '2024-01-02',
  '2024-01-02T03:04:05Z',
  'yesterday',
  '2024-01-02 03:04:05',
  'audit.k8s.io/v1',
  'audit.k8s.io/v1beta1',
  'Policy',
  'policy',
  '|\n  $',
  '>-\n  $',
  '&a $',
  '*a',
  '<<',
  '"\\t$"',
  '"$\\n"',
  "'it''s'",
  '? $',
  '- $',
  '$: x',
  '{a: 1}',
  '{$: ~}',
  // Numbers as go-yaml v2 spells them (Go's base-0 ints, `_`, no sexagesimal, out-of-range floats).
  '017',
  '0o17',
  '0b11',
  '1_000',
  '+1',
  '.5',
  '1:30',
  '1e400',
  '1e-400',
  '-.inf',
  '.NaN',
  '18446744073709551616',
  // Tags on a value: resolved by go-yaml, not by the tag's usual meaning elsewhere.
  '!!float 1',
  '!!float "1"',
  '!!null',
  '!!null $',
  '!!null ""',
  '!!bool yes',
  '!!str 1',
  '!!str ~',
  '!!timestamp $',
  '!!timestamp 2024-01-02',
  '!!binary $',
  '!!binary TWV0YWRhdGE=',
  '!<tag:yaml.org,2002:str> $',
  '!local $',
  '! $',
  '!!omap [$]',
  '!!set {$}',
  // API versions and selectors written with wildcards and odd characters.
  'audit.k8s.io/v1alpha1',
  'audit.k8s.io/v2',
  'audit.k8s.io',
  'v1',
  '*/status',
  '*/*',
  '"$/*"',
  '/*',
  '/$*/x',
  '"ünïcode"',
  '"a b"',
  'system:serviceaccount:$:default',
];

/** Keys people type, misspell or put in the wrong place. */
const KEYS = [
  'level',
  'Level',
  'levels',
  'users',
  'user',
  'userGroups',
  'usergroups',
  'groups',
  'group',
  'verbs',
  'verb',
  'namespaces',
  'namespace',
  'resources',
  'resource',
  'resourceNames',
  'nonResourceURLs',
  'nonResourceUrls',
  'omitStages',
  'omitstages',
  'stages',
  'omitManagedFields',
  'apiVersion',
  'kind',
  // Spellings Go's encoding/json still reads as the type (any case, U+017F for s, U+212A for k).
  'ApiVersion',
  'apiversion',
  'Kind',
  '\u212aind',
  'rules',
  'metadata',
  'name',
  'creationTimestamp',
  'labels',
  'annotations',
  'generation',
  'uid',
  'namespace',
  'ownerReferences',
  'finalizers',
  'managedFields',
  '<<',
  '"level"',
  "'users'",
  '? level',
  'level ',
  '-level',
  '- level',
  '!!str level',
  '1',
  'null',
  '~',
  'true',
];

const COMMENTS = ['# note', '#', '#comment', '# level: None', '  # indented', '# - level: None'];
const DOCUMENTS = ['---', '...', '--- # next', '--- |', '---\napiVersion: audit.k8s.io/v1', '%YAML 1.1\n---', '--- {}'];
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
  '`',
  '#',
  '?',
  "'",
  '"',
  ' ',
  '\t',
  '\\',
  ': ',
  '- ',
  ' #',
  '\r',
  '\u00a0',
  '\ufeff',
  '\x01',
  '\x7f',
];

// Fields a user adds to a rule: stages and managed fields, and selectors kube-apiserver reads
// literally or refuses (a `*` in resourceNames, `pods/*`, `*/status`, a `*` inside a URL).
const RULE_FIELDS = [
  'omitStages: [RequestReceived]',
  'omitStages: []',
  'omitStages: [ResponseStarted, Panic, ResponseComplete]',
  'omitStages: [requestreceived]',
  'omitManagedFields: true',
  'omitManagedFields: "true"',
  'omitManagedFields: 1',
  'resources: [{group: "", resources: ["pods/*"]}]',
  'resources: [{group: "", resources: ["*/status"]}]',
  'resources: [{resources: ["*/*"], resourceNames: ["*"]}]',
  'resources: [{group: "*"}]',
  'resources: [{group: apps, resources: [deployments/scale], resourceNames: [web, ""]}]',
  'resources: [{group: "", resources: ["pods", "*"]}]',
  'resourceNames: ["*"]',
  'nonResourceURLs: ["/api/*"]',
  'nonResourceURLs: ["*"]',
  'nonResourceURLs: ["/*/x"]',
  'nonResourceURLs: ["/healthz*", "/", "/logs/*"]',
  'nonResourceURLs: [healthz]',
  'users: ["system:serviceaccount:kube-system:default", "ünïcode", "a b", ""]',
  'userGroups: ["system:authenticated", "*"]',
  'namespaces: [""]',
  'namespaces: ["*", kube-system]',
  'verbs: ["*"]',
  'verbs: [GET, watch]',
  'level: None',
  'level: RequestResponse',
  // An alias as a key: the field its scalar names (an anchor POLICY_FIELDS may have set).
  '*k : Metadata',
];
/** Fields a user adds to the policy itself. */
const POLICY_FIELDS = [
  'omitStages: [RequestReceived]',
  'omitStages: [Bogus]',
  'omitStages: RequestReceived',
  'omitManagedFields: true',
  'omitManagedFields: yes',
  'metadata: {name: audit, generation: 1e3}',
  'metadata: {name: audit, labels: {a: b}}',
  // Inside metadata's lists and maps: keys the types lack (subresource before 1.22), keys repeated.
  'metadata: {ownerReferences: [{Name: x, uid: "1"}]}',
  'metadata: {managedFields: [{subresource: status, fieldsV1: {f: {a: 1}}}]}',
  'metadata: {labels: {a: b, a: c}}',
  'metadata: {managedFields: [{fieldsV1: {a: 1, a: 2}}]}',
  // Nesting deeper than our tree holds, under a field kube-apiserver drops (it reads 10,000 levels).
  `x: ${'['.repeat(2500)}${']'.repeat(2500)}`,
  'x: &k level',
  // Keys that name the type in another case: read by the serializer, dropped by the decoder.
  'Kind: Event',
  'APIVersion: audit.k8s.io/v1',
  'apiversion: audit.k8s.io/v1beta1',
  'apiVer\u017fion: x',
  'KIND: ~',
];

export const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom('delete', 'duplicate', 'join', 'trailing', 'tab', 'comment', 'document'),
      i: fc.nat(),
      v: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('swap' as const), i: fc.nat(), j: fc.integer({ min: -3, max: 3 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('indent' as const), i: fc.nat(), d: fc.constantFrom(-4, -2, -1, 1, 2, 4) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ k: fc.constantFrom('scalar', 'key', 'flow', 'anchor'), i: fc.nat(), v: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('field' as const), i: fc.nat(), v: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('respell' as const), i: fc.nat(), v: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('whole' as const), v: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('stray' as const), i: fc.nat(), c: fc.nat(), v: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('paste' as const), i: fc.nat(), f: fc.nat(), j: fc.nat() }) },
);

export interface Mutant {
  readonly source: number;
  readonly operations: readonly Operation[];
}

export function mutantArbitrary(sources: number): fc.Arbitrary<Mutant> {
  return fc.record({ source: fc.nat(sources - 1), operations: fc.array(operation, { minLength: 1, maxLength: 3 }) });
}

export function applyMutant(mutant: Mutant, sources: readonly string[]): string {
  let lines = sources[mutant.source].split('\n');
  for (const op of mutant.operations) lines = apply(lines, op, sources);
  return lines.join('\n');
}

function apply(input: string[], op: Operation, sources: readonly string[]): string[] {
  if (op.k === 'whole') return whole(input, op.v);
  const lines = [...input];
  const i = op.i % Math.max(1, lines.length);
  const line = lines[i] ?? '';
  switch (op.k) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'join':
      if (i + 1 < lines.length) lines.splice(i, 2, `${line}${op.v % 2 === 0 ? ' ' : ''}${lines[i + 1].trimStart()}`);
      break;
    case 'trailing':
      lines[i] = line + pick([' ', '  ', '\t', ' \t '], op.v);
      break;
    case 'tab': {
      const variants = [
        line.replace(/^( +)/, '\t'),
        line.replace(/^( {2})/, '\t'),
        line.replace(/: /, ':\t'),
        line.replace(/- /, '-\t'),
        line.replace(/^(\s*)/, '$1\t'),
      ];
      lines[i] = pick(variants, op.v);
      break;
    }
    case 'comment': {
      const comment = pick(COMMENTS, op.v);
      if (op.v % 3 === 0) lines[i] = `${line} ${comment}`;
      else lines.splice(i, 0, `${op.v % 3 === 1 ? indentOf(line) : ''}${comment}`);
      break;
    }
    case 'document':
      lines.splice(op.v % 4 === 0 ? 0 : i, 0, pick(DOCUMENTS, op.v));
      break;
    case 'swap': {
      const j = Math.min(Math.max(i + (op.j === 0 ? 1 : op.j), 0), lines.length - 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'indent':
      lines[i] = op.d > 0 ? ' '.repeat(op.d) + line : line.replace(new RegExp(`^ {0,${-op.d}}`), '');
      break;
    case 'scalar': {
      const at = nth(lines, (l) => KEY_VALUE.test(l) || ITEM_VALUE.test(l), op.i);
      if (at === -1) break;
      const m = KEY_VALUE.exec(lines[at]) ?? ITEM_VALUE.exec(lines[at])!;
      const old = m[2].replace(/^["']|["']$/g, '');
      const value = pick(SCALARS, op.v);
      // `!!binary $` writes the old value in base64, so it decodes back to it.
      lines[at] =
        m[1] +
        (value === '!!binary $' ? `!!binary ${Buffer.from(old).toString('base64')}` : value.replaceAll('$', old));
      break;
    }
    case 'key': {
      const at = nth(lines, (l) => KEY.test(l), op.i);
      if (at !== -1) lines[at] = lines[at].replace(KEY, (_all, prefix: string) => `${prefix}${pick(KEYS, op.v)}:`);
      break;
    }
    case 'field':
      return addField(lines, op.i, op.v);
    case 'respell':
      return respell(lines, op.i, op.v);
    case 'flow':
      return flowOrBlock(lines, op.i, op.v);
    case 'anchor':
      return anchorOrAlias(lines, op.i, op.v);
    case 'stray': {
      const c = op.c % (line.length + 1);
      lines[i] = line.slice(0, c) + pick(STRAY, op.v) + line.slice(c);
      break;
    }
    case 'paste': {
      const from = sources[op.f % sources.length].split('\n');
      lines.splice(i, 0, pick(from, op.j));
      break;
    }
  }
  return lines;
}

/** A block list of scalars written in flow style (`verbs: [get, list]`), or a flow list written as
 *  a block list, at the key's indentation or deeper (both are legal YAML). */
function flowOrBlock(input: string[], n: number, v: number): string[] {
  const lines = [...input];
  const flowAt = nth(lines, (l) => /:\s*\[[^\]]*\]\s*$/.test(l), n);
  if (v % 2 === 0 && flowAt !== -1) {
    // [\s\S]: a line may hold an LS or NEL (respellings.ts), which `.` does not match.
    const m = /^(\s*(?:- +)*)([\s\S]*?):\s*\[([^\]]*)\]\s*$/.exec(lines[flowAt])!;
    const keyColumn = ' '.repeat(m[1].length);
    const items = m[3]
      .split(',')
      .map((s) => s.trim())
      .filter((s, k, all) => s !== '' || k < all.length - 1);
    const itemIndent = keyColumn + (v % 4 === 0 ? '' : '  ');
    lines.splice(flowAt, 1, `${m[1]}${m[2]}:`, ...items.map((item) => `${itemIndent}- ${item}`));
    return lines;
  }
  const blockAt = nth(lines, (l) => BLOCK_KEY.test(l), n);
  if (blockAt === -1) return lines;
  const items: string[] = [];
  let end = blockAt + 1;
  while (end < lines.length && /^\s*- +[^\s:{[][^:]*$/.test(lines[end]))
    items.push(
      lines[end++]
        .replace(/^\s*- +/, '')
        .replace(/\s+#.*$/, '')
        .trim(),
    );
  if (items.length === 0) return lines;
  const head = lines[blockAt].replace(/:\s*(#.*)?$/, ':');
  const sep = pick([', ', ',', ' , '], v);
  lines.splice(blockAt, end - blockAt, `${head} [${items.join(sep)}${v % 5 === 0 ? ',' : ''}]`);
  return lines;
}

/** Anchors and what refers to them: a rule anchored and merged into another (`<<: *r`), a value
 *  anchored and aliased elsewhere, and aliases to nothing. */
function anchorOrAlias(input: string[], n: number, v: number): string[] {
  const lines = [...input];
  const itemAt = nth(lines, (l) => /^\s*- +[^\s#:'"[{][^#:]*:/.test(l), n);
  switch (v % 4) {
    case 0:
    case 1: {
      if (itemAt === -1) return lines;
      const m = /^(\s*)- +([\s\S]*)$/.exec(lines[itemAt])!;
      const inner = `${m[1]}  `;
      lines.splice(itemAt, 1, `${m[1]}- &r${v % 2}`, `${inner}${m[2]}`);
      const later = nth(lines.slice(itemAt + 2), (l) => new RegExp(`^${m[1]}- +\\S`).test(l), v >> 2);
      const target = later === -1 ? lines.length : itemAt + 2 + later;
      if (v % 8 < 4) lines.splice(target + 1, 0, `${inner}<<: *r${v % 2}`);
      else lines.splice(target, 0, `${m[1]}- <<: *r${v % 2}`, `${inner}level: None`);
      return lines;
    }
    case 2: {
      const at = nth(lines, (l) => KEY_VALUE.test(l), n);
      if (at === -1) return lines;
      const m = KEY_VALUE.exec(lines[at])!;
      lines[at] = `${m[1]}&v ${m[2]}`;
      const use = nth(lines, (l) => KEY_VALUE.test(l), n + 1 + (v >> 2));
      if (use !== -1 && use !== at) lines[use] = `${KEY_VALUE.exec(lines[use])![1]}*v`;
      return lines;
    }
    default: {
      const at = nth(lines, (l) => KEY_VALUE.test(l), n);
      if (at !== -1)
        lines[at] = `${KEY_VALUE.exec(lines[at])![1]}${pick(['*', '*nothing', '&', '& x', '*a b'], v >> 2)}`;
      return lines;
    }
  }
}

/** A field added under the k-th rule item (at its keys' indentation), or to the policy itself. */
function addField(input: string[], n: number, v: number): string[] {
  const lines = [...input];
  if (v % 4 === 0) {
    const kind = lines.findIndex((l) => /^kind\s*:/.test(l));
    lines.splice(kind + 1, 0, pick(POLICY_FIELDS, v >> 2));
    return lines;
  }
  const itemAt = nth(lines, (l) => /^\s*- +[^\s#:'"[{][^#:]*:/.test(l), n);
  if (itemAt === -1) return lines;
  const keyColumn = /^(\s*- +)/.exec(lines[itemAt])![1].length;
  lines.splice(itemAt + 1, 0, `${' '.repeat(keyColumn)}${pick(RULE_FIELDS, v >> 2)}`);
  return lines;
}

/** The whole file rewritten: CRLF line ends, a byte order mark, the policy as JSON (compact,
 *  indented, after blank lines, behind a byte order mark, with CRLF, indented with tabs), in
 *  document markers, indented as a whole, in flow style, quoted, its last line break. */
function whole(input: string[], v: number): string[] {
  switch (v % 13) {
    case 0:
      return input.map((l, k) => (k < input.length - 1 ? `${l}\r` : l));
    case 1:
      return [`\ufeff${input[0] ?? ''}`, ...input.slice(1)];
    case 2:
    case 3:
    case 4: {
      const json = asJson(input.join('\n'), v % 13 === 2 ? undefined : 2);
      if (json === undefined) return input;
      return (v % 13 === 4 ? `\n  ${json}\n` : json).split('\n');
    }
    case 10:
    case 11:
    case 12: {
      // JSON as Windows tools write it: behind a byte order mark (which kube-apiserver then reads
      // as YAML: the file does not start with `{`), with CRLF line ends, or indented with tabs.
      const json = asJson(input.join('\n'), v % 13 === 12 ? '\t' : 2);
      if (json === undefined) return input;
      if (v % 13 === 10) return `\ufeff${json}`.split('\n');
      return v % 13 === 11
        ? json.split('\n').map((l, k, all) => (k < all.length - 1 ? `${l}\r` : l))
        : json.split('\n');
    }
    case 5:
      return ['---', ...input, '...'];
    case 6:
      return input.map((l) => (l.trim() === '' ? l : `  ${l}`));
    case 8:
    case 9: {
      // Written again in flow style (`- {level: None, users: [a]}`), or with every key and string
      // double-quoted, as converters and formatters write it.
      const options = v % 13 === 8 ? { collectionStyle: 'flow' as const } : QUOTED;
      return (rewritten(input.join('\n'), options) ?? input.join('\n')).split('\n');
    }
    default:
      // Without its final line break, or with one more.
      return input[input.length - 1] === '' ? input.slice(0, -1) : [...input, ''];
  }
}

/** The policy's value as JSON, as someone who converts their file writes it; undefined when the
 *  text has no plain JSON form (the `yaml` package cannot read it, or it is too large). */
function asJson(text: string, indent: number | string | undefined): string | undefined {
  try {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return undefined;
    const json = JSON.stringify(doc.toJS({ maxAliasCount: 100 }), null, indent);
    return json === undefined || json.length > 200_000 || !json.startsWith('{') ? undefined : json;
  } catch {
    return undefined;
  }
}

const QUOTED: ToStringOptions = { defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'QUOTE_DOUBLE' };

/** The policy written again by the `yaml` package: in flow style with its comments, or from its
 *  value with every key and string quoted; undefined when the package cannot read the text. Flow
 *  style starts the file with `{`, which kube-apiserver then reads as JSON. */
function rewritten(text: string, options: ToStringOptions): string | undefined {
  try {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return undefined;
    const out =
      options === QUOTED
        ? stringify(doc.toJS({ maxAliasCount: 100 }), { ...options, lineWidth: 0 })
        : doc.toString({ ...options, lineWidth: 0 });
    return out.length > 200_000 ? undefined : out;
  } catch {
    return undefined;
  }
}
