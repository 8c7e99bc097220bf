// Finds policies written as Terraform (HCL) objects: `yamlencode({ apiVersion = "audit.k8s.io/v1",
// kind = "Policy", rules = [{ level = "Metadata" }] })`, a Talos `auditPolicy = { ... }` in a
// machine config patch, `jsonencode(...)`. Terraform turns the object into YAML or JSON for the
// tool; we turn its source into the YAML flow mapping it means, character by character, so every
// finding lands on the HCL that caused it. A value Terraform computes (`var.users`, a function
// call, a conditional) is opaque: it is read as a placeholder and no finding touches it.
import { maskOf } from './maskedValues';
import type { Piece } from './sourceMap';

export interface HclObject {
  /** The YAML flow mapping the object means. */
  readonly text: string;
  readonly pieces: Piece[];
  /** [start, end) host offsets of the values Terraform computes. */
  readonly opaque: Array<readonly [number, number]>;
  /** The host range of the object, braces included. */
  readonly start: number;
  readonly end: number;
}

/** `apiVersion = "audit.k8s.io/...` (or `"apiVersion": ...`): where a policy object is declared. */
const DECLARATION = /(?:\bapiVersion|"apiVersion")[ \t]*[=:][ \t]*"audit\.k8s\.io\//g;
/** Objects larger than this are not policies anyone writes by hand. */
const MAX_OBJECT = 1024 * 1024;

/** Every policy object of an HCL file; `skip` are host ranges read otherwise (here-documents). */
export function findHclObjects(text: string, skip: ReadonlyArray<readonly [number, number]>): HclObject[] {
  const found: HclObject[] = [];
  const tried = new Set<number>();
  const braces = matchBraces(text);
  const opens = enclosingBraces(text);
  for (const match of text.matchAll(DECLARATION)) {
    const at = match.index ?? 0;
    if (skip.some(([s, e]) => at >= s && at < e) || found.some((o) => at >= o.start && at < o.end)) continue;
    const open = opens(at);
    const close = open === undefined ? undefined : braces.get(open);
    if (open === undefined || close === undefined || close - open > MAX_OBJECT || tried.has(open)) continue;
    tried.add(open);
    const object = translate(text, open, close + 1);
    if (object) found.push(object);
  }
  return found;
}

/** `{` that open objects (not `${` and `%{`, which open template directives). */
function opensObject(text: string, i: number): boolean {
  return text[i] === '{' && text[i - 1] !== '$' && text[i - 1] !== '%';
}

/** For offsets asked in increasing order, the `{` that opens the object holding each: one pass
 *  over the text however many are asked. */
function enclosingBraces(text: string): (at: number) => number | undefined {
  const stack: number[] = [];
  let i = 0;
  return (at) => {
    for (; i < at; i++) {
      if (opensObject(text, i)) stack.push(i);
      else if (text[i] === '}') stack.pop();
    }
    return stack[stack.length - 1];
  };
}

/** Each `{` and the `}` that closes it (braces inside strings counted too: a guess that the
 *  translation below checks). */
function matchBraces(text: string): Map<number, number> {
  const closes = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (opensObject(text, i)) stack.push(i);
    else if (text[i] === '}') {
      const open = stack.pop();
      if (open !== undefined) closes.set(open, i);
    }
  }
  return closes;
}

/** What may come next in the object or list being read. */
type Expect = 'key' | 'assign' | 'value' | 'next';

interface Level {
  readonly kind: 'object' | 'list';
  expect: Expect;
  /** In an object: the key whose value comes next. */
  key?: string;
}

/** Rule fields that hold a list of names: a computed one reads as a list of one name nobody has
 *  (its mask, maskedValues.ts), so the rule matches no request of ours rather than every request
 *  (an unset field). */
const NAME_LISTS = new Set(['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs']);

/** The object opening at `open` as YAML flow, or undefined where it is not plain data (a heredoc
 *  inside it, a token out of place, an unbalanced bracket). */
function translate(text: string, open: number, limit: number): HclObject | undefined {
  const out = new Builder(text);
  const opaque: Array<readonly [number, number]> = [];
  const stack: Level[] = [];
  let i = open;
  while (i < limit) {
    const c = text[i];
    const top = stack[stack.length - 1] as Level | undefined;
    if (c === ' ' || c === '\t') {
      out.copy(i, i + 1);
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = lineEnd(text, i);
      out.blank(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1 || close >= limit) return undefined;
      out.blank(i, close + 2);
      i = close + 2;
    } else if (c === '\n' || c === '\r') {
      // A line break ends an object's item: YAML flow needs the comma HCL leaves out.
      if (top?.kind === 'object' && top.expect === 'next') {
        out.insert(',', i);
        top.expect = 'key';
      }
      out.copy(i, i + 1);
      i++;
    } else if (c === '{' || c === '[') {
      if (top && top.expect !== 'value') return undefined;
      if (top) top.expect = 'next';
      stack.push({ kind: c === '{' ? 'object' : 'list', expect: c === '{' ? 'key' : 'value' });
      out.copy(i, i + 1);
      i++;
    } else if (c === '}' || c === ']') {
      const kind = c === '}' ? 'object' : 'list';
      // `{}`, `[]`, a trailing comma, or after an item.
      if (top?.kind !== kind || (top.expect !== 'next' && top.expect !== (kind === 'object' ? 'key' : 'value')))
        return undefined;
      stack.pop();
      out.copy(i, i + 1);
      i++;
      if (stack.length === 0) return { text: out.text, pieces: out.pieces, opaque, start: open, end: i };
    } else if (c === ',') {
      if (top?.expect !== 'next') return undefined;
      top.expect = top.kind === 'object' ? 'key' : 'value';
      out.copy(i, i + 1);
      i++;
    } else if (c === '=' || c === ':') {
      if (top?.expect !== 'assign') return undefined; // a `for` expression, a conditional: not data
      top.expect = 'value';
      // `key = value`, `key: value`, `key="v"`: YAML wants `: ` after a plain key.
      out.replace(i, i + 1, text[i + 1] === ' ' || text[i + 1] === '\t' ? ':' : ': ');
      i++;
    } else {
      if (!top || (top.expect !== 'key' && top.expect !== 'value')) return undefined;
      const key = top.expect === 'key';
      const end = c === '"' ? stringEnd(text, i) : key ? wordEnd(text, i) : expressionEnd(text, i, limit);
      if (end === undefined || end === i || (c === '<' && text[i + 1] === '<')) return undefined; // a heredoc
      const word = text.slice(i, end);
      // A key, a string or a literal as it is; anything else is Terraform's to compute.
      if (key || c === '"' || /^(true|false|null|-?\d[\d.eE+-]*)$/.test(word)) out.copy(i, end);
      else {
        const names = top.kind === 'object' && NAME_LISTS.has(top.key ?? '') && word.length >= 3;
        out.replace(i, end, names ? `[${maskOf(word, word.length - 2)}]` : maskOf(word));
        opaque.push([i, end]);
      }
      if (key) top.key = c === '"' ? word.slice(1, -1) : word;
      top.expect = key ? 'assign' : 'next';
      i = end;
    }
  }
  return undefined;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The end of the string opening at `i` (its closing quote included). */
function stringEnd(text: string, i: number): number | undefined {
  for (let k = i + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '"') return k + 1;
    else if (text[k] === '\n') return undefined;
  }
  return undefined;
}

function wordEnd(text: string, i: number): number {
  let k = i;
  while (k < text.length && /[\w.-]/.test(text[k])) k++;
  return k;
}

/** An expression runs to a comma, a line break or a closing bracket at its own depth; a bracket
 *  that closes another kind ends it where it is (the translation then fails on it). */
function expressionEnd(text: string, i: number, limit: number): number {
  const open: string[] = [];
  for (let k = i; k < limit; k++) {
    const c = text[k];
    if (c === '"') {
      const end = stringEnd(text, k);
      if (end === undefined) return k;
      k = end - 1;
    } else if (c === '(' || c === '[' || c === '{') open.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      if (open.length === 0) return trimEnd(text, i, k);
      if (open.pop() !== PAIRS[c]) return k;
    } else if (open.length === 0 && (c === ',' || c === '\n' || c === '\r' || c === '#')) return trimEnd(text, i, k);
  }
  return limit;
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

/** The translated text and its pieces, built left to right. */
class Builder {
  text = '';
  readonly pieces: Piece[] = [];

  constructor(private readonly host: string) {}

  copy(start: number, end: number): void {
    this.replace(start, end, this.host.slice(start, end));
  }

  /** A comment: spaces, so that YAML reads nothing there. */
  blank(start: number, end: number): void {
    this.replace(start, end, ' '.repeat(end - start));
  }

  insert(text: string, at: number): void {
    this.pieces.push({ region: this.text.length, regionLength: text.length, host: at, hostLength: 0 });
    this.text += text;
  }

  /** `=` becoming `: ` is one unit: both characters are the `=`. */
  replace(start: number, end: number, text: string): void {
    this.pieces.push({ region: this.text.length, regionLength: text.length, host: start, hostLength: end - start });
    this.text += text;
  }
}
