// The real-world policies the tests read. 28 of the 33 files of the shared corpus are Apache-2.0,
// MIT or BSD and live in test/fixtures/corpus (attribution in its SOURCES.md): they are tested in
// every clone. The other 5 may not be redistributed, so they are read from ../shared/corpus/real
// beside the clone when it is there; tests of those files alone may skip.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
export const FIXTURE_DIR = join(ROOT, 'test/fixtures/corpus');
export const SHARED_DIR = resolve(ROOT, '../shared/corpus/real');

/** The corpus files not in test/fixtures/corpus, with the licence that keeps them out. */
export const NOT_REDISTRIBUTABLE: Readonly<Record<string, string>> = {
  'alt-podsec-usernetes-policy.yaml': 'LGPL-2.1',
  'canonical-k8s-snap-disa-stig-audit-policy.yaml': 'GPL-3.0',
  'k8s-website-audit-policy.yaml': 'CC-BY-4.0',
  'selectel-mks-audit-policy.yaml': 'none found',
  'talos-manifest-test-multidoc.yaml': 'MPL-2.0',
};

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

function readDir(dir: string, names: readonly string[]): CorpusFile[] {
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** The redistributable copies: always present, or the test fails. */
export function fixtureCorpus(): CorpusFile[] {
  const names = readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  if (names.length === 0) throw new Error(`no policies in ${FIXTURE_DIR}`);
  return readDir(FIXTURE_DIR, names);
}

/** The files only ../shared has, or undefined when it is not beside the clone. */
export function sharedOnlyCorpus(): CorpusFile[] | undefined {
  return existsSync(SHARED_DIR) ? readDir(SHARED_DIR, Object.keys(NOT_REDISTRIBUTABLE).sort()) : undefined;
}

/** Every real policy this clone has: the fixtures, plus the shared-only files when present. */
export function realCorpus(): CorpusFile[] {
  return [...fixtureCorpus(), ...(sharedOnlyCorpus() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}
