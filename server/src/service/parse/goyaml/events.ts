// The event side of decode.go's parser type, shared by the two readings of load.ts (a node tree,
// or checks as the events come in stream.ts): pulling events, failing as go-yaml fails, and the
// scalar decoding every reading needs.
import { E, EVENT_NAMES, Parser } from './parser';
import type { YamlEvent } from './parser';
import type { Mark, YamlFailure } from './scanner';
import { ScalarStyle } from './scanner';
import { decodeBase64 } from './binary';
import { BINARY_TAG, MERGE_TAG, ResolveError, STR_TAG, TIMESTAMP_TAG, resolve } from './resolve';

export interface GoYamlFailure {
  /** The error text, as kube-apiserver prints it after "failed decoding: ". */
  readonly message: string;
  /** Where go-yaml was when it failed (the string offset of its problem mark, else of its context). */
  readonly offset: number;
}

export interface GoYamlReading {
  readonly failure?: GoYamlFailure;
  /** Where go-yaml stopped reading: the token after the first document's root node (the start of a
   *  `---`, `...`, the end of the text, or content below the root that kube-apiserver never reads). */
  readonly stop?: { readonly offset: number; readonly kind: 'end' | 'document' | 'content' };
  /** The first document's root node as go-yaml reads it, when it reads the file (YAML only). */
  readonly root?: GoNode;
  /** Where the tree leaves out what nests deeper than it was asked to build (ReadOptions.maxDepth). */
  readonly cutAt?: number;
}

export interface ScalarNode {
  kind: 'scalar';
  tag: string;
  value: string;
  implicit: boolean;
  style: ScalarStyle;
  at: Mark;
  end: Mark;
}

/** decode.go's node, with where it ends and how it was written (for ./tree.ts). */
export type GoNode =
  | ScalarNode
  | { kind: 'seq' | 'map'; children: GoNode[]; flow: boolean; at: Mark; end: Mark }
  | { kind: 'alias'; name: string; target: GoNode; at: Mark; end: Mark };

/** A SCALAR event as decode.go's node. */
export function scalarNode(event: YamlEvent): ScalarNode {
  return {
    kind: 'scalar',
    tag: event.tag ?? '',
    value: event.value ?? '',
    implicit: event.implicit === true,
    style: event.style ?? ScalarStyle.PLAIN,
    at: event.start,
    end: event.end,
  };
}

export class Failed extends Error {
  /** @param source the parser's failure it was made from (its message names a line): resume.ts
   *  makes the message again when the lines before it move */
  constructor(
    readonly failure: GoYamlFailure,
    readonly source?: { readonly yaml: YamlFailure; readonly controlAt: number },
  ) {
    super(failure.message);
  }
}

/** decode.go's parser type: pulls events and fails as go-yaml does; `node` builds what a reading needs. */
export abstract class EventReader<N> {
  protected readonly parser: Parser;
  protected event: YamlEvent | undefined;
  stop: GoYamlReading['stop'];

  constructor(protected readonly text: string) {
    this.parser = new Parser(text);
  }

  document(): N | undefined {
    this.expect(E.STREAM_START);
    if (this.peek() === E.STREAM_END) return undefined;
    this.expect(E.DOCUMENT_START);
    const root = this.node();
    this.documentEnd();
    return root;
  }

  /** After the first document's root node: where go-yaml stops reading. */
  protected documentEnd(): void {
    const end = this.current();
    this.stop = { offset: end.start.offset, kind: stopKind(this.text, end.start.offset) };
    this.expect(E.DOCUMENT_END);
  }

  protected abstract node(): N;

  protected current(): YamlEvent {
    this.peek();
    return this.event as YamlEvent;
  }

  protected peek(): E {
    if (!this.event) {
      this.event = this.parser.parse();
      if (!this.event) this.fail();
    }
    return (this.event as YamlEvent).type;
  }

  protected expect(type: E): YamlEvent {
    const event = this.current();
    if (event.type === E.STREAM_END && type !== E.STREAM_END)
      throw failed('attempted to go past the end of stream; corrupted value?', event.start.offset);
    if (event.type !== type)
      throw failed(`expected ${EVENT_NAMES[type]} event but got ${EVENT_NAMES[event.type]}`, event.start.offset);
    this.event = undefined;
    return event;
  }

  private fail(): never {
    const f: YamlFailure = this.parser.failure ?? { kind: 'parser', problem: '' };
    const controlAt = this.parser.scanner.controlAt;
    throw new Failed(renderFailure(f, controlAt), { yaml: f, controlAt });
  }
}

/** (*parser).fail: "yaml: line N: problem", N from the problem mark (scanner errors count from 1,
 *  parser errors from 0, as go-yaml prints them), else from the context mark. */
export function renderFailure(f: YamlFailure, controlAt: number): GoYamlFailure {
  let line = 0;
  if (f.problemMark && f.problemMark.line !== 0) line = f.problemMark.line + (f.kind === 'scanner' ? 1 : 0);
  else if (f.contextMark && f.contextMark.line !== 0) line = f.contextMark.line;
  const where = line !== 0 ? `line ${line}: ` : '';
  // A key without its `:` is where the user has to look, not the line where go-yaml gave up on it.
  const at = f.context === 'while scanning a simple key' ? f.contextMark : (f.problemMark ?? f.contextMark);
  const offset = f.kind === 'reader' ? controlAt : at ? at.offset : 0;
  return { message: `yaml: ${where}${f.problem || 'unknown problem parsing YAML content'}`, offset };
}

export function failed(message: string, offset: number, prefix = 'yaml: '): Failed {
  return new Failed({ message: `${prefix}${message}`, offset });
}

export function stopKind(text: string, offset: number): 'end' | 'document' | 'content' {
  if (text.slice(offset).trim() === '') return 'end';
  const rest = text.slice(offset, offset + 4);
  return /^(---|\.\.\.)([ \t\r\n\x85\u2028\u2029]|$)/.test(rest) ? 'document' : 'content';
}

export function isMerge(n: GoNode): boolean {
  return n.kind === 'scalar' && n.value === '<<' && (n.implicit || n.tag === MERGE_TAG);
}

export function scalar(n: GoNode & { kind: 'scalar' }): string | number | boolean | null {
  if (n.tag === '' && !n.implicit) return n.value;
  // decode.go scalar(): even under `!!null` the text is resolved, so `!!null x` fails ("cannot
  // decode !!str `x` as a !!null"); prepare()'s early return for `!!null` skips no decoding.
  try {
    const { tag, value } = resolve(n.tag, n.value);
    if (tag === BINARY_TAG) {
      if (decodeBase64(n.value) === undefined) throw failed('!!binary value contains invalid base64 data', n.at.offset);
      return n.value;
    }
    if (tag === TIMESTAMP_TAG || tag === STR_TAG) return n.value;
    if (value !== null && typeof value === 'object') return n.value; // a `<<` that is not a key
    return value;
  } catch (error) {
    if (error instanceof ResolveError) throw failed(error.message, n.at.offset);
    throw error;
  }
}
