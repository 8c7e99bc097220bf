// The lints built on the engine, as the check lists in validate/lints.ts take them.
export { checkVerbs } from './verbs';
export { checkResources } from './resources';
export { checkLiteralWildcards } from './literalWildcard';
export { checkGroupAsUser } from './groupAsUser';
export { checkGroupNotServed } from './groupNotServed';
export { checkVerbNotServed } from './verbNotServed';
export { checkConnectVerb } from './connectVerb';
export { checkResourceNames } from './resourceNames';
export { checkUnreachable } from './unreachable';
export { checkSensitiveBodies } from './sensitiveBodies';
export { checkCatchAll } from './catchAll';
export { checkRequestReceived } from './requestReceived';
export { checkRecordsNothing } from './recordsNothing';
