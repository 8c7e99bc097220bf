// A CSV export whose first line names its columns (RFC 4180): a log store's query results saved as
// CSV. The event may be one column of JSON (CloudWatch Logs Insights' `@message`, Log Analytics'
// `log_s`, Splunk's `_raw`), or spread over many, one per field of the event (Log Analytics'
// AKSAudit and AKSAuditAdmin tables, exported from the portal: `Verb`, `RequestUri`, `User` as
// JSON text...), or be a Cloud Logging entry (GKE's audit logs downloaded from Logs Explorer or
// saved from a query: the payload as JSON in a quoted cell, `protoPayload`, or spread over columns
// named by their paths, `protoPayload.methodName`). Each row is made the record its header says,
// `{"column": "value", ...}` (an entry's JSON cells parsed and its paths nested), and read as any
// record is (an envelope, an AKSAudit row, a GKE entry). The portal writes a datetime column's name
// with its zone (`TimeGenerated [UTC]`): the name is the column's without it.

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

/** The payload columns of a Cloud Logging entry (cloudAuditLog.ts), as a whole or by their paths. */
const ENTRY_PAYLOAD = /^(protoPayload|protopayload_auditlog|proto_payload)($|\.)/;

/** Whether a header's columns are those of a Cloud Logging entry: one of them is its payload. */
export const namesCloudEntry = (header: readonly string[]): boolean => header.some((c) => ENTRY_PAYLOAD.test(c));

/**
 * A row of a Cloud Logging entry's columns as the entry, as JSON text: a cell that holds JSON (an
 * object or a list) is that value, a column named by a path (`protoPayload.methodName`) is nested.
 * undefined when the row has other fields.
 */
export function csvEntry(text: string, header: readonly string[]): string | undefined {
  const fields = csvFields(text);
  if (fields === undefined || fields.length !== header.length) return undefined;
  const entry: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const cell = fields[i];
    if (cell === '') return;
    let value: unknown = cell;
    if (/^\s*[{[]/.test(cell)) {
      try {
        value = JSON.parse(cell);
      } catch {
        // text that opens like JSON but is none stays the text it is
      }
    }
    const path = name.split('.');
    let at = entry;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(at, key) ? at[key] : undefined;
      at = (at[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<
        string,
        unknown
      >;
    }
    at[path[path.length - 1]] = value;
  });
  return JSON.stringify(entry);
}

/**
 * A row of any other columns, one of which holds the event's JSON (CloudWatch Logs Insights'
 * `@message`, Log Analytics' `log_s`, Splunk's `_raw`): that cell's text, the first that opens with
 * `{` or `[`. undefined when the row has other fields or no such cell.
 */
export function csvJsonCell(text: string, header: readonly string[]): string | undefined {
  const fields = csvFields(text);
  if (fields === undefined || fields.length !== header.length) return undefined;
  return fields.find((f) => /^\s*[{[]/.test(f));
}
