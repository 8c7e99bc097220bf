// How `kubeAuditPolicy.files` names files, as a table: pattern, workspace folders, path, matched.
// The rules (server/src/lsp/glob.ts, README "Settings"): a pattern without `/` matches the file
// name in any folder; one starting with `/` or `**/` the absolute path; any other the path
// relative to a workspace folder.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { filesMatcher } from '../../../server/src/lsp/glob';

const WS = ['/home/me/cluster'];
const TWO = ['/home/me/cluster', '/srv/infra'];

const ROWS: Array<[pattern: string, folders: string[], path: string, matched: boolean]> = [
  // a file name, in any folder
  ['audit-policy.yaml', WS, '/home/me/cluster/audit-policy.yaml', true],
  ['audit-policy.yaml', WS, '/home/me/cluster/deep/er/audit-policy.yaml', true],
  ['audit-policy.yaml', [], '/anywhere/audit-policy.yaml', true],
  ['audit-policy.yaml', WS, '/home/me/cluster/my-audit-policy.yaml', false],
  ['audit*.yaml', WS, '/home/me/cluster/x/audit-policy.yaml', true],
  ['{audit*,foo}.yaml', WS, '/home/me/cluster/audit-policy.yaml', true],
  ['{audit*,foo}.yaml', WS, '/home/me/cluster/foo.yaml', true],
  ['{audit*,foo}.yaml', WS, '/home/me/cluster/bar.yaml', false],
  ['policy.y?ml', WS, '/home/me/cluster/policy.yaml', true],
  ['policy.y?ml', WS, '/home/me/cluster/policy.yml', false],
  ['policy-[0-9].yaml', WS, '/home/me/cluster/policy-7.yaml', true],
  ['policy-[!0-9].yaml', WS, '/home/me/cluster/policy-7.yaml', false],
  ['policy-[!0-9].yaml', WS, '/home/me/cluster/policy-x.yaml', true],
  ['*.yaml', WS, '/home/me/cluster/.github/audit.yaml', true],
  ['Audit.yaml', WS, '/home/me/cluster/audit.yaml', false],
  // relative to a workspace folder
  ['deploy/*.yaml', WS, '/home/me/cluster/deploy/x.yaml', true],
  ['deploy/*.yaml', WS, '/home/me/cluster/other/deploy/x.yaml', false],
  ['deploy/*.yaml', WS, '/home/me/cluster/deploy/sub/x.yaml', false],
  ['deploy/**/*.yaml', WS, '/home/me/cluster/deploy/sub/x.yaml', true],
  ['**/deploy/*.yaml', WS, '/home/me/cluster/other/deploy/x.yaml', true],
  ['**/deploy/*.yaml', [], '/srv/deploy/x.yaml', true],
  ['**/audit-policy*.yaml', [], '/tmp/audit-policy-prod.yaml', true],
  ['./deploy/*.yaml', WS, '/home/me/cluster/deploy/x.yaml', true],
  ['deploy\\*.yaml', WS, '/home/me/cluster/deploy/x.yaml', true],
  ['deploy/*.yaml', TWO, '/srv/infra/deploy/x.yaml', true],
  ['deploy/*.yaml', WS, '/srv/infra/deploy/x.yaml', false],
  ['deploy/*.yaml', [], '/home/me/cluster/deploy/x.yaml', false],
  ['deploy/*.yaml', ['/home/me/cluster/'], '/home/me/cluster/deploy/x.yaml', true],
  ['deploy/*.yaml', ['/home/me/clus'], '/home/me/cluster/deploy/x.yaml', false],
  // absolute
  ['/etc/kubernetes/*.yaml', [], '/etc/kubernetes/audit.yaml', true],
  ['/etc/kubernetes/*.yaml', WS, '/home/me/etc/kubernetes/audit.yaml', false],
  ['/etc/**/audit*.yaml', [], '/etc/kubernetes/policies/audit-policy.yaml', true],
];

for (const [pattern, folders, path, matched] of ROWS) {
  test(`files: ${JSON.stringify(pattern)} in ${JSON.stringify(folders)} ${matched ? 'names' : 'does not name'} ${path}`, () => {
    assert.equal(filesMatcher([pattern], folders)(path), matched);
  });
}

test('files: several patterns name a file when any of them does; empty patterns name nothing', () => {
  const matches = filesMatcher(['', 'deploy/*.yaml', 'audit.yaml'], WS);
  assert.equal(matches('/home/me/cluster/deploy/a.yaml'), true);
  assert.equal(matches('/tmp/audit.yaml'), true);
  assert.equal(matches('/tmp/other.yaml'), false);
  assert.equal(filesMatcher([''], WS)('/home/me/cluster/x.yaml'), false);
});

test('files: a malformed pattern names nothing and throws nothing', () => {
  for (const pattern of ['[', '{a,', '***', '\\', '/']) {
    assert.doesNotThrow(() => filesMatcher([pattern], WS)('/home/me/cluster/x.yaml'), pattern);
  }
});
