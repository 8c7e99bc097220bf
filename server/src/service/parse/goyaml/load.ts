// What kube-apiserver's YAML step does with a policy file, and where it fails: sigs.k8s.io/yaml
// YAMLToJSON = go-yaml v2's yaml.Unmarshal into interface{} (decode.go: the parser reads the
// first document's root node and its document end, then stops), the conversion of that value to
// JSON-able maps (string keys), and json.Marshal. The result says whether the file gets past that
// step, go-yaml's exact error when it does not, and where the first document ends.
import { E, EVENT_NAMES } from './parser';
import type { YamlEvent } from './parser';
import { EventReader, Failed, failed, isMerge, scalar, scalarNode } from './events';
import type { GoNode, GoYamlFailure, GoYamlReading } from './events';
import { JSON_MAX_DEPTH, MAP_KEY, StreamChecker, UNPRINTED_MAP_KEY, tooDeep } from './stream';
import { goJsonSyntaxError } from './goJsonSyntax';
import { goSyntax } from './goSyntax';
import type { Resolved } from './resolve';
import { ScalarStyle } from './scanner';
import { TREE_DEPTH } from '../../text/nesting';

export type { GoNode, GoYamlFailure, GoYamlReading } from './events';

/** unicode.IsSpace, which apimachinery's IsJSONBuffer trims before looking for `{`. */
const GO_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

/** How kube-apiserver reads a policy file: a file whose first non-space character is `{` is JSON
 *  (the universal deserializer's JSON serializer, apimachinery IsJSONBuffer), anything else YAML. */
export function readPolicyText(text: string, options: ReadOptions = {}): GoYamlReading {
  return readsAsJson(text) ? readAsJson(text) : readAsGoYaml(text, options);
}

/** The failure as go-yaml words it: a streaming check's `invalid map key` gets its key printed from
 *  the text read again with the tree (only on that failure; a key below the tree's depth stays
 *  unprinted). */
export function printedFailure(text: string, failure: GoYamlFailure): GoYamlFailure {
  if (failure.message !== `yaml: ${UNPRINTED_MAP_KEY}`) return failure;
  try {
    const again = readAsGoYaml(text, { tree: true }).failure;
    return again?.offset === failure.offset && again.message.startsWith(`yaml: ${MAP_KEY}`) ? again : failure;
  } catch (error) {
    if (error instanceof RangeError) return failure;
    throw error;
  }
}

/** Whether kube-apiserver decodes this file as JSON, never through go-yaml. */
export function readsAsJson(text: string): boolean {
  return text[GO_SPACE.exec(text)?.[0].length ?? 0] === '{';
}

function readAsJson(text: string): GoYamlReading {
  try {
    JSON.parse(text);
  } catch (error) {
    // In Go's words and at the character Go's scanner stops at (goJsonSyntax.ts); JavaScript's own
    // message only if the two ever disagree on whether the text is JSON.
    const go = goJsonSyntaxError(text);
    const message = go?.message ?? (error instanceof Error ? error.message : String(error));
    const at = go?.offset ?? Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return jsonFailure(message, at);
  }
  // JSON.parse reads any depth; Go's scanner refuses more than 10,000 levels.
  const deep = openingBrackets(text) > 10_000 ? goJsonSyntaxError(text) : undefined;
  return deep ? jsonFailure(deep.message, deep.offset) : { stop: { offset: text.length, kind: 'end' } };
}

function jsonFailure(message: string, offset: number): GoYamlReading {
  return { failure: { message: `couldn't get version/kind; json parse error: ${message}`, offset } };
}

function openingBrackets(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) count++;
  }
  return count;
}

export interface ReadOptions {
  /** Keep go-yaml's node tree in the reading (for ./tree.ts); costs memory on a large file. */
  readonly tree?: boolean;
  /** With `tree`: collections and aliases nested deeper than this (the root is at 0; TREE_DEPTH
   *  unless told) stand as nulls in the tree, and the reading's `cutAt` says where the first one
   *  starts. The verdict of a reading so cut is not go-yaml's: read without `tree` for that. */
  readonly maxDepth?: number;
}

export function readAsGoYaml(text: string, options: ReadOptions = {}): GoYamlReading {
  // newParser: an empty input is read as a single line break.
  const input = text === '' ? '\n' : text;
  // Without an anchor nothing refers back, so the checks run as the events come and no tree is kept.
  if (!options.tree && !text.includes('&')) return checkStreaming(input);
  // A verdict needs the whole tree; the composer's recursion stops at TREE_DEPTH all the same (the
  // stack must never run out: text/nesting.ts), and a deeper text is read as the events come.
  const reader = new TreeComposer(input, options.maxDepth ?? TREE_DEPTH);
  const cut = (): boolean => !options.tree && reader.cutAt !== undefined;
  try {
    const root = reader.document();
    if (cut()) return streamedWithAliases(input);
    if (root) decode(root);
    return {
      stop: reader.stop,
      ...(root ? { root } : {}),
      ...(reader.cutAt !== undefined ? { cutAt: reader.cutAt } : {}),
    };
  } catch (error) {
    // (an alias to an anchor below the cut is unknown to the cut tree)
    if (error instanceof Failed)
      return cut() ? streamedWithAliases(input) : { failure: error.failure, stop: reader.stop };
    throw error;
  }
}

/** A text with anchors nested deeper than the tree is built: read as the events come, each anchor's
 *  value summed up once and delivered again by its aliases (stream.ts). */
function streamedWithAliases(text: string): GoYamlReading {
  return checkStreaming(text, true);
}

function checkStreaming(text: string, aliases = false): GoYamlReading {
  const reader = new StreamChecker(text, undefined, { aliases });
  try {
    const root = reader.document();
    if (root) reader.finish(root);
    return { stop: reader.stop };
  } catch (error) {
    if (error instanceof Failed) return { failure: printedFailure(text, error.failure), stop: reader.stop };
    throw error;
  }
}

/** Builds decode.go's node tree, anchors bound as they are read. */
class TreeComposer extends EventReader<GoNode> {
  private readonly anchors = new Map<string, GoNode>();
  /** How deep the node being read is (the root is at 0). */
  private depth = 0;
  /** Where the first node below maxDepth starts. */
  cutAt: number | undefined;

  constructor(
    text: string,
    private readonly maxDepth: number,
  ) {
    super(text);
  }

  protected node(): GoNode {
    // Only what nests stops at the limit: a scalar (a key, above all) is read as it is.
    if (this.depth > this.maxDepth && this.peek() !== E.SCALAR) return this.skipped();
    this.depth++;
    try {
      return this.built();
    } finally {
      this.depth--;
    }
  }

  /** A collection or alias too deep to build: its events are read without recursion (an anchor in
   *  it is not bound, so an alias to it fails the reading), and it stands as an empty value where
   *  it starts. */
  private skipped(): GoNode {
    const first = this.current();
    this.cutAt ??= first.start.offset;
    let open = 0;
    do {
      const type = this.expect(this.peek()).type;
      if (type === E.SEQUENCE_START || type === E.MAPPING_START) open++;
      else if (type === E.SEQUENCE_END || type === E.MAPPING_END) open--;
    } while (open > 0);
    return {
      kind: 'scalar',
      tag: '',
      value: '',
      implicit: true,
      style: ScalarStyle.PLAIN,
      at: first.start,
      end: first.start,
    };
  }

  private built(): GoNode {
    const event = this.current();
    switch (event.type) {
      case E.SCALAR: {
        const node = scalarNode(event);
        this.anchor(event, node);
        this.expect(E.SCALAR);
        return node;
      }
      case E.ALIAS: {
        const target = this.anchors.get(event.anchor ?? '');
        if (!target) throw failed(`unknown anchor '${event.anchor ?? ''}' referenced`, event.start.offset);
        this.expect(E.ALIAS);
        return { kind: 'alias', name: event.anchor ?? '', target, at: event.start, end: event.end };
      }
      case E.SEQUENCE_START:
      case E.MAPPING_START: {
        const flow = '[{'.includes(this.text[event.end.offset - 1]) && event.end.offset > event.start.offset;
        const node: GoNode & { children: GoNode[] } = {
          kind: event.type === E.SEQUENCE_START ? 'seq' : 'map',
          children: [],
          flow,
          at: event.start,
          end: event.end,
        };
        this.anchor(event, node);
        this.expect(event.type);
        const endType = event.type === E.SEQUENCE_START ? E.SEQUENCE_END : E.MAPPING_END;
        while (this.peek() !== endType) {
          node.children.push(this.node());
          if (node.kind === 'map') node.children.push(this.node());
        }
        const close = this.expect(endType);
        const last = node.children[node.children.length - 1];
        node.end = flow ? close.end : last ? last.end : event.end;
        return node;
      }
      default:
        throw failed(`attempted to parse unknown event: ${EVENT_NAMES[event.type]}`, event.start.offset);
    }
  }

  private anchor(event: YamlEvent, node: GoNode): void {
    if (event.anchor !== undefined) this.anchors.set(event.anchor, node);
  }
}

/** How many levels of JSON a decoded value makes (0 for a scalar). */
function jsonHeight(value: GoValue): number {
  if (value instanceof Map) {
    let tallest = 0;
    for (const v of value.values()) tallest = Math.max(tallest, jsonHeight(v));
    return tallest + 1;
  }
  if (Array.isArray(value)) return value.reduce<number>((tallest, v) => Math.max(tallest, jsonHeight(v)), 0) + 1;
  return 0;
}

// ---- decode.go's decoder into interface{}, then sigs.k8s.io/yaml's convertToJSONableObject and
// json.Marshal: the failures they add to a document that parses.

const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;

function allowedAliasRatio(count: number): number {
  if (count <= ALIAS_RATIO_LOW) return 0.99;
  if (count >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((count - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

type GoValue = Resolved | GoValue[] | GoMap;
type GoMap = Map<string | number | boolean | null, GoValue>;

function decode(root: GoNode): void {
  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  const active = new Set<GoNode>();

  // The JSON depth of each collection (the root is 1), aliases expanded, merged keys in the mapping
  // they land in: deeper than encoding/json reads fails the serializer's Interpret after decoding.
  let depthError: Failed | undefined;
  const unmarshal = (n: GoNode, into?: GoMap, depth = 1): GoValue => {
    decodeCount++;
    if (n.kind !== 'alias' && n.kind !== 'scalar' && !into && depth > JSON_MAX_DEPTH)
      depthError ??= failed(
        `couldn't get version/kind; json parse error: ${tooDeep(n.kind === 'seq' ? '[' : '{')}`,
        n.at.offset,
        '',
      );
    if (aliasDepth > 0) aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount))
      throw failed('document contains excessive aliasing', n.at.offset);
    if (n.kind === 'alias') {
      if (active.has(n)) throw failed(`anchor '${n.name}' value contains itself`, n.at.offset);
      active.add(n);
      aliasDepth++;
      const value = unmarshal(n.target, into, depth);
      aliasDepth--;
      active.delete(n);
      return value;
    }
    if (n.kind === 'scalar') return scalar(n);
    if (n.kind === 'seq') return n.children.map((c) => unmarshal(c, undefined, depth + 1));
    const out: GoMap = into ?? new Map();
    for (let i = 0; i < n.children.length; i += 2) {
      const key = n.children[i];
      const value = n.children[i + 1];
      if (isMerge(key)) {
        merge(value, out, depth);
        continue;
      }
      const k = unmarshal(key);
      if (Array.isArray(k) || k instanceof Map) throw failed(`invalid map key: ${goSyntax(key)}`, key.at.offset);
      out.set(k as string | number | boolean | null, unmarshal(value, undefined, depth + 1));
    }
    return out;
  };

  const merge = (n: GoNode, out: GoMap, depth: number): void => {
    const wantMap = (): never => {
      throw failed('map merge requires map or sequence of maps as the value', n.at.offset);
    };
    if (n.kind === 'map') unmarshal(n, out, depth);
    else if (n.kind === 'alias') {
      if (n.target.kind !== 'map') wantMap();
      unmarshal(n, out, depth);
    } else if (n.kind === 'seq') {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i];
        if (c.kind === 'alias' ? c.target.kind !== 'map' : c.kind !== 'map') wantMap();
        unmarshal(c, out, depth);
      }
    } else wantMap();
  };

  // The JSON conversion's failures (a null key, NaN) are checks/jsonConversion.ts's findings.
  const value = unmarshal(root);
  // The first collection found 10,001 levels down says where; the decoded value decides, since a
  // later key may replace the deep value it was in.
  if (depthError && jsonHeight(value) > JSON_MAX_DEPTH) throw depthError;
}
