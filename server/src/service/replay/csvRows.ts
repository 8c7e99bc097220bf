// A CSV export whose first line names its columns (RFC 4180): a log store's query results saved as
// CSV. The event may be one column of JSON (CloudWatch Logs Insights' `@message`, Log Analytics'
// `log_s`, Splunk's `_raw`), or spread over many, one per field of the event (Log Analytics'
// AKSAudit and AKSAuditAdmin tables, exported from the portal: `Verb`, `RequestUri`, `User` as
// JSON text...). Each row is made the record its header says, `{"column": "value", ...}`, and read
// as any record is (an envelope, an AKSAudit row). The portal writes a datetime column's name with
// its zone (`TimeGenerated [UTC]`): the name is the column's without it.

const COMMA = 0x2c;
const QUOTE = 0x22;

/** The fields of one CSV line (RFC 4180: quoted fields with `""` for a quote); undefined when a quote is not closed. */
export function csvFields(text: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) return undefined;
        field += text.slice(i, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      if (i < text.length && text.charCodeAt(i) !== COMMA) return undefined; // text after a closing quote
    } else {
      const comma = text.indexOf(',', i);
      field = text.slice(i, comma === -1 ? text.length : comma);
      i = comma === -1 ? text.length : comma;
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/** A column's name: letters, digits and `_@.-/ `, as log stores name them, its ` [UTC]` dropped. */
const COLUMN = /^[@_A-Za-z][\w@./ -]{0,99}$/;

/**
 * The column names of a header line, when it is one: two fields or more, each a name (no JSON,
 * no value with `:` or `{`), none twice. undefined for any other line.
 */
export function csvHeader(text: string): string[] | undefined {
  if (text.length > 64 * 1024 || !text.includes(',')) return undefined;
  const fields = csvFields(text);
  if (fields === undefined || fields.length < 2) return undefined;
  const names = fields.map((f) => f.trim().replace(/ \[UTC\]$/, ''));
  if (!names.every((n) => COLUMN.test(n)) || new Set(names).size !== names.length) return undefined;
  return names;
}

/** A row of the header's columns as the record it is, as JSON text; undefined when it has other fields. */
export function csvRecord(text: string, header: readonly string[]): string | undefined {
  const fields = csvFields(text);
  if (fields === undefined || fields.length !== header.length) return undefined;
  const record: Record<string, string> = {};
  header.forEach((name, i) => {
    if (fields[i] !== '') record[name] = fields[i];
  });
  return JSON.stringify(record);
}
