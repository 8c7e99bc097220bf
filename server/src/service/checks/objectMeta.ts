// `metadata` is decoded into an ObjectMeta, whose typed fields fail decoding when the value has
// the wrong type (kube-apiserver then refuses to start), although the audit system never reads
// them. Types from catalogue/metadata.ts; each verdict below checked with kube-apiserver 1.20's
// own loader (test/unit/checks/objectMeta.test.ts).
import { metaField, OBJECT_META } from '../catalogue/metadata';
import type { MetaType } from '../catalogue/metadata';
import type { MapNode, Node, Pair } from '../parse/model';
import { ownEntry } from '../catalogue/ownEntry';
import { duplicateKey, isOverridden, keyName } from './duplicateKey';
import { droppedMetaField } from './unknownField';
import { describeNode } from '../decode/nodeText';
import type { Finding } from '../decode/finding';

const REFUSE = 'kube-apiserver will refuse to start:';

/** Type errors in the value of the ObjectMeta field `name` (unknown fields are not this check's). */
export function checkObjectMetaField(name: string, value: Node, path: string, minor: number, json = false): Finding[] {
  const field = metaField(OBJECT_META, name, minor);
  if (!field) return [];
  const out: Finding[] = [];
  checkValue(name, field.type, value, path, { minor, json }, out);
  return out;
}

interface Reading {
  readonly minor: number;
  /** A JSON file's numbers reach the decoder as written; a YAML file's as json.Marshal writes them. */
  readonly json: boolean;
}

function checkValue(name: string, type: MetaType, value: Node, path: string, reading: Reading, out: Finding[]): void {
  if (value.kind === 'scalar' && value.value === null) return; // null leaves the zero value
  const wrong = (what: string, at: Node = value, atPath = path, described = describeNode(at)): void => {
    out.push({
      code: 'wrong-type',
      start: at.start,
      end: at.end,
      path: atPath,
      message: `${REFUSE} ${what}, not ${described}.`,
    });
  };
  if (typeof type === 'object') {
    if (value.kind !== 'seq') return wrong(`\`${name}\` must be a list of mappings`);
    value.items.forEach((item, i) => {
      if (item.kind === 'scalar' && item.value === null) return;
      if (item.kind !== 'map') return wrong(`each item of \`${name}\` must be a mapping`, item, `${path}[${i}]`);
      item.pairs.forEach((pair, index) => {
        const key = keyName(pair.key);
        const at = `${path}[${i}].${key}`;
        if (overridden(item, pair, index, key, at, out)) return;
        const inner = metaField(type.listOf, key, reading.minor);
        // An OwnerReference or ManagedFieldsEntry drops a key it does not have (strict decoding,
        // logged from 1.26, names it: `ReadObject: found unknown field`).
        if (!inner)
          out.push(droppedMetaField(pair.key, key, at, ownEntry(type.listOf, key)?.sinceMinor, reading.minor));
        else if (pair.value) checkValue(key, inner.type, pair.value, at, reading, out);
      });
    });
    return;
  }
  switch (type) {
    case 'any':
      duplicatesWithin(value, path, out);
      return;
    case 'string':
      if (!isString(value)) wrong(`metadata \`${name}\` must be a string (quote it)`);
      return;
    case 'boolean':
      if (value.kind !== 'scalar' || typeof value.value !== 'boolean') wrong(`\`${name}\` must be true or false`);
      return;
    case 'int64':
      if (isInt64(value, false) && !isInt64(value, reading.json))
        wrong(
          `metadata \`${name}\` must be written with digits only in a JSON file (no fraction, no exponent)`,
          value,
          path,
          `\`${value.kind === 'scalar' ? value.raw : ''}\``,
        );
      else if (!isInt64(value, reading.json)) wrong(`metadata \`${name}\` must be a whole number`);
      return;
    case 'time':
      if (!isString(value) || !isRfc3339(value.value)) {
        wrong(
          `metadata \`${name}\` must be an RFC 3339 time such as 2024-01-02T15:04:05Z, or null (\`${name}: null\`)`,
        );
      }
      return;
    case 'stringList':
      if (value.kind !== 'seq') return wrong(`metadata \`${name}\` must be a list of strings`);
      value.items.forEach(
        (item, i) =>
          isString(item) ||
          isNull(item) ||
          wrong(`each item of metadata \`${name}\` must be a string (quote it)`, item, `${path}[${i}]`),
      );
      return;
    case 'stringMap':
      if (value.kind !== 'map') return wrong(`metadata \`${name}\` must be a mapping of strings to strings`);
      for (const [index, pair] of value.pairs.entries()) {
        if (overridden(value, pair, index, keyName(pair.key), `${path}.${keyName(pair.key)}`, out)) continue;
        if (pair.value && !isString(pair.value) && !isNull(pair.value)) {
          wrong(
            `the values of metadata \`${name}\` must be strings (quote it)`,
            pair.value,
            `${path}.${String(pair.key.value)}`,
          );
        }
      }
      return;
  }
}

/** duplicate-key for a key set again later in the mapping (go-yaml keeps the last; its strict
 *  mode, logged from 1.26, says `key "a" already set in map`); true when the pair is overridden. */
function overridden(map: MapNode, pair: Pair, index: number, key: string, path: string, out: Finding[]): boolean {
  if (!isOverridden(map, index, key)) return false;
  // A key merged in by `<<: *base` and set again here is how merge keys are meant to be used.
  if (!pair.merged) out.push(duplicateKey(map, pair, key, path));
  return true;
}

/** FieldsV1 is raw JSON: only its repeated keys are worth a word, at any depth. */
function duplicatesWithin(value: Node, path: string, out: Finding[]): void {
  if (value.kind === 'seq') value.items.forEach((item, i) => duplicatesWithin(item, `${path}[${i}]`, out));
  if (value.kind !== 'map') return;
  value.pairs.forEach((pair, index) => {
    const key = keyName(pair.key);
    const at = `${path}.${key}`;
    if (!overridden(value, pair, index, key, at, out) && pair.value) duplicatesWithin(pair.value, at, out);
  });
}

function isNull(node: Node): boolean {
  return node.kind === 'scalar' && node.value === null;
}

function isString(node: Node): node is Node & { kind: 'scalar'; value: string } {
  return node.kind === 'scalar' && typeof node.value === 'string';
}

/** A number json-iterator reads into an int64: a whole value in range. From YAML, json.Marshal
 *  writes go-yaml's float64 1.0 and 1e3 as `1` and `1000`, so they are whole; a JSON file's number
 *  arrives as written, and json-iterator's ReadInt64 reads digits only: `1.0` fails its
 *  assertInteger ("can not decode float as int", iter_int.go), and `1e3` stops at the `e`
 *  ("expect }, but found e"). */
function isInt64(node: Node, json: boolean): boolean {
  if (node.kind !== 'scalar' || typeof node.value !== 'number' || !Number.isInteger(node.value)) return false;
  if (json && !/^-?\d+$/.test(node.raw ?? '')) return false;
  const digits = node.raw !== undefined && /^[-+]?\d+$/.test(node.raw) ? BigInt(node.raw) : BigInt(node.value);
  return digits >= -(2n ** 63n) && digits < 2n ** 63n;
}

/** What Go's time.Parse(time.RFC3339, s) accepts (metav1.Time.UnmarshalJSON): a 4-digit year,
 *  2-digit month, day, minute and second, a 1- or 2-digit hour, an optional fraction after `.` or
 *  `,`, then `Z` or an offset ±hh:mm (its range unchecked); each part in range, the day in its month. */
export function isRfc3339(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d+)?(?:Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}
