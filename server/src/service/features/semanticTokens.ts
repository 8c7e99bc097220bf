// Semantic tokens for what a TextMate grammar cannot know: whether a word is a field of the place
// it stands in, and what a value means there (a level, a stage, a verb, an API group, a resource,
// a user). Only known keys and valid values get a token; everything else keeps the YAML colours.
import type { SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver-types';
import { LEVEL_NAMES, NON_RESOURCE_VERBS, RESOURCE_VERBS, STAGE_NAMES } from '../catalogue/values';
import type { PolicyDocument } from '../document';
import type { Node } from '../parse/model';
import { ITEM, placeOf } from './path';

const TOKEN_TYPES = ['property', 'enumMember', 'keyword', 'namespace', 'type', 'variable', 'string'] as const;
type TokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

const VERBS = new Set([...RESOURCE_VERBS, ...NON_RESOURCE_VERBS].map((v) => v.value));
const ITEM_TOKENS: Partial<Record<string, TokenType>> = {
  user: 'variable',
  userGroup: 'variable',
  namespace: 'namespace',
  resource: 'type',
  nonResourceURL: 'string',
};

interface Token {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
}

interface LineToken {
  readonly line: number;
  readonly char: number;
  readonly length: number;
  readonly type: number;
}

// A rule's tokens with lines counted from the rule's first line. Unchanged rules keep their parsed
// node between edits (parse/ruleCache.ts), so only the rules an edit touched are walked again.
const ruleTokens = new WeakMap<Node, readonly LineToken[]>();

/** Tokens of the whole document, or of the lines `from..to` (offsets), in LSP's encoding: five
 *  numbers per token (line delta, start delta, length, type, modifiers). */
export function semanticTokens(doc: PolicyDocument, from = 0, to = doc.text.length): Uint32Array {
  const encoder = new TokenEncoder(doc.lines.positionAt(from).line, doc.lines.positionAt(to).line);
  const raw: Token[] = [];
  const root = doc.parsed.root;
  if (root) walk(root, [], 0, raw, true);
  const rootTokens = raw
    .map((t) => lineToken(doc, t))
    .filter((t): t is LineToken => t !== undefined)
    .sort((a, b) => a.line - b.line || a.char - b.char);
  const rules = doc.parsed.rules;
  // Top-level keys sit before or after the rules list, never inside it: no sorting of rule tokens.
  const firstRuleLine = rules.length > 0 ? doc.lines.positionAt(rules[0].base + rules[0].node.start).line : Infinity;
  for (const t of rootTokens) if (t.line < firstRuleLine) encoder.push(t.line, t);
  for (const rule of rules) {
    if (rule.base + rule.node.end < from) continue;
    if (rule.base + rule.node.start > to) break;
    const baseLine = doc.lines.positionAt(rule.base).line;
    for (const t of tokensOfRule(doc, rule.node, rule.base, baseLine)) encoder.push(t.line + baseLine, t);
  }
  for (const t of rootTokens) if (t.line >= firstRuleLine) encoder.push(t.line, t);
  return encoder.finish();
}

/** LSP's relative encoding: line delta, start delta, length, type, modifiers. */
export class TokenEncoder {
  private data = new Uint32Array(1024);
  private size = 0;
  private line = 0;
  private char = 0;

  constructor(
    private readonly first = 0,
    private readonly last = Infinity,
  ) {}

  /** A token at `line` (the document's), tokens in document order. */
  push(line: number, t: { readonly char: number; readonly length: number; readonly type: number }): void {
    if (line < this.first || line > this.last) return;
    // The numbers go into a typed array that doubles when full: pushing five at a time onto a
    // growing JS array took 120 ms for the 82,000 tokens of a 5,000-rule policy (its store copied
    // again and again into fresh large-object pages), as long as reading the tokens took.
    if (this.size + 5 > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    const at = this.size;
    d[at] = line - this.line;
    d[at + 1] = line === this.line ? t.char - this.char : t.char;
    d[at + 2] = t.length;
    d[at + 3] = t.type;
    d[at + 4] = 0;
    this.size += 5;
    this.line = line;
    this.char = t.char;
  }

  /** The tokens pushed, exactly sized. */
  finish(): Uint32Array {
    return this.data.slice(0, this.size);
  }
}

/**
 * The edit that turns `previous` into `next` (LSP's semanticTokens/full/delta): the numbers between
 * what the two share at the start and at the end. A keystroke changes the tokens of one rule, and
 * the rules after it keep their numbers (each token is encoded relative to the one before), so the
 * answer is a few numbers where the whole document's were 0.9 MB of JSON for 5,000 rules.
 */
export function semanticTokenEdits(previous: Uint32Array, next: Uint32Array): SemanticTokensEdit[] {
  const most = Math.min(previous.length, next.length);
  let front = 0;
  while (front < most && previous[front] === next[front]) front++;
  let back = 0;
  while (back < most - front && previous[previous.length - 1 - back] === next[next.length - 1 - back]) back++;
  const deleteCount = previous.length - front - back;
  const inserted = next.subarray(front, next.length - back);
  if (deleteCount === 0 && inserted.length === 0) return [];
  return [{ start: front, deleteCount, data: Array.from(inserted) }];
}

function tokensOfRule(doc: PolicyDocument, node: Node, base: number, baseLine: number): readonly LineToken[] {
  let tokens = ruleTokens.get(node);
  if (!tokens) {
    const raw: Token[] = [];
    walk(node, ['rules', ITEM], base, raw, false);
    tokens = raw
      .map((t) => lineToken(doc, t))
      .filter((t): t is LineToken => t !== undefined)
      .map((t) => ({ ...t, line: t.line - baseLine }));
    ruleTokens.set(node, tokens);
  }
  return tokens;
}

/** A token on one line; tokens across lines (multi-line scalars) are left to the grammar. */
function lineToken(doc: PolicyDocument, token: Token): LineToken | undefined {
  const start = doc.lines.positionAt(token.start);
  const end = doc.lines.positionAt(token.end);
  if (end.line !== start.line || token.end <= token.start) return undefined;
  return {
    line: start.line,
    char: start.character,
    length: end.character - start.character,
    type: TOKEN_TYPES.indexOf(token.type),
  };
}

function walk(node: Node, path: string[], base: number, out: Token[], skipRules: boolean): void {
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const name = String(pair.key.value);
      const fieldPath = [...path, name];
      if (skipRules && path.length === 0 && name === 'rules' && pair.value?.kind === 'seq') {
        if (placeOf(fieldPath)) out.push({ start: base + pair.key.start, end: base + pair.key.end, type: 'property' });
        continue;
      }
      if (placeOf(fieldPath)?.kind === 'value')
        out.push({ start: base + pair.key.start, end: base + pair.key.end, type: 'property' });
      if (pair.value) walk(pair.value, fieldPath, base, out, false);
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) walk(item, [...path, ITEM], base, out, false);
  } else if (typeof node.value === 'string') {
    const type = valueToken(path, node.value);
    if (type) out.push({ start: base + node.start, end: base + node.end, type });
  }
}

function valueToken(path: readonly string[], value: string): TokenType | undefined {
  const place = placeOf(path);
  if (!place || (place.kind !== 'value' && place.kind !== 'item')) return undefined;
  const field = place.field;
  if (field.type === 'level') return LEVEL_NAMES.includes(value) ? 'enumMember' : undefined;
  if (field.name === 'group' && field.context === 'groupResources') return 'namespace';
  if (place.kind !== 'item') return undefined;
  if (field.item === 'stage') return STAGE_NAMES.includes(value) ? 'enumMember' : undefined;
  if (field.item === 'verb') return VERBS.has(value) ? 'keyword' : undefined;
  return field.item ? ITEM_TOKENS[field.item] : undefined;
}
