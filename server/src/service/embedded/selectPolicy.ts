// Which of a file's policies a command or a request is about, chosen the same way everywhere (the
// command line's --embedded-at, the editor's requests, a test file's `embeddedAt`): the one at the
// path named (as lint prints it), else the one at an offset of the file, else the only one. A file
// that holds several and names none of them is never read as its first: the caller is told their
// paths, to refuse with them or to offer them to pick from.
import { policyAt } from './hostDocument';
import type { EmbeddedPolicy, HostDocument } from './hostDocument';

export interface WhichPolicy {
  /** The policy's path in the file (`data["policy.yaml"]`, `documents[1].data["a.yaml"]`). */
  readonly embeddedAt?: string;
  /** Else the policy at this offset of the file (the editor's cursor). */
  readonly offset?: number;
}

export interface NoPolicySelected {
  readonly policy?: undefined;
  /** `none`: the file neither is nor holds a policy; `not-at-path`: no policy is at the path
   *  named (a file that is itself a policy holds none); `several`: none was named. */
  readonly problem: 'none' | 'not-at-path' | 'several';
  /** The paths of the policies the file holds (none when it is itself a policy). */
  readonly paths: readonly string[];
}

export type PolicySelection = { readonly policy: EmbeddedPolicy } | NoPolicySelected;

export function selectPolicy(host: HostDocument, choice: WhichPolicy = {}): PolicySelection {
  const paths = host.kind === 'host' ? host.policies.map((p) => p.region.hostPath) : [];
  if (host.policies.length === 0) return { problem: 'none', paths };
  if (choice.embeddedAt !== undefined) {
    const named = atPath(host.policies, choice.embeddedAt);
    return named ? { policy: named } : { problem: 'not-at-path', paths };
  }
  if (host.kind !== 'host' || host.policies.length === 1) return { policy: host.policies[0] };
  const under = choice.offset === undefined ? undefined : policyAt(host, choice.offset);
  return under ? { policy: under } : { problem: 'several', paths };
}

/** The policy at `path`: exactly, or else the only one whose path is the same once the line numbers
 *  are left out of both. A Markdown block, a heredoc and a Terraform object are named with the line
 *  they start on (`Markdown block 2 (line 40)`): a test file or a script that names one keeps
 *  working when lines above it are added or removed, and may leave the line out. Two heredocs are
 *  told apart only by their lines: then the path must be exact. */
function atPath(policies: readonly EmbeddedPolicy[], path: string): EmbeddedPolicy | undefined {
  const exact = policies.find((p) => p.region.hostPath === path);
  if (exact) return exact;
  const same = policies.filter((p) => withoutLines(p.region.hostPath) === withoutLines(path));
  return same.length === 1 ? same[0] : undefined;
}

/** A path as it stays when lines move: `Markdown block 2 (line 40) documents[1]` -> `Markdown block 2 documents[1]`. */
function withoutLines(path: string): string {
  return path.replace(/ \(line \d+\)/g, '');
}

/** Why no policy was selected, in the command line's words: `name` is the file as the user knows
 *  it, `option` what names a policy (`--embedded-at`, a test file's `embeddedAt`...). */
export function selectionProblem(
  name: string,
  host: HostDocument,
  selection: NoPolicySelected,
  choice: WhichPolicy,
  option: string,
): string {
  const paths = selection.paths.join(', ');
  if (selection.problem === 'none') return `${name} holds no audit policy`;
  if (selection.problem === 'several')
    return `${name} holds ${selection.paths.length} policies: choose one with ${option} (${paths})`;
  return host.kind === 'host'
    ? `${name} holds no policy at ${choice.embeddedAt} (it holds: ${paths})`
    : `${option}: ${name} is itself a policy, it holds none`;
}
