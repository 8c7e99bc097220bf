// How reports name a policy: the file, and for a policy a file holds, its region as lint prints
// it (`cm.yaml (data["policy.yaml"])`), so the user sees which of the file's policies was used.
import type { EmbeddedPolicy } from './hostDocument';

export function policyLabel(fileName: string, policy: EmbeddedPolicy): string {
  const hostPath = policy.region.hostPath;
  return hostPath === '' ? fileName : `${fileName} (${hostPath})`;
}
