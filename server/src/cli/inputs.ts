// Reads what the command line names: files (always checked, whatever they say), directories
// (searched for YAML, Markdown, script and source files that are or hold an audit policy) and
// `-` (standard input).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YAML_TEMPLATE_NAME } from '../service';
import { UsageError } from './usage';

export interface Input {
  /** The path as the user gave it (or as found under a directory they gave). */
  readonly name: string;
  readonly text: string;
  /** Named explicitly: checked even if it does not declare itself an audit policy. */
  readonly explicit: boolean;
}

/** Files a directory is searched in: policies, and the YAML, Markdown (AsciiDoc, reStructuredText),
 *  shell, Terraform, Docker, Ruby (Vagrantfiles, Chef recipes), Puppet and Jsonnet files that hold
 *  them; templates of YAML files (an Ansible role's `audit-policy.yaml.j2`, a Chef cookbook's
 *  `audit-policy.yaml.erb`, a Mako `audit-policy.yaml.mako`, a Salt state's `audit-policy.sls`, YAML
 *  through Jinja unless its `#!` line names other renderers). */
const YAML_FILE =
  /\.(ya?ml|json|md|markdown|adoc|asciidoc|rst|sh|bash|zsh|bats|tf|tfvars|hcl|tftpl|rb|pp|jsonnet|libsonnet)$|^(Dockerfile|Vagrantfile)$/i;
/** Go, Python, JavaScript, TypeScript, Java, Kotlin, Nix and Rust sources, whose string literals may hold
 *  a policy (an operator's constant, a test harness's policy, a NixOS module's file); not
 *  declarations nor minified bundles. */
const SOURCE_FILE = /\.(go|py|js|mjs|cjs|jsx|ts|mts|cts|tsx|java|kt|kts|nix|rs)$/i;
const NOT_SOURCE = /\.(d\.[mc]?ts|min\.js)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** Where other projects' sources are kept (Go's vendor/, Python's virtual environments): their
 *  policies are not the user's to fix. Their YAML is still read. */
const THIRD_PARTY_DIRS = new Set(['vendor', 'third_party', '.venv', 'venv', 'site-packages', '__pycache__']);

export function readInputs(paths: readonly string[], readStdin: () => Buffer): Input[] {
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ name: '-', text: readDecoded('standard input', readStdin), explicit: true });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      throw new UsageError(`cannot read ${p}: ${reason(error)}`);
    }
    if (stat.isDirectory()) {
      const found = findYamlFiles(p);
      if (found.length === 0) throw new UsageError(`no YAML files in directory ${p}`);
      for (const file of found) {
        const text = isSource(file) ? readSource(file) : readText(file);
        if (text !== undefined) inputs.push({ name: file, text, explicit: false });
      }
    } else {
      inputs.push({ name: p, text: readText(p), explicit: true });
    }
  }
  return inputs;
}

function findYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, thirdParty: boolean): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, thirdParty || THIRD_PARTY_DIRS.has(entry.name));
      } else if (entry.isFile() && isSearched(entry.name, thirdParty)) out.push(full);
    }
  };
  walk(dir, false);
  return out;
}

function isSearched(name: string, thirdParty: boolean): boolean {
  if (YAML_FILE.test(name) || YAML_TEMPLATE_NAME.test(name)) return true;
  return !thirdParty && isSource(name);
}

function isSource(name: string): boolean {
  return SOURCE_FILE.test(name) && !NOT_SOURCE.test(name) && !YAML_FILE.test(name);
}

/** A source file found in a directory, or undefined when it is no text: `.ts` is also an MPEG
 *  transport stream's extension, and a video beside the code must not stop the search. */
function readSource(file: string): string | undefined {
  try {
    return decode(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

function readText(file: string): string {
  return readDecoded(file, () => fs.readFileSync(file));
}

function readDecoded(name: string, read: () => Buffer): string {
  try {
    return decode(read());
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${reason(error)}`);
  }
}

/** UTF-8 unless a byte-order mark says UTF-16 (go-yaml reads both). Bytes are never dropped or
 *  replaced silently: go-yaml refuses invalid UTF-8 ("invalid leading UTF-8 octet"), so it is an
 *  unreadable input here too, named in one line.
 *
 *  The byte order mark stays at the start of the text (as U+FEFF), because it decides how
 *  kube-apiserver reads the file: the universal deserializer takes a file for JSON only when its
 *  first non-space byte is `{` (apimachinery pkg/util/yaml/decoder.go IsJSONBuffer, which trims
 *  unicode.IsSpace, and U+FEFF is not a space; UTF-16's FF FE is not even UTF-8), so a JSON file
 *  with a mark goes through sigs.k8s.io/yaml: go-yaml skips the mark of UTF-8 and UTF-16 alike
 *  (readerc.go yaml_parser_determine_encoding) and reads the JSON as YAML, where a tab in a string,
 *  a trailing comma or `generation: 1e3` load. The service models both steps for a text that
 *  starts with U+FEFF (parse/goyaml/load.ts readsAsJson, reader.ts). */
export function decode(bytes: Buffer): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : '';
  // ignoreBOM: the mark is kept, as above. fatal: go-yaml refuses a lone surrogate or an odd last
  // byte in UTF-16 ("incomplete UTF-16 character", readerc.go) as it refuses invalid UTF-8.
  const encoding = utf16 ? `utf-16${utf16}` : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`not valid ${encoding.toUpperCase()} (kube-apiserver refuses such a file too)`);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
