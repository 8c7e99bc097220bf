// Finds the audit policies a host file holds: YAML values (block scalars, quoted strings, inline
// mappings) anywhere in any of its documents (yamlRegions.ts), fenced `yaml` blocks of a Markdown
// file (markdownRegions.ts), the here-documents of a script, a Terraform, Ruby or Puppet file or a
// Jsonnet file's text blocks (scriptRegions.ts), and the string literals of a Go, Python,
// JavaScript, Java, Kotlin, Nix or Rust file (sourceRegions.ts); each of these may
// in turn hold a host (a ConfigMap shown in a README, a manifest in a Terraform heredoc), which each
// finder reads with the function it is given, this one a level deeper.
import { markdownRegions } from './markdownRegions';
import type { BrokenDocument, FindInner, HostFormat, Region } from './region';
import { scriptRegions } from './scriptRegions';
import { sourceRegions } from './sourceRegions';
import { yamlRegions } from './yamlRegions';

/** A host nested in a host nested in a host is not something anyone writes. */
const MAX_DEPTH = 3;

/** `brokenDocument`: for a YAML host, told where its first document that is not YAML is. */
export function findRegions(text: string, format: HostFormat, depth = 0, brokenDocument?: BrokenDocument): Region[] {
  if (depth >= MAX_DEPTH || !mayHoldPolicy(text)) return [];
  try {
    const inner: FindInner = (innerText, innerFormat) => findRegions(innerText, innerFormat, depth + 1);
    if (format === 'markdown') return markdownRegions(text, inner);
    if (format === 'script' || format === 'hcl') return scriptRegions(text, inner, format === 'hcl' ? 'hcl' : 'shell');
    if (format === 'ruby' || format === 'jsonnet' || format === 'puppet') return scriptRegions(text, inner, format);
    return format === 'yaml' ? yamlRegions(text, inner, brokenDocument) : sourceRegions(text, format, inner);
  } catch {
    return []; // a host the YAML reader cannot walk holds nothing we can place
  }
}

/** Cheap test before any parse: every policy (its apiVersion) and every known host path says
 *  "audit", unless it is kept encoded. */
function mayHoldPolicy(text: string): boolean {
  return /audit|encoding:|isBase64|binaryData|kind:\s*Secret/i.test(text);
}
