// A small, strict command-line parser: every flag is known, every value is checked, and anything
// else is a UsageError naming what was wrong.
import { DEFAULT_SETTINGS, isDiagnosticCode, parseKubernetesVersion } from '../service';
import type { ServiceSettings, SeveritySetting } from '../service';
import { UsageError } from './usage';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
}

/** Splits `--flag value`, `--flag=value` and positionals; `booleans` take no value. */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (booleans.includes(name)) {
      flags.set(name, ['true']);
      continue;
    }
    if (!valued.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values?.[0];
}

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function settingsFrom(args: ParsedArgs): ServiceSettings {
  let minor = DEFAULT_SETTINGS.kubernetesMinor;
  const version = single(args, 'kubernetes-version');
  if (version !== undefined) {
    const parsed = parseKubernetesVersion(version);
    if (parsed === undefined) throw new UsageError(`invalid --kubernetes-version "${version}": expected a version like 1.30 (1.12 or later)`);
    minor = parsed;
  }
  const severity: Record<string, SeveritySetting> = {};
  for (const spec of args.flags.get('severity') ?? []) {
    const [code, level] = spec.split('=');
    if (!code || !isDiagnosticCode(code)) throw new UsageError(`invalid --severity "${spec}": unknown code "${code ?? ''}"`);
    if (!level || !LEVELS.has(level)) throw new UsageError(`invalid --severity "${spec}": the level must be error, warning, information, hint or off`);
    severity[code] = level as SeveritySetting;
  }
  return { kubernetesMinor: minor, severity };
}

export function formatFrom<T extends string>(args: ParsedArgs, allowed: readonly T[]): T {
  const format = single(args, 'format') ?? allowed[0];
  if (!allowed.includes(format as T)) throw new UsageError(`invalid --format "${format}": expected ${allowed.join(', ')}`);
  return format as T;
}
