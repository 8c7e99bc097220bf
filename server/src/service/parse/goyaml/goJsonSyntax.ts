// Go's encoding/json syntax errors, word for word. kube-apiserver reads a file that starts with `{`
// as JSON: its serializer finds the version and kind with json.Unmarshal, which checks the whole
// input with encoding/json's scanner first (scanner.go checkValid) and fails with the scanner's
// first error, "invalid character ']' looking for beginning of value". JavaScript's JSON.parse
// accepts the same texts but words its errors its own way, so the scanner's states are followed
// here to say what kube-apiserver says. Only called for a text JSON.parse refused.
import { goEscapedRune } from './goSyntax';

/** Go's maxNestingDepth (scanner.go, Go 1.15 and later). */
const MAX_DEPTH = 10000;

type Step = (c: number) => Step | Fail;
type Container = 'objectKey' | 'objectValue' | 'arrayValue';

class Fail {
  constructor(readonly message: string) {}
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Go's SyntaxError message for `text`, and the offset of the character it is about (the end of the
 *  text for "unexpected end of JSON input"), or undefined when Go's scanner finds no error. */
export function goJsonSyntaxError(text: string): { message: string; offset: number } | undefined {
  const stack: Container[] = [];
  let atTop = false;

  const fail = (c: number, context: string): Fail => new Fail(`invalid character ${quoteChar(c)} ${context}`);
  const push = (c: number, container: Container, next: Step): Step | Fail => {
    stack.push(container);
    return stack.length > MAX_DEPTH ? fail(c, 'exceeded max depth') : next;
  };
  const pop = (): Step => {
    stack.pop();
    if (stack.length === 0) {
      atTop = true;
      return endTop;
    }
    return endValue;
  };
  const literal =
    (expected: string, word: string, after: Step): Step =>
    (c) =>
      c === expected.charCodeAt(0)
        ? after
        : fail(c, `in literal ${word} (expecting ${quoteChar(expected.charCodeAt(0))})`);

  const beginValue: Step = (c) => {
    if (isSpace(c)) return beginValue;
    if (c === 123 /* { */) return push(c, 'objectKey', beginStringOrEmpty);
    if (c === 91 /* [ */) return push(c, 'arrayValue', beginValueOrEmpty);
    if (c === 34 /* " */) return inString;
    if (c === 45 /* - */) return negative;
    if (c === 48 /* 0 */) return zero;
    if (c === 116 /* t */) return literal('r', 'true', literal('u', 'true', literal('e', 'true', endValue)));
    if (c === 102 /* f */)
      return literal('a', 'false', literal('l', 'false', literal('s', 'false', literal('e', 'false', endValue))));
    if (c === 110 /* n */) return literal('u', 'null', literal('l', 'null', literal('l', 'null', endValue)));
    if (c >= 49 && c <= 57) return digits;
    return fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return beginValueOrEmpty;
    return c === 93 /* ] */ ? endValue(c) : beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return beginStringOrEmpty;
    if (c === 125 /* } */) {
      stack[stack.length - 1] = 'objectValue';
      return endValue(c);
    }
    return beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return beginString;
    return c === 34 ? inString : fail(c, 'looking for beginning of object key string');
  };
  const endValue: Step = (c) => {
    if (stack.length === 0) {
      atTop = true;
      return endTop(c);
    }
    if (isSpace(c)) return endValue;
    const container = stack[stack.length - 1];
    if (container === 'objectKey') {
      if (c !== 58 /* : */) return fail(c, 'after object key');
      stack[stack.length - 1] = 'objectValue';
      return beginValue;
    }
    if (container === 'objectValue') {
      if (c === 44 /* , */) {
        stack[stack.length - 1] = 'objectKey';
        return beginString;
      }
      return c === 125 ? pop() : fail(c, 'after object key:value pair');
    }
    if (c === 44) return beginValue;
    return c === 93 ? pop() : fail(c, 'after array element');
  };
  const endTop: Step = (c) => (isSpace(c) ? endTop : fail(c, 'after top-level value'));
  const inString: Step = (c) => {
    if (c === 34) return endValue;
    if (c === 92 /* \ */) return inEscape;
    return c < 0x20 ? fail(c, 'in string literal') : inString;
  };
  const inEscape: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) return inString;
    return c === 117 /* u */ ? hex(4) : fail(c, 'in string escape code');
  };
  const hex =
    (left: number): Step =>
    (c) =>
      !isHex(c) ? fail(c, 'in \\u hexadecimal character escape') : left === 1 ? inString : hex(left - 1);
  const negative: Step = (c) => (c === 48 ? zero : c >= 49 && c <= 57 ? digits : fail(c, 'in numeric literal'));
  const digits: Step = (c) => (isDigit(c) ? digits : zero(c));
  const zero: Step = (c) => (c === 46 /* . */ ? dot : c === 101 || c === 69 ? exponent : endValue(c));
  const dot: Step = (c) => (isDigit(c) ? fraction : fail(c, 'after decimal point in numeric literal'));
  const fraction: Step = (c) => (isDigit(c) ? fraction : c === 101 || c === 69 ? exponent : endValue(c));
  const exponent: Step = (c) => (c === 43 || c === 45 ? exponentSign : exponentSign(c));
  const exponentSign: Step = (c) => (isDigit(c) ? exponentDigits : fail(c, 'in exponent of numeric literal'));
  const exponentDigits: Step = (c) => (isDigit(c) ? exponentDigits : endValue(c));

  let step: Step = beginValue;
  for (let i = 0; i < text.length; i++) {
    const next = step(goByte(text, i));
    if (next instanceof Fail) return { message: next.message, offset: i };
    step = next;
  }
  // scanner.eof: the end of the text is read as a space; a value that then ends at the top is whole.
  if (atTop) return undefined;
  const last = step(32);
  if (last instanceof Fail) return { message: last.message, offset: text.length };
  if (atTop) return undefined;
  return { message: 'unexpected end of JSON input', offset: text.length };
}

/** The byte Go's scanner sees at a UTF-16 index: the character itself when it is ASCII, else the
 *  first byte of its UTF-8 form (outside strings any such byte is the error; inside, all are fine). */
function goByte(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return c;
  if (c < 0x800) return 0xc0 | (c >> 6);
  if (c >= 0xd800 && c <= 0xdbff) return 0xf0 | ((((c - 0xd800) << 10) + 0x10000) >> 18);
  return 0xe0 | (c >> 12);
}

/** scanner.go quoteChar: the byte as Go's strconv.Quote writes string(rune(c)), in single quotes. */
function quoteChar(c: number): string {
  if (c === 39) return `'\\''`;
  if (c === 34) return `'"'`;
  return `'${goEscapedRune(c)}'`;
}
