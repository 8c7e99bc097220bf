// text -> ParsedPolicy. Never throws: whatever the text, the result is a tree (possibly empty) and
// a list of syntax problems. kube-apiserver reads YAML 1.1 (go-yaml v2 through sigs.k8s.io/yaml),
// so unquoted yes/no/on/off are booleans here too.
import type { ParsedPolicy } from './model';
import type { RuleParseCache } from './ruleCache';
import { withGoYamlVerdict } from './verdict';
import type { ReadingSlot } from './verdict';
import { parseWithYaml } from './segmented';
import { parseWholeWithYaml } from './yamlReading';

/** The verdict is go-yaml's (./goyaml, a port of what kube-apiserver runs): its first error is the
 *  only syntax problem, and content below the first document's root node, which it never reads, is
 *  left out of the tree. The `yaml` package builds the tree and its positions. `verdictLater`: see
 *  withGoYamlVerdict. */
export function parsePolicy(
  text: string,
  cache?: RuleParseCache,
  previous?: ParsedPolicy,
  reading?: ReadingSlot,
  verdictLater = false,
): ParsedPolicy {
  return withGoYamlVerdict(text, (source) => parseWithYaml(source, cache, previous), reading, verdictLater);
}

/** Parses the whole text at once: the reference behaviour, used whenever segmenting is unsafe. */
export function parseWhole(text: string): ParsedPolicy {
  return withGoYamlVerdict(text, parseWholeWithYaml);
}
