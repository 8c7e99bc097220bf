// The policies a shell script, a Terraform or HCL file or a Dockerfile holds (and a Ruby file, a
// Puppet manifest, a Jsonnet file: their here-documents, heredocs and text blocks): here-documents
// (heredocs.ts) whose body is a policy or a YAML host, Terraform objects that declare a policy
// (hclObjects.ts), the here-documents of a Packer template's `inline` lines (scriptLists.ts), and
// in HCL a quoted string that holds one (`policy = "apiVersion: audit.k8s.io/v1\nkind: Policy\n..."`,
// the Rancher provider's `audit_log` configuration), in a shell script a quoted string that spans
// lines (`echo "apiVersion: audit.k8s.io/v1 ..." > audit.yaml`, shellStrings.ts).
import { LineIndex } from '../text/lineIndex';
import { dedentLines } from './alignScalar';
import { findHclObjects } from './hclObjects';
import { findHeredocs, HEREDOC_OPERATOR } from './heredocs';
import type { Heredoc, HeredocSyntax } from './heredocs';
import { maskOf } from './maskedValues';
import { puppetVariables } from './puppetHeredocs';
import { hclScriptLists, joinItems } from './scriptLists';
import {
  FLOW_LEAD,
  innerHostRegions,
  isPolicyText,
  isWellFormedPolicyText,
  nestedIn,
  withNotes,
  withOpaque,
} from './region';
import type { FindInner, HostNote, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';
import { echoFiles } from './echoFiles';
import { printedText, shellStrings } from './shellStrings';
import { sourceRegions } from './sourceRegions';

/** The here-document syntaxes, and HCL's: a shell's here-documents, and HCL's quoted strings. */
export type ScriptSyntax = HeredocSyntax | 'hcl';

/** Here-documents: each body is a policy, or a host in turn (a ConfigMap piped to kubectl); and
 *  Terraform objects that declare a policy. */
export function scriptRegions(text: string, readInner: FindInner, syntax: ScriptSyntax = 'shell'): Region[] {
  const lines = new LineIndex(text);
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const lineTexts = starts.map((start, i) => text.slice(start, lines.lineEnd(i)));
  const regions: Region[] = [];
  // Terraform's here-documents are a shell's (heredocs.ts reads both).
  const heredocs = findHeredocs(lineTexts, syntax === 'hcl' ? 'shell' : syntax);
  const bodies = heredocs.map((h) => [starts[h.first], lines.lineEnd(h.last)] as const);
  const shellOrHcl = syntax === 'shell' || syntax === 'hcl';
  // Terraform objects and Packer lists are HCL's (a shell script in a README's block may be one);
  // a Ruby file has neither.
  const objects = shellOrHcl ? findHclObjects(text, bodies) : [];
  for (const object of objects) {
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
  // Quoted strings: here-documents and objects are read above, and blanked here, so that no quote
  // in them starts a string.
  const blanked = (): string => blankRanges(text, [...bodies, ...objects.map((o) => [o.start, o.end] as const)]);
  // HCL reads its strings with Go's escapes, one line each (their `${}` were masked with the file's
  // templates).
  if (syntax === 'hcl') regions.push(...sourceRegions(blanked(), 'go', readInner));
  if (syntax === 'shell' && text.includes('audit.k8s.io/'))
    regions.push(...shellStringRegions(blanked(), lines, readInner));
  for (const list of shellOrHcl ? hclScriptLists(text) : []) {
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
    const { first, last, strip, margin, refuse, interpolation } = heredoc;
    const pad = margin !== undefined ? { prefix: margin } : strip.tabWidth ? { tabWidth: strip.tabWidth } : strip.char;
    const { text: dedented, pieces } = dedentLines(
      text,
      starts,
      (l) => lines.lineEnd(l),
      first,
      last,
      strip.count,
      undefined,
      pad,
    );
    const map = new SourceMap(pieces, dedented.length);
    const { text: body, opaque } = interpolated(dedented, interpolation, map);
    const hostPath = `${syntax === 'jsonnet' ? 'text block' : 'heredoc'} (line ${first})`;
    const outer: RegionEncoding = { kind: 'lines', indent: margin ?? strip.char.repeat(strip.count), refuse };
    // A script of its own (a Vagrantfile's provisioning script, `ssh node bash <<EOF` around a
    // `cat <<POLICY`): its here-document is the policy, not the script around it.
    const scripted = HEREDOC_OPERATOR.test(body) && !isWellFormedPolicyText(body) ? readInner(body, 'script') : [];
    // The heredoc's own interpolations stay opaque in what it holds (withOpaque), and what a shell
    // makes of its end is said with each policy in it (withNotes).
    const notes = syntax === 'shell' ? endNotes(heredoc, lineTexts, starts) : [];
    const found = (r: Region): Region => withNotes(withOpaque(r, opaque), notes);
    if (scripted.length > 0) {
      regions.push(...scripted.map((r) => found(nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer))));
    } else if (isPolicyText(body)) {
      regions.push(found({ hostPath, text: body, map, encoding: outer, byHostPath: false }));
    } else if (/audit\.k8s\.io/.test(body)) {
      // A manifest, or a script whose strings write the policy (Terraform's `local-exec` command);
      // not one that runs to the end of the file, which may have begun in a string (Packer's
      // `inline` lines, read above).
      const yaml = readInner(body, 'yaml');
      const closed = last + 1 < lines.lineCount;
      const inner = yaml.length > 0 || !shellOrHcl || !closed ? yaml : readInner(body, 'script');
      regions.push(...inner.map((r) => found(nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer))));
    }
  }
  return onePerPlace(regions).sort((a, b) => a.map.hostStart - b.map.hostStart);
}

/** One region per place: the here-document of a Terraform `inline` item is found in its quoted
 *  string and in the script the list joins; the list's reading, found later, is kept. */
function onePerPlace(regions: readonly Region[]): Region[] {
  const place = (r: Region): string => `${r.map.hostStart} ${r.map.hostEnd}`;
  const last = new Map(regions.map((r, i) => [place(r), i]));
  return regions.filter((r, i) => last.get(place(r)) === i);
}

/**
 * The line read as a here-document's end that no shell ends it on (heredocs.ts, shellEnds): said
 * at that line, since the file the shell writes is not the policy shown (it runs on into the rest
 * of the script, or the script does not parse).
 */
function endNotes(heredoc: Heredoc, lines: readonly string[], starts: readonly number[]): HostNote[] {
  const miss = heredoc.endShellsMiss;
  if (miss === undefined) return [];
  const { delimiter, dash } = miss;
  const line = lines[miss.line].replace(/\r$/, '');
  const text = line.trim();
  const indent = line.length - line.trimStart().length;
  const why =
    indent === 0
      ? `\`${text}\` is followed by blanks`
      : `\`${text}\` is indented${dash ? ' with spaces (`<<-` strips leading tabs only)' : ' (only `<<-` strips leading tabs)'}`;
  return [
    {
      start: starts[miss.line] + indent,
      end: starts[miss.line] + line.trimEnd().length,
      code: 'heredoc-not-ended',
      fix: {
        title: `Write \`${delimiter}\` alone on its line`,
        start: starts[miss.line],
        end: starts[miss.line] + line.length,
        text: delimiter,
      },
      message:
        `A shell does not end the here-document on this line: ${why}, and only a line that is \`${delimiter}\` alone ends it. ` +
        'The shell reads on into the lines below (or, inside `if`, a loop or a function, refuses the script), so the file it writes is not this policy.',
    },
  ];
}

/** A Puppet heredoc's text with each `$name` it interpolates masked (maskedValues.ts), as a
 *  template's `${...}` is, and their host ranges: values Puppet computes. */
function interpolated(
  text: string,
  interpolation: Heredoc['interpolation'],
  map: SourceMap,
): { text: string; opaque?: Array<readonly [number, number]> } {
  const variables = interpolation ? puppetVariables(text, interpolation.dollarEscape) : [];
  if (variables.length === 0) return { text };
  let masked = text;
  for (const [start, end] of variables) {
    masked = masked.slice(0, start) + maskOf(text.slice(start, end)) + masked.slice(end);
  }
  return { text: masked, opaque: variables.map(([start, end]) => [map.toHost(start), map.toHost(end)] as const) };
}

/** The text with the ranges' characters turned to spaces (line breaks kept): offsets stay. */
function blankRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const [start, end] of ranges)
    for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  return chars.join('');
}

/** The shell strings that name the audit API: a policy, or a host of one (a kops patch list). */
function shellStringRegions(text: string, lines: LineIndex, readInner: FindInner): Region[] {
  const regions: Region[] = [];
  const strings = shellStrings(text);
  // A file written an echo line at a time is read whole, its strings not alone (echoFiles.ts).
  const files = echoFiles(text, strings).filter((f) => f.text.includes('audit.k8s.io/') && isPolicyText(f.text));
  const inFiles = new Set(files.flatMap((f) => f.strings));
  for (const file of files)
    regions.push({
      hostPath: `echo lines (line ${lines.positionAt(file.open).line + 1})`,
      text: file.text,
      map: new SourceMap(file.pieces, file.text.length),
      // A fix may rewrite a word in one line; a line added would need an echo of its own.
      encoding: { kind: 'lines', indent: '', refuse: /["\\$`\n]/ },
      byHostPath: false,
      opaque: file.opaque.length > 0 ? file.opaque : undefined,
    });
  for (const string of strings) {
    if (!string.text.includes('audit.k8s.io/') || inFiles.has(string)) continue;
    const hostPath = `string (line ${lines.positionAt(string.start - 1).line + 1})`;
    const map = new SourceMap(string.pieces, string.text.length);
    // What a fix may write: no closing quote, and in double quotes nothing the shell reads.
    const encoding: RegionEncoding = { kind: 'lines', indent: '', refuse: string.quote === "'" ? /'/ : /["\\$`]/ };
    // A command in the string that writes the policy through a here-document (`ssh node "sudo tee
    // f <<EOF ... EOF"`, a Terraform `inline` item): its script, not the string, holds the policy.
    const scripted = innerHostRegions(string.text, readInner);
    if (scripted.length > 0) {
      for (const r of scripted)
        regions.push(withOpaque(nestedIn(r, `${hostPath} ${r.hostPath}`, map, encoding), string.opaque));
      continue;
    }
    // What `echo -e` or `printf` writes is a text of its own in the string, escapes decoded.
    const printed = string.printed ? printedText(string.text, string.printed) : undefined;
    const own: Region | undefined = printed
      ? isPolicyText(printed.text)
        ? nestedIn(
            {
              hostPath,
              text: printed.text,
              map: new SourceMap(printed.pieces, printed.text.length),
              encoding: { kind: 'double' },
              byHostPath: false,
            },
            hostPath,
            map,
            encoding,
          )
        : undefined
      : isPolicyText(string.text)
        ? { hostPath, text: string.text, map, encoding, byHostPath: false }
        : undefined;
    if (own) {
      regions.push(withOpaque(own, string.opaque));
      continue;
    }
    // A host: a manifest or a patch list (`echo '- command: update ...' | kops`), or a script run
    // elsewhere (`ssh node '...'`).
    const inner = [readInner(string.text, 'yaml'), readInner(string.text, 'script')].find((f) => f.length > 0) ?? [];
    for (const r of inner)
      regions.push(withOpaque(nestedIn(r, `${hostPath} ${r.hostPath}`, map, encoding), string.opaque));
  }
  return regions;
}
