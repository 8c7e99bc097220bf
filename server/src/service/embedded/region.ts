// What a host file yields: a Region, the policy's text as the program that reads the host gets it,
// with the map back to the host and how text is written into the host; shared by every host
// format's finder (yamlRegions.ts, markdownRegions.ts, scriptRegions.ts), as are the test that
// text is a policy and the wrapping of a region found in a host that is itself a region.
import { detectPolicy } from '../decode/detect';
import { stringValue } from '../decode/nodeText';
import { findPair, isMap } from '../parse/model';
import type { ParsedPolicy } from '../parse/model';
import { parsePolicy } from '../parse/parse';
import type { ContentEncoding } from './encodedContent';
import { HEREDOC_OPERATOR } from './heredocs';
import { SourceMap } from './sourceMap';
import type { SourceLanguage } from './stringLiterals';

export interface Region {
  /** Where the policy sits, for people: `spec.kubeadmConfigSpec.files[2].content`. */
  readonly hostPath: string;
  /** The policy as the program that reads the host gets it. */
  readonly text: string;
  readonly map: SourceMap;
  /** How text inserted into the policy must be written into the host. */
  readonly encoding: RegionEncoding;
  /** Found by a known host path rather than by its content: checked even without an apiVersion. */
  readonly byHostPath: boolean;
  /** Host ranges whose value the host computes (a Terraform expression): no finding touches them. */
  readonly opaque?: ReadonlyArray<readonly [number, number]>;
  /** What the host does to the policy on its way to the file kube-apiserver reads, said at a host
   *  range (a here-document a shell never ends): published with the policy's diagnostics. */
  readonly notes?: readonly HostNote[];
}

/** Told where a host's first document that is not YAML starts and ends (host offsets). */
export type BrokenDocument = (start: number, end: number) => void;

/** A finding about the host around a policy, at host offsets. */
export interface HostNote {
  readonly start: number;
  readonly end: number;
  readonly code: 'heredoc-not-ended' | 'host-not-yaml';
  readonly message: string;
  /** The quick fix: `text` in place of the host's text from `start` to `end`. */
  readonly fix?: { readonly title: string; readonly start: number; readonly end: number; readonly text: string };
}

export type RegionEncoding =
  | {
      readonly kind: 'lines';
      readonly indent: string;
      /** Text the host cannot hold as it is: a source string's closing quote, a backslash where the
       *  string reads escapes (stringLiterals.ts). */
      readonly refuse?: RegExp;
    }
  /** Escaped as JSON escapes: a YAML double-quoted scalar, a Go, Python or JavaScript string;
   *  `quote: "'"` for a string in single quotes, where `'` is escaped too; `refuse`: text it
   *  does not take (a list of strings of several styles takes only a word). */
  | { readonly kind: 'double'; readonly quote?: "'"; readonly refuse?: RegExp }
  | { readonly kind: 'single' }
  | { readonly kind: 'folded' }
  /** base64, gzipped or not: the policy's text is not in the host, so nothing is written there. */
  | { readonly kind: 'encoded'; readonly as: ContentEncoding }
  /** A Terraform object: only a word or a quoted string can be written as it is. */
  | { readonly kind: 'hcl' }
  /** A policy in a host in a host (a ConfigMap in a Markdown block): written into the inner host,
   *  then that into the outer. */
  | { readonly kind: 'nested'; readonly inner: RegionEncoding; readonly outer: RegionEncoding };

/** The region with the host's own opaque ranges added (values a host around it computes). */
export function withOpaque(region: Region, opaque: ReadonlyArray<readonly [number, number]> | undefined): Region {
  return opaque && opaque.length > 0 ? { ...region, opaque: [...(region.opaque ?? []), ...opaque] } : region;
}

/** Starts a flow mapping's policy text: a document marker, which decodes to nothing. */
export const FLOW_LEAD = '--- ';

/** The region with notes about its host added. */
export function withNotes(region: Region, notes: readonly HostNote[]): Region {
  return notes.length > 0 ? { ...region, notes: [...(region.notes ?? []), ...notes] } : region;
}

/** A region found in a host that is itself a region of this one. */
export function nestedIn(region: Region, hostPath: string, map: SourceMap, encoding: RegionEncoding): Region {
  return {
    ...region,
    hostPath,
    map: region.map.within(map),
    encoding: { kind: 'nested', inner: region.encoding, outer: encoding },
    opaque: region.opaque?.map(([start, end]) => [map.toHost(start), map.toHost(end)] as const),
    notes: region.notes?.map((n) => ({
      ...n,
      start: map.toHost(n.start),
      end: map.toHost(n.end),
      ...(n.fix ? { fix: { ...n.fix, start: map.toHost(n.fix.start), end: map.toHost(n.fix.end) } } : {}),
    })),
  };
}

/** A policy by its content: its first document is an audit Policy, declared or by its shape
 *  (decode/detect.ts: a `rules` list whose items say `level`, or `kind: Policy` alone). */
export function isPolicyText(text: string): boolean {
  if (!/audit\.k8s\.io|rules|Policy/.test(text)) return false;
  return detectPolicy(parsePolicy(text)) === 'policy';
}

/** A policy by its content that also reads as YAML without a syntax error: what text not marked
 *  as YAML (a Markdown block marked `sh` or `text`) must be before it is taken for a policy file
 *  rather than shell notes that happen to contain one. */
export function isWellFormedPolicyText(text: string): boolean {
  if (!/audit\.k8s\.io|rules|Policy/.test(text)) return false;
  const parsed = parsePolicy(text);
  return (
    detectPolicy(parsed) === 'policy' &&
    parsed.syntaxErrors.length === 0 &&
    parsed.rules.every((rule) => rule.syntaxErrors.length === 0)
  );
}

/** A Markdown fence opening a line (``` or ~~~, indented or not). */
const FENCE_LINE = /^[ \t]*(```|~~~)/m;

/** The policies of a string that is a host of another kind, read as that host: a command writing
 *  them through a here-document (`sudo tee f <<EOF` ... `EOF` kept in a Go or Python string, a
 *  Terraform `inline` item, a YAML `shell: |`), or a Markdown text whose fences show them (a
 *  chatbot's prompt kept in JSON). Read as YAML, its first line would make the file refused. A
 *  policy itself holds neither, unless it reads cleanly around one. */
export function innerHostRegions(text: string, readInner: FindInner): Region[] {
  const heredoc = HEREDOC_OPERATOR.test(text);
  const fenced = !heredoc && FENCE_LINE.test(text);
  if ((!heredoc && !fenced) || isWellFormedPolicyText(text)) return [];
  return readInner(text, heredoc ? 'script' : 'markdown');
}

/** A top-level key a policy, or one being written, may have: apiVersion, kind, metadata, rules,
 *  omitStages, omitManagedFields, in any case or cut short. */
const POLICY_KEY = /^(api|kind|meta|rule|omit)/i;

/** The file says it is something else (a kind Cluster, a Kustomization, a Kyverno Policy, a
 *  cloud-config, an RKE2 or k3s config.yaml of flags that names its policy file): named as a
 *  policy, it still holds none, and checking it as one would only list its own fields as mistakes.
 *  A policy being written (`kind: Polic`, no apiVersion yet, `apiVersion: v1`, `Rules:`) is not. */
export function declaresAnotherObject(parsed: ParsedPolicy): boolean {
  if (/^#cloud-config\b/.test(parsed.text)) return true; // cloud-init reads only files that start so
  if (!isMap(parsed.root)) return false;
  // Not one key is a policy's field, however spelt: a configuration of another tool.
  const keys = parsed.root.pairs.map((p) => String(p.key.value ?? ''));
  if (keys.length > 0 && !keys.some((k) => POLICY_KEY.test(k))) return true;
  const kind = stringValue(findPair(parsed.root, 'kind')?.value);
  const apiVersion = stringValue(findPair(parsed.root, 'apiVersion')?.value);
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return (kind !== undefined && kind !== '' && !/^pol/i.test(kind)) || (group !== '' && !/audit/i.test(group));
}

/** `script`: a shell script, a Terraform or HCL file, a Dockerfile: only its here-documents are read;
 *  `ruby`: a Ruby file (a Vagrantfile, a Chef recipe): only its here-documents (`<<~EOS`) are read;
 *  `jsonnet`: a Jsonnet file: only its text blocks (`|||`) are read;
 *  `puppet`: a Puppet manifest: only its heredocs (`@(EOT)` ... `| EOT`) are read.
 *  A source language (Go, Python, JavaScript and TypeScript, Java, Kotlin, Nix, Rust): only its string
 *  literals are read. */
export type HostFormat = 'yaml' | 'markdown' | 'script' | 'hcl' | 'ruby' | 'jsonnet' | 'puppet' | SourceLanguage;

/** Reads a host found inside a host, one level deeper. The finders are given it (findRegions.ts)
 *  rather than importing findRegions, so that imports point one way. */
export type FindInner = (text: string, format: HostFormat) => Region[];
