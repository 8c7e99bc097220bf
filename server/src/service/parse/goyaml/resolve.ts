// go-yaml v2's scalar resolution (gopkg.in/yaml.v2 resolve.go): what a plain scalar is (YAML 1.1
// booleans yes/no/on/off/y/n, ints in Go's base-0 syntax with `_`, floats, null, the merge key),
// and the failure of an explicitly tagged scalar that is not what its tag says.

export const STR_TAG = 'tag:yaml.org,2002:str';
export const NULL_TAG = 'tag:yaml.org,2002:null';
export const BOOL_TAG = 'tag:yaml.org,2002:bool';
export const INT_TAG = 'tag:yaml.org,2002:int';
export const FLOAT_TAG = 'tag:yaml.org,2002:float';
export const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
export const BINARY_TAG = 'tag:yaml.org,2002:binary';
export const MERGE_TAG = 'tag:yaml.org,2002:merge';

export type Resolved = string | number | boolean | null | { readonly merge: true };

export interface Resolution {
  readonly tag: string;
  readonly value: Resolved;
}

const MAP = new Map<string, Resolution>();
const add = (tag: string, value: Resolved, names: readonly string[]): void =>
  names.forEach((n) => MAP.set(n, { tag, value }));
add(BOOL_TAG, true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
add(BOOL_TAG, false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
add(NULL_TAG, null, ['', '~', 'null', 'Null', 'NULL']);
add(FLOAT_TAG, NaN, ['.nan', '.NaN', '.NAN']);
add(FLOAT_TAG, Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
add(FLOAT_TAG, -Infinity, ['-.inf', '-.Inf', '-.INF']);
add(MERGE_TAG, { merge: true }, ['<<']);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const RESOLVABLE = new Set(['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG]);

export class ResolveError extends Error {}

export function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/** resolve(tag, in): the tag and value go-yaml gives a scalar; throws ResolveError as its failf. */
export function resolve(tag: string, text: string): Resolution {
  if (!RESOLVABLE.has(tag)) return { tag, value: text };
  const result = resolveUntagged(tag, text);
  if (tag === '' || tag === result.tag || tag === STR_TAG || tag === BINARY_TAG) return result;
  if (tag === FLOAT_TAG && result.tag === INT_TAG) return { tag: FLOAT_TAG, value: result.value };
  throw new ResolveError(`cannot decode ${shortTag(result.tag)} \`${text}\` as a ${shortTag(tag)}`);
}

function resolveUntagged(tag: string, text: string): Resolution {
  const c = text === '' ? 'N' : text[0];
  const hint = '+-'.includes(c)
    ? 'S'
    : '0123456789'.includes(c)
      ? 'D'
      : 'yYnNtTfFoO~'.includes(c)
        ? 'M'
        : c === '.'
          ? '.'
          : '';
  if (hint !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    const known = MAP.get(text);
    if (known) return known;
    if (hint === '.') {
      const f = parseGoFloat(text);
      if (f !== undefined) return { tag: FLOAT_TAG, value: f };
    } else if (hint === 'D' || hint === 'S') {
      if ((tag === '' || tag === TIMESTAMP_TAG) && isTimestamp(text)) return { tag: TIMESTAMP_TAG, value: text };
      const plain = text.split('_').join('');
      const int = parseGoInt(plain);
      if (int !== undefined) return { tag: INT_TAG, value: int };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = parseGoFloat(plain);
        if (f !== undefined) return { tag: FLOAT_TAG, value: f };
      }
      const binary = /^-?0b([01]+)$/.exec(plain);
      if (binary && !plain.startsWith('-0b-'))
        return { tag: INT_TAG, value: (plain.startsWith('-') ? -1 : 1) * parseInt(binary[1], 2) };
    }
  }
  return { tag: STR_TAG, value: text };
}

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64): sign, then 0x, 0o, 0b, a leading 0 (octal) or decimal. */
function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  const digits = /^0[xX]/.test(body)
    ? BigInt(body)
    : /^0[oO]/.test(body)
      ? BigInt(`0o${body.slice(2)}`)
      : /^0[bB]/.test(body)
        ? BigInt(body)
        : body.length > 1 && body[0] === '0'
          ? BigInt(`0o${body.slice(1)}`)
          : BigInt(body);
  const value = m[1] === '-' ? -digits : digits;
  if (value >= -(2n ** 63n) && value < 2n ** 63n) return Number(value);
  return m[1] === '' && value < 2n ** 64n ? Number(value) : undefined; // ParseUint takes no sign
}

/** strconv.ParseFloat(s, 64) for what reaches it here: decimal floats, `.5`, exponents, Inf/NaN words.
 *  A number too large for a float64 (`1e400`) is ParseFloat's ErrRange, and resolve.go keeps a
 *  scalar it cannot parse as a string (`if err == nil { return yaml_FLOAT_TAG, floatv }`); one too
 *  small rounds to 0 without an error. */
function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const value = Number(s);
    return Number.isFinite(value) ? value : undefined;
  }
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  return undefined;
}

/** parseTimestamp: four digits and a dash, then one of go-yaml's formats (kept as the text). */
function isTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  const date = '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}';
  const time = '[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?';
  return (
    new RegExp(`^${date}$|^${date}[Tt]${time}(Z|[+-][0-9]{2}:[0-9]{2})$|^${date} ${time}$`).test(s) && validDate(s)
  );
}

function validDate(s: string): boolean {
  const [y, mo, d] = s
    .slice(0, 10)
    .split(/[-Tt ]/)
    .map(Number);
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}
