// A port of go-yaml v2's scanner (gopkg.in/yaml.v2 scannerc.go, itself a port of libyaml), the
// reader kube-apiserver uses for audit policies (through sigs.k8s.io/yaml). Only the `yaml` package
// builds our tree; this port decides what kube-apiserver decides: whether the text is read at all,
// where and with which message it fails, and where its first document ends. Function names follow
// the Go source so each rule can be checked against it; comments there explain the YAML details.
// Differences: the input is a JS string (marks carry the string offset too), and the reader is
// modelled in `ReaderModel` rather than by decoding bytes.
import { ReaderModel } from './reader';
import type { ReaderState } from './reader';

export interface Mark {
  /** Characters (code points) from the start, as go-yaml counts them. */
  readonly index: number;
  /** 0-based line and column (in characters). */
  readonly line: number;
  readonly column: number;
  /** Offset in the JS string. */
  readonly offset: number;
}

export const enum T {
  STREAM_START,
  STREAM_END,
  VERSION_DIRECTIVE,
  TAG_DIRECTIVE,
  DOCUMENT_START,
  DOCUMENT_END,
  BLOCK_SEQUENCE_START,
  BLOCK_MAPPING_START,
  BLOCK_END,
  FLOW_SEQUENCE_START,
  FLOW_SEQUENCE_END,
  FLOW_MAPPING_START,
  FLOW_MAPPING_END,
  BLOCK_ENTRY,
  FLOW_ENTRY,
  KEY,
  VALUE,
  ALIAS,
  ANCHOR,
  TAG,
  SCALAR,
}

export const enum ScalarStyle {
  PLAIN,
  SINGLE,
  DOUBLE,
  LITERAL,
  FOLDED,
}

export interface Token {
  readonly type: T;
  readonly start: Mark;
  readonly end: Mark;
  /** Scalar value, anchor or alias name, tag handle, %TAG handle. */
  readonly value?: string;
  /** Tag suffix, %TAG prefix. */
  readonly suffix?: string;
  readonly style?: ScalarStyle;
  readonly major?: number;
  readonly minor?: number;
}

export interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** A Scanner's state between two tokens, as plain data (resume.ts saves, compares and restores it).
 *  Token numbers are counted from `tokensParsed`: what matters is how far ahead they lie. */
export interface ScannerState {
  readonly pos: number;
  readonly index: number;
  readonly line: number;
  readonly column: number;
  /** The queued tokens, head first (tokens are never changed once made). */
  readonly tokens: readonly Token[];
  readonly tokensParsed: number;
  readonly tokenAvailable: boolean;
  readonly streamStartProduced: boolean;
  readonly streamEndProduced: boolean;
  readonly flowLevel: number;
  readonly indent: number;
  readonly indents: readonly number[];
  readonly simpleKeyAllowed: boolean;
  /** Copies, token numbers relative to tokensParsed. */
  readonly simpleKeys: readonly Readonly<SimpleKey>[];
  /** simpleKeysByTok's entries, token numbers relative to tokensParsed. */
  readonly keysByToken: ReadonlyArray<readonly [number, number]>;
  readonly reader: ReaderState;
}

/** go-yaml's error state: a scanner, parser or reader error with its problem and context marks. */
export interface YamlFailure {
  readonly kind: 'reader' | 'scanner' | 'parser';
  readonly problem: string;
  readonly problemMark?: Mark;
  readonly context?: string;
  readonly contextMark?: Mark;
}

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

export class Scanner {
  private pos = 0;
  private index = 0;
  private line = 0;
  private column = 0;
  failure: YamlFailure | undefined;

  private readonly tokens: Token[] = [];
  private tokensHead = 0;
  tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  streamEndProduced = false;
  private flowLevel = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByTok = new Map<number, number>();
  private readonly reader: ReaderModel;

  constructor(private readonly text: string) {
    this.reader = new ReaderModel(text);
    this.pos = this.reader.start;
  }

  /** Where the next token is scanned from. */
  get position(): number {
    return this.pos;
  }

  /** The state between two tokens (no failure yet), for resuming the scan later. */
  save(): ScannerState {
    const parsed = this.tokensParsed;
    // An entry for a token already parsed is never looked up again (tokensParsed only grows): drop
    // them, or the map holds every simple key of the file.
    for (const token of this.simpleKeysByTok.keys()) if (token < parsed) this.simpleKeysByTok.delete(token);
    return {
      pos: this.pos,
      index: this.index,
      line: this.line,
      column: this.column,
      tokens: this.tokens.slice(this.tokensHead),
      tokensParsed: parsed,
      tokenAvailable: this.tokenAvailable,
      streamStartProduced: this.streamStartProduced,
      streamEndProduced: this.streamEndProduced,
      flowLevel: this.flowLevel,
      indent: this.indent,
      indents: [...this.indents],
      simpleKeyAllowed: this.simpleKeyAllowed,
      simpleKeys: this.simpleKeys.map((k) => ({ ...k, tokenNumber: k.tokenNumber - parsed })),
      keysByToken: [...this.simpleKeysByTok].map(([token, at]) => [token - parsed, at] as const),
      reader: this.reader.save(),
    };
  }

  /** Continues from a saved state (on a text whose first `state.pos` characters are those it was saved on). */
  load(state: ScannerState): void {
    ({ pos: this.pos, index: this.index, line: this.line, column: this.column } = state);
    const parsed = state.tokensParsed;
    this.tokens.length = 0;
    this.tokens.push(...state.tokens);
    this.tokensHead = 0;
    this.tokensParsed = parsed;
    this.tokenAvailable = state.tokenAvailable;
    this.streamStartProduced = state.streamStartProduced;
    this.streamEndProduced = state.streamEndProduced;
    this.flowLevel = state.flowLevel;
    this.indent = state.indent;
    this.indents.length = 0;
    this.indents.push(...state.indents);
    this.simpleKeyAllowed = state.simpleKeyAllowed;
    this.simpleKeys.length = 0;
    for (const k of state.simpleKeys) this.simpleKeys.push({ ...k, tokenNumber: k.tokenNumber + parsed });
    this.simpleKeysByTok.clear();
    for (const [token, at] of state.keysByToken) this.simpleKeysByTok.set(token + parsed, at);
    this.reader.load(state.reader);
    this.failure = undefined;
  }

  /** Offset of the control character that fails go-yaml's reader, or -1. */
  get controlAt(): number {
    return this.reader.controlAt;
  }

  get mark(): Mark {
    return { index: this.index, line: this.line, column: this.column, offset: this.pos };
  }

  // ---- characters (yamlprivateh.go); past the end reads as NUL, as go-yaml's padded buffer.
  private ch(k = 0): string {
    // Lookahead counts UTF-16 units: what it looks for is ASCII, which no surrogate can be.
    const p = this.pos + k;
    return p < this.text.length ? this.text[p] : '\0';
  }
  private width(p: number): number {
    const c = this.text.charCodeAt(p);
    return c >= 0xd800 && c <= 0xdbff && p + 1 < this.text.length ? 2 : 1;
  }
  private isBlank(k = 0): boolean {
    const c = this.ch(k);
    return c === ' ' || c === '\t';
  }
  private isBreak(k = 0): boolean {
    const c = this.ch(k);
    return c === '\r' || c === '\n' || c === '\x85' || c === '\u2028' || c === '\u2029';
  }
  private isZ(k = 0): boolean {
    return this.ch(k) === '\0';
  }
  private isBreakZ(k = 0): boolean {
    return this.isBreak(k) || this.isZ(k);
  }
  private isBlankZ(k = 0): boolean {
    return this.isBlank(k) || this.isBreakZ(k);
  }
  private isAlpha(k = 0): boolean {
    const c = this.text.charCodeAt(this.pos + k);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
  }
  private isDigit(k = 0): boolean {
    const c = this.text.charCodeAt(this.pos + k);
    return c >= 48 && c <= 57;
  }
  private isHex(k = 0): boolean {
    const c = this.text.charCodeAt(this.pos + k);
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  }

  /** parser.unread < n && !yaml_parser_update_buffer(parser, n): the reader decodes ahead in chunks. */
  private cache(n: number): boolean {
    const problem = this.reader.need(this.pos, n);
    if (problem === undefined) return true;
    this.failure = { kind: 'reader', problem };
    return false;
  }

  private skip(): void {
    this.index++;
    this.column++;
    this.pos += this.width(this.pos);
  }
  private skipLine(): void {
    if (this.ch() === '\r' && this.ch(1) === '\n') {
      this.index += 2;
      this.column = 0;
      this.line++;
      this.pos += 2;
    } else if (this.isBreak()) {
      this.index++;
      this.column = 0;
      this.line++;
      this.pos += 1;
    }
  }
  private read(): string {
    const w = this.width(this.pos);
    const s = this.text.slice(this.pos, this.pos + w);
    this.pos += w;
    this.index++;
    this.column++;
    return s;
  }
  private readLine(): string {
    const c = this.ch();
    let s: string;
    if (c === '\r' && this.ch(1) === '\n') {
      this.pos += 2;
      this.index++;
      s = '\n';
    } else if (c === '\r' || c === '\n' || c === '\x85') {
      this.pos += 1;
      s = '\n';
    } else if (c === '\u2028' || c === '\u2029') {
      this.pos += 1;
      s = c;
    } else {
      return '';
    }
    this.index++;
    this.column = 0;
    this.line++;
    return s;
  }

  private fail(context: string, contextMark: Mark, problem: string): false {
    this.failure = { kind: 'scanner', context, contextMark, problem, problemMark: this.mark };
    return false;
  }

  // ---- the token queue (yaml_parser_scan, peek_token, skip_token)
  peekToken(): Token | undefined {
    if (this.failure) return undefined;
    if (this.tokenAvailable || this.fetchMoreTokens()) return this.tokens[this.tokensHead];
    return undefined;
  }
  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead].type === T.STREAM_END;
    this.tokensHead++;
    // yaml_insert_token moves the queue to the front; positions in it are relative to the head.
    if (this.tokensHead >= 256) {
      this.tokens.splice(0, this.tokensHead);
      this.tokensHead = 0;
    }
  }

  private insertToken(at: number, token: Token): void {
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + at, 0, token);
  }

  private fetchMoreTokens(): boolean {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const head = this.simpleKeysByTok.get(this.tokensParsed);
        if (head === undefined) break;
        const valid = this.simpleKeyIsValid(this.simpleKeys[head]);
        if (valid === undefined) return false;
        if (!valid) break;
      }
      if (!this.fetchNextToken()) return false;
    }
    this.tokenAvailable = true;
    return true;
  }

  private fetchNextToken(): boolean {
    if (!this.cache(1)) return false;
    if (!this.streamStartProduced) return this.fetchStreamStart();
    if (!this.scanToNextToken()) return false;
    this.unrollIndent(this.column);
    if (!this.cache(4)) return false;
    if (this.isZ()) return this.fetchStreamEnd();
    const c = this.ch();
    if (this.column === 0 && c === '%') return this.fetchDirective();
    if (this.column === 0 && c === '-' && this.ch(1) === '-' && this.ch(2) === '-' && this.isBlankZ(3))
      return this.fetchDocumentIndicator(T.DOCUMENT_START);
    if (this.column === 0 && c === '.' && this.ch(1) === '.' && this.ch(2) === '.' && this.isBlankZ(3))
      return this.fetchDocumentIndicator(T.DOCUMENT_END);
    if (c === '[') return this.fetchFlowCollectionStart(T.FLOW_SEQUENCE_START);
    if (c === '{') return this.fetchFlowCollectionStart(T.FLOW_MAPPING_START);
    if (c === ']') return this.fetchFlowCollectionEnd(T.FLOW_SEQUENCE_END);
    if (c === '}') return this.fetchFlowCollectionEnd(T.FLOW_MAPPING_END);
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && this.isBlankZ(1)) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor(T.ALIAS);
    if (c === '&') return this.fetchAnchor(T.ANCHOR);
    if (c === '!') return this.fetchTag();
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === "'") return this.fetchFlowScalar(true);
    if (c === '"') return this.fetchFlowScalar(false);
    if (
      !(this.isBlankZ() || '-?:,[]{}#&*!|>\'"%@`'.includes(c)) ||
      (c === '-' && !this.isBlank(1)) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !this.isBlankZ(1))
    ) {
      return this.fetchPlainScalar();
    }
    return this.fail('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  /** undefined: an error was set. */
  private simpleKeyIsValid(key: SimpleKey): boolean | undefined {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) {
        this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
        return undefined;
      }
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): boolean {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
        mark: this.mark,
      };
      if (!this.removeSimpleKey()) return false;
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
    return true;
  }

  private removeSimpleKey(): boolean {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      if (key.required) return this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
    return true;
  }

  private increaseFlowLevel(): boolean {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
      mark: this.mark,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL)
      return this.fail(
        'while increasing flow level',
        this.simpleKeys[this.simpleKeys.length - 1].mark,
        `exceeded max depth of ${MAX_FLOW_LEVEL}`,
      );
    return true;
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop() as SimpleKey;
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: T, mark: Mark): boolean {
    if (this.flowLevel > 0) return true;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS)
        return this.fail(
          'while increasing indent level',
          this.simpleKeys[this.simpleKeys.length - 1].mark,
          `exceeded max depth of ${MAX_INDENTS}`,
        );
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, { type, start: mark, end: mark });
    }
    return true;
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const mark = this.mark;
      this.insertToken(-1, { type: T.BLOCK_END, start: mark, end: mark });
      this.indent = this.indents.pop() as number;
    }
  }

  private fetchStreamStart(): boolean {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { type: T.STREAM_START, start: this.mark, end: this.mark });
    return true;
  }

  private fetchStreamEnd(): boolean {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { type: T.STREAM_END, start: this.mark, end: this.mark });
    return true;
  }

  private fetchDirective(): boolean {
    this.unrollIndent(-1);
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanDirective();
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchDocumentIndicator(type: T): boolean {
    this.unrollIndent(-1);
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark });
    return true;
  }

  private fetchFlowCollectionStart(type: T): boolean {
    if (!this.saveSimpleKey()) return false;
    if (!this.increaseFlowLevel()) return false;
    this.simpleKeyAllowed = true;
    return this.singleCharToken(type);
  }

  private fetchFlowCollectionEnd(type: T): boolean {
    if (!this.removeSimpleKey()) return false;
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    return this.singleCharToken(type);
  }

  private fetchFlowEntry(): boolean {
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    return this.singleCharToken(T.FLOW_ENTRY);
  }

  private singleCharToken(type: T): boolean {
    const start = this.mark;
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark });
    return true;
  }

  private fetchBlockEntry(): boolean {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed)
        return this.fail('', this.mark, 'block sequence entries are not allowed in this context');
      if (!this.rollIndent(this.column, -1, T.BLOCK_SEQUENCE_START, this.mark)) return false;
    }
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    return this.singleCharToken(T.BLOCK_ENTRY);
  }

  private fetchKey(): boolean {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) return this.fail('', this.mark, 'mapping keys are not allowed in this context');
      if (!this.rollIndent(this.column, -1, T.BLOCK_MAPPING_START, this.mark)) return false;
    }
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = this.flowLevel === 0;
    return this.singleCharToken(T.KEY);
  }

  private fetchValue(): boolean {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    const valid = this.simpleKeyIsValid(key);
    if (valid === undefined) return false;
    if (valid) {
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: T.KEY, start: key.mark, end: key.mark });
      if (!this.rollIndent(key.mark.column, key.tokenNumber, T.BLOCK_MAPPING_START, key.mark)) return false;
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) return this.fail('', this.mark, 'mapping values are not allowed in this context');
        if (!this.rollIndent(this.column, -1, T.BLOCK_MAPPING_START, this.mark)) return false;
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    return this.singleCharToken(T.VALUE);
  }

  private fetchAnchor(type: T): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanAnchor(type);
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchTag(): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanTag();
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchBlockScalar(literal: boolean): boolean {
    if (!this.removeSimpleKey()) return false;
    this.simpleKeyAllowed = true;
    const token = this.scanBlockScalar(literal);
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchFlowScalar(single: boolean): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanFlowScalar(single);
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private fetchPlainScalar(): boolean {
    if (!this.saveSimpleKey()) return false;
    this.simpleKeyAllowed = false;
    const token = this.scanPlainScalar();
    if (!token) return false;
    this.insertToken(-1, token);
    return true;
  }

  private scanToNextToken(): boolean {
    for (;;) {
      if (!this.cache(1)) return false;
      // go-yaml's is_bom looks at the start of its buffer, not at the current character, and skip()
      // then skips whatever is current: faithfully odd.
      if (this.column === 0 && this.reader.bufferStartsWithBom) this.skip();
      if (!this.cache(1)) return false;
      while (this.ch() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.ch() === '\t')) {
        this.skip();
        if (!this.cache(1)) return false;
      }
      if (this.ch() === '#') {
        while (!this.isBreakZ()) {
          this.skip();
          if (!this.cache(1)) return false;
        }
      }
      if (!this.isBreak()) break;
      if (!this.cache(2)) return false;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
    return true;
  }

  // ---- directives
  private scanDirective(): Token | undefined {
    const start = this.mark;
    this.skip();
    const name = this.scanDirectiveName(start);
    if (name === undefined) return undefined;
    let token: Token;
    if (name === 'YAML') {
      const major = this.scanVersionNumber(start, true);
      if (major === undefined) return undefined;
      if (this.ch() !== '.')
        return void this.fail(
          'while scanning a %YAML directive',
          start,
          "did not find expected digit or '.' character",
        );
      this.skip();
      const minor = this.scanVersionNumber(start, false);
      if (minor === undefined) return undefined;
      token = { type: T.VERSION_DIRECTIVE, start, end: this.mark, major, minor };
    } else if (name === 'TAG') {
      const value = this.scanTagDirectiveValue(start);
      if (!value) return undefined;
      token = { type: T.TAG_DIRECTIVE, start, end: this.mark, value: value[0], suffix: value[1] };
    } else {
      return void this.fail('while scanning a directive', start, 'found unknown directive name');
    }
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    if (this.ch() === '#') {
      while (!this.isBreakZ()) {
        this.skip();
        if (!this.cache(1)) return undefined;
      }
    }
    if (!this.isBreakZ())
      return void this.fail('while scanning a directive', start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      if (!this.cache(2)) return undefined;
      this.skipLine();
    }
    return token;
  }

  private scanDirectiveName(start: Mark): string | undefined {
    if (!this.cache(1)) return undefined;
    let s = '';
    while (this.isAlpha()) {
      s += this.read();
      if (!this.cache(1)) return undefined;
    }
    if (s === '') return void this.fail('while scanning a directive', start, 'could not find expected directive name');
    if (!this.isBlankZ())
      return void this.fail('while scanning a directive', start, 'found unexpected non-alphabetical character');
    return s;
  }

  private scanVersionNumber(start: Mark, skipBlanks: boolean): number | undefined {
    if (skipBlanks) {
      if (!this.cache(1)) return undefined;
      while (this.isBlank()) {
        this.skip();
        if (!this.cache(1)) return undefined;
      }
    }
    if (!this.cache(1)) return undefined;
    let value = 0;
    let length = 0;
    while (this.isDigit()) {
      length++;
      if (length > 2)
        return void this.fail('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + Number(this.ch());
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    if (length === 0)
      return void this.fail('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] | undefined {
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    const handle = this.scanTagHandle(true, start);
    if (handle === undefined) return undefined;
    if (!this.cache(1)) return undefined;
    if (!this.isBlank())
      return void this.fail('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    const prefix = this.scanTagUri(true, '', start);
    if (prefix === undefined) return undefined;
    if (!this.cache(1)) return undefined;
    if (!this.isBlankZ())
      return void this.fail('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  // ---- anchors, aliases and tags
  private scanAnchor(type: T): Token | undefined {
    const start = this.mark;
    this.skip();
    if (!this.cache(1)) return undefined;
    let s = '';
    while (this.isAlpha()) {
      s += this.read();
      if (!this.cache(1)) return undefined;
    }
    const end = this.mark;
    if (s === '' || !(this.isBlankZ() || '?:,]}%@`'.includes(this.ch()))) {
      return void this.fail(
        type === T.ANCHOR ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    }
    return { type, start, end, value: s };
  }

  private scanTag(): Token | undefined {
    const start = this.mark;
    let handle: string;
    let suffix: string;
    if (!this.cache(2)) return undefined;
    if (this.ch(1) === '<') {
      this.skip();
      this.skip();
      const uri = this.scanTagUri(false, '', start);
      if (uri === undefined) return undefined;
      if (this.ch() !== '>') return void this.fail('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
      handle = '';
      suffix = uri;
    } else {
      const h = this.scanTagHandle(false, start);
      if (h === undefined) return undefined;
      if (h[0] === '!' && h.length > 1 && h[h.length - 1] === '!') {
        const uri = this.scanTagUri(false, '', start);
        if (uri === undefined) return undefined;
        handle = h;
        suffix = uri;
      } else {
        const uri = this.scanTagUri(false, h, start);
        if (uri === undefined) return undefined;
        handle = '!';
        suffix = uri;
        if (suffix === '') [handle, suffix] = [suffix, handle];
      }
    }
    if (!this.cache(1)) return undefined;
    if (!this.isBlankZ())
      return void this.fail('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: T.TAG, start, end: this.mark, value: handle, suffix };
  }

  private tagFail(directive: boolean, start: Mark, problem: string): undefined {
    this.fail(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
    return undefined;
  }

  private scanTagHandle(directive: boolean, start: Mark): string | undefined {
    if (!this.cache(1)) return undefined;
    if (this.ch() !== '!') return this.tagFail(directive, start, "did not find expected '!'");
    let s = this.read();
    if (!this.cache(1)) return undefined;
    while (this.isAlpha()) {
      s += this.read();
      if (!this.cache(1)) return undefined;
    }
    if (this.ch() === '!') s += this.read();
    else if (directive && s !== '!') return this.tagFail(directive, start, "did not find expected '!'");
    return s;
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string | undefined {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    if (!this.cache(1)) return undefined;
    while (this.isAlpha() || (";/?:@&=+$,.!~*'()[]%".includes(this.ch()) && this.ch() !== '\0')) {
      if (this.ch() === '%') {
        const escaped = this.scanUriEscapes(directive, start);
        if (escaped === undefined) return undefined;
        s += escaped;
      } else {
        s += this.read();
      }
      if (!this.cache(1)) return undefined;
      hasTag = true;
    }
    if (!hasTag) return this.tagFail(directive, start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark): string | undefined {
    const octets: number[] = [];
    let w = 1024;
    while (w > 0) {
      if (!this.cache(3)) return undefined;
      if (!(this.ch() === '%' && this.isHex(1) && this.isHex(2)))
        return this.tagFail(directive, start, 'did not find URI escaped octet');
      const octet = parseInt(this.ch(1) + this.ch(2), 16);
      if (w === 1024) {
        w =
          (octet & 0x80) === 0
            ? 1
            : (octet & 0xe0) === 0xc0
              ? 2
              : (octet & 0xf0) === 0xe0
                ? 3
                : (octet & 0xf8) === 0xf0
                  ? 4
                  : 0;
        if (w === 0) return this.tagFail(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        return this.tagFail(directive, start, 'found an incorrect trailing UTF-8 octet');
      }
      octets.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    // One UTF-8 sequence, its length checked above.
    const lead = octets[0] & (octets.length === 1 ? 0x7f : 0xff >> (octets.length + 1));
    return String.fromCodePoint(octets.slice(1).reduce((code, octet) => (code << 6) | (octet & 0x3f), lead));
  }

  // ---- scalars
  private scanBlockScalar(literal: boolean): Token | undefined {
    const start = this.mark;
    this.skip();
    if (!this.cache(1)) return undefined;
    let chomping = 0;
    let increment = 0;
    if (this.ch() === '+' || this.ch() === '-') {
      chomping = this.ch() === '+' ? 1 : -1;
      this.skip();
      if (!this.cache(1)) return undefined;
      if (this.isDigit()) {
        if (this.ch() === '0')
          return void this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = Number(this.ch());
        this.skip();
      }
    } else if (this.isDigit()) {
      if (this.ch() === '0')
        return void this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = Number(this.ch());
      this.skip();
      if (!this.cache(1)) return undefined;
      if (this.ch() === '+' || this.ch() === '-') {
        chomping = this.ch() === '+' ? 1 : -1;
        this.skip();
      }
    }
    if (!this.cache(1)) return undefined;
    while (this.isBlank()) {
      this.skip();
      if (!this.cache(1)) return undefined;
    }
    if (this.ch() === '#') {
      while (!this.isBreakZ()) {
        this.skip();
        if (!this.cache(1)) return undefined;
      }
    }
    if (!this.isBreakZ())
      return void this.fail('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (this.isBreak()) {
      if (!this.cache(2)) return undefined;
      this.skipLine();
    }
    const state = {
      end: this.mark,
      indent: increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0,
      breaks: '',
    };
    let s = '';
    let leadingBreak = '';
    if (!this.scanBlockScalarBreaks(state, start)) return undefined;
    if (!this.cache(1)) return undefined;
    let leadingBlank = false;
    while (this.column === state.indent && !this.isZ()) {
      const trailingBlank = this.isBlank();
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak[0] === '\n') {
        if (state.breaks.length === 0) s += ' ';
      } else {
        s += leadingBreak;
      }
      s += state.breaks;
      state.breaks = '';
      leadingBlank = this.isBlank();
      while (!this.isBreakZ()) {
        s += this.read();
        if (!this.cache(1)) return undefined;
      }
      if (!this.cache(2)) return undefined;
      leadingBreak = this.readLine();
      if (!this.scanBlockScalarBreaks(state, start)) return undefined;
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += state.breaks;
    return {
      type: T.SCALAR,
      start,
      end: state.end,
      value: s,
      style: literal ? ScalarStyle.LITERAL : ScalarStyle.FOLDED,
    };
  }

  private scanBlockScalarBreaks(state: { end: Mark; indent: number; breaks: string }, start: Mark): boolean {
    state.end = this.mark;
    let maxIndent = 0;
    for (;;) {
      if (!this.cache(1)) return false;
      while ((state.indent === 0 || this.column < state.indent) && this.ch() === ' ') {
        this.skip();
        if (!this.cache(1)) return false;
      }
      if (this.column > maxIndent) maxIndent = this.column;
      if ((state.indent === 0 || this.column < state.indent) && this.ch() === '\t') {
        return this.fail(
          'while scanning a block scalar',
          start,
          'found a tab character where an indentation space is expected',
        );
      }
      if (!this.isBreak()) break;
      if (!this.cache(2)) return false;
      state.breaks += this.readLine();
      state.end = this.mark;
    }
    if (state.indent === 0) {
      state.indent = Math.max(maxIndent, this.indent + 1, 1);
    }
    return true;
  }

  private scanFlowScalar(single: boolean): Token | undefined {
    const start = this.mark;
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      if (!this.cache(4)) return undefined;
      if (
        this.column === 0 &&
        ((this.ch() === '-' && this.ch(1) === '-' && this.ch(2) === '-') ||
          (this.ch() === '.' && this.ch(1) === '.' && this.ch(2) === '.')) &&
        this.isBlankZ(3)
      ) {
        return void this.fail('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (this.isZ()) return void this.fail('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      let run = -1; // plain characters are copied as one slice, not one by one
      const flush = (): void => {
        if (run >= 0) s += this.text.slice(run, this.pos);
        run = -1;
      };
      while (!this.isBlankZ()) {
        const c = this.ch();
        if (c !== "'" && c !== '"' && c !== '\\') {
          if (run < 0) run = this.pos;
          this.skip();
          if (!this.cache(2)) return undefined;
          continue;
        }
        flush();
        if (single && c === "'" && this.ch(1) === "'") {
          s += "'";
          this.skip();
          this.skip();
        } else if (single && c === "'") {
          break;
        } else if (!single && c === '"') {
          break;
        } else if (!single && c === '\\' && this.isBreak(1)) {
          if (!this.cache(3)) return undefined;
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === '\\') {
          const escaped = this.scanEscape(start);
          if (escaped === undefined) return undefined;
          s += escaped;
        } else {
          s += this.read();
        }
        if (!this.cache(2)) return undefined;
      }
      flush();
      if (!this.cache(1)) return undefined;
      if (this.ch() === (single ? "'" : '"')) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else {
          if (!this.cache(2)) return undefined;
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        }
        if (!this.cache(1)) return undefined;
      }
      if (leadingBlanks) {
        if (leadingBreak[0] === '\n') s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        else s += leadingBreak + trailingBreaks;
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    return { type: T.SCALAR, start, end: this.mark, value: s, style: single ? ScalarStyle.SINGLE : ScalarStyle.DOUBLE };
  }

  private scanEscape(start: Mark): string | undefined {
    const simple: Record<string, string> = {
      '0': '\0',
      a: '\x07',
      b: '\x08',
      t: '\t',
      '\t': '\t',
      n: '\n',
      v: '\x0b',
      f: '\x0c',
      r: '\r',
      e: '\x1b',
      ' ': ' ',
      '"': '"',
      "'": "'",
      '\\': '\\',
      N: '\x85',
      _: '\xa0',
      L: '\u2028',
      P: '\u2029',
    };
    const code = this.ch(1);
    const length = code === 'x' ? 2 : code === 'u' ? 4 : code === 'U' ? 8 : 0;
    if (length === 0 && !(code in simple))
      return void this.fail('while parsing a quoted scalar', start, 'found unknown escape character');
    this.skip();
    this.skip();
    if (length === 0) return simple[code];
    if (!this.cache(length)) return undefined;
    let value = 0;
    for (let k = 0; k < length; k++) {
      if (!this.isHex(k))
        return void this.fail('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
      value = value * 16 + parseInt(this.ch(k), 16);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
      return void this.fail('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
    for (let k = 0; k < length; k++) this.skip();
    return String.fromCodePoint(value);
  }

  private scanPlainScalar(): Token | undefined {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark;
    let end = this.mark;
    for (;;) {
      if (!this.cache(4)) return undefined;
      if (
        this.column === 0 &&
        ((this.ch() === '-' && this.ch(1) === '-' && this.ch(2) === '-') ||
          (this.ch() === '.' && this.ch(1) === '.' && this.ch(2) === '.')) &&
        this.isBlankZ(3)
      )
        break;
      if (this.ch() === '#') break;
      let run = -1; // characters are copied as one slice, not one by one
      while (!this.isBlankZ()) {
        const c = this.ch();
        if ((c === ':' && this.isBlankZ(1)) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
            else s += leadingBreak + trailingBreaks;
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        if (run < 0) run = this.pos;
        this.skip();
        if (!this.cache(2)) return undefined;
      }
      if (run >= 0) {
        s += this.text.slice(run, this.pos);
        end = this.mark;
      }
      if (!(this.isBlank() || this.isBreak())) break;
      if (!this.cache(1)) return undefined;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.column < indent && this.ch() === '\t') {
            return void this.fail(
              'while scanning a plain scalar',
              start,
              'found a tab character that violates indentation',
            );
          }
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else {
          if (!this.cache(2)) return undefined;
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        }
        if (!this.cache(1)) return undefined;
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: T.SCALAR, start, end, value: s, style: ScalarStyle.PLAIN };
  }
}
