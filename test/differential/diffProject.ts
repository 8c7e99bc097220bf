// The project's side of the semantic diff's comparison: the policies compiled and compared as
// `kube-audit-policy diff --kubernetes-version 1.20 OLD NEW` does (cli/diff.ts), and the example
// request a class prints, read back into the METHOD + URL request it stands for.
import { compilePolicy, createPolicyDocument, diffPolicies } from '../../server/src/service';
import type { Change, CompiledPolicy } from '../../server/src/service';
import type { OracleHttpRequest } from '../helpers/oracle';
import { MINOR } from './project';

/** An outcome as both sides state it: the deciding rule (null: none), level, sorted stages. */
export interface Decided {
  readonly rule: number | null;
  readonly level: string;
  readonly omitStages: readonly string[];
}

let counter = 0;
export function compiled(text: string): CompiledPolicy {
  return compilePolicy(createPolicyDocument(`file:///differential/diff-${++counter}.yaml`, 1, text).parsed);
}

export function projectDiff(oldPolicy: CompiledPolicy, newPolicy: CompiledPolicy): readonly Change[] {
  return diffPolicies(oldPolicy, newPolicy, { kubernetesMinor: MINOR }).changes;
}

/** `[USER] [groups=G1,G2] METHOD /path` as the request it names; undefined for the JSON form. */
export function requestOfLine(example: string): OracleHttpRequest | undefined {
  if (example.startsWith('{')) return undefined;
  const words = example.split(' ');
  const url = words.pop()!;
  const method = words.pop()!;
  const groups = words.filter((w) => w.startsWith('groups=')).flatMap((w) => w.slice(7).split(','));
  const user = words.find((w) => !w.startsWith('groups='));
  return { ...(user !== undefined ? { user } : {}), ...(groups.length > 0 ? { groups } : {}), method, url };
}
