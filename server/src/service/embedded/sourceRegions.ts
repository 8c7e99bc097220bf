// The policies a Go, Python, JavaScript, TypeScript, Java, Kotlin, Nix or Rust source file holds in its
// string literals (stringLiterals.ts): an operator's `const auditPolicy = \`apiVersion: audit.k8s.io/v1
// ...\``, a test's `AUDIT_POLICY = """..."""`, a NixOS module's `text = '' ... ''`, a ConfigMap's
// `"policy.yaml": "...\n..."`. A literal that is a policy is one; a literal that is a manifest (a
// ConfigMap) or a shell script holding one is a host in turn, and so is a string the program joins
// from several literals. Nothing else in the file is read: code is not YAML. Only a literal that
// names the audit API (`audit.k8s.io/`) is read at all: a program that builds a policy keeps pieces
// of one (`"rules:\n- level: Metadata"` to append), which are no policy, where a YAML value holding
// only rules is one (Kubespray's).
import { innerHostRegions, isPolicyText, nestedIn, withOpaque } from './region';
import type { FindInner, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';
import type { Piece } from './sourceMap';
import { stringLiterals } from './stringLiterals';
import type { SourceLanguage, StringLiteral } from './stringLiterals';

export function sourceRegions(text: string, language: SourceLanguage, readInner: FindInner): Region[] {
  const regions: Region[] = [];
  let line = 1;
  let counted = 0;
  for (const literal of joinedLiterals(text, stringLiterals(text, language), language)) {
    if (!literal.text.includes('audit.k8s.io/')) continue;
    // Named by the line its opening quote is on (a text block's content starts on the next).
    line += countLines(text, counted, literal.open);
    counted = literal.open;
    const hostPath = `string (line ${line})`;
    const map = new SourceMap(literal.pieces, literal.text.length);
    const encoding = encodingOf(literal, language);
    const opaque = literal.opaque.length > 0 ? literal.opaque : undefined;
    const scripted = innerHostRegions(literal.text, readInner);
    if (scripted.length === 0 && isPolicyText(literal.text)) {
      regions.push({ hostPath, text: literal.text, map, encoding, byHostPath: false, opaque });
      continue;
    }
    const read = scripted.length > 0 ? scripted : readInner(literal.text, 'yaml');
    const inner = read.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, encoding));
    // The literal's own substitutions stay opaque in what it holds.
    regions.push(...inner.map((r) => withOpaque(r, opaque)));
  }
  return regions;
}

/** Literals the program joins into one string: `"a\n" +\n "b\n"` (Go, JavaScript, Python), and
 *  Python's adjacent literals (`("a\n"\n "b\n")`, The Python Language Reference, 2.4.2 String
 *  literal concatenation), as generated code writes a policy line by line. */
function joinedLiterals(text: string, literals: readonly StringLiteral[], language: SourceLanguage): Joined[] {
  const joiner = language === 'python' ? /^\s*(\+\s*)?$/ : /^\s*\+\s*$/;
  const groups: StringLiteral[][] = [];
  for (const literal of literals) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (previous && joiner.test(text.slice(previous.close, literal.open))) group.push(literal);
    else groups.push([literal]);
  }
  return groups.map((group) => (group.length === 1 ? { ...group[0], parts: group } : join(group)));
}

interface Joined extends StringLiteral {
  readonly parts: readonly StringLiteral[];
}

function join(parts: readonly StringLiteral[]): Joined {
  const pieces: Piece[] = [];
  let region = 0;
  parts.forEach((part, k) => {
    for (const p of part.pieces) pieces.push({ ...p, region: p.region + region });
    region += part.text.length;
    // What joins two parts (`" +\n\t\t"`) holds no character of the string, but is the string's:
    // an empty part at either end (a line a fix removed) still ends the policy's place.
    const next = parts[k + 1];
    if (next) pieces.push({ region, regionLength: 0, host: part.end, hostLength: next.start - part.end });
  });
  const first = parts[0];
  const last = parts[parts.length - 1];
  return {
    ...first,
    end: last.end,
    close: last.close,
    text: parts.map((p) => p.text).join(''),
    pieces,
    multiline: parts.some((p) => p.multiline),
    opaque: parts.flatMap((p) => p.opaque),
    parts,
  };
}

/** How inserted text is written into the literal: as lines where the literal holds lines as they
 *  are, refusing what would end it or be read as an escape; escaped where it is one line. */
function encodingOf(literal: Joined, language: SourceLanguage): RegionEncoding {
  const { parts } = literal;
  if (parts.length > 1) {
    // Joined literals of one kind take what one of them takes (a line break escaped, in the part
    // the edit falls in); literals of different kinds, only a word.
    const same = parts.every((p) => !p.multiline && p.quote === parts[0].quote);
    return same ? encodingOf({ ...parts[0], parts: [parts[0]] }, language) : { kind: 'double', refuse: /[^\w./*-]/ };
  }
  if (!literal.multiline) {
    // Kotlin reads `$` as a template, Nix `${`; none of Kotlin, Nix and Rust reads the escapes JSON
    // writes for a control character (`\f`, `\u0001`).
    if (language === 'kotlin' || language === 'nix' || language === 'rust') {
      const reads = language === 'kotlin' ? ['\\$'] : language === 'nix' ? ['\\$\\{'] : [];
      return { kind: 'double', refuse: new RegExp([...reads, CONTROL].join('|'), 'u') };
    }
    return literal.quote === "'" ? { kind: 'double', quote: "'" } : { kind: 'double' };
  }
  // A Nix string in double quotes spans lines as it is, but reads escapes and `${`; a Rust raw
  // string ends only at its quote and `#`s.
  const refuse =
    language === 'nix' && literal.quote === '"'
      ? /\\|"|\$\{/
      : language === 'rust' && !literal.escapes
        ? new RegExp(literal.quote)
        : MULTILINE_REFUSE[language];
  return { kind: 'lines', indent: literal.indent ?? '', refuse: refuse ?? quoteOrBackslash(literal.quote) };
}

/** Control characters other than a line break, a carriage return and a tab. */
const CONTROL = '[^\\P{Cc}\\n\\r\\t]';

/** What a literal spanning lines cannot hold as it is: Go's raw string ends at a backquote; a
 *  template literal also reads `${` and escapes; a Java text block escapes and ends at `"""`, a
 *  Kotlin raw string at `"""` and reads `$`; a Nix indented string ends at `''` and reads `${`. */
const MULTILINE_REFUSE: Partial<Record<SourceLanguage, RegExp>> = {
  go: /`/,
  javascript: /`|\\|\$\{/,
  java: /\\|"""/,
  kotlin: /\$|"""/,
  nix: /''|\$\{/,
};

/** Python's triple-quoted strings read escapes and end at their quotes. */
function quoteOrBackslash(quote: string): RegExp {
  return new RegExp(`\\\\|${quote}`);
}

/** The line breaks in [from, to) as the editor counts them: `\n`, `\r\n` and a lone `\r`. */
function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}
