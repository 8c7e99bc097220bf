// The `yaml` package's reading of a policy: the whole text, a fragment, one rule item, with the
// problems it finds and go-yaml's own refusals it cannot see (control characters). It builds the
// tree and its positions; the verdict on the text is go-yaml's (verdict.ts).
import { isAlias, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { AliasBudgetExceeded, convertDocument } from './convert';
import type { ConvertLimits } from './convert';
import { findPair, isMap, isSeq } from './model';
import type { LaterDocument, Node, ParsedPolicy, RuleItem, YamlError } from './model';
import { lineEndAt } from '../text/lines';
import { TREE_DEPTH, shallowed, tooDeepFrom } from '../text/nesting';

/** Tags the `yaml` package would turn into other shapes, which go-yaml v2 does not: it ignores a
 *  collection's tag (decode.go unmarshal() switches on the node's kind only), so `!!omap` and
 *  `!!pairs` lists stay lists of mappings, and decodes `!!binary` to its text (convert.ts). */
const GO_YAML_IGNORES = new Set(['tag:yaml.org,2002:binary', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs']);

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: false, // duplicates are reported by our own check, with which value wins
  prettyErrors: false,
  keepSourceTokens: false,
  customTags: (tags) => tags.filter((t) => typeof t !== 'object' || !GO_YAML_IGNORES.has(t.tag)),
  resolveKnownTags: false, // else the tags filtered out above come back for a tagged node
};

/** The `yaml` package's reading of the whole text. */
export function parseWholeWithYaml(text: string): ParsedPolicy {
  const shallow = shallowed(text);
  if (shallow) return readShallowed(text, shallow);
  try {
    const docs = parseAllDocuments(text, YAML_OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    const first = list[0];
    // `yaml` files a bad token at the start of the next document under the previous one; the
    // first document ends at its range end, and kube-apiserver reads nothing after it.
    const firstEnd = first && list.length > 1 ? first.range[2] : text.length;
    const syntaxErrors = first
      ? [...problemsOf(first, 0).filter((p) => p.start <= firstEnd), ...controlCharacters(text, firstEnd)]
      : [];
    const root = first ? convertOrKeepShape(first, text, syntaxErrors) : null;
    const rules = rulesOf(root).map((node, index): RuleItem => ({ index, base: 0, node, key: '', syntaxErrors: [] }));
    const laterDocuments = list.slice(1).map((doc) => laterDocument(doc, text, 0));
    return { text, root, rules, syntaxErrors, laterDocuments, segmented: false };
  } catch (error) {
    return unparseable(text, error);
  }
}

export interface ParsedRuleItem {
  readonly node: Node;
  readonly errors: readonly YamlError[];
  /** Offset of the first character go-yaml refuses (see controlCharacters), or -1. */
  readonly controlCharacter?: number;
}

/** The reference reading of a rule item, by the `yaml` package (exported for the equivalence test). */
export function parseRuleItemWithYaml(itemText: string): ParsedRuleItem | undefined {
  if (tooDeepFrom(itemText) !== -1) return undefined; // read with the whole text (readShallowed)
  const doc = parseDocument(itemText, YAML_OPTIONS);
  if (hasAnchorsOrAliases(itemText, doc)) return undefined;
  const errors = problemsOf(doc, 0);
  const root = convertDeepAtMost(doc, itemText, 0, errors);
  if (!isSeq(root) || root.items.length !== 1) return undefined;
  return { node: root.items[0], errors };
}

export function parseFragment(
  text: string,
  start: number,
  end: number,
): { root: Node | null; errors: YamlError[] } | undefined {
  const fragment = text.slice(start, end);
  if (tooDeepFrom(fragment) !== -1) return undefined; // read with the whole text (readShallowed)
  const doc = parseDocument(fragment, YAML_OPTIONS);
  if (hasAnchorsOrAliases(fragment, doc)) return undefined;
  const errors = problemsOf(doc, start);
  return { root: convertDeepAtMost(doc, fragment, start, errors), errors };
}

/** Anchors and aliases may cross item boundaries; only a whole-document parse resolves them. */
function hasAnchorsOrAliases(text: string, doc: Document.Parsed): boolean {
  if (!text.includes('&') && !text.includes('*')) return false;
  let found = false;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** An alias bomb, or nesting deeper than TREE_DEPTH, is a syntax error where it happens, not an
 *  unreadable file: the rest of the document is kept (aliases, or what lies too deep, as null) so
 *  the editor still knows it is an audit policy and says why it fails. */
function convertOrKeepShape(doc: Document.Parsed, text: string, syntaxErrors: YamlError[]): Node | null {
  try {
    return convertDeepAtMost(doc, text, 0, syntaxErrors);
  } catch (error) {
    if (error instanceof AliasBudgetExceeded) {
      syntaxErrors.push({ start: error.start, end: Math.max(error.start, error.end), message: ALIASES_EXCESSIVE });
      return convertDeepAtMost(doc, text, 0, syntaxErrors, false);
    }
    throw error;
  }
}

/** convertDocument down to TREE_DEPTH: deeper nodes are nulls, and the first one's place is the
 *  reading's nested-too-deeply problem in `problems` (the `yaml` package's own give-up, where its
 *  stack ended, is not kept: it moves with the stack). */
function convertDeepAtMost(
  doc: Document.Parsed,
  text: string,
  base: number,
  problems: YamlError[],
  expandAliases = true,
): Node | null {
  const limits: ConvertLimits = { maxDepth: TREE_DEPTH, expandAliases };
  const root = convertDocument(doc, text, base, limits);
  const at = limits.truncatedAt;
  if (at === undefined) return root;
  // The `yaml` package's own give-up (RESOURCE_EXHAUSTION) lies deeper and moves with the stack.
  const deeper = problems.findIndex((e) => e.message === NESTED_TOO_DEEPLY);
  if (deeper !== -1) problems.splice(deeper, 1);
  problems.push({ start: at, end: Math.min(base + text.length, at + 1), message: NESTED_TOO_DEEPLY });
  return root;
}

const ALIASES_EXCESSIVE = 'the document expands aliases excessively (go-yaml refuses such documents too)';

export function rulesOf(root: Node | null): readonly Node[] {
  if (!isMap(root)) return [];
  const rules = findPair(root, 'rules')?.value;
  return isSeq(rules) ? rules.items : [];
}

export function laterDocument(doc: Document.Parsed, text: string, base: number): LaterDocument {
  const [start, , end] = doc.range;
  let root: Node | null;
  try {
    root = convertDocument(doc, text, base, { maxDepth: TREE_DEPTH });
  } catch {
    root = null;
  }
  return { start: base + start, end: base + end, root };
}

/** The documents after the first (kube-apiserver reads none of them), read as their shallowed copy
 *  where they may nest too deeply for the `yaml` package (text/nesting.ts). */
export function parseAllDocumentsSafe(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(shallowed(text)?.text ?? text, YAML_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

function problemsOf(doc: Document.Parsed, base: number): YamlError[] {
  return doc.errors.map((error) => {
    const [start, end] = error.pos;
    // RESOURCE_EXHAUSTION is `yaml` catching its own stack overflow on deep nesting.
    const message = error.code === 'RESOURCE_EXHAUSTION' ? NESTED_TOO_DEEPLY : error.message.split('\n')[0];
    return { start: base + start, end: base + Math.max(end, start), message };
  });
}

export const NESTED_TOO_DEEPLY = 'the document is nested too deeply to read';

/** What go-yaml's reader accepts (yaml_parser_update_buffer): tab, line breaks and printable
 *  characters; anything else ("control characters are not allowed") fails the whole file, while
 *  `yaml` reads it silently. Surrogates are let through: pairs are printable characters. */
export const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ufffd]/;

/** The first control character of the first document (which ends at `end`), as a syntax problem. */
export function controlCharacters(text: string, end: number): YamlError[] {
  const match = NOT_PRINTABLE.exec(text);
  if (!match || match.index >= end) return [];
  return [controlProblem(text, match.index)];
}

export function controlProblem(text: string, at: number): YamlError {
  const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  return { start: at, end: at + 1, message: `control characters are not allowed (U+${code} here)` };
}

/** A text that may nest too deeply for the `yaml` package is read as its shallowed copy (same
 *  offsets, text/nesting.ts), and the cut is where the tree stops. go-yaml's own tree, down to
 *  TREE_DEPTH, is used where it reads the file (verdict.ts). */
function readShallowed(text: string, shallow: { readonly text: string; readonly cutAt: number }): ParsedPolicy {
  const parsed = parseWholeWithYaml(shallow.text);
  const cut: YamlError = {
    start: shallow.cutAt,
    end: Math.min(text.length, shallow.cutAt + 1),
    message: NESTED_TOO_DEEPLY,
  };
  const others = parsed.syntaxErrors.filter((e) => e.message !== NESTED_TOO_DEEPLY);
  return { ...parsed, text, syntaxErrors: [...others, cut].sort((a, b) => a.start - b.start) };
}

export function unparseable(text: string, error: unknown): ParsedPolicy {
  const message =
    error instanceof AliasBudgetExceeded
      ? ALIASES_EXCESSIVE
      : error instanceof RangeError
        ? NESTED_TOO_DEEPLY
        : `the document cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  return {
    text,
    root: null,
    rules: [],
    syntaxErrors: [{ start: 0, end: lineEndAt(text, 0), message }],
    laterDocuments: [],
    segmented: false,
  };
}
