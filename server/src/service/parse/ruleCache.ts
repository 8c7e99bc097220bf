// The parse of each rule item's text, kept between two parses of the same document so that an
// edit re-parses only the items it touched.
import { GenerationalCache } from './generationalCache';
import type { ParsedRuleItem } from './yamlReading';

export class RuleParseCache extends GenerationalCache<ParsedRuleItem> {}
