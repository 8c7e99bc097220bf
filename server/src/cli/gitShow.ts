// Reads a committed version of a file for `diff git:REV:PATH`: the one place the command line
// starts a process, the user's own `git show`, and only for a source the user named. Git is told
// not to run the repository's fsmonitor hook, the one setting by which `git show` could run code
// from the repository it reads.
import { execFileSync } from 'node:child_process';

export function gitShow(revision: string, path: string): Buffer {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', 'show', '--no-textconv', `${revision}:${path}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}
