// Respellings of a policy that kube-apiserver reads in surprising ways: a key in another case
// (the audit types' JSON decoder matches field names case-insensitively in 1.20, json-iterator,
// and case-sensitively in 1.36), a key written twice in two cases (which one wins?), a value in
// another case (`GET`, `metadata`, `Pods`), a key or value past go-yaml's limits (a simple key of
// more than 1,024 characters is no key; a scalar longer than the 512-byte reads), and the line
// ends and indentation other editors write (a lone CR, mixed CRLF, NEL, LS, tabs). Each picks its
// target with plain numbers, as mutations.ts does, so fast-check generates and replays them.
import { ITEM_VALUE, KEY, KEY_VALUE, nth, pick } from './lines';

/** A word in another case, or with the letters Go's case folding also matches (U+017F long s for
 *  s, U+212A Kelvin for k), as a user or a converter writes it. */
const CASES: ReadonlyArray<(word: string) => string> = [
  (w) => w.toLowerCase(),
  (w) => w.toUpperCase(),
  (w) => w.charAt(0).toUpperCase() + w.slice(1),
  (w) => w.charAt(0).toLowerCase() + w.slice(1),
  (w) => w.replace(/[A-Z]/, (c) => c.toLowerCase()).replace(/(?<=.)[a-z]/, (c) => c.toUpperCase()),
  (w) => w.replace('s', '\u017f'),
  (w) => w.replace(/k/i, '\u212a'),
];

/** Lengths around go-yaml's limits: a simple key holds at most 1,024 characters (scannerc.go
 *  yaml_parser_stale_simple_keys), its reader decodes 512 bytes at a time. */
const LENGTHS = [511, 512, 1_023, 1_024, 1_025, 4_097, 70_000];

const LINE_ENDS: ReadonlyArray<(lines: readonly string[]) => string[]> = [
  (lines) => [lines.join('\r')],
  (lines) => lines.map((l, k) => (k % 2 === 0 && k < lines.length - 1 ? `${l}\r` : l)),
  (lines) => lines.map((l, k) => (k < lines.length - 1 ? `${l}\r\r` : l)),
  (lines) => [lines.join('\u0085')],
  (lines) => [lines.join('\u2028')],
  (lines) => lines.map((l) => l.replace(/^(?: {2})+/, (spaces) => '\t'.repeat(spaces.length / 2))),
  (lines) => lines.map((l) => l.replace(/^ +/, (spaces) => `${spaces}\t`)),
];

export function respell(input: readonly string[], n: number, v: number): string[] {
  const lines = [...input];
  const variant = v >> 3;
  switch (v % 5) {
    case 0: {
      // A key in another case.
      const at = nth(lines, (l) => KEY.test(l), n);
      if (at !== -1)
        lines[at] = lines[at].replace(KEY, (_all, p: string, key: string) => `${p}${recase(key, variant)}:`);
      return lines;
    }
    case 1: {
      // A key and its value written again, the key in another case (or the same), before or after.
      const at = nth(lines, (l) => KEY_VALUE.test(l), n);
      if (at === -1) return lines;
      const m = KEY.exec(lines[at])!;
      const column = ' '.repeat(m[1].length);
      const twin = `${column}${variant % 8 === 7 ? m[2] : recase(m[2], variant)}${lines[at].slice(m[0].length - 1)}`;
      if (variant % 2 === 0) lines.splice(at + 1, 0, twin);
      else lines.splice(at, 1, `${m[1]}${twin.slice(column.length)}`, `${column}${lines[at].slice(m[1].length)}`);
      return lines;
    }
    case 2: {
      // A value in another case.
      const at = nth(lines, (l) => KEY_VALUE.test(l) || ITEM_VALUE.test(l), n);
      if (at === -1) return lines;
      const m = KEY_VALUE.exec(lines[at]) ?? ITEM_VALUE.exec(lines[at])!;
      lines[at] = m[1] + recase(m[2], variant);
      return lines;
    }
    case 3: {
      // A value, or a key, made long.
      const length = pick(LENGTHS, variant);
      if (variant % 3 === 2) {
        const at = nth(lines, (l) => KEY.test(l), n);
        if (at !== -1) lines[at] = lines[at].replace(KEY, (_all, p: string, key: string) => `${p}${pad(key, length)}:`);
        return lines;
      }
      const at = nth(lines, (l) => KEY_VALUE.test(l) || ITEM_VALUE.test(l), n);
      if (at === -1) return lines;
      const m = KEY_VALUE.exec(lines[at]) ?? ITEM_VALUE.exec(lines[at])!;
      const quoted = /^(["'])(.*)\1$/.exec(m[2]);
      lines[at] = m[1] + (quoted ? `${quoted[1]}${pad(quoted[2], length)}${quoted[1]}` : pad(m[2], length));
      return lines;
    }
    default:
      // Other line ends, or the indentation in tabs.
      return pick(LINE_ENDS, variant)(lines);
  }
}

function recase(word: string, variant: number): string {
  const spelt = pick(CASES, variant)(word);
  return spelt === word ? pick(CASES, variant + 1)(word) : spelt;
}

/** The text made `length` characters long, its own characters repeated (inside a flow list, its
 *  first item's). */
function pad(text: string, length: number): string {
  const flow = /^\[([^\],]*)(.*)$/.exec(text);
  if (flow) return `[${pad(flow[1] || 'x', length)}${flow[2]}`;
  const seed = text.replace(/\s+$/, '') || 'x';
  return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
}
