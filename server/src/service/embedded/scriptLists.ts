// A shell script kept as a list of one-line strings, which its tool joins with line breaks into one
// script: Packer's shell provisioner `inline` ("an array of commands to execute. The commands are
// concatenated by newlines and turned into a single file", developer.hashicorp.com/packer/docs/
// provisioners/shell), in a JSON template or in HCL, and cloud-init's `runcmd` (each item a line of
// the script it writes, cloudinit/config/cc_runcmd.py). A here-document may then start in one item
// and end items later (`"cat <<EOF > /etc/kubernetes/audit-policy.yaml", "apiVersion: ...", ...,
// "EOF"`): the policy is read from the joined script, each of its lines from its own item.
import { HEREDOC_OPERATOR } from './heredocs';
import type { Piece } from './sourceMap';
import { stringLiterals } from './stringLiterals';

/** The keys whose list of strings is one script. */
export const SCRIPT_LIST_KEY = /^(inline|runcmd)$/;

/** One item: its decoded text and the pieces that map it onto the host. */
export interface ListItem {
  readonly text: string;
  readonly pieces: readonly Piece[];
  /** Host offsets of the item's content, its quotes left out. */
  readonly start: number;
  readonly end: number;
}

/** The script the items make, joined with line breaks; each line break maps onto the host text
 *  between two items (`",\n    "`), so that no edit is written across it as a line break. */
export function joinItems(items: readonly ListItem[]): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let region = 0;
  items.forEach((item, k) => {
    for (const p of item.pieces) pieces.push({ ...p, region: p.region + region });
    region += item.text.length;
    const next = items[k + 1];
    if (next) {
      pieces.push({ region, regionLength: 1, host: item.end, hostLength: next.start - item.end });
      region += 1;
    }
  });
  return { text: items.map((i) => i.text).join('\n'), pieces };
}

/** HCL's `inline = [ "...", ... ]` lists (a Packer template), their strings read as HCL reads them
 *  (its escapes are Go's; its `${}` were masked with the file's templates, templates.ts). */
export function hclScriptLists(text: string): Array<{ items: ListItem[]; at: number }> {
  const lists: Array<{ items: ListItem[]; at: number }> = [];
  const opener = /\binline\s*=\s*\[/g;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    const from = match.index + match[0].length;
    const close = listEnd(text, from);
    if (close === undefined) continue;
    const body = text.slice(from, close);
    const items = stringLiterals(body, 'go')
      .filter((l) => l.quote === '"')
      .map((l) => ({
        text: l.text,
        pieces: l.pieces.map((p) => ({ ...p, host: p.host + from })),
        start: l.start + from,
        end: l.end + from,
      }));
    if (items.length > 1 && HEREDOC_OPERATOR.test(body)) lists.push({ items, at: match.index });
    opener.lastIndex = close;
  }
  return lists;
}

/** The `]` that closes a list of strings starting at `from` (a `]` inside a string is not it). */
function listEnd(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === ']') return i;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    }
  }
  return undefined;
}
