// The explain view's page: readable verdict and reasons, a link per rule, nothing unescaped, and
// a Content-Security-Policy that allows no script. The explanation below is the one the
// protocol test gets for explain-policy.yaml (its expected values come from the policy's text).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { escapeHtml, explainHtml } from '../../../client/src/explain/html';
import type { ExplainPage } from '../../../client/src/explain/html';

const range = (start: number, end: number) => ({
  start: { line: start, character: 2 },
  end: { line: end, character: 0 },
});

function page(
  overrides: Partial<ExplainPage['result']> = {},
  typed = 'alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod',
): ExplainPage {
  return {
    policyName: 'explain-policy.yaml',
    typed,
    result: {
      rule: 1,
      line: 8,
      range: range(7, 12),
      level: 'RequestResponse',
      omitStages: ['RequestReceived'],
      omitManagedFields: false,
      request: 'user "alice": delete pods "webapp-pod" (core group) in namespace "prod-namespace"',
      trace: [
        {
          rule: 0,
          line: 6,
          field: 'users',
          reason: 'user "alice" is not in users ["system:kube-proxy"]',
          range: range(5, 6),
        },
      ],
      ...overrides,
    },
    ruleHref: (r) => `command:kubeAuditPolicy.showRule?${encodeURIComponent(JSON.stringify(['file:///p.yaml', r]))}`,
  };
}

test('the verdict, the request as read, and each rule with its reason', () => {
  const html = explainHtml(page(), 'n0nce');
  assert.match(html, /<h1>Rule #2 decides: level RequestResponse<\/h1>/);
  assert.match(html, /user &#34;alice&#34;: delete pods &#34;webapp-pod&#34;/);
  assert.match(
    html,
    /<tr class="skipped">.*Rule #1<\/a><\/td><td>6<\/td><td>does not match<\/td><td><code>users<\/code>: user &#34;alice&#34; is not in users/,
  );
  assert.match(html, /<tr class="match">.*Rule #2<\/a><\/td><td>8<\/td><td>matches<\/td>/);
  assert.match(html, /<code>RequestReceived<\/code>/);
  assert.match(html, /Managed fields<\/dt><dd>kept/);
});

test('every rule is a link to its range in the policy', () => {
  const html = explainHtml(page(), 'n0nce');
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) =>
    m[1].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))),
  );
  const args = hrefs.map((h) => JSON.parse(decodeURIComponent(h.replace('command:kubeAuditPolicy.showRule?', ''))));
  assert.deepEqual(args, [
    ['file:///p.yaml', range(5, 6)],
    ['file:///p.yaml', range(7, 12)],
  ]);
});

test('no script may run: the CSP allows only the nonce-tagged style', () => {
  const html = explainHtml(page(), 'n0nce');
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-n0nce';">/,
  );
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /<style nonce="n0nce">/);
});

test('text from the request and the policy is escaped everywhere', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&';
  const html = explainHtml(
    page(
      {
        request: evil,
        level: evil,
        omitStages: [evil],
        trace: [{ rule: 0, line: 6, field: evil, reason: evil, range: range(5, 6) }],
      },
      evil,
    ),
    'n0nce',
  );
  assert.doesNotMatch(html, /<img/);
  assert.doesNotMatch(html, /onerror=alert\(1\)>"/);
  assert.equal(
    html.split(escapeHtml(evil)).length - 1,
    8,
    'title, request, read as, level (heading and list), stage, field, reason',
  );
});

test('no matching rule: not recorded, every rule listed as not matching', () => {
  const html = explainHtml(page({ rule: null, line: null, range: null, level: 'None' }), 'n');
  assert.match(html, /<h1>Not recorded: no rule matches<\/h1>/);
  assert.match(html, /does not record the request \(level None\)/);
  assert.doesNotMatch(html, /class="match"/);
});

test('escapeHtml leaves ordinary text alone and escapes the five special characters', () => {
  assert.equal(escapeHtml('pods/log in prod'), 'pods/log in prod');
  assert.equal(escapeHtml(`<>&"'`), '&#60;&#62;&#38;&#34;&#39;');
});
