// Finds and loads what `kube-audit-policy test` runs: test files (named, or found under
// directories), the requirement packs, and the policy each one is run against.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPolicyDocument, isTestFileName, parseTestFile, requirementPack, PACK_NAMES } from '../service';
import type { PolicyDocument, TestFile } from '../service';
import { decode } from './inputs';
import { UsageError } from './usage';

export interface LoadedTests {
  /** The file as named (a pack is `pack:NAME`). */
  readonly name: string;
  readonly text: string;
  readonly file: TestFile;
  /** The policy's path as shown, and the policy; undefined with `policyError` when it cannot be read. */
  readonly policyName?: string;
  readonly policy?: PolicyDocument;
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

const policyCache = new Map<string, PolicyDocument | string>();

function loadPolicy(file: string): PolicyDocument | string {
  let cached = policyCache.get(file);
  if (cached === undefined) {
    try {
      cached = createPolicyDocument(`file:///${encodeURIComponent(file)}`, 1, readTextFile(file));
    } catch (error) {
      cached = error instanceof Error ? error.message : String(error);
    }
    policyCache.set(file, cached);
  }
  return cached;
}

/** A test file with its policy: `--policy` when given, else its `policy:` relative to the file. */
export function loadTestFile(
  name: string,
  text: string,
  file: TestFile,
  policyOverride: string | undefined,
): LoadedTests {
  const policyPath =
    policyOverride ?? (file.policy !== undefined ? path.join(path.dirname(name), file.policy) : undefined);
  if (policyPath === undefined)
    return { name, text, file, policyError: 'the test file names no `policy` (give one, or --policy FILE)' };
  const policy = loadPolicy(policyPath);
  return typeof policy === 'string'
    ? { name, text, file, policyName: policyPath, policyError: policy }
    : { name, text, file, policyName: policyPath, policy };
}

export function loadPack(name: string, policyPath: string): LoadedTests {
  const file = requirementPack(name);
  if (!file) throw new UsageError(`unknown pack "${name}" (the packs are ${PACK_NAMES.join(', ')})`);
  return loadTestFile(`pack:${name}`, '', file, policyPath);
}

export function loadNamedTestFile(name: string, policyOverride: string | undefined): LoadedTests {
  const text = readTextFile(name);
  return loadTestFile(name, text, parseTestFile(text), policyOverride);
}
