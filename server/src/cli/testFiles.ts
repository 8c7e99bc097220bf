// Finds and loads what `kube-audit-policy test` runs: test files (named, or found under
// directories), the requirement packs, and the policy each one is run against.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTestFileName, parseTestFile, policyLabel, refusalCount, requirementPack, PACK_NAMES } from '../service';
import type { PolicyDocument, RefusalCount, RegionTranslator, TestFile } from '../service';
import { single } from './args';
import type { ParsedArgs } from './args';
import { decode } from './inputs';
import { policyInFile } from './policyFile';
import { UsageError } from './usage';

export interface LoadedTests {
  /** The file as named (a pack is `pack:NAME`). */
  readonly name: string;
  readonly text: string;
  readonly file: TestFile;
  /** The policy's path as shown (with its region, for a policy a file holds), and the policy;
   *  undefined with `policyError` when it cannot be read. */
  readonly policyName?: string;
  readonly policy?: PolicyDocument;
  /** The errors kube-apiserver refuses the policy for, without findings on what its host fills in. */
  readonly refusals?: RefusalCount;
  readonly policyError?: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function findTestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      out.push(p);
      continue;
    }
    const before = out.length;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(full);
        else if (entry.isFile() && isTestFileName(entry.name)) out.push(full);
      }
    };
    walk(p);
    if (out.length === before) throw new UsageError(`no test files (*.audit-test.yaml) in directory ${p}`);
  }
  return out;
}

export function readTextFile(file: string): string {
  try {
    return decode(fs.readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The policy to run against, named on the command line: a file, and in a file that holds several
 *  policies the one at `embeddedAt`. */
export interface PolicyChoice {
  readonly path: string;
  readonly embeddedAt?: string;
}

/** --policy FILE, with --embedded-at PATH when the file holds several policies. */
export function policyChoice(args: ParsedArgs): PolicyChoice | undefined {
  const path = single(args, 'policy');
  const embeddedAt = single(args, 'embedded-at');
  if (path === undefined && embeddedAt !== undefined) throw new UsageError('--embedded-at goes with --policy FILE');
  return path === undefined ? undefined : { path, ...(embeddedAt !== undefined ? { embeddedAt } : {}) };
}

const policyCache = new Map<string, RegionTranslator | string>();

/** The policy in a file (itself, or the one it holds), or why it cannot be read; `option` is what
 *  names the policy in a file that holds several (`--embedded-at`, or the test file's `embeddedAt`). */
function loadPolicy(file: string, embeddedAt: string | undefined, option: string): RegionTranslator | string {
  const key = `${file}\0${embeddedAt ?? ''}\0${option}`;
  let cached = policyCache.get(key);
  if (cached === undefined) {
    try {
      cached = policyInFile(file, readTextFile(file), embeddedAt, option);
    } catch (error) {
      cached = error instanceof Error ? error.message : String(error);
    }
    policyCache.set(key, cached);
  }
  return cached;
}

/** A test file with its policy: `--policy` (and `--embedded-at`) when given, else its `policy:`
 *  relative to the file (and its `embeddedAt:`, in a file that holds several). */
export function loadTestFile(
  name: string,
  text: string,
  file: TestFile,
  override: PolicyChoice | undefined,
): LoadedTests {
  const policyPath =
    override?.path ?? (file.policy !== undefined ? path.join(path.dirname(name), file.policy) : undefined);
  if (policyPath === undefined)
    return { name, text, file, policyError: 'the test file names no `policy` (give one, or --policy FILE)' };
  const policy = override
    ? loadPolicy(policyPath, override.embeddedAt, '--embedded-at')
    : loadPolicy(policyPath, file.embeddedAt, '`embeddedAt`');
  return typeof policy === 'string'
    ? { name, text, file, policyName: policyPath, policyError: policy }
    : {
        name,
        text,
        file,
        policyName: policyLabel(policyPath, policy.policy),
        policy: policy.policy.doc,
        refusals: (settings) => refusalCount(policy, settings),
      };
}

export function loadPack(name: string, policy: PolicyChoice): LoadedTests {
  const file = requirementPack(name);
  if (!file) throw new UsageError(`unknown pack "${name}" (the packs are ${PACK_NAMES.join(', ')})`);
  return loadTestFile(`pack:${name}`, '', file, policy);
}

export function loadNamedTestFile(name: string, override: PolicyChoice | undefined): LoadedTests {
  const text = readTextFile(name);
  return loadTestFile(name, text, parseTestFile(text), override);
}
