// Offsets between an embedded policy's text (what the host file holds once decoded: a block
// scalar without its indentation, a quoted string without its escapes) and the host file.
//
// The map is a sorted list of pieces. A piece whose two lengths are equal maps character by
// character; one whose lengths differ is a unit (an escape `\n` is two host characters and one
// policy character; a CRLF line break is two host characters and one `\n`). Host characters no
// piece covers (indentation, quotes, a fence line) belong to no policy offset.

export interface Piece {
  readonly region: number;
  readonly regionLength: number;
  readonly host: number;
  readonly hostLength: number;
}

export class SourceMap {
  private readonly pieces: readonly Piece[];

  constructor(
    pieces: readonly Piece[],
    readonly regionLength: number,
  ) {
    this.pieces = mergeIdentityRuns(pieces);
  }

  /** The identity: the whole file is the policy. */
  static identity(length: number): SourceMap {
    return new SourceMap([{ region: 0, regionLength: length, host: 0, hostLength: length }], length);
  }

  /** Where the policy offset `offset` sits in the host (an offset at a piece's end is its end). */
  toHost(offset: number): number {
    const pieces = this.pieces;
    if (pieces.length === 0) return 0;
    const i = lastAtOrBefore(pieces, offset, (p) => p.region);
    const p = pieces[Math.max(0, i)];
    if (offset <= p.region) return p.host;
    if (offset >= p.region + p.regionLength) return p.host + p.hostLength;
    return p.regionLength === p.hostLength ? p.host + (offset - p.region) : p.host;
  }

  /** The host characters the policy character at `offset` was read from: one where it is kept as it
   *  is, all of a unit's (an escape, a CRLF; none for the line break a block scalar at the end of the
   *  file ends with but the host leaves out). Undefined past the policy's end. */
  hostCharacters(offset: number): readonly [number, number] | undefined {
    const p = this.pieceAtRegion(offset);
    if (!p) return undefined;
    if (p.regionLength !== p.hostLength) return [p.host, p.host + p.hostLength];
    const at = p.host + (offset - p.region);
    return [at, at + 1];
  }

  /** The policy offset of a host offset, or undefined when the host offset lies outside the policy.
   *  Host characters between pieces (indentation) belong to the next piece's start. */
  toRegion(hostOffset: number): number | undefined {
    const pieces = this.pieces;
    if (pieces.length === 0) return undefined;
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (hostOffset < first.host || hostOffset > last.host + last.hostLength) return undefined;
    const i = lastAtOrBefore(pieces, hostOffset, (p) => p.host);
    const p = pieces[Math.max(0, i)];
    // A policy character no host character holds (the line break a block scalar ends with where
    // the host leaves it out) comes after the host offset: the offset ends the line before it.
    if (p.hostLength === 0 && p.regionLength > 0 && hostOffset === p.host) return p.region;
    if (hostOffset >= p.host + p.hostLength) {
      const next = pieces[i + 1];
      return next && hostOffset > p.host + p.hostLength ? next.region : p.region + p.regionLength;
    }
    return p.regionLength === p.hostLength ? p.region + (hostOffset - p.host) : p.region;
  }

  /** The host range the policy spans. */
  get hostStart(): number {
    return this.pieces[0]?.host ?? 0;
  }

  get hostEnd(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.host + last.hostLength : 0;
  }

  /** The map of the same host text with `lead` policy characters put before it, that no host
   *  character holds (a header the tool writes before the value). */
  after(lead: number): SourceMap {
    if (lead === 0) return this;
    return new SourceMap(
      this.pieces.map((p) => ({ ...p, region: p.region + lead })),
      this.regionLength + lead,
    );
  }

  /** This map followed by `outer`: for a policy inside a region that is itself inside a host. */
  within(outer: SourceMap): SourceMap {
    const pieces: Piece[] = [];
    for (const p of this.pieces) {
      if (p.regionLength === p.hostLength) {
        // Split identity runs where the outer map is not the identity.
        let r = p.region;
        let h = p.host;
        const end = p.host + p.hostLength;
        while (h < end) {
          const outerPiece = outer.pieceAtRegion(h);
          const identity = outerPiece !== undefined && outerPiece.regionLength === outerPiece.hostLength;
          const runEnd = identity ? Math.min(end, outerPiece.region + outerPiece.regionLength) : h + 1;
          const hostStart = outer.toHost(h);
          // Within one identity piece the run keeps its length: its end is not where the outer
          // map puts the next offset (after the next line's indentation, when the run ends a line).
          const hostEnd = identity ? hostStart + (runEnd - h) : outer.toHost(runEnd);
          pieces.push({ region: r, regionLength: runEnd - h, host: hostStart, hostLength: hostEnd - hostStart });
          r += runEnd - h;
          h = runEnd;
        }
      } else {
        const hostStart = outer.toHost(p.host);
        pieces.push({
          region: p.region,
          regionLength: p.regionLength,
          host: hostStart,
          hostLength: outer.toHost(p.host + p.hostLength) - hostStart,
        });
      }
    }
    return new SourceMap(pieces, this.regionLength);
  }

  private pieceAtRegion(offset: number): Piece | undefined {
    const i = lastAtOrBefore(this.pieces, offset, (p) => p.region);
    const p = this.pieces[i];
    return p && offset < p.region + p.regionLength ? p : undefined;
  }
}

function lastAtOrBefore(pieces: readonly Piece[], value: number, key: (p: Piece) => number): number {
  let low = 0;
  let high = pieces.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(pieces[mid]) <= value) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Adjacent identity pieces that continue each other become one, so lookups stay short. */
function mergeIdentityRuns(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.regionLength === 0 && p.hostLength === 0) continue;
    const last = out[out.length - 1];
    if (
      last &&
      last.regionLength === last.hostLength &&
      p.regionLength === p.hostLength &&
      last.region + last.regionLength === p.region &&
      last.host + last.hostLength === p.host
    ) {
      out[out.length - 1] = {
        ...last,
        regionLength: last.regionLength + p.regionLength,
        hostLength: last.hostLength + p.hostLength,
      };
    } else out.push(p);
  }
  return out;
}
