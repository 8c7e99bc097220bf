// What the extension-host tests use of `node:assert/strict`, for the web-worker host, where
// Node's assert does not exist: ok, equal, notEqual, deepEqual, match, doesNotMatch. The web build
// (build.mjs) puts this module in its place; messages follow Node's where a test prints them.

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

const show = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `The expression evaluated to a falsy value: ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected))
    fail(message, `Expected values to be strictly equal: ${show(actual)} !== ${show(expected)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`);
}

/** Strict deep equality of what the tests compare: primitives, arrays and plain objects. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (k) =>
        Object.prototype.hasOwnProperty.call(b, k) &&
        same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!same(actual, expected))
    fail(message, `Expected values to be strictly deep-equal:\n${show(actual)}\n!==\n${show(expected)}`);
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (typeof text !== 'string' || !pattern.test(text))
    fail(message, `The input did not match the regular expression ${pattern}. Input: ${show(text)}`);
}

export function doesNotMatch(text: string, pattern: RegExp, message?: string): void {
  if (typeof text !== 'string' || pattern.test(text))
    fail(message, `The input was expected to not match the regular expression ${pattern}. Input: ${show(text)}`);
}
