// kubeAuditPolicy/explain and kubeAuditPolicy/diff in a file that holds several policies (a
// ConfigMap, a Markdown doc), over a real stdio connection to the built server: the policy at the
// path named or under the position is used, as the command line's --embedded-at picks it; naming
// none is refused with their paths in the error's data, never answered from the first one.
// Levels are kube-apiserver 1.20.2's (the oracle, auditoracle), noted beside each case.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

const policy = (rules: string) => `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`;
const QUIET = policy('- level: None\n  users: ["alice"]\n- level: Metadata\n');
const loud = (level: string) =>
  policy(`- level: ${level}\n  resources:\n  - group: ""\n    resources: ["pods"]\n- level: Metadata\n`);
const indent = (text: string) => text.replace(/^(?=.)/gm, '    ');
const configMap = (entries: Array<[string, string]>) =>
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n' +
  entries.map(([key, text]) => `  ${key}: |\n${indent(text)}`).join('');
const QUIET_AT = 'data["quiet.yaml"]';
const LOUD_AT = 'data["loud.yaml"]';
const CM = configMap([
  ['quiet.yaml', QUIET],
  ['loud.yaml', loud('RequestResponse')],
]);
const CM_URI = 'file:///tmp/host-requests-cm.yaml';
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

interface Refusal {
  code?: number;
  message?: string;
  data?: { embeddedAt?: string[]; param?: string };
}

let client: TestClient;
before(async () => {
  client = await startClient();
  await openAndWait(CM_URI, CM);
});
after(async () => {
  await client.stop();
});

async function openAndWait(uri: string, text: string): Promise<void> {
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
}

interface Explained {
  rule: number | null;
  level: string;
  embeddedAt?: string;
  range: { start: { line: number } } | null;
}
const explain = (params: object): Promise<Explained> =>
  client.connection.sendRequest('kubeAuditPolicy/explain', {
    textDocument: { uri: CM_URI },
    request: 'alice GET /api/v1/namespaces/x/pods',
    ...params,
  });

test('explain, no position in a file that holds two policies: refused with their paths to pick from', async () => {
  const refused = (error: Refusal) => {
    assert.equal(error.code, -32602);
    assert.match(String(error.message), /holds 2 policies: choose one with embeddedAt or a position inside it/);
    assert.deepEqual(error.data, { embeddedAt: [QUIET_AT, LOUD_AT], param: 'embeddedAt' });
    return true;
  };
  await assert.rejects(explain({}), refused);
  // The ConfigMap's own lines are in neither policy.
  await assert.rejects(explain({ position: { line: lineOf(CM, 'name: audit'), character: 2 } }), refused);
  await assert.rejects(explain({ embeddedAt: 'data["nope"]' }), /holds no policy at data\["nope"\] \(it holds: /);
  await assert.rejects(explain({ position: 'top' }), /position must be \{ line, character \}/);
});

test('explain: the policy under the position, or the one at embeddedAt; its ranges are host lines', async () => {
  // Oracle: the loud policy gives list pods RequestResponse at rule 0; the quiet one None at rule 0 (users alice).
  const inLoud = await explain({ position: { line: lineOf(CM, 'RequestResponse'), character: 8 } });
  assert.deepEqual([inLoud.rule, inLoud.level, inLoud.embeddedAt], [0, 'RequestResponse', LOUD_AT]);
  assert.equal(inLoud.range?.start.line, lineOf(CM, 'RequestResponse'));
  const inQuiet = await explain({ position: { line: lineOf(CM, 'users: ["alice"]'), character: 6 } });
  assert.deepEqual([inQuiet.rule, inQuiet.level, inQuiet.embeddedAt], [0, 'None', QUIET_AT]);
  assert.equal(inQuiet.range?.start.line, lineOf(CM, '- level: None'));
  // The path named wins over the position, as a lens's path wins over the cursor.
  const named = await explain({
    embeddedAt: QUIET_AT,
    position: { line: lineOf(CM, 'RequestResponse'), character: 8 },
  });
  assert.deepEqual([named.level, named.embeddedAt], ['None', QUIET_AT]);
});

test('explain: a file that holds one policy, or is one, needs no position (as before)', async () => {
  const one = 'file:///tmp/host-requests-one.yaml';
  await openAndWait(one, configMap([['loud.yaml', loud('RequestResponse')]]));
  const result = await explain({ textDocument: { uri: one } });
  // Oracle: RequestResponse, rule 0.
  assert.deepEqual([result.rule, result.level, result.embeddedAt], [0, 'RequestResponse', 'data["loud.yaml"]']);
  const plain = 'file:///tmp/host-requests-plain.yaml';
  await openAndWait(plain, QUIET);
  const itself = await explain({ textDocument: { uri: plain } });
  // Oracle: None, rule 0; a file that is a policy has no path in it.
  assert.deepEqual([itself.rule, itself.level, itself.embeddedAt], [0, 'None', undefined]);
  const none = 'file:///tmp/host-requests-none.yaml';
  await openAndWait(none, 'apiVersion: v1\nkind: ConfigMap\ndata:\n  other.txt: hello\n');
  await assert.rejects(explain({ textDocument: { uri: none } }), /holds no audit policy/);
});

interface Diffed {
  markdown: string;
  json: { changes: Array<{ old: { level: string }; new: { level: string } }> };
  embeddedAt?: string;
  oldEmbeddedAt?: string;
}
const diff = (params: object): Promise<Diffed> =>
  client.connection.sendRequest('kubeAuditPolicy/diff', {
    textDocument: { uri: NEW_URI },
    oldName: 'HEAD:cm.yaml',
    newName: 'cm.yaml',
    ...params,
  });
// The open file: the loud policy's pods rule lowered to Request; the quiet one unchanged.
const NEW_URI = 'file:///tmp/host-requests-new-cm.yaml';
const NEW_CM = configMap([
  ['quiet.yaml', QUIET],
  ['loud.yaml', loud('Request')],
]);

test('diff compares policy with policy: the one under the position, with the same one of the older text', async () => {
  await openAndWait(NEW_URI, NEW_CM);
  await assert.rejects(diff({ oldText: CM }), (error: Refusal) => {
    assert.equal(error.code, -32602);
    assert.deepEqual(error.data, { embeddedAt: [QUIET_AT, LOUD_AT], param: 'embeddedAt' });
    return true;
  });
  const quiet = await diff({ oldText: CM, position: { line: lineOf(NEW_CM, 'alice'), character: 6 } });
  assert.deepEqual([quiet.json.changes, quiet.oldEmbeddedAt, quiet.embeddedAt], [[], QUIET_AT, QUIET_AT]);
  assert.match(quiet.markdown, /`HEAD:cm\.yaml \(data\["quiet\.yaml"\]\)`.*`cm\.yaml \(data\["quiet\.yaml"\]\)`/);
  // Oracle: list pods is RequestResponse (rule 0) before, Request (rule 0) now; secrets Metadata in both.
  const loudDiff = await diff({ oldText: CM, embeddedAt: LOUD_AT });
  assert.ok(loudDiff.json.changes.length > 0);
  assert.deepEqual(
    [...new Set(loudDiff.json.changes.map((c) => `${c.old.level} -> ${c.new.level}`))],
    ['RequestResponse -> Request'],
  );
  assert.equal(loudDiff.oldEmbeddedAt, LOUD_AT);
});

test('diff: an older text without the policy at that path offers its own to pick (oldEmbeddedAt)', async () => {
  const renamed = configMap([
    ['quiet.yaml', QUIET],
    ['noisy.yaml', loud('RequestResponse')],
  ]);
  await assert.rejects(diff({ oldText: renamed, embeddedAt: LOUD_AT }), (error: Refusal) => {
    assert.match(
      String(error.message),
      /^kube-audit-policy: HEAD:cm\.yaml holds 2 policies: choose one with oldEmbeddedAt \(/,
    );
    assert.deepEqual(error.data, { embeddedAt: [QUIET_AT, 'data["noisy.yaml"]'], param: 'oldEmbeddedAt' });
    return true;
  });
  const picked = await diff({ oldText: renamed, embeddedAt: LOUD_AT, oldEmbeddedAt: 'data["noisy.yaml"]' });
  assert.deepEqual(
    [...new Set(picked.json.changes.map((c) => `${c.old.level} -> ${c.new.level}`))],
    ['RequestResponse -> Request'],
  );
  await assert.rejects(
    diff({ oldText: renamed, embeddedAt: LOUD_AT, oldEmbeddedAt: 'data["x"]' }),
    /HEAD:cm\.yaml holds no policy at data\["x"\]/,
  );
  // An older text that held the policy alone (the file before it became a ConfigMap): that one.
  const alone = await diff({ oldText: loud('RequestResponse'), embeddedAt: LOUD_AT });
  assert.equal(alone.oldEmbeddedAt, undefined);
  assert.ok(alone.json.changes.length > 0);
  await assert.rejects(
    diff({ oldText: 'apiVersion: v1\nkind: Service\n', embeddedAt: LOUD_AT }),
    /HEAD:cm\.yaml holds no audit policy/,
  );
});

test('diff in Markdown: the older text is read as Markdown too, fence by fence', async () => {
  const markdown = (second: string) =>
    `# Audit\n\nQuiet:\n\n\`\`\`yaml\n${QUIET}\`\`\`\n\nLoud:\n\n\`\`\`yaml\n${second}\`\`\`\n`;
  const uri = 'file:///tmp/host-requests-doc.md';
  const now = markdown(loud('Request'));
  await openAndWait(uri, now);
  const at = (needle: string) => ({ line: lineOf(now, needle), character: 2 });
  const first = await diff({
    textDocument: { uri },
    oldText: markdown(loud('RequestResponse')),
    position: at('alice'),
  });
  assert.deepEqual(first.json.changes, []);
  const second = await diff({
    textDocument: { uri },
    oldText: markdown(loud('RequestResponse')),
    position: at('- level: Request'),
  });
  assert.deepEqual(
    [...new Set(second.json.changes.map((c) => `${c.old.level} -> ${c.new.level}`))],
    ['RequestResponse -> Request'],
  );
  assert.equal(second.oldEmbeddedAt, second.embeddedAt);
});

test('diff of a file that is a policy: the whole older text, as before', async () => {
  const uri = 'file:///tmp/host-requests-policy.yaml';
  await openAndWait(uri, loud('Request'));
  const result = await diff({ textDocument: { uri }, oldText: loud('RequestResponse') });
  assert.deepEqual(
    [...new Set(result.json.changes.map((c) => `${c.old.level} -> ${c.new.level}`))],
    ['RequestResponse -> Request'],
  );
  assert.match(result.markdown, /From `HEAD:cm\.yaml` to `cm\.yaml`\./);
});

test('diff: any older text gets an answer, and the server lives on', async () => {
  const uri = 'file:///tmp/host-requests-policy.yaml';
  for (const oldText of ['', '\u0000\uFFFD{{ .x }}\n---\na: [', '\t- level: [\n'.repeat(2000), 'x'.repeat(200_000)]) {
    const answered = await diff({ textDocument: { uri }, oldText }).then(
      (r) => `changes ${r.json.changes.length}`,
      (e: Refusal) => `error ${e.code}`,
    );
    assert.match(answered, /^(changes \d+|error -32602)$/, JSON.stringify(oldText.slice(0, 20)));
  }
  const after = await diff({ textDocument: { uri }, oldText: loud('Request') });
  assert.deepEqual(after.json.changes, []);
});
