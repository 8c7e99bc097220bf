// A finding is a diagnostic before it meets the editor: offsets instead of line/character, the
// kube-apiserver field path, and the data a quick fix needs. Rule-level findings use offsets
// relative to the rule item's base and paths relative to the rule, so they can be cached per
// rule text and reused wherever that rule moves in the file.
import type { DiagnosticCode } from '../catalogue/codes';

export interface RelatedPlace {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface Finding {
  readonly code: DiagnosticCode;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** kube-apiserver field path, e.g. `rules[3].resources[0].group` (relative to the rule for rule findings). */
  readonly path: string;
  /** What a quick fix needs (a suggested replacement, where a field belongs, ...). */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly related?: readonly RelatedPlace[];
}

export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? prefix + path : `${prefix}.${path}`;
}

export function shiftFinding(finding: Finding, base: number, pathPrefix: string): Finding {
  if (base === 0 && !pathPrefix) return finding;
  return {
    ...finding,
    start: finding.start + base,
    end: finding.end + base,
    path: joinPath(pathPrefix, finding.path),
    ...(finding.related
      ? { related: finding.related.map((r) => ({ ...r, start: r.start + base, end: r.end + base })) }
      : {}),
  };
}

/** A document-wide finding made again only when what it says changes: the same object keeps its
 *  diagnostic between versions (validate.ts), and unchanged publications stay cheap. */
export function keptFinding(key: string, make: () => Finding): Finding {
  let finding = kept.get(key);
  if (!finding) {
    finding = make();
    if (kept.size >= 64) kept.clear();
    kept.set(key, finding);
  }
  return finding;
}

const kept = new Map<string, Finding>();
