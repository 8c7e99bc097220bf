// Carries positions, ranges and edits between an embedded policy and its host. Text written into
// the host is encoded for the place it goes (placeEdit.ts, encodeText.ts): re-indented in a block
// scalar, an inline mapping or a Markdown fence; re-escaped in a quoted string. An edit that cannot
// be written there (a line break into a folded or single-quoted scalar, a change inside a template
// directive, a copy of a value Terraform computes) is refused: the caller drops the fix rather than
// corrupt the host. No edit writes a mask: a copied directive is written as the directive.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { RegionEncoding } from './region';
import type { EmbeddedPolicy, HostDocument } from './hostDocument';
import { encodeFor, WITHIN_LINE } from './encodeText';
import { restorer, unmasker } from './maskedValues';
import type { Restore, Unmask } from './maskedValues';
import { placeEdit } from './placeEdit';
import { branchBetween, contentFromDirective, masksAsComment, touchesDirective } from './templates';

export class RegionTranslator {
  private readonly eol: string;
  private unmasked: Unmask | undefined;
  private restored: Restore | undefined;

  constructor(
    readonly host: HostDocument,
    readonly policy: EmbeddedPolicy,
  ) {
    this.eol = /\r\n/.test(host.text) ? '\r\n' : '\n';
  }

  get identity(): boolean {
    return this.host.kind === 'policy';
  }

  /** The policy is kept encoded (base64, gzip) at some level: no host character is one of its own. */
  get encoded(): boolean {
    let encoding: RegionEncoding = this.policy.region.encoding;
    while (encoding.kind === 'nested') {
      if (encoding.outer.kind === 'encoded') return true;
      encoding = encoding.inner;
    }
    return encoding.kind === 'encoded';
  }

  get uri(): string {
    return this.host.uri;
  }

  /** The policy position of a host position, or undefined outside the policy. */
  toPolicyPosition(position: Position): Position | undefined {
    if (this.identity) return position;
    const offset = this.policy.region.map.toRegion(this.host.lines.offsetAt(position));
    return offset === undefined ? undefined : this.policy.doc.lines.positionAt(offset);
  }

  toPolicyRange(range: Range): Range | undefined {
    if (this.identity) return range;
    const start = this.toPolicyPosition(range.start);
    const end = this.toPolicyPosition(range.end);
    return start && end ? { start, end } : undefined;
  }

  toHostOffset(position: Position): number {
    return this.policy.region.map.toHost(this.policy.doc.lines.offsetAt(position));
  }

  toHostPosition(position: Position): Position {
    return this.identity ? position : this.host.lines.positionAt(this.toHostOffset(position));
  }

  toHostRange(range: Range): Range {
    if (this.identity) return range;
    if (this.encoded) {
      // No host character is a policy character: the finding is on the encoded value.
      const map = this.policy.region.map;
      return { start: this.host.lines.positionAt(map.hostStart), end: this.host.lines.positionAt(map.hostEnd) };
    }
    return { start: this.toHostPosition(range.start), end: this.toHostPosition(range.end) };
  }

  /** For a policy kept encoded, where a finding is in the decoded file (`line 4:11 of the
   *  base64-decoded file: `), since the host can only show the encoded value; else nothing. */
  decodedPlace(range: Range): string {
    const encoding = this.policy.region.encoding;
    if (this.identity || encoding.kind !== 'encoded') return '';
    return `line ${range.start.line + 1}:${range.start.character + 1} of the ${encoding.as}-decoded file: `;
  }

  /** Whether a finding about two places (a duplicate key and the one that wins) has them in two
   *  branches of a template's conditional, which are never rendered together. */
  inOtherBranches(range: Range, related: Range | undefined): boolean {
    if (!related || this.host.directives.length === 0) return false;
    const at = (r: Range): number => (this.identity ? this.host.lines.offsetAt(r.start) : this.toHostOffset(r.start));
    return branchBetween(this.host.text, this.host.directives, at(range), at(related));
  }

  /** True when the policy range touches a template directive in the host. */
  touchesDirective(range: Range): boolean {
    const opaque = this.policy.region.opaque ?? [];
    if (this.host.directives.length === 0 && opaque.length === 0) return false;
    const start = this.identity ? this.host.lines.offsetAt(range.start) : this.toHostOffset(range.start);
    const end = this.identity ? this.host.lines.offsetAt(range.end) : this.toHostOffset(range.end);
    const lineOf = (o: number): number => this.host.lines.positionAt(o).line;
    return (
      touchesDirective(this.directivesWithin(), start, end, lineOf) || touchesDirective(opaque, start, end, lineOf)
    );
  }

  /** The host's directives that can touch the policy: for a policy in a host, those within its
   *  host range; one after it on its line (`printf '...' > "${POLICY}"`) writes none of its text. */
  private directivesWithin(): ReadonlyArray<readonly [number, number]> {
    if (this.identity) return this.host.directives;
    const { hostStart, hostEnd } = this.policy.region.map;
    return this.host.directives.filter(([s, e]) => e > hostStart && s < hostEnd);
  }

  /** Whether what starts at the policy range's line has its content written by a directive
   *  (templates.ts contentFromDirective). */
  contentFromDirective(range: Range): boolean {
    if (this.host.directives.length === 0) return false;
    const start = this.identity ? this.host.lines.offsetAt(range.start) : this.toHostOffset(range.start);
    return contentFromDirective(this.host.text, this.host.directives, start);
  }

  /** `text` (a message, a hover, an explanation) with the host's own text in place of every value
   *  masked while the policy was read: `${var.namespace}`, `var.users`, not their placeholders. */
  unmask(text: string): string {
    if (this.unmasked === undefined)
      this.unmasked =
        unmasker(this.host.text, this.host.directives, this.policy.region.opaque ?? []) ?? ((same: string) => same);
    return this.unmasked(text);
  }

  /** True when the host computes some value of this policy (a template directive, a Terraform expression). */
  get computesValues(): boolean {
    return this.host.directives.length > 0 || (this.policy.region.opaque?.length ?? 0) > 0;
  }

  /** The host form of text inserted into the policy inside a line (a completion), or undefined
   *  when the host cannot hold it. */
  encode(text: string): string | undefined {
    return this.identity ? text : encodeFor(this.policy.region.encoding, text, this.eol, WITHIN_LINE);
  }

  /** The host form of an edit to the policy, or undefined when it cannot be made there. */
  toHostEdit(edit: TextEdit): TextEdit | undefined {
    if (this.touchesDirective(edit.range)) return undefined;
    // Masks are looked for in the policy's text first: once encoded, its lines may be escaped.
    if (this.computesValues && this.restore(edit.newText) === undefined) return undefined;
    if (this.identity) {
      const newText = this.computesValues ? this.restore(edit.newText) : edit.newText;
      if (newText === undefined) return undefined;
      return newText === edit.newText ? edit : { range: edit.range, newText };
    }
    const { doc, region } = this.policy;
    const site = { policy: doc.text, map: region.map, host: this.host.text, encoding: region.encoding, eol: this.eol };
    const span = placeEdit(
      site,
      doc.lines.offsetAt(edit.range.start),
      doc.lines.offsetAt(edit.range.end),
      edit.newText,
    );
    const newText = span && (this.computesValues ? this.restore(span.newText) : span.newText);
    if (!span || newText === undefined) return undefined;
    return { range: this.host.lines.rangeOf(span.start, span.end), newText };
  }

  /** Text an edit writes with each directive's mask put back to the directive, or undefined when
   *  it holds a mask that cannot be put back exactly (maskedValues.ts). */
  private restore(text: string): string | undefined {
    this.restored ??= restorer(
      this.host.text,
      this.host.directives,
      this.policy.region.opaque ?? [],
      masksAsComment(this.host.text, this.host.directives),
    );
    return this.restored(text);
  }
}
