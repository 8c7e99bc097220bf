// Reads the `kubeAuditPolicy` settings from the client (workspace/configuration), or from
// initializationOptions for editors that pass settings that way, into ServiceSettings.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, NEWEST_MINOR, PACK_NAMES, isDiagnosticCode, parseKubernetesVersion } from '../service';
import type { ServiceSettings, SeveritySetting } from '../service';

export interface ServerSettings {
  readonly service: ServiceSettings;
  /** Globs of files checked as audit policies even before they say so. */
  readonly files: readonly string[];
  /** Requirement packs every open policy is checked against (`cis`, `falco`, `who-did-what`). */
  readonly requirements: readonly string[];
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { service: DEFAULT_SETTINGS, files: [], requirements: [] };

const SEVERITY_VALUES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Turns the raw `kubeAuditPolicy` object into settings; bad values fall back to defaults with a warning. */
export function readSettings(raw: unknown, warn: (message: string) => void): ServerSettings {
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  let minor = NEWEST_MINOR;
  const version = section.kubernetesVersion;
  if (typeof version === 'string' && version.trim() !== '') {
    const parsed = parseKubernetesVersion(version);
    if (parsed === undefined)
      warn(`kubeAuditPolicy.kubernetesVersion "${version}" is not a version like 1.30; using 1.${NEWEST_MINOR}.`);
    else minor = parsed;
  }
  const severity: Record<string, SeveritySetting> = {};
  const rawSeverity = section.severity;
  if (rawSeverity && typeof rawSeverity === 'object') {
    for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (isDiagnosticCode(code) && typeof level === 'string' && SEVERITY_VALUES.has(level))
        severity[code] = level as SeveritySetting;
      else warn(`kubeAuditPolicy.severity: ignoring "${code}": "${String(level)}".`);
    }
  }
  const files = Array.isArray(section.files) ? section.files.filter((f): f is string => typeof f === 'string') : [];
  const requirements: string[] = [];
  for (const pack of Array.isArray(section.requirements) ? section.requirements : []) {
    if (typeof pack === 'string' && PACK_NAMES.includes(pack)) requirements.push(pack);
    else warn(`kubeAuditPolicy.requirements: ignoring "${String(pack)}" (the packs are ${PACK_NAMES.join(', ')}).`);
  }
  return { service: { kubernetesMinor: minor, severity }, files, requirements };
}

export async function fetchSettings(
  connection: Connection,
  supportsConfiguration: boolean,
  fallback: unknown,
): Promise<ServerSettings> {
  const warn = (message: string): void => connection.console.warn(message);
  if (!supportsConfiguration) return readSettings(fallback, warn);
  try {
    const [section] = await connection.workspace.getConfiguration([{ section: 'kubeAuditPolicy' }]);
    return readSettings(section ?? fallback, warn);
  } catch {
    return readSettings(fallback, warn);
  }
}
