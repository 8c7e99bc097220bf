// Replay in the editor: "Replay an audit log" offers the logs of the kubeAuditPolicy.auditLogs
// setting, the server replays the one picked, and the answer shows as a CodeLens above each rule,
// a hint on the rule no event matched, and the report view beside the policy. (The view's HTML,
// its rule links and a hostile user agent in it are read in the UI test, which can see inside the
// webview.) In the web worker there are no files to stream: the command says so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acceptQuickPick, captureMessages, fixtureUri, HOST, openFixture, poll, positionOf } from './helpers';

const POLICY = 'replay-policy.yaml';
const LOG = 'logs/audit.log';
/** The same log, gzip-compressed, as log rotation leaves it. */
const LOG_GZ = 'logs/audit.log.1.gz';
// The rule kube-apiserver's checker (checker.go: the first rule that matches) gives each event of
// logs/audit.log, by line:
//   1 system:kube-proxy watch endpoints: rule 0 (its user and verb; a rule without resources
//     matches any resource);
//   2 alice get secrets/db: rule 1;
//   3 bob create pods, 4 bob get pods/web: rule 2;
//   5 carol GET /healthz: rule 4, since rule 3 lists namespaces, which a non-resource request
//     never matches (ruleMatchesNonResource).
const RULE_OF_LINE = [0, 1, 2, 2, 4];
const RULES = 5;
const NEVER_MATCHED = 3;
// The first and last stageTimestamp of the log: the span the hint gives.
const FIRST = '2026-11-30T10:00:00.100000Z';
const LAST = '2026-11-30T10:05:00.100000Z';

interface ReplayResult {
  files: Array<{ name: string; events: number; badLines: number }>;
  totals: { events: number; bytes: number; badLines: number };
  rules: Array<{ rule: number; line: number | null; events: number; bytes: number }>;
  neverMatched: number[];
  timeSpan: { first: string; last: string } | null;
}

/** Per rule: its events and their bytes in the log (each line with its newline). */
async function expectedRules(): Promise<{ events: number[]; bytes: number[]; total: number }> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(LOG)));
  const lines = text.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, RULE_OF_LINE.length, `${LOG} has one line per event`);
  const events = Array.from({ length: RULES }, () => 0);
  const bytes = Array.from({ length: RULES }, () => 0);
  lines.forEach((line, i) => {
    events[RULE_OF_LINE[i]]++;
    bytes[RULE_OF_LINE[i]] += new TextEncoder().encode(line).length + 1;
  });
  return { events, bytes, total: bytes.reduce((a, b) => a + b, 0) };
}

const setAuditLogs = (logs: string[] | undefined) =>
  vscode.workspace.getConfiguration('kubeAuditPolicy').update('auditLogs', logs, vscode.ConfigurationTarget.Workspace);

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('kubeAuditPolicy.replayReport'),
    );
}

/** The line (0-based) where rule `index` starts: its `- level:`. */
const ruleLine = (doc: vscode.TextDocument, index: number): number => positionOf(doc, '- level:', 0, index).line;

if (HOST === 'node') {
  suite('replay', () => {
    let replayed: { editor: vscode.TextEditor; result: ReplayResult } | undefined;

    /** Replays logs/audit.log once, picked from the QuickPick the setting fills. */
    async function replay(): Promise<{ editor: vscode.TextEditor; result: ReplayResult }> {
      if (replayed) return replayed;
      await setAuditLogs(['logs/*.log']);
      const editor = await openFixture(POLICY);
      const result = await acceptQuickPick(
        vscode.commands.executeCommand<ReplayResult | undefined>('kubeAuditPolicy.replay'),
      );
      assert.ok(result, 'the replay returned no result');
      replayed = { editor, result };
      return replayed;
    }

    suiteTeardown(async () => {
      await setAuditLogs(undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('the command offers the log of kubeAuditPolicy.auditLogs and attributes every event', async () => {
      const { result } = await replay();
      assert.deepEqual(
        result.files.map((f) => f.name),
        [fixtureUri(LOG).fsPath],
      );
      const expected = await expectedRules();
      assert.equal(result.totals.events, RULE_OF_LINE.length);
      assert.equal(result.totals.badLines, 0);
      assert.equal(result.totals.bytes, expected.total);
      assert.deepEqual(
        result.rules.map((r) => r.events),
        expected.events,
      );
      assert.deepEqual(
        result.rules.map((r) => r.bytes),
        expected.bytes,
      );
      assert.deepEqual(result.neverMatched, [NEVER_MATCHED]);
      assert.deepEqual(result.timeSpan, { first: FIRST, last: LAST });
    });

    test('a CodeLens above each rule: its events, bytes and share; "no event matched" above the 4th', async () => {
      const { editor } = await replay();
      const doc = editor.document;
      const expected = await expectedRules();
      // All below 1 kB: sizes in bytes; the share is of the log's bytes, to one decimal.
      const share = (bytes: number): string => `${((100 * bytes) / expected.total).toFixed(1)}%`;
      const titles = expected.events.map((n, i) =>
        n === 0
          ? 'no event matched'
          : `${n} event${n === 1 ? '' : 's'}, ${expected.bytes[i]} B, ${share(expected.bytes[i])}`,
      );
      const lenses = await poll(
        async () =>
          (
            (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []
          ).filter((l) => l.command?.command === 'kubeAuditPolicy.showReplayReport'),
        (l) => l.length === RULES,
        'a replay CodeLens above each rule',
      );
      assert.deepEqual(
        lenses.map((l) => ({ line: l.range.start.line, title: l.command?.title })),
        titles.map((title, i) => ({ line: ruleLine(doc, i), title })),
      );
    });

    test("the rule no event matched gets a hint saying so, with the log's time span", async () => {
      const { editor } = await replay();
      const doc = editor.document;
      const hints = await poll(
        () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'kube-audit-policy replay'),
        (d) => d.length > 0,
        'the replay hint',
      );
      assert.equal(hints.length, 1, hints.map((h) => h.message).join('; '));
      const [hint] = hints;
      assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
      assert.equal(hint.range.start.line, ruleLine(doc, NEVER_MATCHED));
      assert.equal(doc.getText(hint.range), '- level: Request');
      assert.match(hint.message, new RegExp(`rule #${NEVER_MATCHED + 1}\\b`));
      assert.ok(hint.message.includes(`${RULE_OF_LINE.length} events`), hint.message);
      assert.ok(hint.message.includes(FIRST) && hint.message.includes(LAST), hint.message);
    });

    test('the report opens beside the policy; a rule link moves the cursor to that rule', async () => {
      const { editor } = await replay();
      const [tab] = await poll(
        reportTabs,
        (tabs) => tabs.length === 1 && tabs[0].label === `Replay: ${POLICY}`,
        'the replay report tab',
      );
      assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the report sits beside the policy');
      // What the report's link of rule #3 runs (the command URI of the view, with these arguments).
      const line = ruleLine(editor.document, 2) + 1;
      const at = { line: line - 1, character: 0 };
      await vscode.commands.executeCommand('kubeAuditPolicy.showRule', editor.document.uri.toString(), {
        start: at,
        end: at,
      });
      const active = vscode.window.activeTextEditor;
      assert.equal(active?.document.uri.toString(), editor.document.uri.toString());
      assert.equal(active!.selection.active.line, line - 1);
    });

    test('a gzip-compressed log, as rotation leaves it, gives the same answer', async () => {
      const { result: plain } = await replay();
      await openFixture(POLICY);
      const result = await vscode.commands.executeCommand<ReplayResult>(
        'kubeAuditPolicy.replay',
        fixtureUri(LOG_GZ).fsPath,
      );
      assert.ok(result, 'the replay returned no result');
      assert.deepEqual(
        result.files.map((f) => f.name),
        [fixtureUri(LOG_GZ).fsPath],
      );
      assert.deepEqual(
        { totals: result.totals, rules: result.rules, neverMatched: result.neverMatched },
        { totals: plain.totals, rules: plain.rules, neverMatched: plain.neverMatched },
      );
    });

    test('a log that cannot be read: an error saying which, and no result', async () => {
      await openFixture(POLICY);
      const shown = captureMessages();
      try {
        const missing = fixtureUri('logs/no-such-audit.log').fsPath;
        const result = await vscode.commands.executeCommand('kubeAuditPolicy.replay', missing);
        assert.equal(result, undefined);
        await poll(
          () => shown.texts,
          (t) => t.length > 0,
          'an error message',
        );
        assert.match(shown.texts[0], /Replay an audit log: .*no-such-audit\.log: no such file or directory/);
      } finally {
        shown.restore();
      }
    });
  });
} else {
  suite('replay (web worker)', () => {
    suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    test('Replay an audit log says it is not available in VS Code for the Web, and why', async () => {
      await openFixture(POLICY);
      const shown = captureMessages();
      try {
        const result = await vscode.commands.executeCommand('kubeAuditPolicy.replay', fixtureUri(LOG).fsPath);
        assert.equal(result, undefined);
        assert.equal(shown.texts.length, 1, JSON.stringify(shown.texts));
        assert.match(shown.texts[0], /^Replay an audit log is not available in VS Code for the Web/);
        assert.match(shown.texts[0], /streams audit log files from disk/);
        assert.match(shown.texts[0], /desktop VS Code, or use the kube-audit-policy command line/);
      } finally {
        shown.restore();
      }
      assert.equal(reportTabs().length, 0, 'no report view');
    });
  });
}
