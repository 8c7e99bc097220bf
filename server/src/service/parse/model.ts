// The parsed form every feature works on: a small, read-only YAML tree with offsets, and the
// policy's rules as separate items. Rule items may come from a separate parse of the rule's own
// text (see segment.ts); their node offsets are then relative to `RuleItem.base`.

export type Node = ScalarNode | SeqNode | MapNode;

interface NodeBase {
  /** Offset of the node's first character (relative to its chunk base). */
  readonly start: number;
  /** Offset just after the node's value (trailing white space and comments excluded). */
  readonly end: number;
}

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode extends NodeBase {
  readonly kind: 'scalar';
  /** The value as a YAML 1.1 reader sees it: unquoted `on` is true, `3` is a number. */
  readonly value: ScalarValue;
  /** How it was written: plain, 'single', "double" or a | > block scalar. */
  readonly style: 'plain' | 'single' | 'double' | 'block';
  /** An explicit tag such as !!str, when present. */
  readonly tag?: string;
  /** The source text of a plain scalar that is not a string (`on`, `3`), for messages and fixes. */
  readonly raw?: string;
}

export interface SeqNode extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly Node[];
  readonly flow: boolean;
}

export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly pairs: readonly Pair[];
  readonly flow: boolean;
}

export interface Pair {
  readonly key: ScalarNode;
  /** The pair comes from a YAML 1.1 merge key (`<<: *base`): its place is in the merged mapping. */
  readonly merged?: boolean;
  /** null when the key has no value node at all (`key:` at the end of a flow map). */
  readonly value: Node | null;
}

/** A place where the text is not valid YAML: go-yaml's first error, where kube-apiserver fails. */
export interface YamlError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Where the text go-yaml could not read begins: the earlier of the failure's line and the line its
   *  message names (a parser error names the line before its token). Nothing from here on is trusted. */
  readonly unreadFrom?: number;
  /** What the place shows that go-yaml's message does not say (a tab, which control character). */
  readonly hint?: string;
}

/** One item of the policy's `rules` list. */
export interface RuleItem {
  readonly index: number;
  /** Added to every offset inside `node` to get a document offset. */
  readonly base: number;
  readonly node: Node;
  /** Identifies the item's text for caches of per-rule work; equal texts give equal results. */
  readonly key: string;
  /** YAML errors inside this item, relative to `base`. */
  readonly syntaxErrors: readonly YamlError[];
  /** Where the first character go-yaml refuses sits in this item (relative to `base`); -1 or absent: none. */
  readonly controlCharacter?: number;
}

/** A document after the first one in the same file: kube-apiserver never reads it. */
export interface LaterDocument {
  readonly start: number;
  readonly end: number;
  readonly root: Node | null;
}

export interface ParsedPolicy {
  readonly text: string;
  /** The first YAML document's root (offsets absolute). The `rules` value is a SeqNode whose items
   *  may be empty when the rules were parsed separately: always read rules from `rules`. */
  readonly root: Node | null;
  /** The rules list items; empty when `rules` is missing or is not a list. */
  readonly rules: readonly RuleItem[];
  /** YAML errors outside rule items (absolute). */
  readonly syntaxErrors: readonly YamlError[];
  readonly laterDocuments: readonly LaterDocument[];
  /** Whether rule items were parsed one by one (true) or the whole document at once. */
  readonly segmented: boolean;
  /** Where kube-apiserver stops reading content of the first document that lies below its root node
   *  (a line indented less than a policy indented as a whole): the tree holds only what is above. */
  readonly ignoredFrom?: number;
  /** Where the tree stops because the text nests deeper than it holds (what lies below reads as
   *  null), in a file kube-apiserver reads (go-yaml and encoding/json allow 10,000 levels). */
  readonly truncatedAt?: number;
}

export function findPair(map: MapNode, key: string): Pair | undefined {
  // The last occurrence wins, as in kube-apiserver's lenient decoding (go-yaml v2).
  for (let i = map.pairs.length - 1; i >= 0; i--) if (map.pairs[i].key.value === key) return map.pairs[i];
  return undefined;
}

export function isMap(node: Node | null | undefined): node is MapNode {
  return node?.kind === 'map';
}
export function isSeq(node: Node | null | undefined): node is SeqNode {
  return node?.kind === 'seq';
}
