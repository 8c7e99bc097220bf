// The checks of load.ts's decode() for a file without anchors, run as the events come so that no
// tree is kept (a 60,000-rule policy would otherwise be hundreds of thousands of live objects).
// Without anchors nothing refers back, so each value can be summed up once read: go-yaml's decode
// errors (a tag its scalar does not fit, a list or mapping as a key, a merge of anything but
// mappings) keep their document order and come after every parse error, as decode() runs after
// the parse; sigs.k8s.io/yaml's (a null key) and json.Marshal's (NaN, infinities) come last.
import { E } from './parser';
import { ScalarStyle } from './scanner';
import { EventReader, Failed, failed, isMerge, scalar } from './events';
import type { GoNode } from './events';

type Key = string | number | boolean | null;

interface Summary {
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

export class StreamChecker extends EventReader<Summary> {
  private decodeError: Failed | undefined;
  private conversionError: Failed | undefined;
  private keepItems = false;

  /** The failures decode() and the JSON conversion would report, in their order. */
  finish(root: Summary): void {
    if (this.decodeError) throw this.decodeError;
    // A null key or a NaN that survives decoding fails the JSON conversion after go-yaml: that is
    // checks/jsonConversion.ts's finding (wrong-type), not a YAML error.
    void root;
  }

  protected node(): Summary {
    const event = this.current();
    const keepItems = this.keepItems;
    this.keepItems = false;
    if (event.type === E.SCALAR) {
      this.expect(E.SCALAR);
      const node: GoNode = {
        kind: 'scalar',
        tag: event.tag ?? '',
        value: event.value ?? '',
        implicit: event.implicit === true,
        style: event.style ?? ScalarStyle.PLAIN,
        at: event.start,
        end: event.end,
      };
      const merge = isMerge(node);
      const value = this.decode(() => scalar(node));
      const key = value as Key;
      return {
        kind: 'scalar',
        at: event.start.offset,
        value: merge ? undefined : key,
        ...(typeof key === 'number' && !Number.isFinite(key) ? { nonFinite: key } : {}),
      };
    }
    if (event.type === E.ALIAS) {
      // No anchor exists in this text, so every alias is unknown (decode.go's parser.alias).
      throw failed(`unknown anchor '${event.anchor ?? ''}' referenced`, event.start.offset);
    }
    if (event.type === E.SEQUENCE_START) {
      this.expect(E.SEQUENCE_START);
      const items: Summary[] = [];
      let nonFinite: number | undefined;
      while (this.peek() !== E.SEQUENCE_END) {
        const item = this.node();
        nonFinite ??= item.nonFinite;
        if (keepItems) items.push(item);
      }
      this.expect(E.SEQUENCE_END);
      return {
        kind: 'seq',
        at: event.start.offset,
        ...(nonFinite !== undefined ? { nonFinite } : {}),
        ...(keepItems ? { items } : {}),
      };
    }
    if (event.type !== E.MAPPING_START) throw failed('attempted to parse an unknown event', event.start.offset);
    this.expect(E.MAPPING_START);
    const table = new Map<Key, number | undefined>();
    while (this.peek() !== E.MAPPING_END) {
      const keyEvent = this.current();
      const isMergeKey =
        keyEvent.type === E.SCALAR &&
        keyEvent.value === '<<' &&
        (keyEvent.implicit === true || keyEvent.tag === 'tag:yaml.org,2002:merge');
      const key = this.node();
      this.keepItems = isMergeKey;
      const value = this.node();
      if (isMergeKey) this.merge(value, table);
      else if (key.kind !== 'scalar')
        this.decode(() => {
          throw failed('invalid map key: (a mapping or a list)', key.at);
        });
      else {
        if (key.value === null && !this.conversionError)
          this.conversionError = failed('Unsupported map key of type: %!s(<nil>), key: <nil>, value: ...', key.at, '');
        table.set(key.value ?? null, value.nonFinite);
      }
    }
    this.expect(E.MAPPING_END);
    let nonFinite: number | undefined;
    for (const v of table.values()) nonFinite ??= v;
    return { kind: 'map', at: event.start.offset, table, ...(nonFinite !== undefined ? { nonFinite } : {}) };
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
      if (!(error instanceof Failed)) throw error;
      this.decodeError ??= error;
      return undefined;
    }
  }
}
