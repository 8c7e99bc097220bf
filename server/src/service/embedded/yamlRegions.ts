// The policies a YAML host holds (a ConfigMap, a Cluster API or kops manifest, a Talos or RKE
// config, a Helm values file): a mapping that is a policy or sits at a known host path, a string
// (block, quoted or plain) that is one, a base64 or gzipped value that decodes to one, or a
// string that is itself a YAML host (read with the function findRegions gives, one level deeper).
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { parsePolicy } from '../parse/parse';
import { LineIndex } from '../text/lineIndex';
import { alignScalar, dedentLines } from './alignScalar';
import type { ScalarStyle } from './alignScalar';
import { contentEncodingAt, decodeContent } from './encodedContent';
import type { ContentEncoding } from './encodedContent';
import { CONFIGMAP_POLICY_KEY, hostPathFor } from './hostPaths';
import { declaresAnotherObject, FLOW_LEAD, innerHostRegions, isPolicyText, nestedIn } from './region';
import type { BrokenDocument, FindInner, Region, RegionEncoding } from './region';
import { HEREDOC_OPERATOR as HEREDOC } from './heredocs';
import { joinItems, SCRIPT_LIST_KEY } from './scriptLists';
import type { ListItem } from './scriptLists';
import { SourceMap } from './sourceMap';
import { shallowed } from '../text/nesting';

const YAML_OPTIONS = { version: '1.1', uniqueKeys: false, prettyErrors: false } as const;

/** `brokenDocument`: told the host offsets of the first document the `yaml` package cannot read
 *  (hostSyntax.ts asks go-yaml about it). */
export function yamlRegions(text: string, readInner: FindInner, brokenDocument?: BrokenDocument): Region[] {
  const lines = new LineIndex(text);
  const regions: Region[] = [];
  // Read as its shallowed copy (same offsets) where the `yaml` package could not read it safely.
  const docs = parseAllDocuments(shallowed(text)?.text ?? text, YAML_OPTIONS);
  if (!Array.isArray(docs)) return [];
  const broken = brokenDocument && docs.find((doc) => doc.errors.length > 0);
  if (broken) brokenDocument(broken.range[0], broken.range[2]);
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
        const scripted =
          key !== undefined && SCRIPT_LIST_KEY.test(key) ? scriptListRegions(text, node, path, readInner) : [];
        regions.push(...scripted);
        if (scripted.length === 0) node.items.forEach((item, i) => visit(item, `${path}[${i}]`, undefined, undefined));
      } else if (isScalar(node) && typeof node.value === 'string') {
        const byConfigMap =
          (kind === 'ConfigMap' || kind === 'Secret') &&
          /^(documents\[\d+\]\.)?(data|binaryData|stringData)[.[]/.test(path) &&
          CONFIGMAP_POLICY_KEY.test(key ?? '');
        const scalar = node as Scalar<string>;
        const encoding = contentEncodingAt(path, kind, (k) => (parent ? stringAt(parent, k) : undefined));
        regions.push(
          ...(encoding
            ? encodedRegions(scalar, path, parent, byConfigMap, encoding, readInner)
            : scalarRegions(text, lines, scalar, path, parent, byConfigMap, readInner)),
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
  readInner: FindInner,
): Region[] {
  const value = node.value;
  const known = hostPathFor(path, 'text', (k) => (parent ? stringAt(parent, k) : undefined));
  if ((!value.includes('\n') && !known?.header) || !node.range) return [];
  // A key that names a policy is checked before its text says what it is, unless the text is
  // another object (`retention-policy.yaml: | retention: ...`), as a file named as a policy is.
  const byHostPath = !!known || (byConfigMap && !declaresAnotherObject(parsePolicy(value)));
  if (known?.header) {
    // Rules the tool writes under its own header (Kubespray's audit_policy_custom_rules).
    const mapped = scalarMap(text, lines, node);
    if (!mapped) return [];
    const header = known.header;
    const map = mapped.map.after(header.length);
    return [{ hostPath: path, text: header + value, map, encoding: mapped.encoding, byHostPath }];
  }
  // A shell script kept as a string (a CI step's `run: |`, an Ansible `shell: |`, a cloud-init
  // script) that writes the policy with a here-document: the here-document is the policy, not the
  // script around it; so is Markdown kept as a string (region.ts innerHostRegions).
  const scripted = innerHostRegions(value, readInner);
  if (scripted.length > 0) {
    const outer = scalarMap(text, lines, node);
    if (outer) return scripted.map((r) => nestedIn(r, `${path} ${r.hostPath}`, outer.map, outer.encoding));
  }
  const isPolicy = isPolicyText(value);
  if (!isPolicy && !byHostPath) {
    // A host inside a host: a ConfigMap manifest kept as a string (a Helm value, a kustomize patch).
    if (!/audit\.k8s\.io/.test(value)) return [];
    const inner = readInner(value, 'yaml');
    if (inner.length === 0) return [];
    const outer = scalarMap(text, lines, node);
    return outer ? inner.map((r) => nestedIn(r, `${path} ${r.hostPath}`, outer.map, outer.encoding)) : [];
  }
  const mapped = scalarMap(text, lines, node);
  if (!mapped) return [];
  return [{ hostPath: path, text: value, map: mapped.map, encoding: mapped.encoding, byHostPath }];
}

/** A script kept as a list of one-line strings (Packer's `inline`, cloud-init's `runcmd`,
 *  scriptLists.ts): its here-documents, read from the joined script. Items written as block
 *  scalars are scripts of their own, read where they are. */
function scriptListRegions(text: string, node: YAMLSeq, path: string, readInner: FindInner): Region[] {
  const scalars = node.items.filter(
    (item): item is Scalar<string> => isScalar(item) && typeof item.value === 'string' && !!item.range,
  );
  if (scalars.length < 2 || scalars.length !== node.items.length) return [];
  const styles = new Set(scalars.map((s) => s.type));
  if (![...styles].every((t) => t === 'QUOTE_DOUBLE' || t === 'QUOTE_SINGLE' || t === 'PLAIN')) return [];
  const items: ListItem[] = [];
  for (const scalar of scalars) {
    const [start, end] = valueRange(scalar);
    const style: ScalarStyle =
      scalar.type === 'QUOTE_DOUBLE' ? 'double' : scalar.type === 'QUOTE_SINGLE' ? 'single' : 'plain';
    const pieces = alignScalar(scalar.value, text, start, style, 0);
    if (!pieces) return [];
    items.push({ text: scalar.value, pieces, start, end });
  }
  const joined = joinItems(items);
  if (!HEREDOC.test(joined.text)) return [];
  const map = new SourceMap(joined.pieces, joined.text.length);
  // Written into each item as its style escapes text; where the items differ, only a word.
  const style = styles.size === 1 ? [...styles][0] : undefined;
  const encoding: RegionEncoding =
    style === 'QUOTE_DOUBLE'
      ? { kind: 'double' }
      : style === 'QUOTE_SINGLE'
        ? { kind: 'single' }
        : style === 'PLAIN'
          ? { kind: 'folded' }
          : { kind: 'double', refuse: /[^\w./*-]/ };
  return readInner(joined.text, 'script').map((r) => nestedIn(r, `${path} ${r.hostPath}`, map, encoding));
}

/** A base64 (or gzipped) file: found by what it decodes to; its findings sit on the whole value. */
function encodedRegions(
  node: Scalar<string>,
  path: string,
  parent: YAMLMap | undefined,
  byConfigMap: boolean,
  encoding: ContentEncoding,
  readInner: FindInner,
): Region[] {
  const decoded = node.range ? decodeContent(node.value, encoding) : undefined;
  if (decoded === undefined || !decoded.includes('\n') || !node.range) return [];
  const [start, end] = valueRange(node);
  const whole = { region: 0, regionLength: decoded.length, host: start, hostLength: end - start };
  const map = new SourceMap([whole], decoded.length);
  const known = hostPathFor(path, 'text', (k) => (parent ? stringAt(parent, k) : undefined));
  const byHostPath = !!known || (byConfigMap && !declaresAnotherObject(parsePolicy(decoded)));
  if (byHostPath || isPolicyText(decoded))
    return [{ hostPath: path, text: decoded, map, encoding: { kind: 'encoded', as: encoding }, byHostPath }];
  if (!/audit\.k8s\.io/.test(decoded)) return [];
  return readInner(decoded, 'yaml').map((r) =>
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
