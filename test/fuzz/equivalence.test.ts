// Incremental results equal a fresh full parse. The parser splits the rules list into items and
// reuses each item's parse (and its findings) while the text of that item is unchanged; this must
// never change what the user sees. For random edits of real policies, the diagnostics of the
// segmented parse with caches warmed by two earlier versions are compared with those of
// `parseWhole`, the one-shot reference parse.
//
// Where they may legitimately differ: a YAML syntax error inside one rule item. The segmented
// parse confines the error to that item and reads the other items normally, while the whole
// parse's error recovery may read everything after the error differently. Then it must still hold:
//   1. the file is still refused: if the whole parse finds a syntax error in the first document,
//      so does the segmented parse (a broken file is never reported clean);
//   2. the segmented parse's own syntax errors lie inside the rule items (nothing leaks into the
//      header);
//   3. every rule before the first broken item gets exactly the same diagnostics in both.
// When the whole document has no syntax error, or the parser did not segment, the diagnostics
// must be identical: codes, ranges, messages, severities, paths, related information.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPolicyDocument, DEFAULT_SETTINGS, NEWEST_MINOR, validate } from '../../server/src/service';
import type { PolicyDocument, ServiceSettings } from '../../server/src/service';
import { DocumentCaches } from '../../server/src/service/document';
import { parseWhole } from '../../server/src/service/parse/parse';
import { segmentRules } from '../../server/src/service/parse/segment';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { check, corpus, mutate, mutation } from './support';

const sources = corpus();
const URI = 'file:///fuzz/equivalence.yaml';

function wholeDocument(text: string): PolicyDocument {
  return {
    uri: URI,
    version: 0,
    text,
    lines: new LineIndex(text),
    parsed: parseWhole(text),
    caches: new DocumentCaches(),
  };
}

/** What the user sees of a diagnostic, without `data` (compared separately below). */
function visible(d: Diagnostic): string {
  const related = d.relatedInformation?.map((r) => [r.location.range, r.message]);
  return JSON.stringify([d.code, d.range, d.message, d.severity, (d.data as { path?: string }).path, related ?? null]);
}

function pathIndex(d: Diagnostic): number {
  const m = /^rules\[(\d+)\]/.exec((d.data as { path?: string }).path ?? '');
  return m ? Number(m[1]) : -1;
}

interface Versions {
  readonly file: number;
  readonly first: readonly Parameters<typeof mutate>[1][number][];
  readonly second: readonly Parameters<typeof mutate>[1][number][];
  readonly minor: number;
}

const versions: fc.Arbitrary<Versions> = fc.record({
  file: fc.nat(sources.length - 1),
  first: fc.array(mutation, { maxLength: 6 }),
  second: fc.array(mutation, { maxLength: 4 }),
  minor: fc.constantFrom(NEWEST_MINOR, 22, 12),
});

/** Three versions of one file, each parsed from the previous one's caches, as the server does. */
function edited(v: Versions): { doc: PolicyDocument; settings: ServiceSettings } {
  const settings: ServiceSettings = { ...DEFAULT_SETTINGS, kubernetesMinor: v.minor };
  const v0 = sources[v.file];
  const v1 = mutate(v0, v.first, sources);
  const v2 = mutate(v1, v.second, sources);
  let doc = createPolicyDocument(URI, 0, v0);
  validate(doc, settings, { force: true });
  doc = createPolicyDocument(URI, 1, v1, doc);
  validate(doc, settings, { force: true });
  return { doc: createPolicyDocument(URI, 2, v2, doc), settings };
}

const stats = { identical: 0, confined: 0 };

test('incremental diagnostics equal a fresh whole-document parse (syntax errors: confined, never hidden)', () => {
  check(
    fc.property(versions, (v) => {
      const { doc, settings } = edited(v);
      const incremental = validate(doc, settings, { force: true });
      const whole = validate(wholeDocument(doc.text), settings, { force: true });
      const wholeBroken = whole.some((d) => d.code === 'yaml-syntax');
      if (!doc.parsed.segmented || !wholeBroken) {
        assert.deepEqual(incremental.map(visible), whole.map(visible), JSON.stringify(doc.text));
        stats.identical++;
        return;
      }
      stats.confined++;
      const segments = segmentRules(doc.text);
      assert.ok(segments, 'a segmented parse has segments');
      const firstDocumentEnd = segments.firstDocumentEnd;
      // 1. still refused (errors `yaml` files under the first document but that lie in a later one are not counted)
      const brokenFirst = whole.some(
        (d) => d.code === 'yaml-syntax' && doc.lines.offsetAt(d.range.start) < firstDocumentEnd,
      );
      if (brokenFirst)
        assert.ok(
          incremental.some((d) => d.code === 'yaml-syntax'),
          `syntax error hidden: ${JSON.stringify(doc.text)}`,
        );
      // 2. confined to the rule items (document-wide problems, such as a control character in
      //    the header, are reported the same by both and do not count)
      const itemsStart = segments.items[0].start;
      const itemsEnd = segments.items[segments.items.length - 1].end;
      const shared = new Set(whole.map(visible));
      for (const d of incremental.filter((x) => x.code === 'yaml-syntax' && !shared.has(visible(x)))) {
        const at = doc.lines.offsetAt(d.range.start);
        assert.ok(
          at >= itemsStart && at <= itemsEnd,
          `syntax error outside the rule items: ${JSON.stringify(doc.text)}`,
        );
      }
      // 3. rules before the first broken item read the same
      const broken = doc.parsed.rules.find((r) => r.syntaxErrors.length > 0);
      const limit = broken ? broken.index : doc.parsed.rules.length;
      const early = (ds: Diagnostic[]): string[] =>
        ds.filter((d) => pathIndex(d) >= 0 && pathIndex(d) < limit).map(visible);
      assert.deepEqual(early(incremental), early(whole), JSON.stringify(doc.text));
    }),
    2,
  );
  process.stdout.write(
    `# equivalence: ${stats.identical} compared as identical, ${stats.confined} with a confined syntax error\n`,
  );
});

// The quick-fix data must agree too: a fix computed from an incremental parse edits the same text.
// (It once failed: duplicate-key data carried rule-relative offsets that were never shifted.)
test('incremental diagnostics carry the same quick-fix data as a fresh whole-document parse', () => {
  check(
    fc.property(versions, (v) => {
      const { doc, settings } = edited(v);
      const whole = wholeDocument(doc.text);
      if (!doc.parsed.segmented || whole.parsed.syntaxErrors.length > 0) return;
      const data = (ds: Diagnostic[]): string[] => ds.map((d) => JSON.stringify([d.code, d.range, d.data]));
      const incremental = validate(doc, settings, { force: true });
      const fresh = validate(whole, settings, { force: true });
      if (fresh.some((d) => d.code === 'yaml-syntax')) return;
      assert.deepEqual(data(incremental), data(fresh), JSON.stringify(doc.text));
    }),
    0.5,
  );
});
