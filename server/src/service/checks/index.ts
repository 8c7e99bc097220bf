// The list of checks, one file per diagnostic code (the engine's lints in engine/lints/).
// Findings are sorted by place afterwards; for two findings at the same place the order here
// decides which comes first.
import * as engine from '../engine/lints';
import type { DocumentCheck, RuleCheck } from './check';
import { checkDeprecatedApiVersion } from './deprecatedApiVersion';
import { checkFirstDocument } from './firstDocument';
import { checkIgnoredDocument } from './ignoredDocument';
import { checkInvalidApiVersion } from './invalidApiVersion';
import { checkInvalidGroup } from './invalidGroup';
import { checkInvalidKind } from './invalidKind';
import { checkInvalidLevel } from './invalidLevel';
import { checkPolicyJsonConversion, checkRuleJsonConversion } from './jsonConversion';
import { checkInvalidNonResourceUrl } from './invalidNonResourceUrl';
import { checkPolicyStages, checkRuleStages } from './invalidStage';
import { checkMissingLevel } from './missingLevel';
import { checkMixedResourcesAndUrls } from './mixedResourcesAndUrls';
import { checkNestedTooDeeply } from './nestedTooDeeply';
import { checkNoRules } from './noRules';
import { checkResourceNamesWithoutResources } from './resourceNamesWithoutResources';
import { checkPolicyStructure, checkRuleStructure } from './structure';
import { checkSurroundingWhitespace } from './surroundingWhitespace';
import { checkYamlSyntax } from './yamlSyntax';

export type { DocumentCheck, RuleCheck } from './check';
export { syntaxFinding } from './yamlSyntax';

export const RULE_CHECKS: readonly RuleCheck[] = [
  checkRuleStructure, // wrong-type, duplicate-key, unknown-field
  checkRuleJsonConversion, // wrong-type: null keys, infinite floats
  checkMissingLevel,
  checkInvalidLevel,
  checkInvalidNonResourceUrl,
  checkInvalidGroup,
  checkResourceNamesWithoutResources,
  checkRuleStages,
  checkMixedResourcesAndUrls,
  checkSurroundingWhitespace,
  engine.checkVerbs,
  engine.checkResources,
  engine.checkLiteralWildcards,
  engine.checkResourceNames,
  engine.checkGroupAsUser,
  engine.checkGroupNotServed,
  engine.checkVerbNotServed,
  engine.checkConnectVerb,
];

export const DOCUMENT_CHECKS: readonly DocumentCheck[] = [
  checkYamlSyntax,
  checkNestedTooDeeply,
  checkPolicyStructure, // wrong-type, duplicate-key, unknown-field
  checkPolicyJsonConversion, // wrong-type: null keys, infinite floats
  checkInvalidApiVersion,
  checkDeprecatedApiVersion,
  checkInvalidKind,
  checkNoRules,
  checkPolicyStages,
  checkIgnoredDocument,
  checkFirstDocument,
  engine.checkUnreachable,
  engine.checkSensitiveBodies,
  engine.checkCatchAll,
  engine.checkRequestReceived,
  engine.checkRecordsNothing,
];
