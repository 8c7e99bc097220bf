// A log given as YAML documents, one record each, separated by `---` lines: what `gcloud logging
// read` prints by default (without `--format=json`). Each document is handed on as one JSON line,
// at its first line, so every reader of JSON lines reads it (a GKE entry, an event). A file is
// taken for YAML when its first line opens a document (`---`), or a mapping (`insertId: ...`)
// that the second line goes on with, or when it is one line of YAML that is not JSON (a flow
// mapping, `key: value`); any other file passes through untouched. Comment lines (`# ...`) before
// the first line say nothing either way (a saved log with a licence header, as GoogleCloudPlatform/khi
// keeps its GKE audit entries): they are held until it is known, then dropped from YAML (no
// document's text) or handed on as lines. A file whose first line is an item of a list of
// mappings (`- AuditId: ...`, what `az ... --output yaml` and `yq -P` print for a list of records)
// is read an item at a time: each item at column 0 is a document of its own, at its first line. Blank lines come apart
// (`blank`): inside a document they are its text (an empty line of a block scalar, `|`), in a log
// of lines they are nothing and are dropped.
import { parseDocument } from 'yaml';
import { goJson } from './goCompact';
import { tooDeepFrom } from '../text/nesting';

/** What takes a log's lines (the Node reader's handler): each without its terminator. */
export interface LogLines {
  /** `inputBytes` counts the line's terminator too. */
  line(line: number, bytes: Uint8Array, inputBytes: number): void;
  bad(line: number, reason: string): void;
}

/** A key at the start of a line, then `:` and a space or the end: how a YAML mapping opens. */
const OPENS_MAPPING = /^[A-Za-z_][\w.-]*:( |$)/;
const SEPARATOR = /^(---|\.\.\.)[ \t]*$/;
/** An item of a list at column 0: `- ` then its value, or `-` alone (its value on the next lines). */
const ITEM = /^-( |$)/;
/** A YAML comment line (YAML 1.2, 6.6): `#` after nothing but white space. */
const COMMENT = /^[ \t]*#/;

export interface YamlDocuments extends LogLines {
  /** A line of spaces, tabs and carriage returns only (isBlank), which no log of lines hands on. */
  blank(line: number, bytes: Uint8Array, inputBytes: number): void;
  /** Hands on the last document; call once the file is read. */
  end(): void;
}

export function yamlDocuments(handler: LogLines, maxBytes: number): YamlDocuments {
  let yaml: boolean | undefined;
  /** The file is a list at the top level: each item is read as a document. */
  let items = false;
  let skipping = false;
  let doc: { line: number; parts: string[]; bytes: number } | undefined;
  const decoder = new TextDecoder();

  const flush = (): void => {
    if (!doc) return;
    const { line, parts } = doc;
    doc = undefined;
    const text = parts.join('\n');
    // The `yaml` package's recursion must not reach the end of the stack (text/nesting.ts).
    if (tooDeepFrom(text) !== -1) return handler.bad(line, 'nested too deeply to read');
    const parsed = parseDocument(text, { uniqueKeys: false });
    const error = parsed.errors[0];
    if (error) {
      const at = line + (error.linePos?.[0].line ?? 1) - 1;
      return handler.bad(line, `not YAML at line ${at}: ${error.message.split('\n')[0].replace(/ at line .*$/, '')}`);
    }
    const value: unknown = parsed.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    // Sized as kube-apiserver's line of the same JSON, not as the YAML text.
    const json = new TextEncoder().encode(goJson(value));
    handler.line(line, json, json.length + 1);
  };

  /** The first line, kept until the second says whether the file is YAML, and the blank lines after it. */
  let first: [number, Uint8Array, number] | undefined;
  let blanks: Array<[number, Uint8Array, number]> = [];
  let blanksBytes = 0;
  /** The comment lines before the first line, while it is not yet known whether the file is YAML. */
  let comments: Array<[number, Uint8Array, number]> = [];

  /** The comment lines held are handed on as lines (the file is not YAML) or dropped. */
  const endComments = (asLines: boolean): void => {
    if (asLines) for (const c of comments) handler.line(...c);
    comments = [];
  };

  /** The file is read as lines: the first line is handed on, the blank lines after it dropped. */
  const asLines = (): void => {
    yaml = false;
    endComments(true);
    if (first) handler.line(...first);
    first = undefined;
    blanks = [];
  };

  const add = (line: number, bytes: Uint8Array): void => {
    const text = decoder.decode(bytes);
    if (SEPARATOR.test(text)) {
      skipping = false;
      return flush();
    }
    const item = items && ITEM.test(text);
    if (item) {
      skipping = false;
      flush();
    }
    if (skipping) return;
    doc ??= { line, parts: [], bytes: 0 };
    // The item's value, indented as it was under its `- `: the same mapping, now a document.
    doc.parts.push(item ? `  ${text.slice(2)}` : text);
    doc.bytes += bytes.length + 1;
    if (doc.bytes > maxBytes) {
      handler.bad(doc.line, `a YAML document longer than ${maxBytes / 1024 / 1024} MiB`);
      doc = undefined;
      skipping = true; // up to the next document
    }
  };

  return {
    line(line, bytes, inputBytes) {
      if (yaml === false) return handler.line(line, bytes, inputBytes);
      if (yaml) return add(line, bytes);
      if (!first) {
        if (COMMENT.test(decoder.decode(bytes.subarray(0, 256)))) {
          comments.push([line, bytes.slice(), inputBytes]);
          // More than a document may hold: the file is read as lines, as it would be without them.
          if ((blanksBytes += bytes.length + 1) > maxBytes) asLines();
          return;
        }
        first = [line, bytes.slice(), inputBytes];
        return;
      }
      const [firstText, secondText] = [decoder.decode(first[1]), decoder.decode(bytes)];
      items = isList(firstText, secondText);
      yaml = items || isYaml(firstText, secondText);
      endComments(!yaml);
      const taken = yaml ? add : handler.line.bind(handler);
      taken(...first);
      if (yaml) for (const b of blanks) if (doc) add(b[0], b[1]); // after a first `---`, nothing
      first = undefined;
      blanks = [];
      taken(line, bytes, inputBytes);
    },
    blank(line, bytes, inputBytes) {
      if (first) {
        blanks.push([line, bytes.slice(), inputBytes]);
        // More than a document may hold: no YAML document this file could have would be read.
        if ((blanksBytes += bytes.length + 1) > maxBytes) asLines();
      } else if (yaml && doc) add(line, bytes); // before a document's first line, nothing
    },
    bad(line, reason) {
      if (first || comments.length > 0) asLines(); // a line that could not be read: the file is read as lines
      handler.bad(line, reason);
    },
    end() {
      if (first) {
        const value = oneLineDocument(first[1]);
        endComments(value === undefined);
        if (value === undefined) handler.line(...first);
        else {
          const json = new TextEncoder().encode(goJson(value));
          handler.line(first[0], json, json.length + 1);
        }
      }
      endComments(true); // a file of comments only
      first = undefined;
      flush();
    },
  };
}

/** Whether a file whose first two lines are these is a YAML list of mappings: `- key: ...`, then more of it. */
function isList(first: string, second: string): boolean {
  if (!ITEM.test(first)) return false;
  const value = first.slice(2);
  return (value === '' || OPENS_MAPPING.test(value)) && (/^\s+\S/.test(second) || ITEM.test(second));
}

/**
 * Whether a file whose first two lines are these is YAML: a document separator, or a mapping whose
 * next line is another key or an indented value. A line of text that happens to open like a key
 * (`Note: ...`) followed by JSON lines is not.
 */
function isYaml(first: string, second: string): boolean {
  if (SEPARATOR.test(first)) return true;
  return OPENS_MAPPING.test(first) && (OPENS_MAPPING.test(second) || SEPARATOR.test(second) || /^\s+\S/.test(second));
}

/**
 * A file of one line, as YAML: a mapping (`key: value`) or a flow collection that is not JSON
 * (`{kind: Event, verb: get, ...}`: JSON's keys are quoted), when it parses into a mapping or a
 * list; undefined otherwise, and the line is read as any line is. A JSON line stays a line, its
 * size its bytes; so do a CRI line, a prefix before JSON (`[pod/x] {...}` does not parse) and the
 * text format, which open with no key.
 */
function oneLineDocument(bytes: Uint8Array): object | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)); // all the sniffing looks at
  if (!OPENS_MAPPING.test(head) && !opensFlowYaml(head)) return undefined;
  const text = new TextDecoder().decode(bytes);
  if (tooDeepFrom(text) !== -1) return undefined; // the `yaml` package's recursion: text/nesting.ts
  const parsed = parseDocument(text, { uniqueKeys: false });
  if (parsed.errors.length > 0) return undefined;
  const value: unknown = parsed.toJS({ maxAliasCount: 100 });
  return value !== null && typeof value === 'object' ? value : undefined;
}

/**
 * `{` or `[` (and more of them), then what opens no JSON value: a word (not `true`, `false` or
 * `null` in a list) or a single quote.
 */
function opensFlowYaml(text: string): boolean {
  const m = /^[\s{[]*([{[])\s*([A-Za-z_']\w*)/.exec(text);
  return m !== null && !(m[1] === '[' && /^(true|false|null)$/.test(m[2]));
}
