// Kubernetes version history that changes how a policy is read.
// Source: ../shared/docs/kubernetes-audit-policy.md §f, commits cited there.

export const NEWEST_MINOR = 36;
export const OLDEST_MINOR = 12; // audit.k8s.io/v1 is GA since 1.12

export const VERSION_FACTS = {
  /** v1alpha1/v1beta1 deprecated, with a warning on load (k/k cad9c245). */
  betaDeprecatedMinor: 21,
  /** v1alpha1/v1beta1 removed from the scheme (k/k fcc282f9). */
  betaRemovedMinor: 24,
  /** Strict decoding first, lenient fallback: unknown fields are logged (k/k 5dcfaae7). */
  strictDecodingMinor: 26,
  /** omitManagedFields on policy and rule (k/k 9ed4bc91, 7ea7c202). */
  omitManagedFieldsMinor: 23,
  /** group: "*" accepted by validation and matched by the checker (k/k ea3bfd9e). */
  wildcardGroupMinor: 36,
} as const;

/** Parses "1.30" (or "v1.30", "1.30.2") into the minor number; undefined when malformed. */
export function parseKubernetesVersion(text: string): number | undefined {
  const match = /^v?1\.(\d{1,3})(?:\.\d+)?$/.exec(text.trim());
  if (!match) return undefined;
  const minor = Number(match[1]);
  return minor >= OLDEST_MINOR && minor <= 99 ? minor : undefined;
}

export function formatMinor(minor: number): string {
  return `1.${minor}`;
}
