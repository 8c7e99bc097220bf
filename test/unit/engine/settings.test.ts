// Every engine code obeys the severity setting (error, warning, information, off; the CLI's
// --severity CODE=LEVEL builds the same setting) and the `# kube-audit-policy-disable-next-line`
// comment, for that code alone or for all codes.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { SeveritySetting } from '../../../server/src/service';
import { diagnose, settings, yaml } from '../../helpers/fixture';
import { runCli } from '../../helpers/cli';

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy'];
const STAGES = 'omitStages: ["RequestReceived"]';

/** For each code: a policy where it is reported once, with `{disable}` on the line above the finding. */
const CASES: Record<string, string[]> = {
  'unreachable-rule': [...HEAD, STAGES, 'rules:', '- level: None', '{disable}', '- level: None', '  verbs: [get]'],
  'unknown-verb': [...HEAD, STAGES, 'rules:', '- level: None', '  verbs:', '  {disable}', '  - Delete'],
  'resource-not-in-group': [
    ...HEAD,
    STAGES,
    'rules:',
    '- level: None',
    '  resources:',
    '  - group: ""',
    '    resources:',
    '    {disable}',
    '    - deployments',
  ],
  'unknown-subresource': [
    ...HEAD,
    STAGES,
    'rules:',
    '- level: None',
    '  resources:',
    '  - group: apps',
    '    resources:',
    '    {disable}',
    '    - deployments/rollback',
  ],
  'literal-wildcard': [
    ...HEAD,
    STAGES,
    'rules:',
    '- level: None',
    '  resources:',
    '  - resources:',
    '    {disable}',
    '    - "po*"',
  ],
  'resource-names-never-match': [
    ...HEAD,
    STAGES,
    'rules:',
    '- level: None',
    '  verbs: [create]',
    '  resources:',
    '  - resources: [configmaps]',
    '    {disable}',
    '    resourceNames: [x]',
  ],
  'group-as-user': [...HEAD, STAGES, 'rules:', '- level: None', '  users:', '  {disable}', '  - system:masters'],
  'group-not-served': [
    ...HEAD,
    STAGES,
    'rules:',
    '- level: None',
    '  resources:',
    '  {disable}',
    '  - group: extensions',
  ],
  'verb-not-served': [
    ...HEAD,
    STAGES,
    'rules:',
    '- level: None',
    '  resources: [{group: authentication.k8s.io, resources: [tokenreviews]}]',
    '  verbs:',
    '  {disable}',
    '  - watch',
  ],
  'connect-verb': [...HEAD, STAGES, 'rules:', '- level: None', '  verbs:', '  {disable}', '  - connect'],
  'sensitive-bodies': [...HEAD, STAGES, 'rules:', '{disable}', '- level: Request'],
  'no-catch-all': [...HEAD, STAGES, '{disable}', 'rules:', '- level: None', '  users: [a]'],
  'request-received-logged': [...HEAD, '{disable}', 'rules:', '- level: Metadata', '  verbs: [get]', '- level: None'],
};

const text = (code: string, disable = ''): string =>
  yaml(...CASES[code].filter((l) => disable || !l.includes('{disable}')).map((l) => l.replace('{disable}', disable)));

describe('engine codes: severity settings and disable comments', () => {
  for (const code of Object.keys(CASES)) {
    test(code, () => {
      const found = (severity: Partial<Record<string, SeveritySetting>> = {}, t = text(code)) =>
        diagnose(t, { settings: settings({ severity }) }).filter((d) => d.code === code);
      assert.equal(found().length, 1, `${code} is reported once: ${JSON.stringify(diagnose(text(code)))}`);
      for (const level of ['error', 'warning', 'information'] as const)
        assert.equal(found({ [code]: level })[0]?.severity, level);
      assert.equal(found({ [code]: 'off' }).length, 0);
      assert.equal(
        found({}, text(code, `# kube-audit-policy-disable-next-line ${code}`)).length,
        0,
        'disabled by name',
      );
      assert.equal(found({}, text(code, '# kube-audit-policy-disable-next-line')).length, 0, 'disabled for all codes');
      assert.equal(
        found({}, text(code, '# kube-audit-policy-disable-next-line some-other-code')).length,
        1,
        'another code named',
      );
    });
  }
  test('the CLI flag: --severity unreachable-rule=error fails the run', () => {
    const r = runCli(['lint', '--severity', 'unreachable-rule=error', '-'], text('unreachable-rule'));
    assert.equal(r.status, 1);
    assert.match(r.stdout, /error unreachable-rule: This rule never applies: rules\[0\] above is a catch-all/);
    assert.equal(
      runCli(['lint', '--severity', 'unreachable-rule=off', '-'], text('unreachable-rule')).stdout.includes(
        'unreachable-rule',
      ),
      false,
    );
  });
});
