// How the `kubeAuditPolicy.files` globs name files (picomatch syntax: `*`, `?`, `**`, `{a,b}`,
// `[...]`; dot files included; case-sensitive):
//   - a pattern without `/` is matched against the file name, in any folder
//     (`audit-policy*.yaml` is `**/audit-policy*.yaml`);
//   - a pattern starting with `/` or `**/` is matched against the file's absolute path
//     (`**/deploy/*.yaml` names a deploy folder at any depth, in or outside the workspace);
//   - any other pattern is matched against the file's path relative to the workspace folder that
//     contains it (`deploy/*.yaml` names `<folder>/deploy/x.yaml`, not `<folder>/other/deploy/x.yaml`;
//     write `**/deploy/*.yaml` for any depth). A file outside every workspace folder, or a server
//     started without folders, is named only by the first two kinds.
// Backslashes count as `/` and a leading `./` is dropped, so Windows-style patterns work too.
import picomatch from 'picomatch';

export type FileMatcher = (path: string) => boolean;

/** `dot`: `*` and `**` cross dot folders such as .github; `posix`: `[!a-z]` negates, as in a shell. */
const OPTIONS: picomatch.PicomatchOptions = { dot: true, posix: true };

/** `patterns` as one test on absolute `/`-separated paths, for files in the given folders. */
export function filesMatcher(patterns: readonly string[], folders: readonly string[]): FileMatcher {
  const byName: string[] = [];
  const absolute: string[] = [];
  const relative: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (pattern === '') continue;
    if (!pattern.includes('/')) byName.push(pattern);
    else if (pattern.startsWith('/') || pattern.startsWith('**/')) absolute.push(pattern);
    else relative.push(pattern);
  }
  const nameMatch = byName.length ? picomatch(byName, { ...OPTIONS, basename: true }) : undefined;
  const absoluteMatch = absolute.length ? picomatch(absolute, OPTIONS) : undefined;
  const relativeMatch = relative.length ? picomatch(relative, OPTIONS) : undefined;
  const roots = folders.map((f) => f.replace(/\\/g, '/').replace(/\/+$/, ''));
  return (rawPath) => {
    const path = rawPath.replace(/\\/g, '/');
    if (nameMatch?.(path) || absoluteMatch?.(path)) return true;
    if (!relativeMatch) return false;
    return roots.some((root) => path.startsWith(`${root}/`) && relativeMatch(path.slice(root.length + 1)));
  };
}
