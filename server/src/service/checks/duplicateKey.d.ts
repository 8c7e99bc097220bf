import type { Finding } from '../decode/finding';
import type { MapNode, Pair, ScalarNode } from '../parse/model';
export declare function keyName(key: ScalarNode): string;
/** Whether a later pair of the mapping has the same key (the last one wins). Mappings are small,
 *  so a scan beats building a map for every rule of a large policy. */
export declare function isOverridden(map: MapNode, index: number, name: string): boolean;
export declare function duplicateKey(map: MapNode, pair: Pair, name: string, path: string): Finding;
