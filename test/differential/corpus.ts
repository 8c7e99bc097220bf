// The policies the suite starts from: the project's own corpus and, when the shared corpus of real
// policies sits beside the clone, those too. Equal texts are read once.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const DIRS = [
  join(REPO, 'test/fixtures/corpus'),
  // Beside a clone (CI), or beside the folder of worktrees.
  resolve(REPO, '../shared/corpus/real'),
  resolve(REPO, '../../shared/corpus/real'),
];

export interface CorpusPolicy {
  readonly name: string;
  readonly text: string;
}

export function corpusPolicies(): CorpusPolicy[] {
  const seen = new Set<string>();
  const out: CorpusPolicy[] = [];
  for (const dir of DIRS) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ name: file, text });
    }
  }
  if (out.length === 0) throw new Error(`no corpus found in ${DIRS.join(', ')}`);
  return out;
}
