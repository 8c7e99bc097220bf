import type { PolicyDocument } from '../document';
import type { Fix, Problem } from './fixes';
/** `Put a level: Metadata rule for them above this one`, or lower this rule's level when it lists nothing else. */
export declare function sensitiveBodies(doc: PolicyDocument, p: Problem): Fix[];
/** Adds RequestReceived to the policy-wide omitStages, in whatever form that list has. */
export declare function omitRequestReceived(doc: PolicyDocument, p: Problem): Fix[];
/** An entry that lists only this resource takes the group that serves it. */
export declare function resourceNotInGroup(doc: PolicyDocument, p: Problem): Fix[];
export declare function literalWildcard(doc: PolicyDocument, p: Problem): Fix[];
