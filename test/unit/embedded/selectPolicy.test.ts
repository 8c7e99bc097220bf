// Which of a file's policies a command or a request is about (selectPolicy), and the refusal in
// words (selectionProblem): the same choice the command line's --embedded-at, the editor's
// requests and a test file's `embeddedAt` make.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, selectionProblem, selectPolicy } from '../../../server/src/service';
import type { HostDocument, WhichPolicy } from '../../../server/src/service';

const policy = (level: string) => `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: ${level}\n`;
const indent = (text: string) => text.replace(/^(?=.)/gm, '    ');
const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n' +
  `  quiet.yaml: |\n${indent(policy('None'))}  loud.yaml: |\n${indent(policy('RequestResponse'))}`;
const QUIET = 'data["quiet.yaml"]';
const LOUD = 'data["loud.yaml"]';

const host = (text: string, uri = 'file:///cm.yaml'): HostDocument => createHostDocument(uri, 1, text);
const pathsOf = (h: HostDocument): string[] => h.policies.map((p) => p.region.hostPath);
const chosen = (h: HostDocument, choice?: WhichPolicy) => {
  const selected = selectPolicy(h, choice);
  return selected.policy ? selected.policy.region.hostPath : `${selected.problem} ${selected.paths.join(' ')}`;
};

test('a file that is a policy is its own only policy; a path names none in it', () => {
  const h = host(policy('Metadata'), 'file:///p.yaml');
  assert.equal(chosen(h), '');
  assert.equal(chosen(h, { offset: 0 }), '');
  assert.equal(chosen(h, { embeddedAt: '' }), '');
  assert.equal(chosen(h, { embeddedAt: QUIET }), 'not-at-path ');
  const selected = selectPolicy(h, { embeddedAt: QUIET });
  assert.ok(!selected.policy);
  assert.equal(
    selectionProblem('p.yaml', h, selected, { embeddedAt: QUIET }, '--embedded-at'),
    '--embedded-at: p.yaml is itself a policy, it holds none',
  );
});

test('a file that holds several: the one at the path, else at the offset, never silently the first', () => {
  const h = host(CONFIGMAP);
  assert.equal(chosen(h), `several ${QUIET} ${LOUD}`);
  assert.equal(chosen(h, { embeddedAt: LOUD }), LOUD);
  // The path wins over the offset, as a lens's path wins over the cursor.
  assert.equal(chosen(h, { embeddedAt: LOUD, offset: CONFIGMAP.indexOf('None') }), LOUD);
  assert.equal(chosen(h, { offset: CONFIGMAP.indexOf('None') }), QUIET);
  assert.equal(chosen(h, { offset: CONFIGMAP.indexOf('RequestResponse') }), LOUD);
  // The ConfigMap's own lines are in neither policy.
  assert.equal(chosen(h, { offset: CONFIGMAP.indexOf('name: audit') }), `several ${QUIET} ${LOUD}`);
  assert.equal(chosen(h, { embeddedAt: 'data["nope"]' }), `not-at-path ${QUIET} ${LOUD}`);
  const several = selectPolicy(h);
  const wrong = selectPolicy(h, { embeddedAt: 'data["nope"]' });
  assert.ok(!several.policy && !wrong.policy);
  assert.equal(
    selectionProblem('cm.yaml', h, several, {}, '`embeddedAt`'),
    `cm.yaml holds 2 policies: choose one with \`embeddedAt\` (${QUIET}, ${LOUD})`,
  );
  assert.equal(
    selectionProblem('cm.yaml', h, wrong, { embeddedAt: 'data["nope"]' }, '`embeddedAt`'),
    `cm.yaml holds no policy at data["nope"] (it holds: ${QUIET}, ${LOUD})`,
  );
});

test('a file that holds one policy: it is taken wherever the offset is; one that holds none is said so', () => {
  const one = host(`apiVersion: v1\nkind: ConfigMap\ndata:\n  policy.yaml: |\n${indent(policy('None'))}`);
  assert.equal(chosen(one), 'data["policy.yaml"]');
  assert.equal(chosen(one, { offset: 0 }), 'data["policy.yaml"]');
  const none = host('apiVersion: v1\nkind: ConfigMap\ndata:\n  other.txt: hello\n');
  const selected = selectPolicy(none, { embeddedAt: 'data["policy.yaml"]' });
  assert.equal(chosen(none), 'none ');
  assert.ok(!selected.policy);
  assert.equal(selectionProblem('cm.yaml', none, selected, {}, '--embedded-at'), 'cm.yaml holds no audit policy');
});

test('Markdown: each fence is a policy, chosen by its path or by an offset inside it', () => {
  const text = `# Audit\n\n\`\`\`yaml\n${policy('None')}\`\`\`\n\nAnd:\n\n\`\`\`yaml\n${policy('Metadata')}\`\`\`\n`;
  const h = host(text, 'file:///README.md');
  const selected = selectPolicy(h);
  assert.ok(!selected.policy && selected.problem === 'several' && selected.paths.length === 2);
  const second = selectPolicy(h, { offset: text.indexOf('Metadata') }).policy;
  assert.equal(second?.region.hostPath, selected.paths[1]);
  assert.match(selectPolicy(h, { embeddedAt: selected.paths[0] }).policy?.doc.text ?? '', /level: None$/);
});

test('a path whose line moved, or written without it, still names the one policy it can be', () => {
  const fence = (text: string) => '```yaml\n' + text + '```\n';
  const readme = (before: string) =>
    `# Audit\n${before}\n${fence(policy('None'))}\nText.\n\n${fence(policy('Metadata'))}`;
  const h = host(readme(''), 'file:///README.md');
  const [first, second] = pathsOf(h);
  assert.match(first, /^Markdown block 1 \(line \d+\)$/);
  assert.match(second, /^Markdown block 2 \(line \d+\)$/);
  // Five lines added above both blocks: the paths written before name the same blocks.
  const moved = host(readme('a\nb\nc\nd\ne\n'), 'file:///README.md');
  assert.notDeepEqual(pathsOf(moved), [first, second]);
  assert.equal(chosen(moved, { embeddedAt: second }), pathsOf(moved)[1]);
  assert.equal(chosen(moved, { embeddedAt: 'Markdown block 1' }), pathsOf(moved)[0]);
  assert.match(chosen(moved, { embeddedAt: 'Markdown block 3' }), /^not-at-path /);

  // Two heredocs are told apart only by their lines: a path without them names neither.
  const heredoc = (level: string) => `cat <<EOF > /etc/kubernetes/audit-${level}.yaml\n${policy(level)}EOF\n`;
  const script = host(`#!/bin/sh\n${heredoc('None')}${heredoc('Metadata')}`, 'file:///setup.sh');
  const [one, two] = pathsOf(script);
  assert.match(one, /^heredoc \(line \d+\)$/);
  assert.equal(chosen(script, { embeddedAt: two }), two);
  assert.match(chosen(script, { embeddedAt: 'heredoc' }), /^not-at-path /);
  assert.match(chosen(script, { embeddedAt: 'heredoc (line 99)' }), /^not-at-path /);
});
