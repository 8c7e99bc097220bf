import type { Connection } from 'vscode-languageserver/node';
import type { ServiceSettings } from '../service';
export interface ServerSettings {
    readonly service: ServiceSettings;
    /** Globs of files checked as audit policies even before they say so. */
    readonly files: readonly string[];
}
export declare const DEFAULT_SERVER_SETTINGS: ServerSettings;
/** Turns the raw `kubeAuditPolicy` object into settings; bad values fall back to defaults with a warning. */
export declare function readSettings(raw: unknown, warn: (message: string) => void): ServerSettings;
export declare function fetchSettings(connection: Connection, supportsConfiguration: boolean, fallback: unknown): Promise<ServerSettings>;
