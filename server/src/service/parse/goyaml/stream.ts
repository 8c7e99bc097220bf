// The checks of load.ts's decode() for a file without anchors, run as the events come so that no
// tree is kept (a 60,000-rule policy would otherwise be hundreds of thousands of live objects).
// Without anchors nothing refers back, so each value can be summed up once read: go-yaml's decode
// errors (a tag its scalar does not fit, a list or mapping as a key, a merge of anything but
// mappings) keep their document order and come after every parse error, as decode() runs after
// the parse; sigs.k8s.io/yaml's (a null key) and json.Marshal's (NaN, infinities) come last.
import { E } from './parser';
import type { ParserState, YamlEvent } from './parser';
import { EventReader, Failed, failed, isMerge, scalar, scalarNode } from './events';

export type Key = string | number | boolean | null;

export interface Summary {
  readonly kind: 'scalar' | 'seq' | 'map';
  readonly at: number;
  /** A scalar's value as go-yaml resolves it (a key's name). */
  readonly value?: Key;
  /** The first NaN or infinity the value holds once decoded (json.Marshal refuses them). */
  readonly nonFinite?: number;
  /** A mapping's decoded keys and whether each value holds a NaN or infinity, for a merge. */
  readonly table?: Map<Key, number | undefined>;
  /** A list's items, kept only for the value of a merge key. */
  readonly items?: readonly Summary[];
}

/** A collection being read: what node() kept on the stack of a recursive reading. */
export type Frame =
  | {
      readonly kind: 'seq';
      readonly at: number;
      /** The list is the value of a merge key: its items are kept. */
      readonly keepItems: boolean;
      readonly items: Summary[];
      nonFinite: number | undefined;
    }
  | {
      readonly kind: 'map';
      readonly at: number;
      readonly table: Map<Key, number | undefined>;
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
}

/** Called between two events inside the root node; returning true stops the reading there. */
export type Boundary = (checker: StreamChecker) => boolean;

export class StreamChecker extends EventReader<Summary> {
  private decodeError: Failed | undefined;
  private conversionError: Failed | undefined;
  private keepItems = false;
  /** The collections being read, innermost last: the reading is a loop, so that it can be saved and
   *  resumed between any two events (and so that no nesting depth overflows the call stack). */
  private frames: Frame[] = [];
  private summary: Summary | undefined;

  constructor(
    text: string,
    private readonly boundary?: Boundary,
  ) {
    super(text);
  }

  /** The failures decode() and the JSON conversion would report, in their order. */
  finish(root: Summary): void {
    if (this.decodeError) throw this.decodeError;
    // A null key or a NaN that survives decoding fails the JSON conversion after go-yaml: that is
    // checks/jsonConversion.ts's finding (wrong-type), not a YAML error.
    void root;
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
      const nonFinite = typeof key === 'number' && !Number.isFinite(key) ? key : undefined;
      this.deliver({
        kind: 'scalar',
        at: event.start.offset,
        value: merge ? undefined : key,
        nonFinite,
        table: undefined,
        items: undefined,
      });
      return;
    }
    if (event.type === E.ALIAS) {
      // No anchor exists in this text, so every alias is unknown (decode.go's parser.alias).
      throw failed(`unknown anchor '${event.anchor ?? ''}' referenced`, event.start.offset);
    }
    if (event.type === E.SEQUENCE_START) {
      this.expect(E.SEQUENCE_START);
      this.frames.push({ kind: 'seq', at: event.start.offset, keepItems, items: [], nonFinite: undefined });
      return;
    }
    if (event.type !== E.MAPPING_START) throw failed('attempted to parse an unknown event', event.start.offset);
    this.expect(E.MAPPING_START);
    this.frames.push({
      kind: 'map',
      at: event.start.offset,
      table: new Map(),
      phase: 'key',
      key: undefined,
      isMergeKey: false,
    });
  }

  /** Ends the innermost collection. */
  private close(end: E): void {
    this.expect(end);
    const frame = this.frames.pop() as Frame;
    if (frame.kind === 'seq') {
      const { at, nonFinite, keepItems, items } = frame;
      this.deliver({
        kind: 'seq',
        at,
        value: undefined,
        nonFinite,
        table: undefined,
        items: keepItems ? items : undefined,
      });
      return;
    }
    let nonFinite: number | undefined;
    for (const v of frame.table.values()) nonFinite ??= v;
    this.deliver({ kind: 'map', at: frame.at, value: undefined, nonFinite, table: frame.table, items: undefined });
  }

  /** A node read: it goes to the collection around it (or is the root). */
  private deliver(node: Summary): void {
    const parent = this.frames[this.frames.length - 1];
    if (!parent) {
      this.summary = node;
      return;
    }
    if (parent.kind === 'seq') {
      parent.nonFinite ??= node.nonFinite;
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
        throw failed('invalid map key: (a mapping or a list)', key.at);
      });
    else {
      if (key.value === null && !this.conversionError)
        this.conversionError = failed('Unsupported map key of type: %!s(<nil>), key: <nil>, value: ...', key.at, '');
      parent.table.set(key.value ?? null, node.nonFinite);
    }
  }

  /** decode.go merge: a mapping, or a list of mappings from the last to the first. */
  private merge(value: Summary, table: Map<Key, number | undefined>): void {
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

function copyFrame(frame: Frame): Frame {
  return frame.kind === 'seq' ? { ...frame, items: [...frame.items] } : { ...frame, table: new Map(frame.table) };
}
