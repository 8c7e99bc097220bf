// One version of one open file that is an audit policy or holds some: the file itself when it is a
// policy (the common case, no translation at all), else each policy embedded in it, parsed once
// as a PolicyDocument of its own text, with the map back to the host.
import { createPolicyDocument, verdictPending, verdictSettled } from '../document';
import type { PolicyDocument } from '../document';
import { detectPolicy, mayBePolicy } from '../decode/detect';
import { LineIndex } from '../text/lineIndex';
import { findRegions } from './findRegions';
import type { HostFormat } from './region';
import type { SourceLanguage } from './stringLiterals';
import { declaresAnotherObject, withNotes } from './region';
import { hostSyntaxNote } from './hostSyntax';
import type { Region } from './region';
import { SourceMap } from './sourceMap';
import { DOCUMENTATION_PAGE_PATH } from './pageBlocks';
import { templateDialect } from './tagTemplates';
import type { TemplateDialect } from './tagTemplates';
import { literalHeredocsUnmasked } from './puppetHeredocs';
import { hasGoTemplateControl, maskTemplates } from './templates';

export interface EmbeddedPolicy {
  readonly region: Region;
  readonly doc: PolicyDocument;
}

export interface HostDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  /** `policy`: the file is a policy (one region, the whole file); `host`: policies sit inside it. */
  readonly kind: 'policy' | 'host' | 'none';
  /** Read as a policy because it was named so (HostOptions.forced). */
  readonly forced: boolean;
  readonly policies: readonly EmbeddedPolicy[];
  /** Template directives (host offsets): findings that touch them are not ours to make. */
  readonly directives: ReadonlyArray<readonly [number, number]>;
  /** How the file was read (HostOptions.format, or by its name). */
  readonly format: HostFormat;
}

export interface HostOptions {
  /** Named as a policy (a files glob, the command line): checked as one even when it neither says
   *  it is one nor holds one. A host that holds policies is still read as a host. */
  readonly forced?: boolean;
  readonly format?: HostFormat;
  /** A file that is a policy may be answered before go-yaml's reading of it, which settledHost then
   *  does (parse/verdict.ts withGoYamlVerdict): the language server's open of a large policy. */
  readonly verdictLater?: boolean;
}

const TEMPLATE_PATH = /(^|[\\/])templates[\\/]|\.(tpl|tmpl|gotmpl|j2|jinja2?|tftpl|erb|epp|mako|mak|sls)$/i;
/** A Salt state file (`.sls`) goes through the renderers its first line names (`#!jinja|yaml`,
 *  `#!mako|yaml`, `#!yaml`; a `#!/` line is a path, not renderers), else through the default
 *  `jinja|yaml` (salt/template.py template_shebang; docs.saltproject.io, Renderers): a template
 *  unless that line names no template engine, as `#!yaml` and `#!json` do. */
const SALT_STATE = /\.sls$/i;
const SALT_WITHOUT_ENGINE = /^#!(?!\/)(?![^\r\n]*(jinja|mako|wempy|genshi|cheetah))/;

/** Whether the file is a template of YAML by its name (Salt: and its renderer line). */
function isTemplatePath(path: string, text: string): boolean {
  return TEMPLATE_PATH.test(path) && !(SALT_STATE.test(path) && SALT_WITHOUT_ENGINE.test(text));
}

/** Shell scripts (Bats test files are bash), and Dockerfiles: never a policy themselves, they hold here-documents. */
const SCRIPT_PATH = /\.(sh|bash|zsh|bats|dockerfile)$|(^|[\\/])Dockerfile$/i;
const SCRIPT_LANGUAGES = new Set(['shellscript', 'dockerfile']);
/** Terraform and HCL (variable files `.tfvars` too): here-documents, objects and quoted strings.
 *  `terraform-vars` is HashiCorp's extension's id for `.tfvars`. */
const HCL_PATH = /\.(tf|tfvars|hcl)$/i;
const HCL_LANGUAGES = new Set(['terraform', 'terraform-vars', 'hcl']);

/** Ruby files: a Vagrantfile's provisioning script, a Chef recipe's `content <<~EOS`. */
const RUBY_PATH = /\.rb$|(^|[\\/])(Vagrantfile|Rakefile)$/;
/** Source files, by their extension or their editor language: only their string literals are read. */
const SOURCE_PATHS: ReadonlyArray<readonly [RegExp, SourceLanguage]> = [
  [/\.go$/i, 'go'],
  [/\.(py|pyw)$/i, 'python'],
  [/\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i, 'javascript'],
  [/\.java$/i, 'java'],
  [/\.(kt|kts)$/i, 'kotlin'],
  [/\.nix$/i, 'nix'],
  [/\.rs$/i, 'rust'],
];
const SOURCE_LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  go: 'go',
  python: 'python',
  javascript: 'javascript',
  typescript: 'javascript',
  javascriptreact: 'javascript',
  typescriptreact: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  nix: 'nix',
  rust: 'rust',
};

/** A template of a YAML file by its name (`audit.yaml.erb`, `policy.yml.j2`, a Salt state): YAML
 *  whatever language the editor gives it (VS Code's own Ruby names `.erb` files `ruby`). */
export const YAML_TEMPLATE_NAME = /\.ya?ml\.(erb|epp|mako|mak|j2|jinja2?|tpl|tmpl|gotmpl|tftpl)$|\.sls$/i;

export function hostFormat(uri: string, languageId?: string): HostFormat {
  const path = pathOf(uri);
  if (YAML_TEMPLATE_NAME.test(path)) return 'yaml';
  if (
    languageId === 'markdown' ||
    languageId === 'asciidoc' ||
    languageId === 'restructuredtext' ||
    DOCUMENTATION_PAGE_PATH.test(path)
  )
    return 'markdown';
  const source = SOURCE_LANGUAGES[languageId ?? ''] ?? SOURCE_PATHS.find(([pattern]) => pattern.test(path))?.[1];
  if (source) return source;
  if (languageId === 'ruby' || RUBY_PATH.test(path)) return 'ruby';
  if (languageId === 'jsonnet' || /\.(jsonnet|libsonnet)$/i.test(path)) return 'jsonnet';
  if (languageId === 'puppet' || /\.pp$/i.test(path)) return 'puppet';
  if (HCL_LANGUAGES.has(languageId ?? '') || HCL_PATH.test(path)) return 'hcl';
  return SCRIPT_LANGUAGES.has(languageId ?? '') || SCRIPT_PATH.test(path) ? 'script' : 'yaml';
}

/** The path a URI names, its escapes undone (the command line writes `file:///templates%2Fa.yaml`). */
function pathOf(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

export function createHostDocument(
  uri: string,
  version: number,
  text: string,
  previous?: HostDocument,
  options: HostOptions = {},
): HostDocument {
  const format = options.format ?? hostFormat(uri);
  const forced = options.forced === true;
  const sameFile = previous?.uri === uri;
  const dialect = templateDialect(pathOf(uri), text);
  if (format === 'yaml') {
    // A Helm, Jinja (Salt's states too), ERB or Mako template of a policy, or a file with a Go
    // template's control lines, is read with its directives masked; a plain policy file is read
    // exactly as kube-apiserver reads it.
    const template = isTemplatePath(pathOf(uri), text) || dialect !== undefined || hasGoTemplateControl(text);
    const whole = sameFile && previous.kind === 'policy' ? previous.policies[0]?.doc : undefined;
    // Masking makes placeholders of a directive's letters, so only a file read as written can be
    // told from its text alone that it is no policy; it may still hold one (embeddedPolicies). A
    // policy a version ago is read on incrementally instead: the test would only cost its keystrokes.
    if (!template && !forced && !whole && !mayBePolicy(text))
      return embeddedPolicies(uri, version, text, new LineIndex(text), format, forced, previous, dialect);
    const masked = template ? maskTemplates(text, dialect) : { text, directives: [] };
    const doc = createPolicyDocument(uri, version, masked.text, whole, { verdictLater: options.verdictLater });
    const detection = detectPolicy(doc.parsed);
    if (detection !== 'other') return wholeFile(uri, version, text, forced, doc, masked.directives);
    const hosted = embeddedPolicies(uri, version, text, doc.lines, format, forced, previous, dialect);
    return hosted.kind === 'none' && forced && !declaresAnotherObject(doc.parsed)
      ? wholeFile(uri, version, text, forced, doc, masked.directives)
      : hosted;
  }
  return embeddedPolicies(uri, version, text, new LineIndex(text), format, forced, previous, dialect);
}

/** Whether the host's policy was read without go-yaml's verdict yet (HostOptions.verdictLater). */
export function hostVerdictPending(host: HostDocument): boolean {
  return host.kind === 'policy' && verdictPending(host.policies[0].doc);
}

/** The host with go-yaml's verdict: itself where the reading agrees with what was answered, else
 *  the host read again with the verdict (go-yaml refuses the text, or stops reading it early).
 *  `options` are those the host was made with. */
export function settledHost(host: HostDocument, options: HostOptions): HostDocument {
  if (!hostVerdictPending(host) || verdictSettled(host.policies[0].doc)) return host;
  return createHostDocument(host.uri, host.version, host.text, host, { ...options, verdictLater: false });
}

function wholeFile(
  uri: string,
  version: number,
  text: string,
  forced: boolean,
  doc: PolicyDocument,
  directives: HostDocument['directives'],
): HostDocument {
  // Masking keeps every line break where it was, so the policy's line index is the file's.
  const lines = doc.lines;
  const region: Region = {
    hostPath: '',
    text: doc.text,
    map: SourceMap.identity(text.length),
    encoding: { kind: 'lines', indent: '' },
    byHostPath: false,
  };
  return { uri, version, text, lines, kind: 'policy', forced, policies: [{ region, doc }], directives, format: 'yaml' };
}

function embeddedPolicies(
  uri: string,
  version: number,
  text: string,
  lines: LineIndex,
  format: HostFormat,
  forced: boolean,
  previous: HostDocument | undefined,
  dialect: TemplateDialect | undefined,
): HostDocument {
  const sameFile = previous?.uri === uri;
  // Code is no template: its braces (Go's `[]T{{...}}`, a Python dict) are code, and the
  // substitutions of its strings are read with the strings (stringLiterals.ts).
  const source = !['yaml', 'markdown', 'script', 'hcl', 'ruby', 'jsonnet', 'puppet'].includes(format);
  const masked = source
    ? { text, directives: [] }
    : format === 'puppet'
      ? literalHeredocsUnmasked(text, maskTemplates(text, dialect))
      : maskTemplates(text, dialect);
  // A template's masked text is no file anyone reads: only a plain YAML host is checked as YAML.
  const checked = format === 'yaml' && masked.directives.length === 0;
  const broken: Array<readonly [number, number]> = [];
  const found = findRegions(masked.text, format, 0, checked ? (start, end) => broken.push([start, end]) : undefined);
  const note = broken.length > 0 && found.length > 0 ? hostSyntaxNote(text, broken[0], found) : undefined;
  const regions = note ? found.map((region) => withNotes(region, [note])) : found;
  const previousByPath = new Map((sameFile ? previous.policies : []).map((p) => [p.region.hostPath, p.doc]));
  const policies = regions.map((region) => ({
    region,
    doc: createPolicyDocument(`${uri}#${region.hostPath}`, version, region.text, previousByPath.get(region.hostPath)),
  }));
  return {
    uri,
    version,
    text,
    lines,
    kind: policies.length > 0 ? 'host' : 'none',
    forced,
    policies,
    directives: masked.directives,
    format,
  };
}

/** The embedded policy whose host range holds `offset` (ends included, for a cursor at the end). */
export function policyAt(host: HostDocument, offset: number): EmbeddedPolicy | undefined {
  return host.policies.find(
    (p) =>
      p.region.map.toRegion(offset) !== undefined && offset >= p.region.map.hostStart && offset <= p.region.map.hostEnd,
  );
}
