// What RequestInfoFactory reads from a list's query (requestinfo.go NewRequestInfo: a GET of a
// collection decodes its query into ListOptions with metainternalversionscheme.ParameterCodec).
// Decoding fails when `limit` or `timeoutSeconds` is not a base-10 int64
// (runtime/conversion.go string_to_int64), or the label or field selector does not parse
// (meta/v1/conversion.go Convert_string_To_labels_Selector, Convert_string_To_fields_Selector);
// the options are then dropped, except that a watch is still read from the raw `watch` value.
// Only the first value of each parameter counts.
import { parseFieldSelector, requiredExactMatch } from './fieldSelector';
import type { GoQuery } from './goQuery';
import { isGoInt64, isValidLabelSelector } from './labelSelector';

export interface ListRequestOptions {
  readonly watch: boolean;
  /** The object a field selector names (`metadata.name=web`); '' when none. */
  readonly name: string;
}

/** Convert_Slice_string_To_bool: false only for "0" or strings.EqualFold(v, "false"), whose
 *  Unicode folding also takes U+017F (ſ) for s. */
const DECODED_FALSE = /^(?:0|[fF][aA][lL][sS\u017F][eE])$/;
/** The fallback after a failed decoding: strings.ToLower(v) is "false" or "0". */
const LOWERED_FALSE = /^(?:0|false)$/i;

export function listRequestOptions(query: GoQuery): ListRequestOptions {
  const first = (key: string): string | undefined => query.get(key)?.[0];
  const watchValue = first('watch');
  // DecodeParameters returns before converting anything when the query is empty.
  if (query.size === 0) return { watch: false, name: '' };
  const selector = first('fieldSelector') ?? '';
  const terms = parseFieldSelector(selector);
  const decoded =
    terms !== undefined &&
    isValidLabelSelector(first('labelSelector') ?? '') &&
    [first('limit'), first('timeoutSeconds')].every((n) => n === undefined || isGoInt64(n));
  if (!decoded) return { watch: watchValue !== undefined && !LOWERED_FALSE.test(watchValue), name: '' };
  return {
    watch: watchValue !== undefined && !DECODED_FALSE.test(watchValue),
    name: requiredExactMatch(terms, 'metadata.name') ?? '',
  };
}
