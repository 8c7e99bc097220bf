import type { PolicyDocument } from '../document';
import type { Fix, Problem } from './fixes';
export declare function splitMixedRule(doc: PolicyDocument, problem: Problem): Fix[];
