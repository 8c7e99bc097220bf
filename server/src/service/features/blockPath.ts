// The path of a place in block YAML, found by walking up the lines above it by indentation.
// Inside the rules list the walk stops at the rule's own `- ` line (the column of rule items is
// known from the parsed model), so its cost does not grow with the number of rules above.
import type { PolicyDocument } from '../document';
import { findPair, isMap } from '../parse/model';
import { lineShape } from './lineShape';
import { ITEM } from './path';

interface RulesBlock {
  readonly keyOffset: number;
  readonly itemCol: number;
  readonly end: number;
}

const rulesBlocks = new WeakMap<PolicyDocument, RulesBlock | null>();

function rulesBlock(doc: PolicyDocument): RulesBlock | null {
  const known = rulesBlocks.get(doc);
  if (known !== undefined) return known;
  let block: RulesBlock | null = null;
  const root = doc.parsed.root;
  const pair = isMap(root) ? findPair(root, 'rules') : undefined;
  const first = doc.parsed.rules[0];
  if (pair && first && pair.value) {
    const line = doc.lines.positionAt(first.base + first.node.start).line;
    const dash = lineShape(doc.text, doc.lines, line).elements[0];
    if (dash?.kind === 'dash') block = { keyOffset: pair.key.start, itemCol: dash.col, end: pair.value.end };
  }
  rulesBlocks.set(doc, block);
  return block;
}

/**
 * The path of the element at column `col` of line `line`: a mapping key (`seq` false) or a
 * `- ` item marker (`seq` true). Returns the path of the collection holding it.
 */
export function blockPath(
  doc: PolicyDocument,
  line: number,
  col: number,
  seq: boolean,
  parentKey?: { line: number; col: number },
): string[] {
  const { text, lines } = doc;
  const rules = rulesBlock(doc);
  const path: string[] = [];
  let want = col;
  let inSeq = seq;
  // At the column of rule items inside the rules block only a rule item can start.
  const start = lines.lineStart(line);
  if (rules && col === rules.itemCol && (seq || col > 0) && start > rules.keyOffset && start <= rules.end + 1)
    return ['rules'];
  for (let l = line - 1; l >= 0 && (want > 0 || inSeq); l--) {
    const shape = lineShape(text, lines, l);
    if (shape.blank) continue;
    const els = shape.elements;
    let idx = -1;
    for (let k = els.length - 1; k >= 0; k--) {
      const e = els[k];
      if (e.col < want || (inSeq && e.kind === 'key' && e.col === want && !e.hasValue)) {
        idx = k;
        break;
      }
    }
    if (idx === -1 || els[idx].kind === 'scalar') continue;
    const e = els[idx];
    if (e.kind === 'key' && parentKey && path.length === 0) {
      parentKey.line = l;
      parentKey.col = e.col;
    }
    path.unshift(e.kind === 'key' ? (e.key as string) : ITEM);
    for (let k = idx - 1; k >= 0; k--) path.unshift(ITEM);
    if (idx > 0 || e.kind === 'dash') {
      want = els[0].col;
      inSeq = true;
      if (rules && want === rules.itemCol && shape.start > rules.keyOffset && shape.start <= rules.end) {
        path.unshift('rules');
        return path;
      }
    } else {
      want = e.col;
      inSeq = false;
    }
  }
  return path;
}
