// What the user can choose. The service never reads configuration itself: the LSP layer and the
// command line turn settings and flags into this.
import type { DiagnosticCode, Severity } from './catalogue/codes';
import { NEWEST_MINOR } from './catalogue/versions';

export type SeveritySetting = Severity | 'off';

export interface ServiceSettings {
  /** The Kubernetes minor version (1.x) whose kube-apiserver reads the policy. */
  readonly kubernetesMinor: number;
  /** Per-code severity overrides. */
  readonly severity: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
}

export const DEFAULT_SETTINGS: ServiceSettings = { kubernetesMinor: NEWEST_MINOR, severity: {} };
