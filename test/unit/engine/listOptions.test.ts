// How RequestInfoFactory reads a list's query (engine/listOptions.ts, fieldSelector.ts,
// labelSelector.ts): the name a field selector requires, and whether a failed ListOptions decoding
// drops it. Each expected [name, verb] is the oracle's (Kubernetes 1.20.2's RequestInfoFactory)
// resolution of `GET /api/v1/pods?<query>`.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { resolveRequestInfo } from '../../../server/src/service/engine/requestInfo';

const resolve = (query: string): [string, string] => {
  const info = resolveRequestInfo('GET', `/api/v1/pods?${query}`);
  return [info.name, info.verb];
};

function table(cases: ReadonlyArray<[string, string, string, string]>): void {
  for (const [name, query, expectedName, verb] of cases)
    test(name, () => assert.deepEqual(resolve(query), [expectedName, verb]));
}

describe('field selectors as fields.ParseSelector reads them', () => {
  table([
    // Terms are sorted before RequiresExactMatch takes the first: "metadata.name=db" < "...=web".
    ['two names: the first in sorted order', 'fieldSelector=metadata.name%3Dweb%2Cmetadata.name%3Ddb', 'db', 'list'],
    ['an escaped comma is part of the value', 'fieldSelector=metadata.name%3Dw%5C%2Ceb', 'w,eb', 'list'],
    ['an escaped equals sign is part of the value', 'fieldSelector=metadata.name%3D%5C%3D', '=', 'list'],
    ['nothing is trimmed: ` metadata.name = web ` names no field', 'fieldSelector=+metadata.name+%3D+web+', '', 'list'],
    ['an unescaped `=` in the value fails parsing', 'fieldSelector=metadata.name%3Da%3Db', '', 'list'],
    ['an unknown escape fails parsing', 'fieldSelector=metadata.name%3D%5Ca', '', 'list'],
    ['a trailing backslash fails parsing', 'fieldSelector=metadata.name%3Dweb%5C', '', 'list'],
    ['`!` may sit in a field name', 'fieldSelector=a!b%3Dc%2Cmetadata.name%3Dweb', 'web', 'list'],
    ['empty terms are skipped', 'fieldSelector=%2Cmetadata.name%3Dweb%2C', 'web', 'list'],
    ['`!=` names nothing, `==` does', 'fieldSelector=metadata.name!%3Dx%2Cmetadata.name%3D%3Dweb', 'web', 'list'],
  ]);
});

describe('a failed ListOptions decoding drops the name', () => {
  table([
    [
      'a valid label selector keeps it',
      'labelSelector=app+in+(a%2C%2Cb)%2C!x&fieldSelector=metadata.name%3Dweb',
      'web',
      'list',
    ],
    ['an invalid label selector drops it', 'labelSelector=a%3Db%3Dc&fieldSelector=metadata.name%3Dweb', '', 'list'],
    [
      'a label value longer than 63 characters',
      `labelSelector=a%3D${'x'.repeat(64)}&fieldSelector=metadata.name%3Dweb`,
      '',
      'list',
    ],
    ['a key with an upper-case prefix', 'labelSelector=Example.com%2Fa&fieldSelector=metadata.name%3Dweb', '', 'list'],
    ['`a>x`: Gt wants an integer', 'labelSelector=a%3Ex&fieldSelector=metadata.name%3Dweb', '', 'list'],
    ['a NUL inside a key splits it', 'labelSelector=a%00b&fieldSelector=metadata.name%3Dweb', '', 'list'],
    ['a NUL after a space ends the selector', 'labelSelector=a+%00b&fieldSelector=metadata.name%3Dweb', 'web', 'list'],
    ['limit must be a base-10 int64', 'limit=1_0&fieldSelector=metadata.name%3Dweb', '', 'list'],
    ['limit=+1 is one', 'limit=%2B1&fieldSelector=metadata.name%3Dweb', 'web', 'list'],
    ['timeoutSeconds out of range', 'timeoutSeconds=9223372036854775808&fieldSelector=metadata.name%3Dweb', '', 'list'],
    ['after a failure the raw watch value still makes a watch', 'limit=x&watch=1', '', 'watch'],
  ]);
});

describe('watch values', () => {
  table([
    // Convert_Slice_string_To_bool uses strings.EqualFold, whose folding takes U+017F for s ...
    ['`falſe` is false when the options decode', 'watch=fal%C5%BFe', '', 'list'],
    // ... the fallback after a failed decoding strings.ToLower, which does not.
    ['`falſe` is a watch after a failed decoding', 'watch=fal%C5%BFe&limit=x', '', 'watch'],
    ['`FALSE` is false either way', 'watch=FALSE&limit=x', '', 'list'],
  ]);
});
