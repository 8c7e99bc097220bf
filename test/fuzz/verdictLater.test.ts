// A policy answered before go-yaml's reading of it (HostOptions.verdictLater: the language server's
// open) must end, once settledHost has done the reading, with what the same text read at once shows:
// the same diagnostics where the reading agrees, and where it does not (go-yaml refuses the text, or
// stops reading it early) a host read again with the verdict. Also after edits made before the
// reading was done, as the server makes them.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  createHostDocument,
  DEFAULT_SETTINGS,
  hostDiagnostics,
  hostVerdictPending,
  settledHost,
} from '../../server/src/service';
import type { HostDocument } from '../../server/src/service';
import { policy } from '../unit/checks/table';
import { check, corpus, mutate, mutatedPolicy, mutation, yamlishText } from './support';

const sources = corpus();
const URI = 'file:///fuzz/verdict-later.yaml';
const settings = DEFAULT_SETTINGS;
const anyText = fc.oneof({ weight: 3, arbitrary: mutatedPolicy(sources) }, { weight: 1, arbitrary: yamlishText });

const atOnce = (text: string): HostDocument => createHostDocument(URI, 1, text);
const later = (text: string, previous?: HostDocument): HostDocument =>
  createHostDocument(URI, 1, text, previous, { verdictLater: true });

test('a policy read before its verdict ends with the diagnostics of the text read at once', () => {
  let pending = 0;
  let readAgain = 0;
  check(
    fc.property(anyText, (text) => {
      const first = later(text);
      if (hostVerdictPending(first)) pending++;
      const settled = settledHost(first, {});
      if (settled !== first) readAgain++;
      assert.equal(hostVerdictPending(settled), false);
      assert.deepEqual(hostDiagnostics(settled, settings), hostDiagnostics(atOnce(text), settings));
    }),
    1,
    // About 1 random text in 400 is one the reading disagrees with, and a slow machine may run
    // fewer: a control character in a later document is one (go-yaml refuses the stream there).
    [[`${policy('- level: Metadata')}---\na: "\u0001"\n`]],
  );
  // Both ways were taken: answers given before the reading, and hosts read again after it.
  assert.ok(pending > 0, 'no text was answered before its reading');
  assert.ok(readAgain > 0, 'no reading disagreed with the answer given before it');
});

test('edits made before the verdict was read end with the diagnostics of the last text read at once', () => {
  check(
    fc.property(
      anyText,
      fc.array(fc.array(mutation, { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
      (text, edits) => {
        let host = later(text);
        let current = text;
        for (const edit of edits) {
          current = mutate(current, edit, sources);
          host = later(current, host);
        }
        const settled = settledHost(host, {});
        assert.deepEqual(hostDiagnostics(settled, settings), hostDiagnostics(atOnce(current), settings));
      },
    ),
    0.3,
  );
});

test('a control character in a later document: answered without it, then refused once go-yaml has read it', () => {
  // go-yaml reads the whole file before decoding its first document (readerc.go: every read is
  // checked for characters it cannot print), so U+0001 anywhere refuses the file; the `yaml`
  // package reads the first document cleanly.
  const text = `${policy('- level: Metadata')}---\n# \u0001\n`;
  const first = later(text);
  assert.equal(hostVerdictPending(first), true);
  const errors = (host: HostDocument): unknown[] =>
    hostDiagnostics(host, settings)
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => d.code);
  assert.deepEqual(errors(first), []);
  const settled = settledHost(first, {});
  assert.notEqual(settled, first);
  assert.deepEqual(errors(settled), ['yaml-syntax']);
});
