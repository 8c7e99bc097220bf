// The semantic diff on policies as people write them: classes in words with a request line each,
// "no change" for rewrites that change nothing, and the deciding rule followed across versions.
// Expected levels are kube-apiserver's (checker.go: first match wins; a request no rule matches is
// not recorded), worked out by hand beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  compilePolicy,
  createPolicyDocument,
  diffJson,
  diffPolicies,
  formatDiffMarkdown,
  formatDiffText,
  parseRequestLine,
} from '../../../server/src/service';

const policy = (rules: string): ReturnType<typeof compilePolicy> =>
  compilePolicy(
    createPolicyDocument('file:///p.yaml', 1, `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`).parsed,
  );

const SECRETS = `  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets"]
  - level: None
`;

test("exempting a user from the secrets rule is one class: that user's secret requests, Metadata to None", () => {
  const after = `  - level: None
    users: ["system:kube-controller-manager"]
    verbs: ["get", "list", "watch"]
    resources:
      - group: ""
        resources: ["secrets"]
${SECRETS}`;
  const diff = diffPolicies(policy(SECRETS), policy(after));
  assert.equal(diff.changes.length, 1, formatDiffText(diff, 'old', 'new'));
  const [change] = diff.changes;
  // get, list and watch of secrets by that user now match the new rule #1 (None) first.
  assert.match(change.description, /^get, list and watch of secrets/);
  assert.match(change.description, /in the core group/);
  assert.match(change.description, /by system:kube-controller-manager$/);
  assert.deepEqual([change.old.level, change.old.rule, change.new.level, change.new.rule], ['Metadata', 0, 'None', 0]);
  const example = parseRequestLine(change.example);
  assert.equal(example.user, 'system:kube-controller-manager');
  assert.equal(example.resource, 'secrets');
  assert.ok(['get', 'list', 'watch'].includes(example.verb));
});

test('reordering rules that never overlap, splitting a rule and merging duplicates report no change', () => {
  const before = `  - level: Metadata
    verbs: ["get", "list"]
    resources:
      - group: ""
        resources: ["pods", "pods"]
  - level: None
    nonResourceURLs: ["/healthz*", "/version"]
  - level: Request
`;
  const after = `  - level: None
    nonResourceURLs: ["/version"]
  - level: None
    nonResourceURLs: ["/healthz*"]
  - level: Metadata
    verbs: ["list", "get"]
    resources:
      - group: ""
        resources: ["pods"]
  - level: Request
`;
  const diff = diffPolicies(policy(before), policy(after));
  assert.deepEqual(diff.changes, []);
  assert.equal(formatDiffText(diff, 'a', 'b'), 'No change: a and b record every request the same way.\n');
  assert.deepEqual(diffJson(diff), { changes: [] });
});

test('a request that moves to another rule at the same level is reported as a change of the deciding rule', () => {
  const before = `  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets"]
  - level: Metadata
`;
  const after = `  - level: Metadata
`;
  // Secrets were decided by rule #1; now by the catch-all, which both versions have unchanged.
  const diff = diffPolicies(policy(before), policy(after));
  assert.equal(diff.changes.length, 1);
  assert.deepEqual(diff.changes[0].changed, ['rule']);
  assert.deepEqual([diff.changes[0].old.rule, diff.changes[0].new.rule], [0, 0]);
  assert.match(diff.changes[0].description, /secrets/);
});

test("non-resource URL classes follow kube-apiserver's prefix match (/healthz* matches /healthzfoo)", () => {
  const before = `  - level: None
    nonResourceURLs: ["/healthz*"]
  - level: Metadata
`;
  const after = `  - level: None
    nonResourceURLs: ["/healthz", "/healthz/*"]
  - level: Metadata
`;
  // Paths starting with /healthz other than /healthz itself and /healthz/... (e.g. /healthzx)
  // were dropped by the prefix and are now recorded by the catch-all.
  const diff = diffPolicies(policy(before), policy(after));
  assert.equal(diff.changes.length, 1, formatDiffText(diff, 'a', 'b'));
  const example = parseRequestLine(diff.changes[0].example);
  assert.equal(example.resourceRequest, false);
  assert.ok(
    example.path.startsWith('/healthz') && example.path !== '/healthz' && !example.path.startsWith('/healthz/'),
    example.path,
  );
  assert.deepEqual([diff.changes[0].old.level, diff.changes[0].new.level], ['None', 'Metadata']);
});

test('a policy-wide omitStages change reaches every request, and Markdown is a table', () => {
  const before = '  - level: Metadata\n';
  const diff = diffPolicies(
    policy(before),
    compilePolicy(
      createPolicyDocument(
        'file:///q.yaml',
        1,
        `apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n${before}`,
      ).parsed,
    ),
  );
  assert.equal(diff.changes.length, 1);
  assert.match(diff.changes[0].description, /^every request/);
  assert.deepEqual(diff.changes[0].changed, ['omitStages']);
  const markdown = formatDiffMarkdown(diff, 'old.yaml', 'new.yaml');
  assert.match(markdown, /^### Audit policy: 1 class of requests changes/);
  assert.match(markdown, /\| requests \| before \| after \| example \|/);
});
