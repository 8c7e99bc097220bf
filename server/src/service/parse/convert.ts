// Turns the `yaml` package's AST into our small tree, adding a base offset. Aliases are expanded
// to the node they point to, within a budget: go-yaml refuses documents with excessive aliasing,
// and an unbounded expansion would let a "billion laughs" file exhaust memory.
import { isAlias, isMap as isYamlMap, isPair, isScalar as isYamlScalar, isSeq as isYamlSeq, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './model';
import { compact } from './compact';
import { binaryText } from './goyaml/binary';
import { readsAsJson } from './goyaml/load';
import { BINARY_TAG, STR_TAG, TIMESTAMP_TAG, resolve } from './goyaml/resolve';

export class AliasBudgetExceeded extends Error {
  /** The outermost alias whose expansion ran over the budget (offsets absolute). */
  start = 0;
  end = 0;
}

const NODE_BUDGET_PER_ALIAS_FACTOR = 10;

/** How to read a document that cannot be read in full; `truncatedAt` reports where it was cut. */
export interface ConvertLimits {
  /** Aliases become null scalars (a document whose expansion ran over the budget). */
  readonly expandAliases?: boolean;
  /** Collections and aliases nested deeper become null scalars (a document too deep for the stack). */
  readonly maxDepth?: number;
  truncatedAt?: number;
}

/** With limits, the reading kept for a document that cannot be read in full, so that what it is
 *  (an audit policy) is still known and everything else is still checked. */
export function convertDocument(
  doc: Document.Parsed,
  text: string,
  base: number,
  limits: ConvertLimits = {},
): Node | null {
  const converter = new Converter(doc, text, base, limits);
  return doc.contents ? converter.convert(doc.contents as YamlNode) : null;
}

/** A JSON number literal (RFC 8259). */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A plain scalar's value as go-yaml v2 resolves it (its YAML 1.1 differs from the `yaml` package's:
 *  `0o17` is a number, `1:30` a string); timestamps stay text. A multi-line plain scalar is folded
 *  text, never anything else. In a JSON file, which kube-apiserver decodes without go-yaml, a
 *  number is a number even when it overflows a float64 (go-yaml would keep `1e999` as text). */
function goYamlValue(raw: unknown, source: string, json: boolean): ScalarNode['value'] {
  if (typeof raw === 'string' && /[\r\n]/.test(source)) return raw;
  const folded = typeof raw === 'string' ? raw : source;
  const { tag, value } = resolve('', folded);
  if (json && tag === STR_TAG && JSON_NUMBER.test(folded)) return Number(folded);
  return tag === TIMESTAMP_TAG || (value !== null && typeof value === 'object') ? folded : value;
}

/** A tagged scalar's value as go-yaml v2 decodes it (decode.go scalar(): resolve(tag, text), quoted
 *  or not): `!!float 1` is the number 1, `!!binary` its decoded text, a local tag (`!x`) the text.
 *  A value its tag does not fit keeps its text; go-yaml refuses the file, which the verdict reports. */
function taggedValue(tag: string, text: string): ScalarNode['value'] {
  try {
    const { tag: resolved, value } = resolve(tag, text);
    if (resolved === BINARY_TAG) return binaryText(text);
    return resolved === TIMESTAMP_TAG || resolved === STR_TAG || (value !== null && typeof value === 'object')
      ? text
      : value;
  } catch {
    return text;
  }
}

class Converter {
  private aliasNodes = 0;
  /** Nodes left out below maxDepth so far. A collection one lies in ends where its last child does:
   *  the `yaml` package's range for it ends where that package gave up, which moves with the stack. */
  private cuts = 0;
  private readonly aliasBudget: number;
  /** The whole text of a file kube-apiserver reads as JSON (a fragment has a base past 0). */
  private readonly json: boolean;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly base: number,
    private readonly limits: ConvertLimits,
  ) {
    this.aliasBudget = Math.max(10_000, text.length * NODE_BUDGET_PER_ALIAS_FACTOR);
    this.json = base === 0 && readsAsJson(text);
  }

  convert(node: YamlNode, inAlias = false, depth = 0): Node {
    // Only what nests stops at the limit: a scalar (a key, above all) keeps its value, so a mapping
    // cut below a key is that key with a null value, not a null key.
    if (depth > (this.limits.maxDepth ?? Infinity) && !isYamlScalar(node)) {
      this.limits.truncatedAt ??= this.base + (node.range?.[0] ?? 0);
      this.cuts++;
      return this.scalarAt(node.range?.[0] ?? 0, node.range?.[0] ?? 0, null);
    }
    if (isAlias(node)) {
      const target = this.limits.expandAliases === false ? undefined : node.resolve(this.doc);
      if (!target) return this.scalarAt(node.range?.[0] ?? 0, node.range?.[1] ?? 0, null);
      if (inAlias) return this.convert(target as YamlNode, true, depth);
      try {
        return this.convert(target as YamlNode, true, depth);
      } catch (error) {
        if (error instanceof AliasBudgetExceeded && error.end === 0) {
          error.start = this.base + (node.range?.[0] ?? 0);
          error.end = this.base + (node.range?.[1] ?? 0);
        }
        throw error;
      }
    }
    if (inAlias && ++this.aliasNodes > this.aliasBudget) throw new AliasBudgetExceeded('excessive aliasing');
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    const cutsBefore = this.cuts;
    if (isYamlMap(node)) {
      const pairs: Pair[] = [];
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as YamlNode | null;
        const key =
          keyNode && isYamlScalar(keyNode)
            ? this.placeEmptyKey(this.convert(keyNode, inAlias, depth + 1) as ScalarNode)
            : (this.aliasedKey(keyNode, depth) ?? this.nonScalarKey(keyNode));
        const value =
          item.value === null || item.value === undefined
            ? null
            : this.convert(item.value as YamlNode, inAlias, depth + 1);
        pairs.push({ key, value });
      }
      const last = pairs[pairs.length - 1];
      const end =
        this.cuts !== cutsBefore
          ? (last.value ?? last.key).end
          : this.trimmedEnd(start, valueEnd, node.flow === true || !last ? undefined : (last.value ?? last.key).end);
      const map: MapNode = {
        kind: 'map',
        pairs: compact(pairs),
        flow: node.flow === true,
        start: this.base + start,
        end,
      };
      return map;
    }
    if (isYamlSeq(node)) {
      const items = node.items.map((item) => this.convert(item as YamlNode, inAlias, depth + 1));
      const lastItem = items[items.length - 1];
      const end =
        this.cuts !== cutsBefore
          ? lastItem.end
          : this.trimmedEnd(start, valueEnd, node.flow === true || !lastItem ? undefined : lastItem.end);
      const seq: SeqNode = { kind: 'seq', items, flow: node.flow === true, start: this.base + start, end };
      return seq;
    }
    if (isYamlScalar(node)) return this.scalar(node);
    return this.scalarAt(start, valueEnd, null);
  }

  private scalar(node: Scalar): ScalarNode {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    const raw = node.value;
    // Timestamps, binary and other tagged values have no counterpart in the policy's JSON form
    // beyond their text; keep the text so messages can quote it.
    const value = node.tag
      ? taggedValue(node.tag, typeof node.source === 'string' ? node.source : String(raw))
      : node.type === Scalar.PLAIN
        ? goYamlValue(raw, this.text.slice(start, valueEnd), this.json)
        : typeof raw === 'bigint'
          ? Number(raw)
          : raw !== null && typeof raw === 'object'
            ? this.text.slice(start, valueEnd)
            : (raw as ScalarNode['value']);
    const style =
      node.type === Scalar.QUOTE_SINGLE
        ? 'single'
        : node.type === Scalar.QUOTE_DOUBLE
          ? 'double'
          : node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL
            ? 'block'
            : 'plain';
    const scalar: ScalarNode = {
      kind: 'scalar',
      value: value === undefined ? null : value,
      style,
      start: this.base + start,
      end: this.base + valueEnd,
      ...(node.tag ? { tag: node.tag } : {}),
      ...(typeof value === 'boolean' || typeof value === 'number' ? { raw: this.text.slice(start, valueEnd) } : {}),
    };
    return scalar;
  }

  private scalarAt(start: number, end: number, value: null): ScalarNode {
    return { kind: 'scalar', value, style: 'plain', start: this.base + start, end: this.base + end };
  }

  /** `yaml` places an empty key (a line that starts with `:`) right after the previous token, which
   *  differs between a fragment and the whole text; put it where the user sees it, at its `:`. */
  private placeEmptyKey(key: ScalarNode): ScalarNode {
    if (key.value !== null || key.start !== key.end) return key;
    let i = key.start - this.base;
    for (;;) {
      while (i < this.text.length && /[ \t\r\n]/.test(this.text[i])) i++;
      if (this.text[i] !== '#') break;
      while (i < this.text.length && this.text[i] !== '\n') i++;
    }
    return { ...key, start: this.base + i, end: this.base + i };
  }

  /** An alias as a key (`*k : None`) names the field its scalar holds: go-yaml decodes the key
   *  node through the alias like any other (decode.go d.alias). The key sits where the alias is. */
  private aliasedKey(node: YamlNode | null, depth: number): ScalarNode | undefined {
    if (!node || !isAlias(node) || this.limits.expandAliases === false) return undefined;
    const target = node.resolve(this.doc);
    if (!target || !isYamlScalar(target)) return undefined;
    const [start, end] = node.range ?? [0, 0, 0];
    const key = this.convert(target as YamlNode, true, depth + 1) as ScalarNode;
    return { ...key, start: this.base + start, end: this.base + end };
  }

  /** A complex key (`? [a, b]`) cannot name a field; keep its place so it can be reported. */
  private nonScalarKey(node: YamlNode | null): ScalarNode {
    const [start, end] = node?.range ?? [0, 0, 0];
    return {
      kind: 'scalar',
      value: this.text.slice(start, end),
      style: 'plain',
      start: this.base + start,
      end: this.base + end,
      tag: '!complex-key',
    };
  }

  /** Block collections' ranges run through the trailing newline and comments; underline only content.
   *  Whole-line comments after a block collection's last child are cut too: `yaml` counts them in
   *  the range or not depending on what follows the collection, so a rule parsed on its own and
   *  the same rule inside the whole document would otherwise get different ends. `lastChildEnd`
   *  (absolute) keeps the cut from reaching into the last child (a block scalar's `# text`). */
  private trimmedEnd(start: number, end: number, lastChildEnd?: number): number {
    let e = Math.min(end, this.text.length);
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    if (lastChildEnd === undefined) return this.base + e;
    const floor = lastChildEnd - this.base;
    for (;;) {
      const lineStart = this.text.lastIndexOf('\n', e - 1) + 1;
      if (lineStart <= floor || lineStart <= start || !/^[ \t]*#/.test(this.text.slice(lineStart, e))) break;
      e = lineStart;
      while (e > start && /\s/.test(this.text[e - 1])) e--;
    }
    return this.base + Math.max(e, floor);
  }
}
