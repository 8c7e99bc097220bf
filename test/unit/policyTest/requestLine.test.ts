// Request lines for requests the verb switch does not name and for subresources without a name:
// written so that kube-apiserver's request-info resolver reads them back as the same request (the
// oracle's resolution, Kubernetes 1.20.2, is noted beside each case).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatRequestLine, parseRequestLine } from '../../../server/src/service';
import type { RequestAttributes } from '../../../server/src/service';

const resource = (fields: Partial<RequestAttributes>): RequestAttributes => ({
  user: 'alice',
  groups: [],
  verb: 'get',
  resourceRequest: true,
  namespace: 'default',
  apiGroup: '',
  apiVersion: 'v1',
  resource: 'pods',
  subresource: '',
  name: '',
  path: '',
  ...fields,
});

test('the verb "" is written as an OPTIONS request', () => {
  // oracle: OPTIONS /api/v1/namespaces/default/pods resolves to verb "", resource pods, no name
  assert.equal(formatRequestLine(resource({ verb: '' })), 'alice OPTIONS /api/v1/namespaces/default/pods');
  // oracle: OPTIONS .../pods/web/exec resolves to verb "", name web, subresource exec
  const line = formatRequestLine(resource({ verb: '', name: 'web', subresource: 'exec' }));
  assert.equal(line, 'alice OPTIONS /api/v1/namespaces/default/pods/web/exec');
});

test('a subresource without a name is written with an empty name segment', () => {
  // oracle: POST /api/v1/namespaces/default/pods//log resolves to create, name "", subresource log
  assert.equal(
    formatRequestLine(resource({ verb: 'create', subresource: 'log' })),
    'alice POST /api/v1/namespaces/default/pods//log',
  );
  // oracle: GET /api/v1/namespaces/default/pods//log resolves to list, name "", subresource log
  const list = formatRequestLine(resource({ verb: 'list', subresource: 'log' }));
  assert.equal(list, 'alice GET /api/v1/namespaces/default/pods//log');
  const back = parseRequestLine(list!);
  assert.deepEqual([back.verb, back.name, back.subresource], ['list', '', 'log']);
});

test("a list's name holding `,`, `=` or `\\` is escaped in its field selector", () => {
  // oracle: GET /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dw%5C%2Ce%5C%3Db resolves
  // to list, name "w,e=b"
  const line = formatRequestLine(resource({ verb: 'list', name: 'w,e=b' }));
  assert.equal(line, 'alice GET /api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dw%5C%2Ce%5C%3Db');
  const back = parseRequestLine(line!);
  assert.deepEqual([back.verb, back.name], ['list', 'w,e=b']);
});
