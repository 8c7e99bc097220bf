// Counts what was compared, what agreed and which documented difference excused the rest, prints
// it (the figures docs/FIDELITY.md reports), and keeps the first few of each kind as examples.
import { appendFileSync } from 'node:fs';
import type { Disagreement } from './differences';

/** DIFF_DUMP=FILE appends every disagreement (documented or not) to FILE as JSON lines. */
const DUMP = process.env.DIFF_DUMP;

export class Tally {
  compared = 0;
  agreed = 0;
  readonly excused = new Map<string, number>();
  readonly unexplained: Disagreement[] = [];
  private readonly examples = new Map<string, Disagreement[]>();

  constructor(readonly what: string) {}

  agree(): void {
    this.compared++;
    this.agreed++;
  }

  differ(d: Disagreement, documented: string | undefined): void {
    this.compared++;
    if (DUMP) appendFileSync(DUMP, `${JSON.stringify({ ...d, documented: documented ?? null })}\n`);
    if (documented === undefined) {
      this.unexplained.push(d);
      return;
    }
    this.excused.set(documented, (this.excused.get(documented) ?? 0) + 1);
    const list = this.examples.get(documented) ?? [];
    if (list.length < 2) list.push(d);
    this.examples.set(documented, list);
  }

  summary(): string {
    const excused = [...this.excused].map(([id, n]) => `${id} ${n}`).join(', ');
    const pct = this.compared === 0 ? 0 : (100 * this.agreed) / this.compared;
    return (
      `differential ${this.what}: ${this.compared} compared, ${this.agreed} agreed (${pct.toFixed(2)}%)` +
      `, ${this.compared - this.agreed - this.unexplained.length} documented differences` +
      (excused ? ` (${excused})` : '') +
      `, ${this.unexplained.length} unexplained`
    );
  }

  /** The disagreements no documented difference explains, in a form to paste into a unit test. */
  failure(limit = 8): string {
    const shown = this.unexplained
      .slice(0, limit)
      .map((d) => JSON.stringify(d, null, 1))
      .join('\n');
    const what = `${this.unexplained.length} ${this.what}`;
    return `${what} disagree with kube-apiserver and are not documented in docs/FIDELITY.md:\n${shown}`;
  }

  /** Examples of each documented difference, for people reading the log. */
  documentedExamples(): string {
    return [...this.examples].map(([id, list]) => `${id}, e.g.:\n${list.map(brief).join('\n')}`).join('\n');
  }
}

/** One line per example: what was asked and both answers, without the whole policy. */
function brief(d: Disagreement): string {
  const { policy: _policy, ...rest } = d;
  return `  ${JSON.stringify(rest).slice(0, 400)}`;
}
