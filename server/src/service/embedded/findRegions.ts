// Finds the audit policies a host file holds: YAML values (block scalars, quoted strings, inline
// mappings) anywhere in any of its documents, fenced `yaml` blocks of a Markdown file, and the
// here-documents of a script or a Terraform file; each of these may in turn hold a host (a
// ConfigMap shown in a README, a manifest in a Terraform heredoc).
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml';
import { detectPolicy } from '../decode/detect';
import { parsePolicy } from '../parse/parse';
import { LineIndex } from '../text/lineIndex';
import { alignScalar, dedentLines } from './alignScalar';
import type { ScalarStyle } from './alignScalar';
import { contentEncodingAt, decodeContent } from './encodedContent';
import type { ContentEncoding } from './encodedContent';
import { findHclObjects } from './hclObjects';
import { findHeredocs } from './heredocs';
import { CONFIGMAP_POLICY_KEY, hostPathFor } from './hostPaths';
import { SourceMap } from './sourceMap';

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
}

export type RegionEncoding =
  | { readonly kind: 'lines'; readonly indent: string }
  | { readonly kind: 'double' }
  | { readonly kind: 'single' }
  | { readonly kind: 'folded' }
  /** base64, gzipped or not: the policy's text is not in the host, so nothing is written there. */
  | { readonly kind: 'encoded'; readonly as: ContentEncoding }
  /** A Terraform object: only a word or a quoted string can be written as it is. */
  | { readonly kind: 'hcl' }
  /** A policy in a host in a host (a ConfigMap in a Markdown block): written into the inner host,
   *  then that into the outer. */
  | { readonly kind: 'nested'; readonly inner: RegionEncoding; readonly outer: RegionEncoding };

const YAML_OPTIONS = { version: '1.1', uniqueKeys: false, prettyErrors: false } as const;
/** A host nested in a host nested in a host is not something anyone writes. */
const MAX_DEPTH = 3;
/** Starts a flow mapping's policy text: a document marker, which decodes to nothing. */
const FLOW_LEAD = '--- ';
/** Markdown code blocks that show a shell session or a Terraform file: their here-documents count. */
const SCRIPT_FENCE = /^(sh|bash|zsh|shell|console|terminal|shell-session|hcl|terraform|tf|dockerfile)$/;

/** `script`: a shell script, a Terraform or HCL file, a Dockerfile: only its here-documents are read. */
export type HostFormat = 'yaml' | 'markdown' | 'script';

export function findRegions(text: string, format: HostFormat, depth = 0): Region[] {
  if (depth >= MAX_DEPTH || !mayHoldPolicy(text)) return [];
  try {
    if (format === 'markdown') return markdownRegions(text, depth);
    return format === 'script' ? scriptRegions(text, depth) : yamlRegions(text, depth);
  } catch {
    return []; // a host the YAML reader cannot walk holds nothing we can place
  }
}

/** Cheap test before any parse: every policy (its apiVersion) and every known host path says
 *  "audit", unless it is kept encoded. */
function mayHoldPolicy(text: string): boolean {
  return /audit|encoding:|isBase64|binaryData|kind:\s*Secret/i.test(text);
}

function yamlRegions(text: string, depth: number): Region[] {
  const lines = new LineIndex(text);
  const regions: Region[] = [];
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  if (!Array.isArray(docs)) return [];
  docs.forEach((doc, d) => {
    const prefix = d === 0 ? '' : `documents[${d}]`;
    const kind = isMap(doc.contents) ? stringAt(doc.contents, 'kind') : undefined;
    const visit = (node: unknown, path: string, parent: YAMLMap | undefined, key: string | undefined): void => {
      if (isMap(node)) {
        if (path !== prefix) {
          const region = mappingRegion(text, lines, node, path, parent);
          if (region) {
            regions.push(region);
            return;
          }
        }
        for (const pair of node.items as Pair[]) {
          const k = keyText(pair);
          if (k !== undefined) visit(pair.value, join(path, k), node, k);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => visit(item, `${path}[${i}]`, undefined, undefined));
      } else if (isScalar(node) && typeof node.value === 'string') {
        const byConfigMap =
          (kind === 'ConfigMap' || kind === 'Secret') &&
          /^(documents\[\d+\]\.)?(data|binaryData|stringData)[.[]/.test(path) &&
          CONFIGMAP_POLICY_KEY.test(key ?? '');
        const scalar = node as Scalar<string>;
        const encoding = contentEncodingAt(path, kind, (k) => (parent ? stringAt(parent, k) : undefined));
        regions.push(
          ...(encoding
            ? encodedRegions(scalar, path, parent, byConfigMap, encoding, depth)
            : scalarRegions(text, lines, scalar, path, parent, byConfigMap, depth)),
        );
      }
    };
    visit(doc.contents, prefix, undefined, undefined);
  });
  return regions;
}

function scalarRegions(
  text: string,
  lines: LineIndex,
  node: Scalar<string>,
  path: string,
  parent: YAMLMap | undefined,
  byConfigMap: boolean,
  depth: number,
): Region[] {
  const value = node.value;
  const known = hostPathFor(path, 'text', (k) => (parent ? stringAt(parent, k) : undefined));
  if ((!value.includes('\n') && !known?.header) || !node.range) return [];
  const byHostPath = !!known || byConfigMap;
  if (known?.header) {
    // Rules the tool writes under its own header (Kubespray's audit_policy_custom_rules).
    const mapped = scalarMap(text, lines, node);
    if (!mapped) return [];
    const header = known.header;
    const map = mapped.map.after(header.length);
    return [{ hostPath: path, text: header + value, map, encoding: mapped.encoding, byHostPath }];
  }
  const isPolicy = isPolicyText(value);
  if (!isPolicy && !byHostPath) {
    // A host inside a host: a ConfigMap manifest kept as a string (a Helm value, a kustomize patch).
    if (!/audit\.k8s\.io/.test(value)) return [];
    const inner = findRegions(value, 'yaml', depth + 1);
    if (inner.length === 0) return [];
    const outer = scalarMap(text, lines, node);
    return outer ? inner.map((r) => nestedIn(r, `${path} ${r.hostPath}`, outer.map, outer.encoding)) : [];
  }
  const mapped = scalarMap(text, lines, node);
  if (!mapped) return [];
  return [{ hostPath: path, text: value, map: mapped.map, encoding: mapped.encoding, byHostPath }];
}

/** A base64 (or gzipped) file: found by what it decodes to; its findings sit on the whole value. */
function encodedRegions(
  node: Scalar<string>,
  path: string,
  parent: YAMLMap | undefined,
  byConfigMap: boolean,
  encoding: ContentEncoding,
  depth: number,
): Region[] {
  const decoded = node.range ? decodeContent(node.value, encoding) : undefined;
  if (decoded === undefined || !decoded.includes('\n') || !node.range) return [];
  const [start, end] = valueRange(node);
  const whole = { region: 0, regionLength: decoded.length, host: start, hostLength: end - start };
  const map = new SourceMap([whole], decoded.length);
  const known = hostPathFor(path, 'text', (k) => (parent ? stringAt(parent, k) : undefined));
  const byHostPath = !!known || byConfigMap;
  if (byHostPath || isPolicyText(decoded))
    return [{ hostPath: path, text: decoded, map, encoding: { kind: 'encoded', as: encoding }, byHostPath }];
  if (!/audit\.k8s\.io/.test(decoded)) return [];
  return findRegions(decoded, 'yaml', depth + 1).map((r) =>
    nestedIn(r, `${path} ${r.hostPath}`, map, { kind: 'encoded', as: encoding }),
  );
}

/** The host range of a scalar's value: its quotes left out. */
function valueRange(node: Scalar<string>): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted ? [start + 1, Math.max(start + 1, end - 1)] : [start, end];
}

function scalarMap(
  text: string,
  lines: LineIndex,
  node: Scalar<string>,
): { map: SourceMap; encoding: RegionEncoding } | undefined {
  const [start, end] = node.range ?? [0, 0];
  const value = node.value;
  const type = node.type;
  let style: ScalarStyle;
  let from = start;
  let indent = 0;
  let encoding: RegionEncoding;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    style = 'block';
    const headerLine = lines.positionAt(start).line;
    from = lines.lineStart(headerLine + 1);
    indent = blockIndent(text, lines, start, headerLine);
    encoding = type === 'BLOCK_FOLDED' ? { kind: 'folded' } : { kind: 'lines', indent: ' '.repeat(indent) };
  } else if (type === 'QUOTE_DOUBLE') {
    style = 'double';
    from = start + 1;
    encoding = { kind: 'double' };
  } else if (type === 'QUOTE_SINGLE') {
    style = 'single';
    from = start + 1;
    encoding = { kind: 'single' };
  } else {
    style = 'plain';
    encoding = { kind: 'folded' };
  }
  const pieces = alignScalar(value, text, from, style, indent);
  // Should the walk ever disagree with the YAML reader, every offset falls on the value's start:
  // findings are still shown, at the scalar, rather than at a wrong line.
  const map = pieces
    ? new SourceMap(pieces, value.length)
    : new SourceMap(
        [{ region: 0, regionLength: value.length, host: start, hostLength: Math.max(0, end - start) }],
        value.length,
      );
  return { map, encoding };
}

/** A block scalar's content indentation: its indentation indicator (`|2`) counted from the
 *  parent's indentation, else the first non-empty line's. */
function blockIndent(text: string, lines: LineIndex, headerStart: number, headerLine: number): number {
  const header = text.slice(headerStart, lines.lineEnd(headerLine));
  const digit = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(header);
  if (digit) {
    const lineText = text.slice(lines.lineStart(headerLine), headerStart);
    const parentIndent = /^( *)(- +)*/.exec(lineText)?.[0].length ?? 0;
    const keyColumn = /^( *(?:- +)*)/.exec(lineText)?.[1].length ?? parentIndent;
    return keyColumn + Number(digit[1] ?? digit[2]);
  }
  for (let line = headerLine + 1; line < lines.lineCount; line++) {
    const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (content.trim() !== '') return content.length - content.trimStart().length;
  }
  return 0;
}

function mappingRegion(
  text: string,
  lines: LineIndex,
  node: YAMLMap,
  path: string,
  parent: YAMLMap | undefined,
): Region | undefined {
  const known = hostPathFor(path, 'mapping', (k) => (parent ? stringAt(parent, k) : undefined));
  const apiVersion = stringAt(node, 'apiVersion');
  const kind = stringAt(node, 'kind');
  const byContent =
    (apiVersion?.startsWith('audit.k8s.io/') === true && (kind === undefined || kind === 'Policy')) ||
    (kind === 'Policy' && node.has('rules'));
  if (!known && !byContent) return undefined;
  if (!node.range) return undefined;
  const [start, valueEnd] = node.range;
  // The mapping ends with its last line, trailing spaces included: `- level: ` being typed.
  let end = valueEnd;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const first = lines.positionAt(start);
  const last = lines.positionAt(end).line;
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const { text: body, pieces } = dedentLines(
    text,
    starts,
    (l) => (l === last ? end : lines.lineEnd(l)),
    first.line,
    last,
    first.character,
    start,
  );
  // The tool that holds a mapping writes it out as a YAML file of its own: written in flow style
  // (`auditPolicy: {apiVersion: ..., rules: [...]}`), its braces must not make it read as JSON.
  const lead = node.flow ? FLOW_LEAD : '';
  return {
    hostPath: path,
    text: lead + body,
    map: new SourceMap(pieces, body.length).after(lead.length),
    encoding: { kind: 'lines', indent: ' '.repeat(first.character) },
    byHostPath: !!known,
  };
}

function markdownRegions(text: string, depth: number): Region[] {
  const lines = new LineIndex(text);
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const regions: Region[] = [];
  let block = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    // Fences inside list items are indented further: take any indentation.
    const open = /^( *)(`{3,}|~{3,})[ \t]*([^`\s]*)/.exec(text.slice(starts[line], lines.lineEnd(line)));
    if (!open) continue;
    const [, indent, fence, info] = open;
    let close = line + 1;
    for (; close < lines.lineCount; close++) {
      const closing = /^ *(`{3,}|~{3,})[ \t]*$/.exec(text.slice(starts[close], lines.lineEnd(close)));
      if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length) break;
    }
    block++;
    // `yaml title="audit.yaml"`, `yaml:audit.yaml`, `yaml {3}`: the language comes first.
    const language = /^[\w+-]*/.exec(info)![0].toLowerCase();
    const formats: HostFormat[] = /^ya?ml$/.test(language)
      ? ['yaml']
      : SCRIPT_FENCE.test(language)
        ? ['script']
        : language === ''
          ? ['yaml', 'script']
          : [];
    if (formats.length > 0 && close > line + 1) {
      const last = close - 1;
      const { text: body, pieces } = dedentLines(text, starts, (l) => lines.lineEnd(l), line + 1, last, indent.length);
      const map = new SourceMap(pieces, body.length);
      const hostPath = `Markdown block ${block} (line ${line + 1})`;
      if (formats[0] === 'yaml' && isPolicyText(body))
        regions.push({ hostPath, text: body, map, encoding: { kind: 'lines', indent }, byHostPath: false });
      else {
        const inner = formats.map((f) => findRegions(body, f, depth + 1)).find((found) => found.length > 0) ?? [];
        const outer: RegionEncoding = { kind: 'lines', indent };
        regions.push(...inner.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer)));
      }
    }
    line = close;
  }
  return regions;
}

/** Here-documents: each body is a policy, or a host in turn (a ConfigMap piped to kubectl); and
 *  Terraform objects that declare a policy. */
function scriptRegions(text: string, depth: number): Region[] {
  const lines = new LineIndex(text);
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const lineTexts = starts.map((start, i) => text.slice(start, lines.lineEnd(i)));
  const regions: Region[] = [];
  const heredocs = findHeredocs(lineTexts);
  const bodies = heredocs.map((h) => [starts[h.first], lines.lineEnd(h.last)] as const);
  for (const object of findHclObjects(text, bodies)) {
    const { line } = lines.positionAt(object.start);
    regions.push({
      hostPath: `object (line ${line + 1})`,
      text: FLOW_LEAD + object.text,
      map: new SourceMap(object.pieces, object.text.length).after(FLOW_LEAD.length),
      encoding: { kind: 'hcl' },
      byHostPath: false,
      opaque: object.opaque,
    });
  }
  for (const heredoc of heredocs) {
    const { first, last, strip } = heredoc;
    const { text: body, pieces } = dedentLines(
      text,
      starts,
      (l) => lines.lineEnd(l),
      first,
      last,
      strip.count,
      undefined,
      strip.char,
    );
    const map = new SourceMap(pieces, body.length);
    const hostPath = `heredoc (line ${first})`;
    if (isPolicyText(body)) {
      const indent = strip.char.repeat(strip.count);
      regions.push({ hostPath, text: body, map, encoding: { kind: 'lines', indent }, byHostPath: false });
    } else if (/audit\.k8s\.io/.test(body)) {
      const inner = findRegions(body, 'yaml', depth + 1);
      const outer: RegionEncoding = { kind: 'lines', indent: strip.char.repeat(strip.count) };
      regions.push(...inner.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer)));
    }
  }
  return regions.sort((a, b) => a.map.hostStart - b.map.hostStart);
}

/** A region found in a host that is itself a region of this one. */
function nestedIn(region: Region, hostPath: string, map: SourceMap, encoding: RegionEncoding): Region {
  return {
    ...region,
    hostPath,
    map: region.map.within(map),
    encoding: { kind: 'nested', inner: region.encoding, outer: encoding },
    opaque: region.opaque?.map(([start, end]) => [map.toHost(start), map.toHost(end)] as const),
  };
}

/** A policy by its content: its first document is an audit Policy, declared or by its shape
 *  (decode/detect.ts: a `rules` list whose items say `level`, or `kind: Policy` alone). */
export function isPolicyText(text: string): boolean {
  if (!/audit\.k8s\.io|rules|Policy/.test(text)) return false;
  return detectPolicy(parsePolicy(text)) === 'policy';
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

function stringAt(map: YAMLMap, key: string): string | undefined {
  for (const pair of map.items as Pair[]) {
    if (
      isPair(pair) &&
      isScalar(pair.key) &&
      pair.key.value === key &&
      isScalar(pair.value) &&
      typeof (pair.value as YamlNode & { value: unknown }).value === 'string'
    ) {
      return (pair.value as Scalar<string>).value;
    }
  }
  return undefined;
}

function join(path: string, key: string): string {
  const segment = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return /^[A-Za-z_]/.test(segment) ? segment : `[${segment}]`;
  return /^[A-Za-z_]/.test(segment) ? `${path}.${segment}` : `${path}[${segment}]`;
}
