import type { ParsedPolicy } from '../parse/model';
export declare function usedNamespaces(parsed: ParsedPolicy): readonly string[];
