// Command-line options with node:util parseArgs, strict: every option is known, every value is
// checked, and anything else is a UsageError naming what was wrong. Values are kept as lists so a
// single-valued option given twice is an error instead of a silent choice.
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS, isDiagnosticCode, parseKubernetesVersion } from '../service';
import type { ServiceSettings, SeveritySetting } from '../service';
import { UsageError } from './usage';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
}

/** The options a command takes: those that take a value, and switches. */
export interface OptionSpec {
  readonly valued: readonly string[];
  readonly switches?: readonly string[];
}

/** Splits `--option value`, `--option=value`, switches and positionals (`-` and after `--` too). */
export function parseCommandLine(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple: true; short?: string }> = {};
  for (const name of spec.valued) options[name] = { type: 'string', multiple: true };
  for (const name of spec.switches ?? []) options[name] = { type: 'boolean', multiple: true };
  options.help = { type: 'boolean', multiple: true, short: 'h' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const flags = new Map<string, string[]>();
  for (const [name, values] of Object.entries(parsed.values)) {
    if (values !== undefined) flags.set(name, (values as Array<string | boolean>).map(String));
  }
  return { positionals: parsed.positionals, flags };
}

/** parseArgs' errors in this command's words. */
function usageMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /--[\w-]+/.exec(message)?.[0] ?? /'(-\w)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
  }
  return message.split('\n')[0];
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
    if (parsed === undefined) {
      throw new UsageError(`invalid --kubernetes-version "${version}": expected a version like 1.30 (1.12 or later)`);
    }
    minor = parsed;
  }
  const severity: Record<string, SeveritySetting> = {};
  for (const spec of args.flags.get('severity') ?? []) {
    const [code, level] = spec.split('=');
    if (!code || !isDiagnosticCode(code))
      throw new UsageError(`invalid --severity "${spec}": unknown code "${code ?? ''}"`);
    if (!level || !LEVELS.has(level)) {
      throw new UsageError(`invalid --severity "${spec}": the level must be error, warning, information, hint or off`);
    }
    severity[code] = level as SeveritySetting;
  }
  return { kubernetesMinor: minor, severity };
}

export function formatFrom<T extends string>(args: ParsedArgs, allowed: readonly T[]): T {
  const format = single(args, 'format') ?? allowed[0];
  if (!allowed.includes(format as T))
    throw new UsageError(`invalid --format "${format}": expected ${allowed.join(', ')}`);
  return format as T;
}
