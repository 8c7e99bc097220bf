// Glob patterns of the `kubeAuditPolicy.files` setting: `*`, `?`, `**`, `{a,b}` and `[...]`.
// A pattern without `/` matches the file name in any folder, as in VS Code's file associations.

export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close === -1) re += '\\{';
      else {
        re += `(?:${pattern.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else if (c === '[') {
      const close = pattern.indexOf(']', i);
      if (close === -1) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp(`(?:^|/)${re}$`);
}

export function matchesAnyGlob(path: string, patterns: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return patterns.some((pattern) => {
    try {
      const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
      return globToRegExp(p.includes('/') ? p : `**/${p}`).test(normalized);
    } catch {
      return false;
    }
  });
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}
