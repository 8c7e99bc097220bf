// The checks of load.ts's decode() for a file without anchors, run as the events come so that no
// tree is kept (a 60,000-rule policy would otherwise be hundreds of thousands of live objects).
// Without anchors nothing refers back, so each value can be summed up once read: go-yaml's decode
// errors (a tag its scalar does not fit, a list or mapping as a key, a merge of anything but
// mappings) keep their document order and come after every parse error, as decode() runs after
// the parse; sigs.k8s.io/yaml's (a null key) and json.Marshal's (NaN, infinities) come last.
import { E } from './parser';
import type { ParserState, YamlEvent } from './parser';
import { EventReader, Failed, failed, isMerge, scalar, scalarNode } from './events';

/** go-yaml prints the key (%#v: goSyntax.ts), whose value this check does not keep: a reading's
 *  failure has it printed from the text read again with the tree (load.ts printedFailure). */
export const MAP_KEY = 'invalid map key: ';
export const UNPRINTED_MAP_KEY = `${MAP_KEY}(a mapping or a list)`;

export type Key = string | number | boolean | null;

export interface Summary {
  readonly kind: 'scalar' | 'seq' | 'map';
  readonly at: number;
  /** A scalar's value as go-yaml resolves it (a key's name). */
  readonly value?: Key;
  /** How many levels of JSON the decoded value makes: 0 for a scalar, 1 + its deepest value for a
   *  collection (encoding/json reads 10,000 levels). */
  readonly height: number;
  /** How many nodes decode.go unmarshals for the value, aliases expanded (its aliasing limit). */
  readonly size: number;
  /** A mapping's decoded keys and the height of each value (a later key replaces an earlier one). */
  readonly table?: Map<Key, number>;
  /** A list's items, kept only for the value of a merge key. */
  readonly items?: readonly Summary[];
}

/** A collection being read: what node() kept on the stack of a recursive reading. */
export type Frame =
  | {
      readonly kind: 'seq';
      readonly at: number;
      /** How deep the decoded value sits in the JSON kube-apiserver reads (the root is 1). */
      readonly depth: number;
      /** The list is the value of a merge key: its items are kept. */
      readonly keepItems: boolean;
      readonly items: Summary[];
      /** The height of its tallest item so far. */
      height: number;
      size: number;
      readonly anchor: string | undefined;
    }
  | {
      readonly kind: 'map';
      readonly at: number;
      readonly depth: number;
      readonly table: Map<Key, number>;
      size: number;
      readonly anchor: string | undefined;
      /** Reading the key of the next pair, or its value (after `key`). */
      phase: 'key' | 'value';
      key: Summary | undefined;
      isMergeKey: boolean;
    };

/** A StreamChecker's state between two events inside the root node (resume.ts). */
export interface CheckerState {
  readonly parser: ParserState;
  readonly event: YamlEvent | undefined;
  readonly frames: readonly Frame[];
  readonly keepItems: boolean;
  readonly decodeError: Failed | undefined;
  readonly conversionError: Failed | undefined;
  readonly depthError: Failed | undefined;
}

/** Called between two events inside the root node; returning true stops the reading there. */
export type Boundary = (checker: StreamChecker) => boolean;

export class StreamChecker extends EventReader<Summary> {
  private decodeError: Failed | undefined;
  private conversionError: Failed | undefined;
  /** The JSON nests deeper than encoding/json reads (after sigs.k8s.io/yaml's conversion, the
   *  serializer's Interpret parses it: "exceeded max depth"). */
  private depthError: Failed | undefined;
  private keepItems = false;
  /** With `aliases`: each anchor's value once read ('open' while it is read), so an alias delivers
   *  it again (only load.ts's fallback for nesting too deep for its tree uses this). */
  private readonly anchors: Map<string, Summary | 'open'> | undefined;
  private decodeCount = 0;
  private aliasCount = 0;
  /** The collections being read, innermost last: the reading is a loop, so that it can be saved and
   *  resumed between any two events (and so that no nesting depth overflows the call stack). */
  private frames: Frame[] = [];
  private summary: Summary | undefined;

  constructor(
    text: string,
    private readonly boundary?: Boundary,
    options: { readonly aliases?: boolean } = {},
  ) {
    super(text);
    this.anchors = options.aliases ? new Map() : undefined;
  }

  /** The failures decode() and the JSON conversion would report, in their order. */
  finish(root: Summary): void {
    if (this.decodeError) throw this.decodeError;
    // The first collection found 10,001 levels down says where; the decoded value decides, since a
    // later key may replace the deep value it was in.
    if (root.height > JSON_MAX_DEPTH && this.depthError) throw this.depthError;
    // A null key or a NaN that survives decoding fails the JSON conversion after go-yaml: that is
    // checks/jsonConversion.ts's finding (wrong-type), not a YAML error.
  }

  /** How many collections are open. */
  get depth(): number {
    return this.frames.length;
  }

  /** Where the scanner is (between two events, the next token to scan starts at or after it). */
  get position(): number {
    return this.parser.scanner.position;
  }

  /** Reads the first document from the start; false when `boundary` stopped it. */
  run(): boolean {
    this.expect(E.STREAM_START);
    if (this.peek() === E.STREAM_END) return true;
    this.expect(E.DOCUMENT_START);
    this.begin();
    const root = this.summary ?? this.readFrames();
    if (!root) return false;
    this.documentEnd();
    this.finish(root);
    return true;
  }

  save(): CheckerState {
    return {
      parser: this.parser.save(),
      event: this.event,
      frames: this.frames.map(copyFrame),
      keepItems: this.keepItems,
      decodeError: this.decodeError,
      conversionError: this.conversionError,
      depthError: this.depthError,
    };
  }

  /** Reads on from a saved state to the end of the first document; false when `boundary` stopped it. */
  resume(state: CheckerState): boolean {
    this.parser.load(state.parser);
    this.event = state.event;
    this.frames = state.frames.map(copyFrame);
    this.keepItems = state.keepItems;
    this.decodeError = state.decodeError;
    this.conversionError = state.conversionError;
    this.depthError = state.depthError;
    const root = this.readFrames();
    if (!root) return false;
    this.documentEnd();
    this.finish(root);
    return true;
  }

  protected node(): Summary {
    this.begin();
    return this.summary ?? (this.readFrames() as Summary);
  }

  /** Reads until the collections open are closed; undefined when `boundary` stopped it. */
  private readFrames(): Summary | undefined {
    while (this.frames.length > 0) {
      if (this.boundary?.(this)) return undefined;
      const top = this.frames[this.frames.length - 1];
      if (top.kind === 'seq') {
        if (this.peek() === E.SEQUENCE_END) this.close(E.SEQUENCE_END);
        else this.begin();
      } else if (top.phase === 'value') {
        this.begin();
      } else if (this.peek() === E.MAPPING_END) {
        this.close(E.MAPPING_END);
      } else {
        const keyEvent = this.current();
        top.isMergeKey =
          keyEvent.type === E.SCALAR &&
          keyEvent.value === '<<' &&
          (keyEvent.implicit === true || keyEvent.tag === 'tag:yaml.org,2002:merge');
        this.begin();
      }
    }
    return this.summary;
  }

  /** Starts reading a node: a scalar is read at once, a collection is pushed as a frame. */
  private begin(): void {
    this.summary = undefined;
    const event = this.current();
    const keepItems = this.keepItems;
    this.keepItems = false;
    if (event.type === E.SCALAR) {
      this.expect(E.SCALAR);
      const node = scalarNode(event);
      const merge = isMerge(node);
      let key: Key | undefined;
      try {
        key = scalar(node) as Key;
      } catch (error) {
        this.keepDecodeError(error);
      }
      // One object literal with every field, here and below: a summary is made for every node of a
      // 5,000-rule file (a spread of an optional field made two objects and a hidden class of its own).
      const summary: Summary = {
        kind: 'scalar',
        at: event.start.offset,
        value: merge ? undefined : key,
        height: 0,
        size: 1,
        table: undefined,
        items: undefined,
      };
      if (this.anchors && event.anchor !== undefined) this.anchors.set(event.anchor, summary);
      this.counted(1, 0, event.start.offset);
      this.deliver(summary);
      return;
    }
    if (event.type === E.ALIAS) return this.alias(event);
    if (event.type !== E.SEQUENCE_START && event.type !== E.MAPPING_START)
      throw failed('attempted to parse an unknown event', event.start.offset);
    const depth = this.depthOf(keepItems, event.type === E.SEQUENCE_START ? '[' : '{', event.start.offset);
    if (event.type === E.SEQUENCE_START) {
      this.expect(E.SEQUENCE_START);
      this.frames.push({
        kind: 'seq',
        at: event.start.offset,
        depth,
        keepItems,
        items: [],
        height: 0,
        size: 1,
        anchor: this.opened(event),
      });
      return;
    }
    this.expect(E.MAPPING_START);
    this.frames.push({
      kind: 'map',
      at: event.start.offset,
      depth,
      table: new Map(),
      phase: 'key',
      key: undefined,
      isMergeKey: false,
      size: 1,
      anchor: this.opened(event),
    });
  }

  /** A collection starts: counted, and its anchor marked as being read. */
  private opened(event: YamlEvent): string | undefined {
    this.counted(1, 0, event.start.offset);
    if (!this.anchors || event.anchor === undefined) return undefined;
    this.anchors.set(event.anchor, 'open');
    return event.anchor;
  }

  /** decode.go's alias: the anchored value again (parser.alias fails on an unknown anchor at once,
   *  d.alias on one that contains itself when decoding). */
  private alias(event: YamlEvent): void {
    const name = event.anchor ?? '';
    const target = this.anchors?.get(name);
    // Without anchors read (the text has none), every alias is unknown.
    if (target === undefined) throw failed(`unknown anchor '${name}' referenced`, event.start.offset);
    this.expect(E.ALIAS);
    if (target === 'open') {
      this.keepDecodeError(failed(`anchor '${name}' value contains itself`, event.start.offset));
      const at = event.start.offset;
      this.deliver({ kind: 'scalar', at, value: null, height: 0, size: 1, table: undefined, items: undefined });
      return;
    }
    this.counted(1 + target.size, target.size, event.start.offset);
    this.deliver({ ...target, at: event.start.offset });
  }

  /** decode.go's aliasing limit, checked as nodes are decoded (an alias's expansion at its end,
   *  where its share is highest). */
  private counted(decoded: number, aliased: number, at: number): void {
    if (!this.anchors) return;
    this.decodeCount += decoded;
    this.aliasCount += aliased;
    const share = this.aliasCount / this.decodeCount;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && share > allowedAliasRatio(this.decodeCount))
      this.keepDecodeError(failed('document contains excessive aliasing', at));
  }

  /** The JSON depth of a collection starting here: one below the collection around it, except for
   *  the value of a merge key and the mappings of a merged list, whose keys land in the mapping
   *  around them. */
  private depthOf(mergeValue: boolean, bracket: '[' | '{', at: number): number {
    const parent = this.frames[this.frames.length - 1];
    const merged = mergeValue || (parent?.kind === 'seq' && parent.keepItems);
    const depth = parent === undefined ? 1 : merged ? parent.depth : parent.depth + 1;
    if (depth > JSON_MAX_DEPTH)
      this.depthError ??= failed(`couldn't get version/kind; json parse error: ${tooDeep(bracket)}`, at, '');
    return depth;
  }

  /** Ends the innermost collection. */
  private close(end: E): void {
    this.expect(end);
    const frame = this.frames.pop() as Frame;
    if (frame.kind === 'seq') {
      const { at, height, keepItems, items, size, anchor } = frame;
      this.delivered(anchor, {
        kind: 'seq',
        at,
        value: undefined,
        height: height + 1,
        size,
        table: undefined,
        // An anchored list keeps its items too: an alias may be the value of a merge key.
        items: keepItems || anchor !== undefined ? items : undefined,
      });
      return;
    }
    let height = 0;
    for (const h of frame.table.values()) if (h > height) height = h;
    this.delivered(frame.anchor, {
      kind: 'map',
      at: frame.at,
      value: undefined,
      height: height + 1,
      size: frame.size,
      table: frame.table,
      items: undefined,
    });
  }

  private delivered(anchor: string | undefined, node: Summary): void {
    if (anchor !== undefined) this.anchors?.set(anchor, node);
    this.deliver(node);
  }

  /** A node read: it goes to the collection around it (or is the root). */
  private deliver(node: Summary): void {
    const parent = this.frames[this.frames.length - 1];
    if (!parent) {
      this.summary = node;
      return;
    }
    // The merge key itself is not decoded (decode.go's mapping() merges its value instead).
    if (!(parent.kind === 'map' && parent.phase === 'key' && parent.isMergeKey)) parent.size += node.size;
    if (parent.kind === 'seq') {
      if (node.height > parent.height) parent.height = node.height;
      if (parent.keepItems) parent.items.push(node);
      return;
    }
    if (parent.phase === 'key') {
      parent.key = node;
      parent.phase = 'value';
      this.keepItems = parent.isMergeKey;
      return;
    }
    const key = parent.key as Summary;
    parent.phase = 'key';
    parent.key = undefined;
    if (parent.isMergeKey) this.merge(node, parent.table);
    else if (key.kind !== 'scalar')
      this.decode(() => {
        throw failed(UNPRINTED_MAP_KEY, key.at);
      });
    else {
      if (key.value === null && !this.conversionError)
        this.conversionError = failed('Unsupported map key of type: %!s(<nil>), key: <nil>, value: ...', key.at, '');
      parent.table.set(key.value ?? null, node.height);
    }
  }

  /** decode.go merge: a mapping, or a list of mappings from the last to the first. */
  private merge(value: Summary, table: Map<Key, number>): void {
    const maps = value.kind === 'map' ? [value] : value.kind === 'seq' ? [...(value.items ?? [])].reverse() : [];
    if (value.kind === 'scalar' || maps.some((m) => m.kind !== 'map')) {
      this.decode(() => {
        throw failed('map merge requires map or sequence of maps as the value', value.at);
      });
      return;
    }
    for (const m of maps) for (const [k, v] of m.table ?? []) table.set(k, v);
  }

  /** Runs a decode step; its first failure is kept for after the parse, as go-yaml decodes then. */
  private decode<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      this.keepDecodeError(error);
      return undefined;
    }
  }

  private keepDecodeError(error: unknown): void {
    if (!(error instanceof Failed)) throw error;
    this.decodeError ??= error;
  }
}

/** decode.go's allowedAliasRatio. */
function allowedAliasRatio(count: number): number {
  if (count <= 400_000) return 0.99;
  if (count >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((count - 400_000) / 3_600_000);
}

/** encoding/json's maxNestingDepth (scanner.go, Go 1.15 and later). */
export const JSON_MAX_DEPTH = 10000;

/** encoding/json's error for the bracket that opens level 10,001. */
export function tooDeep(bracket: '[' | '{'): string {
  return `invalid character '${bracket}' exceeded max depth`;
}

function copyFrame(frame: Frame): Frame {
  return frame.kind === 'seq' ? { ...frame, items: [...frame.items] } : { ...frame, table: new Map(frame.table) };
}
