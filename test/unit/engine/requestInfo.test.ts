// A port of kube-apiserver's request-info tests (k8s.io/apiserver pkg/endpoints/request/
// requestinfo_test.go: TestGetAPIRequestInfo, TestGetNonAPIRequestInfo, TestFieldSelectorParsing)
// and of the request lines the explain command reads.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseRequestLine, RequestError, requestFromHttp, resolveRequestInfo } from '../../../server/src/service';

type Row = [
  method: string,
  url: string,
  verb: string,
  prefix: string,
  group: string,
  version: string,
  namespace: string,
  resource: string,
  subresource: string,
  name: string,
  parts: string[],
];

const SUCCESS: Row[] = [
  // resource paths
  ['GET', '/api/v1/namespaces', 'list', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  [
    'GET',
    '/api/v1/namespaces/other',
    'get',
    'api',
    '',
    'v1',
    'other',
    'namespaces',
    '',
    'other',
    ['namespaces', 'other'],
  ],
  ['GET', '/api/v1/namespaces/other/pods', 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo', 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['HEAD', '/api/v1/namespaces/other/pods/foo', 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['GET', '/api/v1/pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['HEAD', '/api/v1/pods', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  [
    'PATCH',
    '/api/v1/namespaces/new-namespace',
    'patch',
    'api',
    '',
    'v1',
    'new-namespace',
    'namespaces',
    '',
    'new-namespace',
    ['namespaces', 'new-namespace'],
  ],
  // special verbs
  [
    'GET',
    '/api/v1/proxy/namespaces/other/pods/foo',
    'proxy',
    'api',
    '',
    'v1',
    'other',
    'pods',
    '',
    'foo',
    ['pods', 'foo'],
  ],
  [
    'GET',
    '/api/v1/proxy/namespaces/other/pods/foo/subpath/not/a/subresource',
    'proxy',
    'api',
    '',
    'v1',
    'other',
    'pods',
    '',
    'foo',
    ['pods', 'foo', 'subpath', 'not', 'a', 'subresource'],
  ],
  ['GET', '/api/v1/watch/pods', 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods?watch=true', 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods?watch=false', 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/watch/namespaces/other/pods', 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods?watch=1', 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods?watch=0', 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  // subresource identification
  [
    'GET',
    '/api/v1/namespaces/other/pods/foo/status',
    'get',
    'api',
    '',
    'v1',
    'other',
    'pods',
    'status',
    'foo',
    ['pods', 'foo', 'status'],
  ],
  [
    'GET',
    '/api/v1/namespaces/other/pods/foo/proxy/subpath',
    'get',
    'api',
    '',
    'v1',
    'other',
    'pods',
    'proxy',
    'foo',
    ['pods', 'foo', 'proxy', 'subpath'],
  ],
  [
    'PUT',
    '/api/v1/namespaces/other/finalize',
    'update',
    'api',
    '',
    'v1',
    'other',
    'namespaces',
    'finalize',
    'other',
    ['namespaces', 'other', 'finalize'],
  ],
  [
    'PUT',
    '/api/v1/namespaces/other/status',
    'update',
    'api',
    '',
    'v1',
    'other',
    'namespaces',
    'status',
    'other',
    ['namespaces', 'other', 'status'],
  ],
  // verb identification
  ['PATCH', '/api/v1/namespaces/other/pods/foo', 'patch', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  [
    'DELETE',
    '/api/v1/namespaces/other/pods/foo',
    'delete',
    'api',
    '',
    'v1',
    'other',
    'pods',
    '',
    'foo',
    ['pods', 'foo'],
  ],
  ['POST', '/api/v1/namespaces/other/pods', 'create', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  // deletecollection verb identification
  ['DELETE', '/api/v1/nodes', 'deletecollection', 'api', '', 'v1', '', 'nodes', '', '', ['nodes']],
  ['DELETE', '/api/v1/namespaces', 'deletecollection', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['DELETE', '/api/v1/namespaces/other/pods', 'deletecollection', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  [
    'DELETE',
    '/apis/extensions/v1/namespaces/other/pods',
    'deletecollection',
    'apis',
    'extensions',
    'v1',
    'other',
    'pods',
    '',
    '',
    ['pods'],
  ],
  // api group and version identification
  [
    'POST',
    '/apis/extensions/v1/namespaces/other/pods',
    'create',
    'apis',
    'extensions',
    'v1',
    'other',
    'pods',
    '',
    '',
    ['pods'],
  ],
  [
    'POST',
    '/apis/extensions/v1beta3/namespaces/other/pods',
    'create',
    'apis',
    'extensions',
    'v1beta3',
    'other',
    'pods',
    '',
    '',
    ['pods'],
  ],
];

describe('TestGetAPIRequestInfo', () => {
  for (const [method, url, verb, prefix, group, version, namespace, resource, subresource, name, parts] of SUCCESS) {
    test(`${method} ${url}`, () => {
      const info = resolveRequestInfo(method, url);
      assert.deepEqual(
        {
          resourceRequest: info.resourceRequest,
          verb: info.verb,
          prefix: info.apiPrefix,
          group: info.apiGroup,
          version: info.apiVersion,
          namespace: info.namespace,
          resource: info.resource,
          subresource: info.subresource,
          name: info.name,
          parts: info.parts,
        },
        { resourceRequest: true, verb, prefix, group, version, namespace, resource, subresource, name, parts },
      );
    });
  }
  const nonResource: Record<string, string> = {
    'no resource path': '/',
    'just apiversion': '/api/version/',
    'just prefix, group, version': '/apis/group/version/',
    'bad prefix': '/badprefix/version/resource',
    'missing api group': '/apis/version/resource',
  };
  for (const [name, url] of Object.entries(nonResource)) {
    test(`${name}: ${url} is a non-resource request`, () =>
      assert.equal(resolveRequestInfo('GET', url).resourceRequest, false));
  }
});

describe('TestGetNonAPIRequestInfo', () => {
  const cases: Array<[string, string, boolean]> = [
    ['simple groupless', '/api/version/resource', true],
    ['simple group', '/apis/group/version/resource/name/subresource', true],
    ['more steps', '/api/version/resource/name/subresource', true],
    ['group list', '/apis/batch/v1/job', true],
    ['group get', '/apis/batch/v1/job/foo', true],
    ['group subresource', '/apis/batch/v1/job/foo/scale', true],
    ['bad root', '/not-api/version/resource', false],
    ['group without enough steps', '/apis/extensions/v1beta1', false],
    ['group without enough steps 2', '/apis/extensions/v1beta1/', false],
    ['not enough steps', '/api/version', false],
    ['one step', '/api', false],
    ['zero step', '/', false],
    ['empty', '', false],
  ];
  for (const [name, url, expected] of cases)
    test(name, () => assert.equal(resolveRequestInfo('GET', url).resourceRequest, expected));
  test('the verb of a non-resource request is the lower-cased method', () => {
    assert.equal(resolveRequestInfo('POST', '/logs/x').verb, 'post');
    assert.equal(resolveRequestInfo('OPTIONS', '/healthz').verb, 'options');
  });
});

describe('TestFieldSelectorParsing', () => {
  const cases: Array<[string, string, string, string]> = [
    ['no selector', '/apis/group/version/resource', '', 'list'],
    ['metadata.name selector', '/apis/group/version/resource?fieldSelector=metadata.name=name1', 'name1', 'list'],
    [
      'metadata.name selector with watch',
      '/apis/group/version/resource?watch=true&fieldSelector=metadata.name=name1',
      'name1',
      'watch',
    ],
    ['random selector', '/apis/group/version/resource?fieldSelector=foo=bar', '', 'list'],
    [
      'invalid selector with metadata.name',
      '/apis/group/version/resource?fieldSelector=metadata.name=name1,foo',
      '',
      'list',
    ],
    [
      'invalid selector with metadata.name with watch',
      '/apis/group/version/resource?fieldSelector=metadata.name=name1,foo&watch=true',
      '',
      'watch',
    ],
    [
      'invalid selector with metadata.name with watch false',
      '/apis/group/version/resource?fieldSelector=metadata.name=name1,foo&watch=false',
      '',
      'list',
    ],
  ];
  for (const [name, url, expectedName, verb] of cases) {
    test(name, () => {
      const info = resolveRequestInfo('GET', url);
      assert.deepEqual([info.name, info.verb], [expectedName, verb]);
    });
  }
});

describe('request lines', () => {
  test('user, method and path', () => {
    const r = parseRequestLine('alice DELETE /api/v1/namespaces/prod/pods/webapp-pod');
    assert.deepEqual(r, {
      user: 'alice',
      groups: [],
      verb: 'delete',
      resourceRequest: true,
      namespace: 'prod',
      apiGroup: '',
      apiVersion: 'v1',
      resource: 'pods',
      subresource: '',
      name: 'webapp-pod',
      path: '/api/v1/namespaces/prod/pods/webapp-pod',
    });
  });
  test('no user: an unauthenticated request', () => assert.equal('user' in parseRequestLine('GET /healthz'), false));
  test('groups= and a lower-case method', () => {
    const r = parseRequestLine('bob groups=system:masters,devs get /apis/apps/v1/namespaces/x/deployments/web/scale');
    assert.deepEqual(
      [r.user, r.groups, r.verb, r.apiGroup, r.resource, r.subresource],
      ['bob', ['system:masters', 'devs'], 'get', 'apps', 'deployments', 'scale'],
    );
  });
  // Oracle (RequestInfoFactory, then the checker): `get /api/v1/namespaces` as sent resolves to the
  // verb "" (isResourceRequest true, resource namespaces); `get /healthz` to the verb "get".
  test('a method sent in lower case is not GET to the resource verb switch', () => {
    assert.deepEqual(
      [
        requestFromHttp('get', '/api/v1/namespaces', 'a', []).verb,
        requestFromHttp('GET', '/api/v1/namespaces', 'a', []).verb,
      ],
      ['', 'list'],
    );
    assert.equal(requestFromHttp('get', '/healthz', 'a', []).verb, 'get');
  });
  // Oracle (RequestInfoFactory built with Go 1.19): Go's parseQuery drops a pair holding `;` or a
  // bad escape, so these are lists; `w%61tch=1` is a watch and `w+b` in a selector is "w b".
  test("the query is read as Go's url.ParseQuery reads it", () => {
    const verb = (url: string): string => resolveRequestInfo('GET', url).verb;
    assert.deepEqual(
      [
        verb('/api/v1/pods?watch=true;x=1'),
        verb('/api/v1/pods?watch=1;&watch=0'),
        verb('/api/v1/pods?watch=%zz&watch=0'),
        verb('/api/v1/pods?w%61tch=1'),
      ],
      ['list', 'list', 'list', 'watch'],
    );
    assert.equal(resolveRequestInfo('GET', '/api/v1/namespaces/x/pods?fieldSelector=metadata.name%3Dw+b').name, 'w b');
  });
  test('user names with colons', () =>
    assert.equal(parseRequestLine('system:kube-proxy GET /api/v1/endpoints').user, 'system:kube-proxy'));
  test('percent-encoded paths are decoded, as Go does', () =>
    assert.equal(parseRequestLine('GET /logs/a%20b').path, '/logs/a b'));
  const bad: Array<[string, RegExp]> = [
    ['', /expected \[USER\] METHOD \/path/],
    ['alice /api/v1/pods', /"alice" is not an HTTP method/],
    ['alice FETCH /api/v1/pods', /"FETCH" is not an HTTP method/],
    ['alice GET api/v1/pods', /starting with \//],
    ['alice bob GET /api/v1/pods', /unexpected "bob"/],
    ['groups=a GET /api/v1/pods', /give the user too/],
    ['GET /api/v1/watch', /unable to determine kind and namespace/],
  ];
  for (const [line, message] of bad) {
    test(`refused: ${JSON.stringify(line)}`, () =>
      assert.throws(
        () => parseRequestLine(line),
        (e: unknown) => e instanceof RequestError && message.test(e.message),
      ));
  }
});
