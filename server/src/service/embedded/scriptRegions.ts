// The policies a shell script, a Terraform or HCL file or a Dockerfile holds (and a Ruby file, a
// Puppet manifest, a Jsonnet file: their here-documents, heredocs and text blocks): here-documents
// (heredocs.ts) whose body is a policy or a YAML host, Terraform objects that declare a policy
// (hclObjects.ts), and the here-documents of a Packer template's `inline` lines (scriptLists.ts).
import { LineIndex } from '../text/lineIndex';
import { dedentLines } from './alignScalar';
import { findHclObjects } from './hclObjects';
import { findHeredocs, HEREDOC_OPERATOR } from './heredocs';
import type { HeredocSyntax } from './heredocs';
import { hclScriptLists, joinItems } from './scriptLists';
import { FLOW_LEAD, isPolicyText, isWellFormedPolicyText, nestedIn } from './region';
import type { FindInner, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';

/** Here-documents: each body is a policy, or a host in turn (a ConfigMap piped to kubectl); and
 *  Terraform objects that declare a policy. */
export function scriptRegions(text: string, readInner: FindInner, syntax: HeredocSyntax = 'shell'): Region[] {
  const lines = new LineIndex(text);
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const lineTexts = starts.map((start, i) => text.slice(start, lines.lineEnd(i)));
  const regions: Region[] = [];
  const heredocs = findHeredocs(lineTexts, syntax);
  const bodies = heredocs.map((h) => [starts[h.first], lines.lineEnd(h.last)] as const);
  // Terraform objects and Packer lists are HCL's; a Ruby file has neither.
  for (const object of syntax === 'shell' ? findHclObjects(text, bodies) : []) {
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
  for (const list of syntax === 'shell' ? hclScriptLists(text) : []) {
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
    const { first, last, strip, margin, refuse } = heredoc;
    const pad = margin === undefined ? strip.char : { prefix: margin };
    const { text: body, pieces } = dedentLines(
      text,
      starts,
      (l) => lines.lineEnd(l),
      first,
      last,
      strip.count,
      undefined,
      pad,
    );
    const map = new SourceMap(pieces, body.length);
    const hostPath = `${syntax === 'jsonnet' ? 'text block' : 'heredoc'} (line ${first})`;
    const outer: RegionEncoding = { kind: 'lines', indent: margin ?? strip.char.repeat(strip.count), refuse };
    // A script of its own (a Vagrantfile's provisioning script, `ssh node bash <<EOF` around a
    // `cat <<POLICY`): its here-document is the policy, not the script around it.
    const scripted = HEREDOC_OPERATOR.test(body) && !isWellFormedPolicyText(body) ? readInner(body, 'script') : [];
    if (scripted.length > 0) {
      regions.push(...scripted.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer)));
    } else if (isPolicyText(body)) {
      regions.push({ hostPath, text: body, map, encoding: outer, byHostPath: false });
    } else if (/audit\.k8s\.io/.test(body)) {
      const inner = readInner(body, 'yaml');
      regions.push(...inner.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer)));
    }
  }
  return regions.sort((a, b) => a.map.hostStart - b.map.hostStart);
}
