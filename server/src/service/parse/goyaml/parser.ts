// A port of go-yaml v2's parser (gopkg.in/yaml.v2 parserc.go): tokens to events, with the same
// states, the same errors and the same marks. Names follow the Go source.
import { ScalarStyle, Scanner, T } from './scanner';
import type { Mark, ScannerState, Token, YamlFailure } from './scanner';

export const enum E {
  STREAM_START,
  STREAM_END,
  DOCUMENT_START,
  DOCUMENT_END,
  ALIAS,
  SCALAR,
  SEQUENCE_START,
  SEQUENCE_END,
  MAPPING_START,
  MAPPING_END,
}

/** go-yaml's names for events, as its "expected ... event but got ..." messages print them. */
export const EVENT_NAMES = [
  'stream start',
  'stream end',
  'document start',
  'document end',
  'alias',
  'scalar',
  'sequence start',
  'sequence end',
  'mapping start',
  'mapping end',
];

export interface YamlEvent {
  readonly type: E;
  readonly start: Mark;
  readonly end: Mark;
  readonly anchor?: string;
  readonly tag?: string;
  readonly value?: string;
  /** Plain scalar without a tag (or with `!`): its type is resolved from its text. */
  readonly implicit?: boolean;
  readonly style?: ScalarStyle;
}

const enum S {
  STREAM_START,
  IMPLICIT_DOCUMENT_START,
  DOCUMENT_START,
  DOCUMENT_CONTENT,
  DOCUMENT_END,
  BLOCK_NODE,
  BLOCK_NODE_OR_INDENTLESS_SEQUENCE,
  FLOW_NODE,
  BLOCK_SEQUENCE_FIRST_ENTRY,
  BLOCK_SEQUENCE_ENTRY,
  INDENTLESS_SEQUENCE_ENTRY,
  BLOCK_MAPPING_FIRST_KEY,
  BLOCK_MAPPING_KEY,
  BLOCK_MAPPING_VALUE,
  FLOW_SEQUENCE_FIRST_ENTRY,
  FLOW_SEQUENCE_ENTRY,
  FLOW_SEQUENCE_ENTRY_MAPPING_KEY,
  FLOW_SEQUENCE_ENTRY_MAPPING_VALUE,
  FLOW_SEQUENCE_ENTRY_MAPPING_END,
  FLOW_MAPPING_FIRST_KEY,
  FLOW_MAPPING_KEY,
  FLOW_MAPPING_VALUE,
  FLOW_MAPPING_EMPTY_VALUE,
  END,
}

const DEFAULT_TAG_DIRECTIVES: ReadonlyArray<[string, string]> = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];

/** A Parser's state between two events (resume.ts saves, compares and restores it). */
export interface ParserState {
  readonly state: number;
  readonly states: readonly number[];
  readonly marks: readonly Mark[];
  readonly tagDirectives: ReadonlyArray<readonly [string, string]>;
  readonly scanner: ScannerState;
}

export class Parser {
  readonly scanner: Scanner;
  private state = S.STREAM_START;
  private readonly states: S[] = [];
  private readonly marks: Mark[] = [];
  private tagDirectives: Array<[string, string]> = [];
  private parserFailure: YamlFailure | undefined;

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  get failure(): YamlFailure | undefined {
    return this.scanner.failure ?? this.parserFailure;
  }

  /** The state between two events, before any failure. */
  save(): ParserState {
    return {
      state: this.state,
      states: [...this.states],
      marks: [...this.marks],
      tagDirectives: this.tagDirectives.map(([h, p]) => [h, p] as const),
      scanner: this.scanner.save(),
    };
  }

  load(saved: ParserState): void {
    this.state = saved.state as S;
    this.states.length = 0;
    this.states.push(...(saved.states as S[]));
    this.marks.length = 0;
    this.marks.push(...saved.marks);
    this.tagDirectives = saved.tagDirectives.map(([h, p]) => [h, p]);
    this.parserFailure = undefined;
    this.scanner.load(saved.scanner);
  }

  /** The next event; undefined on an error (see `failure`) or after the end. */
  parse(): YamlEvent | undefined {
    if (this.scanner.streamEndProduced || this.failure || this.state === S.END) return undefined;
    return this.stateMachine();
  }

  private peek(): Token | undefined {
    return this.scanner.peekToken();
  }
  private skip(): void {
    this.scanner.skipToken();
  }
  private pop(): void {
    this.state = this.states.pop() as S;
  }

  private error(problem: string, problemMark: Mark, context?: string, contextMark?: Mark): undefined {
    this.parserFailure = { kind: 'parser', problem, problemMark, context, contextMark };
    return undefined;
  }

  private stateMachine(): YamlEvent | undefined {
    switch (this.state) {
      case S.STREAM_START:
        return this.parseStreamStart();
      case S.IMPLICIT_DOCUMENT_START:
        return this.parseDocumentStart(true);
      case S.DOCUMENT_START:
        return this.parseDocumentStart(false);
      case S.DOCUMENT_CONTENT:
        return this.parseDocumentContent();
      case S.DOCUMENT_END:
        return this.parseDocumentEnd();
      case S.BLOCK_NODE:
        return this.parseNode(true, false);
      case S.BLOCK_NODE_OR_INDENTLESS_SEQUENCE:
        return this.parseNode(true, true);
      case S.FLOW_NODE:
        return this.parseNode(false, false);
      case S.BLOCK_SEQUENCE_FIRST_ENTRY:
        return this.parseBlockSequenceEntry(true);
      case S.BLOCK_SEQUENCE_ENTRY:
        return this.parseBlockSequenceEntry(false);
      case S.INDENTLESS_SEQUENCE_ENTRY:
        return this.parseIndentlessSequenceEntry();
      case S.BLOCK_MAPPING_FIRST_KEY:
        return this.parseBlockMappingKey(true);
      case S.BLOCK_MAPPING_KEY:
        return this.parseBlockMappingKey(false);
      case S.BLOCK_MAPPING_VALUE:
        return this.parseBlockMappingValue();
      case S.FLOW_SEQUENCE_FIRST_ENTRY:
        return this.parseFlowSequenceEntry(true);
      case S.FLOW_SEQUENCE_ENTRY:
        return this.parseFlowSequenceEntry(false);
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY:
        return this.parseFlowSequenceEntryMappingKey();
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE:
        return this.parseFlowSequenceEntryMappingValue();
      case S.FLOW_SEQUENCE_ENTRY_MAPPING_END:
        return this.parseFlowSequenceEntryMappingEnd();
      case S.FLOW_MAPPING_FIRST_KEY:
        return this.parseFlowMappingKey(true);
      case S.FLOW_MAPPING_KEY:
        return this.parseFlowMappingKey(false);
      case S.FLOW_MAPPING_VALUE:
        return this.parseFlowMappingValue(false);
      case S.FLOW_MAPPING_EMPTY_VALUE:
        return this.parseFlowMappingValue(true);
      default:
        return undefined;
    }
  }

  private parseStreamStart(): YamlEvent | undefined {
    const token = this.peek();
    if (!token) return undefined;
    if (token.type !== T.STREAM_START) return this.error('did not find expected <stream-start>', token.start);
    this.state = S.IMPLICIT_DOCUMENT_START;
    this.skip();
    return { type: E.STREAM_START, start: token.start, end: token.end };
  }

  private parseDocumentStart(implicit: boolean): YamlEvent | undefined {
    let token = this.peek();
    if (!token) return undefined;
    if (!implicit) {
      while (token.type === T.DOCUMENT_END) {
        this.skip();
        token = this.peek();
        if (!token) return undefined;
      }
    }
    if (
      implicit &&
      token.type !== T.VERSION_DIRECTIVE &&
      token.type !== T.TAG_DIRECTIVE &&
      token.type !== T.DOCUMENT_START &&
      token.type !== T.STREAM_END
    ) {
      if (!this.processDirectives()) return undefined;
      this.states.push(S.DOCUMENT_END);
      this.state = S.BLOCK_NODE;
      return { type: E.DOCUMENT_START, start: token.start, end: token.end };
    }
    if (token.type !== T.STREAM_END) {
      const start = token.start;
      if (!this.processDirectives()) return undefined;
      token = this.peek();
      if (!token) return undefined;
      if (token.type !== T.DOCUMENT_START) return this.error('did not find expected <document start>', token.start);
      this.states.push(S.DOCUMENT_END);
      this.state = S.DOCUMENT_CONTENT;
      this.skip();
      return { type: E.DOCUMENT_START, start, end: token.end };
    }
    this.state = S.END;
    this.skip();
    return { type: E.STREAM_END, start: token.start, end: token.end };
  }

  private parseDocumentContent(): YamlEvent | undefined {
    const token = this.peek();
    if (!token) return undefined;
    if ([T.VERSION_DIRECTIVE, T.TAG_DIRECTIVE, T.DOCUMENT_START, T.DOCUMENT_END, T.STREAM_END].includes(token.type)) {
      this.pop();
      return emptyScalar(token.start);
    }
    return this.parseNode(true, false);
  }

  private parseDocumentEnd(): YamlEvent | undefined {
    const token = this.peek();
    if (!token) return undefined;
    let end = token.start;
    if (token.type === T.DOCUMENT_END) {
      end = token.end;
      this.skip();
    }
    this.tagDirectives = [];
    this.state = S.DOCUMENT_START;
    return { type: E.DOCUMENT_END, start: token.start, end };
  }

  private parseNode(block: boolean, indentlessSequence: boolean): YamlEvent | undefined {
    let token = this.peek();
    if (!token) return undefined;
    if (token.type === T.ALIAS) {
      this.pop();
      this.skip();
      return { type: E.ALIAS, start: token.start, end: token.end, anchor: token.value };
    }
    let start = token.start;
    let end = token.start;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor: string | undefined;
    let tagMark = token.start;
    if (token.type === T.ANCHOR) {
      anchor = token.value;
      start = token.start;
      end = token.end;
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type === T.TAG) {
        tagToken = true;
        tagHandle = token.value ?? '';
        tagSuffix = token.suffix ?? '';
        tagMark = token.start;
        end = token.end;
        this.skip();
        token = this.peek();
        if (!token) return undefined;
      }
    } else if (token.type === T.TAG) {
      tagToken = true;
      tagHandle = token.value ?? '';
      tagSuffix = token.suffix ?? '';
      start = token.start;
      tagMark = token.start;
      end = token.end;
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type === T.ANCHOR) {
        anchor = token.value;
        end = token.end;
        this.skip();
        token = this.peek();
        if (!token) return undefined;
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find(([handle]) => handle === tagHandle);
        if (directive) tag = directive[1] + tagSuffix;
        if (tag === '') return this.error('found undefined tag handle', tagMark, 'while parsing a node', start);
      }
    }
    const implicit = tag === '';
    if (indentlessSequence && token.type === T.BLOCK_ENTRY) {
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return { type: E.SEQUENCE_START, start, end: token.end, anchor, tag, implicit };
    }
    if (token.type === T.SCALAR) {
      const plainImplicit = (tag === '' && token.style === ScalarStyle.PLAIN) || tag === '!';
      this.pop();
      this.skip();
      return {
        type: E.SCALAR,
        start,
        end: token.end,
        anchor,
        tag,
        value: token.value,
        implicit: plainImplicit,
        style: token.style,
      };
    }
    if (token.type === T.FLOW_SEQUENCE_START) {
      this.state = S.FLOW_SEQUENCE_FIRST_ENTRY;
      return { type: E.SEQUENCE_START, start, end: token.end, anchor, tag, implicit };
    }
    if (token.type === T.FLOW_MAPPING_START) {
      this.state = S.FLOW_MAPPING_FIRST_KEY;
      return { type: E.MAPPING_START, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.type === T.BLOCK_SEQUENCE_START) {
      this.state = S.BLOCK_SEQUENCE_FIRST_ENTRY;
      return { type: E.SEQUENCE_START, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.type === T.BLOCK_MAPPING_START) {
      this.state = S.BLOCK_MAPPING_FIRST_KEY;
      return { type: E.MAPPING_START, start, end: token.end, anchor, tag, implicit };
    }
    if (anchor !== undefined || tag !== '') {
      this.pop();
      return { type: E.SCALAR, start, end, anchor, tag, value: '', implicit, style: ScalarStyle.PLAIN };
    }
    return this.error(
      'did not find expected node content',
      token.start,
      block ? 'while parsing a block node' : 'while parsing a flow node',
      start,
    );
  }

  private parseBlockSequenceEntry(first: boolean): YamlEvent | undefined {
    if (first) {
      this.marks.push((this.peek() as Token).start);
      this.skip();
    }
    let token = this.peek();
    if (!token) return undefined;
    if (token.type === T.BLOCK_ENTRY) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type !== T.BLOCK_ENTRY && token.type !== T.BLOCK_END) {
        this.states.push(S.BLOCK_SEQUENCE_ENTRY);
        return this.parseNode(true, false);
      }
      this.state = S.BLOCK_SEQUENCE_ENTRY;
      return emptyScalar(mark);
    }
    if (token.type === T.BLOCK_END) {
      this.pop();
      this.marks.pop();
      this.skip();
      return { type: E.SEQUENCE_END, start: token.start, end: token.end };
    }
    const context = this.marks.pop() as Mark;
    return this.error("did not find expected '-' indicator", token.start, 'while parsing a block collection', context);
  }

  private parseIndentlessSequenceEntry(): YamlEvent | undefined {
    let token = this.peek();
    if (!token) return undefined;
    if (token.type === T.BLOCK_ENTRY) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (
        token.type !== T.BLOCK_ENTRY &&
        token.type !== T.KEY &&
        token.type !== T.VALUE &&
        token.type !== T.BLOCK_END
      ) {
        this.states.push(S.INDENTLESS_SEQUENCE_ENTRY);
        return this.parseNode(true, false);
      }
      this.state = S.INDENTLESS_SEQUENCE_ENTRY;
      return emptyScalar(mark);
    }
    this.pop();
    return { type: E.SEQUENCE_END, start: token.start, end: token.start };
  }

  private parseBlockMappingKey(first: boolean): YamlEvent | undefined {
    if (first) {
      this.marks.push((this.peek() as Token).start);
      this.skip();
    }
    let token = this.peek();
    if (!token) return undefined;
    if (token.type === T.KEY) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type !== T.KEY && token.type !== T.VALUE && token.type !== T.BLOCK_END) {
        this.states.push(S.BLOCK_MAPPING_VALUE);
        return this.parseNode(true, true);
      }
      this.state = S.BLOCK_MAPPING_VALUE;
      return emptyScalar(mark);
    }
    if (token.type === T.BLOCK_END) {
      this.pop();
      this.marks.pop();
      this.skip();
      return { type: E.MAPPING_END, start: token.start, end: token.end };
    }
    const context = this.marks.pop() as Mark;
    return this.error('did not find expected key', token.start, 'while parsing a block mapping', context);
  }

  private parseBlockMappingValue(): YamlEvent | undefined {
    let token = this.peek();
    if (!token) return undefined;
    if (token.type === T.VALUE) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type !== T.KEY && token.type !== T.VALUE && token.type !== T.BLOCK_END) {
        this.states.push(S.BLOCK_MAPPING_KEY);
        return this.parseNode(true, true);
      }
      this.state = S.BLOCK_MAPPING_KEY;
      return emptyScalar(mark);
    }
    this.state = S.BLOCK_MAPPING_KEY;
    return emptyScalar(token.start);
  }

  private parseFlowSequenceEntry(first: boolean): YamlEvent | undefined {
    if (first) {
      this.marks.push((this.peek() as Token).start);
      this.skip();
    }
    let token = this.peek();
    if (!token) return undefined;
    if (token.type !== T.FLOW_SEQUENCE_END) {
      if (!first) {
        if (token.type === T.FLOW_ENTRY) {
          this.skip();
          token = this.peek();
          if (!token) return undefined;
        } else {
          const context = this.marks.pop() as Mark;
          return this.error("did not find expected ',' or ']'", token.start, 'while parsing a flow sequence', context);
        }
      }
      if (token.type === T.KEY) {
        this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        this.skip();
        return { type: E.MAPPING_START, start: token.start, end: token.end, implicit: true };
      }
      if (token.type !== T.FLOW_SEQUENCE_END) {
        this.states.push(S.FLOW_SEQUENCE_ENTRY);
        return this.parseNode(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { type: E.SEQUENCE_END, start: token.start, end: token.end };
  }

  private parseFlowSequenceEntryMappingKey(): YamlEvent | undefined {
    const token = this.peek();
    if (!token) return undefined;
    if (token.type !== T.VALUE && token.type !== T.FLOW_ENTRY && token.type !== T.FLOW_SEQUENCE_END) {
      this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      return this.parseNode(false, false);
    }
    const mark = token.end;
    this.skip();
    this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    return emptyScalar(mark);
  }

  private parseFlowSequenceEntryMappingValue(): YamlEvent | undefined {
    let token = this.peek();
    if (!token) return undefined;
    if (token.type === T.VALUE) {
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type !== T.FLOW_ENTRY && token.type !== T.FLOW_SEQUENCE_END) {
        this.states.push(S.FLOW_SEQUENCE_ENTRY_MAPPING_END);
        return this.parseNode(false, false);
      }
    }
    this.state = S.FLOW_SEQUENCE_ENTRY_MAPPING_END;
    return emptyScalar(token.start);
  }

  private parseFlowSequenceEntryMappingEnd(): YamlEvent | undefined {
    const token = this.peek();
    if (!token) return undefined;
    this.state = S.FLOW_SEQUENCE_ENTRY;
    return { type: E.MAPPING_END, start: token.start, end: token.start };
  }

  private parseFlowMappingKey(first: boolean): YamlEvent | undefined {
    if (first) {
      this.marks.push((this.peek() as Token).start);
      this.skip();
    }
    let token = this.peek();
    if (!token) return undefined;
    if (token.type !== T.FLOW_MAPPING_END) {
      if (!first) {
        if (token.type === T.FLOW_ENTRY) {
          this.skip();
          token = this.peek();
          if (!token) return undefined;
        } else {
          const context = this.marks.pop() as Mark;
          return this.error("did not find expected ',' or '}'", token.start, 'while parsing a flow mapping', context);
        }
      }
      if (token.type === T.KEY) {
        this.skip();
        token = this.peek();
        if (!token) return undefined;
        if (token.type !== T.VALUE && token.type !== T.FLOW_ENTRY && token.type !== T.FLOW_MAPPING_END) {
          this.states.push(S.FLOW_MAPPING_VALUE);
          return this.parseNode(false, false);
        }
        this.state = S.FLOW_MAPPING_VALUE;
        return emptyScalar(token.start);
      }
      if (token.type !== T.FLOW_MAPPING_END) {
        this.states.push(S.FLOW_MAPPING_EMPTY_VALUE);
        return this.parseNode(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { type: E.MAPPING_END, start: token.start, end: token.end };
  }

  private parseFlowMappingValue(empty: boolean): YamlEvent | undefined {
    let token = this.peek();
    if (!token) return undefined;
    if (empty) {
      this.state = S.FLOW_MAPPING_KEY;
      return emptyScalar(token.start);
    }
    if (token.type === T.VALUE) {
      this.skip();
      token = this.peek();
      if (!token) return undefined;
      if (token.type !== T.FLOW_ENTRY && token.type !== T.FLOW_MAPPING_END) {
        this.states.push(S.FLOW_MAPPING_KEY);
        return this.parseNode(false, false);
      }
    }
    this.state = S.FLOW_MAPPING_KEY;
    return emptyScalar(token.start);
  }

  private processDirectives(): boolean {
    let token = this.peek();
    if (!token) return false;
    let version = false;
    while (token.type === T.VERSION_DIRECTIVE || token.type === T.TAG_DIRECTIVE) {
      if (token.type === T.VERSION_DIRECTIVE) {
        if (version) return this.error('found duplicate %YAML directive', token.start) ?? false;
        if (token.major !== 1 || token.minor !== 1)
          return this.error('found incompatible YAML document', token.start) ?? false;
        version = true;
      } else {
        const handle = token.value ?? '';
        if (this.tagDirectives.some(([h]) => h === handle))
          return this.error('found duplicate %TAG directive', token.start) ?? false;
        this.tagDirectives.push([handle, token.suffix ?? '']);
      }
      this.skip();
      token = this.peek();
      if (!token) return false;
    }
    for (const directive of DEFAULT_TAG_DIRECTIVES) {
      if (!this.tagDirectives.some(([h]) => h === directive[0])) this.tagDirectives.push([...directive]);
    }
    return true;
  }
}

function emptyScalar(mark: Mark): YamlEvent {
  return { type: E.SCALAR, start: mark, end: mark, value: '', implicit: true, style: ScalarStyle.PLAIN };
}
