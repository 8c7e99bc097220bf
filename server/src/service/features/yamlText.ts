// Writing a value into YAML text: plain when kube-apiserver's YAML 1.1 reader sees the same
// string, quoted otherwise (empty, `*`, yes/no/on/off, numbers, `: ` inside), and in the
// user's own quote style when they opened one.

const YAML11_SPECIAL =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const NUMBER_LIKE = /^[-+]?(\.?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|\.inf|\.nan)$/i;

export function needsQuotes(value: string, flow: boolean): boolean {
  if (value === '' || value.trim() !== value) return true;
  if (/^[,[\]{}#&*!|>'"%@`:]/.test(value) || /^[-?](\s|$)/.test(value)) return true;
  if (/: |:$| #/.test(value)) return true;
  if (flow && /[,[\]{}:]/.test(value)) return true; // go-yaml v2 refuses `a:b` in flow context
  return YAML11_SPECIAL.test(value) || NUMBER_LIKE.test(value);
}

export function quoteAs(value: string, quote: '"' | "'"): string {
  return quote === "'" ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
}

/** The text to write for `value`; `quote` is the quote the user already typed, if any. */
export function scalarText(value: string, flow: boolean, quote?: '"' | "'"): string {
  if (quote) return quoteAs(value, quote);
  return needsQuotes(value, flow) ? JSON.stringify(value) : value;
}
