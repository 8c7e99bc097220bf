import type { PolicyDocument } from '../document';
import type { MapNode, Pair } from '../parse/model';
import type { NodeHit } from './nodeAt';
export interface OffsetEdit {
    readonly start: number;
    readonly end: number;
    readonly newText: string;
}
/** The text that writes `value` where the scalar `start..end` is, in that scalar's quote style. */
export declare function scalarReplacement(doc: PolicyDocument, start: number, value: string): string;
export declare function replaceScalar(doc: PolicyDocument, start: number, end: number, value: string): OffsetEdit;
/** The key (and its mapping) that starts exactly at `offset`. */
export declare function pairAt(doc: PolicyDocument, offset: number): {
    hit: NodeHit;
    map: MapNode;
    pair: Pair;
    index: number;
} | undefined;
export declare function pairEnd(pair: Pair): number;
export declare function lineOf(doc: PolicyDocument, offset: number): number;
/** Start of the line after the one holding `offset` (the text's end on the last line). */
export declare function nextLineStart(doc: PolicyDocument, offset: number): number;
/** Only white space before `offset` on its line. */
export declare function startsLine(doc: PolicyDocument, offset: number): boolean;
export declare function columnOf(doc: PolicyDocument, offset: number): number;
/** Removes one key with its value; undefined when that would leave an empty `- `. */
export declare function removePair(doc: PolicyDocument, map: MapNode, index: number, base: number): OffsetEdit | undefined;
/** The pair's text, with its continuation lines moved from column `from` to column `to`. */
export declare function pairText(doc: PolicyDocument, pair: Pair, base: number, from: number, to: number): string;
/** Inserts whole lines after the line holding `offset`. */
export declare function insertLinesAfter(doc: PolicyDocument, offset: number, lines: string): OffsetEdit;
/** New lines in inserted text follow the file: CRLF files get CRLF. */
export declare function withFileEol(doc: PolicyDocument, text: string): string;
