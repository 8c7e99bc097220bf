// Finds policies written as Terraform (HCL) objects: `yamlencode({ apiVersion = "audit.k8s.io/v1",
// kind = "Policy", rules = [{ level = "Metadata" }] })`, a Talos `auditPolicy = { ... }` in a
// machine config patch, `jsonencode(...)`. Terraform turns the object into YAML or JSON for the
// tool; we turn its source into the YAML flow mapping it means, character by character, so every
// finding lands on the HCL that caused it. A value Terraform computes (`var.users`, a function
// call, a conditional) is opaque: it is read as a placeholder and no finding touches it.
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
  for (const match of text.matchAll(DECLARATION)) {
    const at = match.index ?? 0;
    if (skip.some(([s, e]) => at >= s && at < e) || found.some((o) => at >= o.start && at < o.end)) continue;
    const open = enclosingBrace(text, at);
    if (open === undefined) continue;
    const object = translate(text, open);
    if (object) found.push(object);
  }
  return found;
}

/** The `{` that opens the object holding `at`: the nearest one before it left unclosed. */
function enclosingBrace(text: string, at: number): number | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0 && at - i < MAX_OBJECT; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{' && text[i - 1] !== '$' && text[i - 1] !== '%') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

type Context = 'object' | 'list';

/** The object opening at `open` as YAML flow, or undefined where it is not plain data (a heredoc
 *  inside it, an unbalanced bracket, the end of the file). */
function translate(text: string, open: number): HclObject | undefined {
  const out = new Builder(text);
  const opaque: Array<readonly [number, number]> = [];
  const stack: Context[] = [];
  /** In an object: a key comes next (after `{`, `,` or a line break). */
  let expectKey = false;
  let i = open;
  const limit = Math.min(text.length, open + MAX_OBJECT);
  while (i < limit) {
    const c = text[i];
    const context = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? 'object' : 'list');
      out.copy(i, i + 1);
      expectKey = c === '{';
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      if (stack.pop() !== (c === '}' ? 'object' : 'list')) return undefined;
      out.copy(i, i + 1);
      i++;
      if (stack.length === 0) return { text: out.text, pieces: out.pieces, opaque, start: open, end: i };
      expectKey = false;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = lineEnd(text, i);
      out.blank(i, end);
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return undefined;
      out.blank(i, close + 2);
      i = close + 2;
      continue;
    }
    if (c === '\n' || c === '\r') {
      // A line break ends an object's item: YAML flow needs the comma HCL leaves out.
      if (context === 'object' && !expectKey) {
        out.insert(',', i);
        expectKey = true;
      }
      out.copy(i, i + 1);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      out.copy(i, i + 1);
      i++;
      continue;
    }
    if (c === ',') {
      out.copy(i, i + 1);
      expectKey = context === 'object';
      i++;
      continue;
    }
    if (c === '=' || c === ':') {
      if (context !== 'object') return undefined; // a `for` expression, a conditional: not data
      // `key = value`, `key: value`, `key="v"`: YAML wants `: ` after a plain key.
      out.replace(i, i + 1, text[i + 1] === ' ' || text[i + 1] === '\t' ? ':' : ': ');
      i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') return undefined; // a heredoc inside: read as text elsewhere
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end === undefined) return undefined;
      out.copy(i, end);
      i = end;
      expectKey = false;
      continue;
    }
    // A bare word: a key, a literal, or an expression Terraform computes.
    const end = context === 'object' && expectKey ? wordEnd(text, i) : expressionEnd(text, i, limit);
    if (end === i) return undefined;
    const word = text.slice(i, end);
    if ((context === 'object' && expectKey) || /^(true|false|null|-?\d[\d.eE+-]*)$/.test(word)) out.copy(i, end);
    else {
      out.replace(i, end, '_'.repeat(end - i));
      opaque.push([i, end]);
    }
    expectKey = false;
    i = end;
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

/** An expression runs to a comma, a line break or a closing bracket at its own depth. */
function expressionEnd(text: string, i: number, limit: number): number {
  let depth = 0;
  for (let k = i; k < limit; k++) {
    const c = text[k];
    if (c === '"') {
      const end = stringEnd(text, k);
      if (end === undefined) return k;
      k = end - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return trimEnd(text, i, k);
      depth--;
    } else if (depth === 0 && (c === ',' || c === '\n' || c === '\r' || c === '#')) return trimEnd(text, i, k);
  }
  return limit;
}

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
