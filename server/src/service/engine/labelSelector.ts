// Whether labels.Parse accepts a label selector (apimachinery pkg/labels/selector.go: its Lexer,
// Parser and NewRequirement, with validation.IsQualifiedName for keys and IsValidLabelValue for
// values; the same grammar in 1.20 and 1.36). RequestInfoFactory decodes a list's query into
// ListOptions, and an invalid `labelSelector` fails that decoding: the field selector's object
// name is then not read. Only validity matters here, so requirements are checked, not kept.

type Token = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '(' | 'id';

const SYMBOL_TOKENS = new Set<string>([')', ',', '!', '==', '=', '>', '<', '!=', '(']);
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Lexer.Lex over the whole string, byte for byte as Go reads it: `read` gives 0 at the end and
 *  for a NUL, and a NUL read inside a token is consumed, so it ends the token and is skipped, while
 *  a NUL where a token starts ends the string. */
function scan(s: string): Array<{ tok: Token; lit: string }> {
  const items: Array<{ tok: Token; lit: string }> = [];
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : '\0');
  const unread = (): void => void pos--;
  for (;;) {
    let c = read();
    while (isSpace(c)) c = read();
    if (c === '\0') {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    unread();
    let lit = '';
    if (isSpecial(c)) {
      // scanSpecialSymbol: the run of symbols, as long as it stays a token.
      let buffer = '';
      for (let ch = read(); ch !== '\0'; ch = read()) {
        if (!isSpecial(ch)) {
          unread();
          break;
        }
        buffer += ch;
        if (SYMBOL_TOKENS.has(buffer)) lit = buffer;
        else {
          unread();
          break;
        }
      }
      items.push({ tok: lit as Token, lit });
    } else {
      for (let ch = read(); ch !== '\0'; ch = read()) {
        if (isSpecial(ch) || isSpace(ch)) {
          unread();
          break;
        }
        lit += ch;
      }
      items.push({ tok: lit === 'in' || lit === 'notin' ? lit : 'id', lit });
    }
  }
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GO_INT64 = /^[+-]?[0-9]+$/;
const INT64_LIMIT = BigInt('9223372036854775808');

/** validation.IsQualifiedName. */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0].length > 253 || !DNS1123_SUBDOMAIN.test(parts[0]))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

const isLabelValue = (value: string): boolean => value.length <= 63 && LABEL_VALUE.test(value);

/** strconv.ParseInt(s, 10, 64) succeeds. */
export function isGoInt64(text: string): boolean {
  if (!GO_INT64.test(text)) return false;
  const n = BigInt(text);
  return n >= -INT64_LIMIT && n < INT64_LIMIT;
}

export function isValidLabelSelector(selector: string): boolean {
  const items = scan(selector);
  let at = 0;
  // In a value's place `in` and `notin` are identifiers (Parser.lookahead / consume with Values).
  const look = (values = true): Token => {
    const tok = items[at].tok;
    return values && (tok === 'in' || tok === 'notin') ? 'id' : tok;
  };
  const next = (values = true): { tok: Token; lit: string } => {
    const tok = look(values);
    return { tok, lit: items[at++].lit };
  };

  const requirement = (): boolean => {
    let first = next();
    const doesNotExist = first.tok === '!';
    if (doesNotExist) first = next();
    if (first.tok !== 'id' || !isQualifiedName(first.lit)) return false;
    if (doesNotExist || look() === 'end' || look() === ',') return true; // exists / does not exist
    const op = next(false).tok;
    if (op === 'in' || op === 'notin') return setValues();
    if (op === '=' || op === '==' || op === '!=') return exactValue(false);
    if (op === '>' || op === '<') return exactValue(true);
    return false;
  };
  const exactValue = (integer: boolean): boolean => {
    if (look() === 'end' || look() === ',') return !integer && isLabelValue('');
    const value = next();
    if (value.tok !== 'id') return false;
    return integer ? isGoInt64(value.lit) && isLabelValue(value.lit) : isLabelValue(value.lit);
  };
  const setValues = (): boolean => {
    if (next().tok !== '(') return false;
    const first = look();
    if (first === ')') {
      at++;
      return true; // `()` is the set {""}
    }
    if (first !== 'id' && first !== ',') return false;
    for (;;) {
      const item = next();
      if (item.tok === 'id') {
        if (!isLabelValue(item.lit)) return false;
        const after = look();
        if (after === ',') continue;
        if (after !== ')') return false;
        break;
      }
      if (item.tok !== ',') return false;
      const after = look();
      if (after === ')') break;
      if (after === ',') at++;
    }
    return next().tok === ')';
  };

  for (;;) {
    const tok = look();
    if (tok === 'end') return true;
    if (tok !== 'id' && tok !== '!') return false;
    if (!requirement()) return false;
    const after = next().tok;
    if (after === 'end') return true;
    if (after !== ',') return false;
    const following = look();
    if (following !== 'id' && following !== '!') return false;
  }
}
