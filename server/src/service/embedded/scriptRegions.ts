// The policies a shell script, a Terraform or HCL file or a Dockerfile holds: here-documents
// (heredocs.ts) whose body is a policy or a YAML host, Terraform objects that declare a policy
// (hclObjects.ts), and the here-documents of a Packer template's `inline` lines (scriptLists.ts).
import { LineIndex } from '../text/lineIndex';
import { dedentLines } from './alignScalar';
import { findHclObjects } from './hclObjects';
import { findHeredocs } from './heredocs';
import { hclScriptLists, joinItems } from './scriptLists';
import { FLOW_LEAD, isPolicyText, nestedIn } from './region';
import type { FindInner, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';

/** Here-documents: each body is a policy, or a host in turn (a ConfigMap piped to kubectl); and
 *  Terraform objects that declare a policy. */
export function scriptRegions(text: string, readInner: FindInner): Region[] {
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
  for (const list of hclScriptLists(text)) {
    // A Packer provisioner's `inline` lines, joined into the script Packer runs (scriptLists.ts).
    const joined = joinItems(list.items);
    const map = new SourceMap(joined.pieces, joined.text.length);
    const listPath = `inline (line ${lines.positionAt(list.at).line + 1})`;
    // Each line is an HCL quoted string: escaped as JSON escapes, never a template sequence.
    const encoding: RegionEncoding = { kind: 'double', refuse: /\$\{|%\{/ };
    const inner = readInner(joined.text, 'script');
    regions.push(...inner.map((r) => nestedIn(r, `${listPath} ${r.hostPath}`, map, encoding)));
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
      const inner = readInner(body, 'yaml');
      const outer: RegionEncoding = { kind: 'lines', indent: strip.char.repeat(strip.count) };
      regions.push(...inner.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer)));
    }
  }
  return regions.sort((a, b) => a.map.hostStart - b.map.hostStart);
}
