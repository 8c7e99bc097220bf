import type { DiagnosticCode, Severity } from './catalogue/codes';
export type SeveritySetting = Severity | 'off';
export interface ServiceSettings {
    /** The Kubernetes minor version (1.x) whose kube-apiserver reads the policy. */
    readonly kubernetesMinor: number;
    /** Per-code severity overrides. */
    readonly severity: Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;
}
export declare const DEFAULT_SETTINGS: ServiceSettings;
