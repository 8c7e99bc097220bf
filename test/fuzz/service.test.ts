// The language service on whatever an editor may hold: random YAML-ish text, random bytes, and
// real policies after random edits. No feature may throw, and every range it returns lies inside
// the document. Quick fixes applied to such input must leave text that parses (when it parsed
// before), must not add a problem, and must not edit outside their own ranges.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import {
  createPolicyDocument,
  DEFAULT_SETTINGS,
  doCodeActions,
  doComplete,
  doHover,
  documentSymbols,
  fixAll,
  semanticTokens,
  validate,
} from '../../server/src/service';
import type { PolicyDocument } from '../../server/src/service';
import { assertInside, check, corpus, mutatedPolicy, yamlishText } from './support';

const sources = corpus();
const URI = 'file:///fuzz/service.yaml';

const anyText = fc.oneof(
  { weight: 3, arbitrary: mutatedPolicy(sources) },
  { weight: 2, arbitrary: yamlishText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

function assertRange(doc: PolicyDocument, range: Range, what: string): void {
  assertInside(doc, [{ range, message: what, code: what }]);
}

/** A position anywhere, including past the end of a line and of the document. */
function positionIn(doc: PolicyDocument, seed: number): Position {
  const line = seed % (doc.lines.lineCount + 2);
  return { line, character: (seed >>> 3) % 90 };
}

test('no feature throws on random or mutated text, and every range lies inside the document', () => {
  check(
    fc.property(anyText, fc.nat(), (text, seed) => {
      const doc = createPolicyDocument(URI, 1, text);
      const diagnostics = validate(doc, DEFAULT_SETTINGS, { force: true });
      assertInside(doc, diagnostics);
      const position = positionIn(doc, seed);
      for (const item of doComplete(doc, position, DEFAULT_SETTINGS).items) {
        const edit = item.textEdit;
        if (edit && 'range' in edit) assertRange(doc, edit.range, 'completion edit');
        if (edit && 'insert' in edit) {
          assertRange(doc, edit.insert, 'completion insert');
          assertRange(doc, edit.replace, 'completion replace');
        }
      }
      const hover = doHover(doc, position, DEFAULT_SETTINGS);
      if (hover?.range) assertRange(doc, hover.range, 'hover');
      const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
        for (const s of symbols) {
          assertRange(doc, s.range, `symbol ${s.name}`);
          assertRange(doc, s.selectionRange, `symbol ${s.name} selection`);
          walk(s.children ?? []);
        }
      };
      walk(documentSymbols(doc));
      const tokens = semanticTokens(doc);
      assert.equal(tokens.length % 5, 0);
      const whole: Range = { start: { line: 0, character: 0 }, end: doc.lines.positionAt(text.length) };
      for (const action of doCodeActions(
        doc,
        whole,
        { diagnostics, only: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        DEFAULT_SETTINGS,
      )) {
        for (const edit of editsOf(action)) assertRange(doc, edit.range, `edit of "${action.title}"`);
      }
    }),
  );
});

function editsOf(action: CodeAction): TextEdit[] {
  return Object.values(action.edit?.changes ?? {}).flat();
}

/** Applies edits as an editor does: all ranges refer to the original text; they may not overlap. */
function applyEdits(doc: PolicyDocument, edits: readonly TextEdit[]): string {
  const spans = edits
    .map((e) => ({ start: doc.lines.offsetAt(e.range.start), end: doc.lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++)
    assert.ok(spans[i].start >= spans[i - 1].end, `edits overlap: ${JSON.stringify(edits)}`);
  let out = '';
  let at = 0;
  for (const s of spans) {
    assert.ok(s.end >= s.start, 'edit ends before it starts');
    // An edit may not split a CR LF line break or a surrogate pair.
    for (const cut of [s.start, s.end]) {
      assert.ok(!(doc.text[cut - 1] === '\r' && doc.text[cut] === '\n'), `edit cuts a CR LF at ${cut}`);
      const c = doc.text.charCodeAt(cut);
      assert.ok(!(c >= 0xdc00 && c <= 0xdfff && cut > 0), `edit cuts a surrogate pair at ${cut}`);
    }
    out += doc.text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + doc.text.slice(at);
}

function codeCounts(diagnostics: readonly Diagnostic[], severity = 4): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics)
    if ((d.severity ?? 1) <= severity) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
}

/** What a fix broke, or undefined: a new syntax error, or more errors of some code than before
 *  (an error means kube-apiserver refuses the file). Warnings and advice may change with the
 *  policy (a new rule may shadow a later one) and are not counted. */
function harm(before: readonly Diagnostic[], text: string): string | undefined {
  const after = validate(createPolicyDocument(URI, 2, text), DEFAULT_SETTINGS, { force: true });
  const was = codeCounts(before, 1);
  for (const [code, n] of codeCounts(after, 1)) if (n > (was.get(code) ?? 0)) return `adds ${code}`;
  return undefined;
}

/** Known failures are listed once per kind (fix title without its quoted names, and what broke). */
function kindOf(title: string, what: string, broken: boolean): string {
  return `${broken ? 'on a file with a syntax error: ' : ''}"${title.replace(/`[^`]*`|"[^"]*"/g, '…')}" ${what}`;
}

test('quick fixes keep the text parsing, add no problem and edit only their own ranges', () => {
  let applied = 0;
  const failures = new Map<string, { count: number; before: string; after: string }>();
  const note = (kind: string, before: string, after: string): void => {
    const seen = failures.get(kind);
    if (seen) seen.count++;
    else failures.set(kind, { count: 1, before, after });
  };
  check(
    fc.property(mutatedPolicy(sources, 4), (text) => {
      const doc = createPolicyDocument(URI, 1, text);
      const before = validate(doc, DEFAULT_SETTINGS, { force: true });
      const broken = before.some((d) => d.code === 'yaml-syntax');
      const actions = before.flatMap((d) => doCodeActions(doc, d.range, { diagnostics: [d] }, DEFAULT_SETTINGS));
      const all = fixAll(doc, DEFAULT_SETTINGS);
      for (const action of all ? [...actions, all] : actions) {
        applied++;
        let fixed: string;
        try {
          fixed = applyEdits(doc, editsOf(action));
        } catch (error) {
          note(kindOf(action.title, (error as Error).message.split(':')[0], broken), text, '');
          continue;
        }
        const what = broken
          ? harm(before, fixed) === 'adds yaml-syntax'
            ? 'adds yaml-syntax'
            : undefined
          : harm(before, fixed);
        if (what) note(kindOf(action.title, what, broken), text, fixed);
      }
    }),
    1,
  );
  process.stdout.write(`# quick fixes: ${applied} applied and re-checked\n`);
  const lines = [...failures].map(
    ([kind, f]) =>
      `${f.count}x ${kind}\n    before: ${JSON.stringify(f.before).slice(0, 300)}\n    after:  ${JSON.stringify(f.after).slice(0, 300)}`,
  );
  assert.equal(failures.size, 0, `quick fixes that break the file:\n${lines.join('\n')}`);
});
