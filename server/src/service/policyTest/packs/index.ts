// The requirement packs shipped inside the tool: policy test files without a policy, run against
// the policy the user names (`test --pack NAME --policy FILE`, the kubeAuditPolicy.requirements
// setting). Each case cites its source; docs/REQUIREMENT-PACKS.md explains them.
import { parseTestFile } from '../testFile';
import type { TestFile } from '../testFile';
import { CIS_PACK } from './cis';
import { FALCO_PACK } from './falco';
import { WHO_DID_WHAT_PACK } from './whoDidWhat';

export const PACK_TEXTS: Readonly<Record<string, string>> = {
  cis: CIS_PACK,
  falco: FALCO_PACK,
  'who-did-what': WHO_DID_WHAT_PACK,
};
export const PACK_NAMES = Object.keys(PACK_TEXTS);

const parsed = new Map<string, TestFile>();

/** The pack's test file, or undefined for an unknown name. */
export function requirementPack(name: string): TestFile | undefined {
  // Own keys only: the name is the user's, and `constructor` would be found on the prototype.
  if (!Object.hasOwn(PACK_TEXTS, name)) return undefined;
  const text = PACK_TEXTS[name];
  let file = parsed.get(name);
  if (!file) {
    file = parseTestFile(text);
    parsed.set(name, file);
  }
  return file;
}
