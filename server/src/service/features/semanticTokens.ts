// Semantic tokens for what a TextMate grammar cannot know: whether a word is a field of the place
// it stands in, and what a value means there (a level, a stage, a verb, an API group, a resource,
// a user). Only known keys and valid values get a token; everything else keeps the YAML colours.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { LEVEL_NAMES, NON_RESOURCE_VERBS, RESOURCE_VERBS, STAGE_NAMES } from '../catalogue/values';
import type { PolicyDocument } from '../document';
import type { Node } from '../parse/model';
import { ITEM, placeOf } from './path';

const TOKEN_TYPES = ['property', 'enumMember', 'keyword', 'namespace', 'type', 'variable', 'string'] as const;
type TokenType = (typeof TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

const VERBS = new Set([...RESOURCE_VERBS, ...NON_RESOURCE_VERBS].map((v) => v.value));
const ITEM_TOKENS: Partial<Record<string, TokenType>> = { user: 'variable', userGroup: 'variable', namespace: 'namespace', resource: 'type', nonResourceURL: 'string' };

interface Token {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
}

/** Tokens of the whole document, or of the rules that overlap `from..to`. */
export function semanticTokens(doc: PolicyDocument, from = 0, to = doc.text.length): SemanticTokens {
  const tokens: Token[] = [];
  const root = doc.parsed.root;
  if (root) walk(root, [], 0, tokens, true);
  const rules = doc.parsed.rules;
  for (const rule of rules) {
    if (rule.base + rule.node.end < from) continue;
    if (rule.base + rule.node.start > to) break;
    walk(rule.node, ['rules', ITEM], rule.base, tokens, false);
  }
  tokens.sort((a, b) => a.start - b.start);
  return { data: encode(doc, tokens.filter((t) => t.end >= from && t.start <= to)) };
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
      if (placeOf(fieldPath)?.kind === 'value') out.push({ start: base + pair.key.start, end: base + pair.key.end, type: 'property' });
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

/** LSP's relative encoding: line delta, start delta, length, type, modifiers; one line per token. */
function encode(doc: PolicyDocument, tokens: readonly Token[]): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const token of tokens) {
    const start = doc.lines.positionAt(token.start);
    const end = doc.lines.positionAt(token.end);
    if (end.line !== start.line || token.end <= token.start) continue;
    data.push(start.line - line, start.line === line ? start.character - char : start.character, end.character - start.character, TOKEN_TYPES.indexOf(token.type), 0);
    line = start.line;
    char = start.character;
  }
  return data;
}
