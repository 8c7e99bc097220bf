// What a kept replay shows on the file as it is now: a CodeLens above each rule whose row still
// holds, a hint on each such rule no event matched, and one lens where the rows stop holding. A
// row holds while its rule and every rule before it match as they did (rowsThatHold) and while the
// Kubernetes version the events were decided for is still the setting's: the version decides how
// a request resolves (group "*" from 1.36, omitManagedFields from 1.23), so a report made for
// another version is out of date as a whole, as after an edit of the first rule.
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { CodeLens, Diagnostic, Position } from 'vscode-languageserver';
import { decodeRule, rowsThatHold, ruleSummary, translators } from '../../service';
import type { DecodedRule, HostDocument } from '../../service';
import type { ReplayResult } from '../protocol';

/** The command a lens runs: the VS Code extension opens the report view; other editors may ignore it. */
const SHOW_REPLAY_COMMAND = 'kubeAuditPolicy.showReplayReport';
/** The VS Code extension's replay command: the lens of a replay gone out of date runs it again. */
const REPLAY_COMMAND = 'kubeAuditPolicy.replay';

/** A report and what it was made from: the rules as they were, which policy of the file, the logs,
 *  the Kubernetes version. */
export interface Replayed {
  readonly result: ReplayResult;
  readonly rules: readonly DecodedRule[];
  /** Which policy of the file (regionKey). */
  readonly region: string;
  readonly logs: readonly string[];
  readonly kubernetesMinor: number;
}

/**
 * A policy's identity in its file across edits: its path without the line a Markdown block, a
 * here-document or a Terraform object is named by (an edit above it moves that line), and its rank
 * among the file's policies so named; '' for a file that is a policy.
 */
export function regionKeys(host: HostDocument): string[] {
  const seen = new Map<string, number>();
  return host.policies.map((p) => {
    const path = p.region.hostPath.replace(/ \(line \d+\)/g, '');
    const rank = seen.get(path) ?? 0;
    seen.set(path, rank + 1);
    return path === '' ? '' : `${path}#${rank}`;
  });
}

/** The rows that still hold for the file as it is now, each with its rule's host position. */
interface ShownRows {
  /** The policy's path in the file as it is now ('' for a file that is a policy). */
  readonly hostPath: string;
  readonly rows: ReadonlyArray<{ readonly rule: number; readonly at: Position }>;
  /** Where the rows stop holding and why, if they do. */
  readonly outOfDate?: { readonly at: Position; readonly title: string };
}

const version = (minor: number): string => `1.${minor}`;

function shownRows(replayed: Replayed, host: HostDocument, kubernetesMinor: number): ShownRows | undefined {
  const t = translators(host)[regionKeys(host).indexOf(replayed.region)];
  if (!t || t.encoded) return undefined; // an encoded policy's rules have no place in the host
  const hostPath = t.policy.region.hostPath;
  const doc = t.policy.doc;
  const at = (i: number): Position => {
    const rule = doc.parsed.rules[i];
    return t.toHostPosition(doc.lines.positionAt(rule.base + rule.node.start));
  };
  if (kubernetesMinor !== replayed.kubernetesMinor) {
    const title = `replayed for Kubernetes ${version(replayed.kubernetesMinor)}, now ${version(kubernetesMinor)}: replay again`;
    return { hostPath, rows: [], outOfDate: doc.parsed.rules.length > 0 ? { at: at(0), title } : undefined };
  }
  const current = doc.parsed.rules.map((r) => decodeRule(r.node));
  const holding = rowsThatHold(replayed.rules, current);
  return {
    hostPath,
    rows: Array.from({ length: holding }, (_, rule) => ({ rule, at: at(rule) })),
    outOfDate:
      holding < current.length ? { at: at(holding), title: 'edited since the replay: replay again' } : undefined,
  };
}

export function replayLenses(uri: string, replayed: Replayed, host: HostDocument, kubernetesMinor: number): CodeLens[] {
  const shown = shownRows(replayed, host, kubernetesMinor);
  if (!shown) return [];
  const { result, logs } = replayed;
  const { hostPath } = shown;
  // Which report a lens opens: the file's, and the region's (as the result named it) when the file
  // holds policies, several of which may have been replayed.
  const report = result.embeddedAt === undefined ? [uri] : [uri, result.embeddedAt];
  const lensAt = (at: Position, title: string, command: string, args: unknown[]): CodeLens => ({
    range: { start: at, end: at },
    command: { title, command, arguments: args },
  });
  const counts = shown.rows.map(({ rule, at }) => {
    const row = result.rules[rule];
    return lensAt(at, row.events === 0 ? 'no event matched' : ruleSummary(row), SHOW_REPLAY_COMMAND, report);
  });
  if (!shown.outOfDate) return counts;
  // Rules from here on may take other events than when the log was replayed: say so, once. The
  // replay command takes the log (when there was one) and the region, by its path now, to replay again.
  const log = logs.length === 1 ? logs[0] : null;
  const args = hostPath === '' ? (log === null ? [] : [log]) : [log, hostPath];
  return [...counts, lensAt(shown.outOfDate.at, shown.outOfDate.title, REPLAY_COMMAND, args)];
}

/** A hint on each rule no event matched, while its row holds. */
export function replayHints(replayed: Replayed, host: HostDocument, kubernetesMinor: number): Diagnostic[] {
  const shown = shownRows(replayed, host, kubernetesMinor);
  if (!shown) return [];
  const { result } = replayed;
  const span = result.timeSpan ? ` (${result.timeSpan.first} to ${result.timeSpan.last})` : '';
  return shown.rows
    .filter(({ rule }) => result.rules[rule].events === 0)
    .map(({ rule, at }) => {
      // The rule's line from its first character: `- level: ...`.
      const start = host.lines.lineStart(at.line);
      const text = host.text.slice(start, host.lines.lineEnd(at.line));
      const first = text.length - text.trimStart().length;
      return {
        range: { start: { line: at.line, character: first }, end: { line: at.line, character: text.length } },
        severity: DiagnosticSeverity.Hint,
        source: 'kube-audit-policy replay',
        code: 'rule-never-matched',
        message: `No event of the replayed log matched rule #${rule + 1}: ${result.totals.events.toLocaleString('en-US')} events${span}.`,
      };
    });
}
