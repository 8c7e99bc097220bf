// A request's query string as Go reads it (net/url parseQuery, Go 1.17 and later, which every
// kube-apiserver from 1.23 is built with; RequestInfoFactory calls req.URL.Query() and ignores
// its error): pairs split on `&`; a pair holding a `;` is dropped ("invalid semicolon separator in
// query"), as is one whose key or value is not valid percent-encoding; `+` is a space. The WHATWG
// URLSearchParams keeps both kinds of pair, so `?watch=true;x=1` would be a watch: for Go it is not.

export type GoQuery = ReadonlyMap<string, readonly string[]>;

export function parseGoQuery(query: string): GoQuery {
  const values = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = queryUnescape(eq === -1 ? pair : pair.slice(0, eq));
    const value = queryUnescape(eq === -1 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return values;
}

/** url.QueryUnescape: undefined where a `%` is not followed by two hex digits. */
function queryUnescape(text: string): string | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(text)) return undefined;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // bytes that are not UTF-8: Go keeps them; no verb or name depends on them
  }
}
