// The shape of the generated API catalogue (kubernetesApi.generated.ts). A pattern has one
// letter per minor version from `oldestMinor`: y served, n not served, ? unknown.

export type Pattern = string;

export interface ApiDataSubresource {
  readonly name: string;
  readonly served: Pattern;
  /** Request verbs (get list watch create update patch delete deletecollection); a verb not listed is never served. */
  readonly verbs: Readonly<Record<string, Pattern>>;
}

export interface ApiDataResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly served: Pattern;
  /** Per API version (`v1`, `v1beta1`). */
  readonly versions: Readonly<Record<string, Pattern>>;
  /** Where y, a subresource not listed is certainly not served. */
  readonly subresourcesClosed: Pattern;
  readonly verbs: Readonly<Record<string, Pattern>>;
  readonly subresources: readonly ApiDataSubresource[];
}

export interface ApiDataGroup {
  readonly name: string;
  readonly served: Pattern;
  /** Where y, a resource not listed is certainly not served by this group. */
  readonly resourcesClosed: Pattern;
  readonly resources: readonly ApiDataResource[];
}

export interface ApiData {
  readonly oldestMinor: number;
  readonly newestMinor: number;
  /** Minors whose data is the release's own published description. */
  readonly exactMinors: readonly number[];
  readonly sources: ReadonlyArray<{ readonly minor?: number; readonly exact: boolean; readonly source: string }>;
  readonly groups: readonly ApiDataGroup[];
}
