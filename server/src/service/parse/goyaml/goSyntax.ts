// A decoded value as Go's fmt prints it with %#v: go-yaml v2 names a mapping or a list used as a map
// key so (decode.go mapping(): `failf("invalid map key: %#v", k.Interface())`), and kube-apiserver
// refuses the file with that text, e.g. `invalid map key: map[interface {}]interface {}{"level":"None"}`.
// It prints from go-yaml's nodes, so that a float64 stays one (`1e6` prints as 1e+06, an int as
// 1000000). fmt sorts map keys (internal/fmtsort): values of one type by value, nil first; keys of
// different types by the address of their type descriptor, which no source fixes, so by type name.
import type { GoNode } from './events';
import { isMerge, scalar } from './events';
import { FLOAT_TAG, resolve } from './resolve';

/** A key of a decoded map: a scalar, its Go type kept. */
interface Key {
  readonly value: string | number | boolean | null;
  readonly type: 'nil' | 'bool' | 'float64' | 'int' | 'string';
}

/** The value of a node, as decode.go's unmarshal into interface{} makes it, printed with %#v. */
export function goSyntax(n: GoNode): string {
  if (n.kind === 'alias') return goSyntax(n.target);
  if (n.kind === 'scalar') return printKey(scalarKey(n));
  if (n.kind === 'seq') return `[]interface {}{${n.children.map(goSyntax).join(', ')}}`;
  const entries = new Map<string, { key: Key; value: string }>();
  mapEntries(n, entries);
  const sorted = [...entries.values()].sort((a, b) => compareKeys(a.key, b.key));
  return `map[interface {}]interface {}{${sorted.map((e) => `${printKey(e.key)}:${e.value}`).join(', ')}}`;
}

/** decode.go mapping(): pairs in order, a merge key's mappings (a list of them from the last to the
 *  first) set where it stands, a later key replacing an earlier one. Keys are scalars here: a
 *  collection as a key fails before the key it is in is printed. */
function mapEntries(n: GoNode, out: Map<string, { key: Key; value: string }>): void {
  if (n.kind === 'alias') return mapEntries(n.target, out);
  if (n.kind !== 'map') return;
  for (let i = 0; i + 1 < n.children.length; i += 2) {
    const written = n.children[i];
    const keyNode = written.kind === 'alias' ? written.target : written;
    const value = n.children[i + 1];
    if (isMerge(keyNode)) {
      const target = value.kind === 'alias' ? value.target : value;
      for (const m of target.kind === 'seq' ? [...target.children].reverse() : [target]) mapEntries(m, out);
    } else if (keyNode.kind === 'scalar') {
      const key = scalarKey(keyNode);
      out.set(`${key.type}:${String(key.value)}`, { key, value: goSyntax(value) });
    }
  }
}

function scalarKey(n: GoNode & { kind: 'scalar' }): Key {
  const value = scalar(n);
  if (value === null) return { value, type: 'nil' };
  if (typeof value === 'boolean') return { value, type: 'bool' };
  if (typeof value === 'string') return { value, type: 'string' };
  return { value, type: resolvedTag(n) === FLOAT_TAG ? 'float64' : 'int' };
}

function resolvedTag(n: GoNode & { kind: 'scalar' }): string {
  try {
    return resolve(n.tag, n.value).tag;
  } catch {
    return '';
  }
}

function printKey(key: Key): string {
  if (key.value === null) return 'interface {}(nil)';
  if (typeof key.value === 'string') return goQuote(key.value);
  if (typeof key.value === 'boolean') return String(key.value);
  return key.type === 'float64' ? goFloat(key.value) : goInt(key.value);
}

function compareKeys(a: Key, b: Key): number {
  if (a.type === 'nil' || b.type === 'nil') return a.type === b.type ? 0 : a.type === 'nil' ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (a.type === 'bool') return Number(a.value) - Number(b.value);
  if (a.type === 'string') return byCodePoint(a.value as string, b.value as string);
  return (a.value as number) - (b.value as number);
}

/** Go compares strings bytewise: UTF-8's order is the code points', which UTF-16's is not. */
function byCodePoint(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i].codePointAt(0)! - cb[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** strconv.Quote: printable runes as they are, the rest escaped. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += ch === '"' ? '\\"' : goEscapedRune(ch.codePointAt(0)!);
  return `${out}"`;
}

/** A rune as strconv's quoting writes it (its own quote character aside, which the caller escapes):
 *  printable runes as they are, the rest escaped. */
export function goEscapedRune(code: number): string {
  const named = NAMED_ESCAPES[code];
  if (named) return named;
  const ch = String.fromCodePoint(code);
  if (GO_PRINT.test(ch)) return ch;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return '\\ufffd'; // a lone surrogate: no UTF-8
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
  92: '\\\\',
};

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function goInt(v: number): string {
  return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
}

/** A float64 as %v prints it: strconv's shortest digits, %e from an exponent of -5 or 6 on (1e+06,
 *  1e-05). */
function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const [mantissa, exponent] = v.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}
