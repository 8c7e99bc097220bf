// V8 flags the server sets for itself at start, each unless the user gave it (on the command line,
// or in NODE_OPTIONS, how one tunes a server an editor starts; V8 takes `_` for `-` in flag names).
// A server holds one large model for hours, where V8's defaults suit short bursts. Only flags that
// V8 reads again at each use take effect this late; each below was measured over LSP on the
// 5,000-rule stress file (bench/ANALYSIS.md).
import { setFlagsFromString } from 'node:v8';

interface Tuning {
  readonly flag: string;
  /** The flags that, given by the user, mean the user chose this. */
  readonly givenAs: RegExp;
}

const TUNINGS: readonly Tuning[] = [
  // V8 grows the young generation's two semi-spaces up to 16 MB each while a large policy is read,
  // and keeps them: 32 MiB of the server's memory after opening a 5,000-rule policy, more than the
  // policy's whole model. The VS Code client starts the server with `--max-semi-space-size=1`, but
  // other editors start the binary as it is, and V8 reads that flag only when it sets up the heap.
  // The growth factor is read at each growth instead (V8 raises a factor below 2 to 2 only at
  // setup), so 1 keeps the semi-spaces at their initial size. RSS after open 152 -> 126 MiB, the
  // open's CPU time lower (fewer survivors copied between large semi-spaces), an edit's the same.
  {
    flag: '--semi-space-growth-factor=1',
    givenAs: /^--(max|min)[-_]semi[-_]space[-_]size\b|^--semi[-_]space[-_]growth[-_]factor\b/,
  },
  // TurboFan compiles on background threads, and the C library keeps the memory each thread's
  // arena reached: with V8's inlining budget (920 bytes of bytecode per function) four arenas kept
  // 2.8 MB each after the open, 30 KB of it in use. A budget of 300 makes each compilation's graph,
  // and so that peak, smaller: RSS after open 104-105 -> 99-100 MiB, the open's CPU time 10-20%
  // lower (less compiled in the background), an edit's the same. Read at each compilation.
  {
    flag: '--max-inlined-bytecode-size-cumulative=300',
    givenAs: /^--max[-_]inlined[-_]bytecode[-_]size[-_]cumulative\b/,
  },
  // Every keystroke makes the document's text anew: 1.5 MB for the stress file, in V8's large-object
  // space, garbage at the next keystroke. V8 lets the old generation grow to four times what was
  // live before it collects it again (a dynamic factor, for its default heap limit of gigabytes),
  // so the server's RSS rose from 98 to 180-186 MiB within 50 edits and stayed there. A factor of
  // two (read when V8 sets the next limit): 114-137 MiB, and 97 after the open; the CPU time per
  // edit was the same within the noise (33-39 against 34-37 ms, 150 edits, alternating runs).
  { flag: '--heap-growing-percent=100', givenAs: /^--heap[-_]growing[-_]percent\b/ },
  // V8 gives a function its feedback vector, and so its baseline and optimised code, only after
  // it has run a few times, which a server whose work comes in bursts pays again at each burst: the
  // first keystrokes after an open ran the checks on edit paths that were still interpreted without
  // feedback. Allocated at the first call (read when a function is first called), the CPU time of a
  // one-character edit on the stress file was 32-35 ms against 48 (20 edits, alternating runs on a
  // quiet machine), and the edit to diagnostics 70-79 ms against 85-106 on a busy one; the open and
  // RSS after it the same within the noise (98-101 MiB).
  { flag: '--no-lazy-feedback-allocation', givenAs: /^--(no[-_])?lazy[-_]feedback[-_]allocation\b/ },
];

/** Sets each tuning the user did not choose. */
export function tuneV8(execArgv: readonly string[], nodeOptions = ''): void {
  for (const flag of tuningsToSet(execArgv, nodeOptions)) setFlagsFromString(flag);
}

/** The flags of the tunings the user did not choose. */
export function tuningsToSet(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return TUNINGS.filter((t) => !given.some((arg) => t.givenAs.test(arg))).map((t) => t.flag);
}
