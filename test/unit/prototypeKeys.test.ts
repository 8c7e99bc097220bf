// Names that are members of every object's prototype (`constructor`, `toString`, `__proto__`,
// `hasOwnProperty`), written where the user's files and logs put a name that the code looks up in a
// table: each is just another unknown name, read as a made-up one is, never the prototype's member
// (which used to pass a function as an HTTP method, rank, field suggestion or pack text).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { NEWEST_MINOR, requirementPack, testFileHover } from '../../server/src/service';
import { authenticationGroup } from '../../server/src/service/catalogue/authenticationGroups';
import { verbStatus } from '../../server/src/service/catalogue/apiResources';
import { suggestField } from '../../server/src/service/catalogue/misnamed';
import { resolveRequestInfo } from '../../server/src/service/engine/requestInfo';
import { formatRequestLine } from '../../server/src/service/policyTest/requestLine';
import { cloudRequestOf } from '../../server/src/service/replay/cloudRequest';
import { eventOfLegacyLine } from '../../server/src/service/replay/legacyLine';
import { levelRank } from '../../server/src/service/replay/verdict';

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
const MADE_UP = 'frobnicate';

/** What `f` gives for `name`, or the message it throws, as text with the name made up again. */
function outcome(f: (name: string) => unknown, name: string): string {
  let result: unknown;
  try {
    result = f(name);
  } catch (error) {
    result = { threw: error instanceof Error ? error.message : String(error) };
  }
  assert.notEqual(typeof result, 'function', `${name}: a prototype member came back`);
  return (JSON.stringify(result) ?? 'undefined').replaceAll(name, MADE_UP);
}

function readAsMadeUp(what: string, f: (name: string) => unknown): void {
  for (const name of PROTOTYPE_NAMES) assert.equal(outcome(f, name), outcome(f, MADE_UP), `${what}: ${name}`);
}

const legacyLine = (method: string): string =>
  `AUDIT: id="1" stage="ResponseComplete" ip="10.0.0.1" method="${method}" user="alice" groups="\\"dev\\"" ` +
  'as="<self>" asgroups="<lookup>" namespace="a" uri="/api/v1/namespaces/a/pods" response="200"';

test('replay: a GKE methodName or a legacy line whose verb is a prototype name reads as an unknown verb', () => {
  readAsMadeUp('GKE methodName', (verb) =>
    cloudRequestOf(`io.k8s.core.v1.pods.${verb}`, 'core/v1/namespaces/a/pods/p'),
  );
  readAsMadeUp('legacy method', (method) => eventOfLegacyLine(legacyLine(method), 0));
  readAsMadeUp('recorded level', (level) => levelRank(level));
});

test('requests: a prototype name as an HTTP method or a verb is no method and no verb', () => {
  // k8s.io/apiserver pkg/endpoints/request/requestinfo.go: a method other than POST, GET, HEAD, PUT,
  // PATCH and DELETE leaves the verb "".
  for (const name of PROTOTYPE_NAMES) assert.equal(resolveRequestInfo(name, '/api/v1/pods').verb, '');
  readAsMadeUp('request line of a verb', (verb) =>
    formatRequestLine({
      user: 'alice',
      groups: [],
      verb,
      resourceRequest: true,
      apiGroup: '',
      apiVersion: 'v1',
      namespace: 'a',
      resource: 'pods',
      subresource: '',
      name: '',
      path: '/api/v1/namespaces/a/pods',
    }),
  );
});

test('policies and test files: a prototype name is no verb, field, group, pack or test-file key', () => {
  readAsMadeUp('served verb', (verb) => verbStatus('', 'pods', '', verb, NEWEST_MINOR));
  readAsMadeUp('field suggestion', (name) => suggestField('rule', name));
  readAsMadeUp('authentication group', (name) => authenticationGroup(name));
  readAsMadeUp('requirement pack', (name) => requirementPack(name));
  readAsMadeUp('test-file hover', (key) => testFileHover(`${key}: 1\n`, { line: 0, character: 1 }));
});
