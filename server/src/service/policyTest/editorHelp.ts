// Completion and hover in a policy test file: its keys, the levels and stages of expectations,
// and request lines (methods, and URL paths from the catalogue of built-in API groups).
// Read line by line, so they work while the file is half typed and not yet valid YAML.
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver-types';
import type { CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver-types';
import { findGroup, groupsFor } from '../catalogue/apiResources';
import { LEVELS, STAGES } from '../catalogue/values';
import { describeRequest, RequestError } from '../engine/request';
import type { RequestAttributes } from '../engine/request';
import { parseRequestLine } from '../engine/requestInfo';
import type { Explanation } from '../features/explain';
import { LineIndex } from '../text/lineIndex';
import { CASE_KEYS, FILE_KEYS, REQUEST_KEYS } from './testFile';
import { ownEntry } from '../catalogue/ownEntry';

const KEY_DOCS: Record<string, string> = {
  policy:
    'The audit policy the cases run against, relative to this file: a policy, or a file that holds one (a ConfigMap, Markdown...).',
  embeddedAt:
    'In a `policy` file that holds several policies, the one at this path, as `kube-audit-policy lint` prints it (`data["policy.yaml"]`).',
  kubernetesVersion:
    'The kube-apiserver version that loads the policy (`"1.30"`); if it refuses the policy, every case fails. Default: the newest.',
  name: 'A name for the file or the case, shown in reports.',
  description: 'Free text about the file.',
  cases: 'The cases: each a `request` and what the policy must do with it.',
  request:
    'The request: a line `[USER] [groups=G1,G2] METHOD /path[?query]` read as kube-apiserver reads a URL, or attributes `{user, groups, verb, namespace, apiGroup, resource, subresource, name, path}`.',
  level: 'The exact audit level the request must get: None, Metadata, Request or RequestResponse.',
  minLevel: 'The lowest level allowed (None < Metadata < Request < RequestResponse).',
  maxLevel: 'The highest level allowed (None < Metadata < Request < RequestResponse).',
  omitStages:
    "The exact set of stages the policy omits for the request (the policy's and the rule's together); `[]` for none.",
  recordedStages: 'Stages that must be recorded (not omitted) for the request.',
  rule: 'The 0-based index in `rules` of the rule that must decide the request (`null`: no rule).',
  source: 'Where the requirement comes from.',
  user: "The authenticated user's name; leave it out for a request that failed authentication.",
  groups: "The user's groups.",
  verb: 'The request verb: get, list, watch, create, update, patch, delete, deletecollection, proxy; or the lower-cased HTTP method for a non-resource request.',
  namespace: 'The namespace; leave it out for cluster-scoped requests.',
  apiGroup: 'The API group; leave it out for the core group.',
  apiVersion: 'The API version (not matched by audit policies).',
  resource: 'The resource (`pods`): makes this a resource request.',
  subresource: 'The subresource (`log`, `exec`, `status`).',
  path: 'The URL path of a non-resource request (`/healthz`).',
};

/** A key's doc; own keys only: the key is the user's, and `constructor:` would find the prototype's. */
const keyDoc = (key: string): string | undefined => ownEntry(KEY_DOCS, key);

interface LineContext {
  readonly before: string;
  readonly lineStart: number;
}

function lineAt(text: string, lines: LineIndex, position: Position): LineContext {
  const lineStart = lines.lineStart(position.line);
  const offset = lines.offsetAt(position);
  return { before: text.slice(lineStart, offset), lineStart };
}

/** The column where a line's content starts, counting a list item's `- ` as indentation. */
function contentColumn(line: string): number {
  return /^(\s*(?:-\s+)*)/.exec(line)![1].length;
}

function keysAt(text: string, lines: LineIndex, line: number, before: string): readonly string[] {
  const column = contentColumn(before);
  if (column === 0) return FILE_KEYS;
  for (let l = line - 1; l >= 0; l--) {
    const start = lines.lineStart(l);
    const raw = text.slice(start, l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length).replace(/\r?\n$/, '');
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (contentColumn(raw) < column) return /^\s*(?:-\s+)?request:\s*$/.test(raw) ? REQUEST_KEYS : CASE_KEYS;
  }
  return FILE_KEYS;
}

export function testFileCompletions(text: string, position: Position, kubernetesMinor: number): CompletionList {
  const lines = new LineIndex(text);
  const { before } = lineAt(text, lines, position);
  const items = (
    values: readonly string[],
    kind: CompletionItemKind,
    docs: (v: string) => string | undefined,
    replace = 0,
  ): CompletionItem[] =>
    values.map((v) => ({
      label: v,
      kind,
      ...(docs(v) ? { documentation: { kind: MarkupKind.Markdown, value: docs(v)! } } : {}),
      textEdit: {
        range: { start: { line: position.line, character: position.character - replace }, end: position },
        newText: v,
      },
    }));
  const request = /^\s*(?:-\s+)?request:\s+(.*)$/.exec(before);
  if (request && !request[1].startsWith('{'))
    return { isIncomplete: true, items: requestLineCompletions(request[1], position, kubernetesMinor) };
  const level = /^\s*(?:-\s+)?(?:level|minLevel|maxLevel):\s*(\w*)$/.exec(before);
  if (level)
    return {
      isIncomplete: false,
      items: items(
        LEVELS.map((l) => l.value),
        CompletionItemKind.EnumMember,
        (v) => LEVELS.find((l) => l.value === v)?.doc,
        level[1].length,
      ),
    };
  const stage =
    /^\s*(?:-\s+)?(?:omitStages|recordedStages):.*[[,]\s*(\w*)$/.exec(before) ?? /^\s+-\s+(\w*)$/.exec(before);
  if (stage && (/Stages:/.test(before) || /Stages:\s*$/.test(previousLine(text, lines, position.line)))) {
    return {
      isIncomplete: false,
      items: items(
        STAGES.map((s) => s.value),
        CompletionItemKind.EnumMember,
        (v) => STAGES.find((s) => s.value === v)?.doc,
        stage[1].length,
      ),
    };
  }
  const key = /^\s*(?:-\s+)?(\w*)$/.exec(before);
  if (key) {
    const keys = keysAt(text, lines, position.line, before);
    return {
      isIncomplete: false,
      items: items(
        keys.map((k) => `${k}: `),
        CompletionItemKind.Property,
        (v) => keyDoc(v.slice(0, -2)),
        key[1].length,
      ).map((i) => ({ ...i, label: i.label.slice(0, -2) })),
    };
  }
  return { isIncomplete: false, items: [] };
}

function previousLine(text: string, lines: LineIndex, line: number): string {
  if (line === 0) return '';
  return text.slice(lines.lineStart(line - 1), lines.lineStart(line)).replace(/\r?\n$/, '');
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const EXAMPLES = [
  'alice GET /api/v1/namespaces/default/pods/example',
  'alice groups=system:authenticated DELETE /api/v1/namespaces/default/pods/example',
  'system:serviceaccount:default:builder POST /apis/apps/v1/namespaces/default/deployments',
  'system:kube-proxy GET /api/v1/endpoints?watch=true',
  'alice GET /healthz',
];

function requestLineCompletions(typed: string, position: Position, minor: number): CompletionItem[] {
  const words = typed.split(/\s+/);
  const last = words[words.length - 1];
  const edit = (newText: string, replace: number) => ({
    range: { start: { line: position.line, character: position.character - replace }, end: position },
    newText,
  });
  if (words.length === 1 && !last.startsWith('/')) {
    return EXAMPLES.map((e) => ({ label: e, kind: CompletionItemKind.Snippet, textEdit: edit(e, last.length) }));
  }
  if (!last.startsWith('/')) {
    return METHODS.map((m) => ({ label: m, kind: CompletionItemKind.Keyword, textEdit: edit(m, last.length) }));
  }
  const segment = last.slice(last.lastIndexOf('/') + 1);
  return pathSegments(last.slice(0, last.lastIndexOf('/') + 1), minor).map((s) => ({
    label: s,
    kind: CompletionItemKind.Value,
    textEdit: edit(s, segment.length),
  }));
}

/** The next path segment after `prefix` (which ends with `/`), from the built-in API groups. */
function pathSegments(prefix: string, minor: number): string[] {
  const parts = prefix.split('/').filter(Boolean);
  if (parts.length === 0) return ['api/', 'apis/', 'healthz', 'livez', 'readyz', 'version', 'metrics', 'openapi/v2'];
  const resources = (group: string, namespaced?: boolean): string[] =>
    (findGroup(group, minor)?.resources ?? [])
      .filter((r) => namespaced === undefined || r.namespaced === namespaced)
      .map((r) => r.name);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return ['v1/'];
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1)
      return groupsFor(minor)
        .filter((g) => g.name !== '')
        .map((g) => `${g.name}/`);
    if (parts.length === 2) return ['v1/'];
    group = parts[1];
    rest = parts.slice(3);
  } else {
    return [];
  }
  if (rest.length === 0) return [...(resources(group, true).length > 0 ? ['namespaces/'] : []), ...resources(group)];
  if (rest[0] === 'namespaces' && rest.length === 2) return resources(group, true);
  const tail = rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
  if (tail.length === 2)
    return (
      findGroup(group, minor)
        ?.resources.find((r) => r.name === tail[0])
        ?.subresources.slice() ?? []
    );
  return [];
}

/** Hover on a key, or on a request line: how kube-apiserver reads it, and what the policy gives. */
export function testFileHover(
  text: string,
  position: Position,
  explainFor?: (request: RequestAttributes) => Explanation | undefined,
): Hover | null {
  const lines = new LineIndex(text);
  const start = lines.lineStart(position.line);
  const end = position.line + 1 < lines.lineCount ? lines.lineStart(position.line + 1) : text.length;
  const line = text.slice(start, end).replace(/\r?\n$/, '');
  const m = /^(\s*(?:-\s+)?)(\w+)(:\s*)(.*?)\s*(#.*)?$/.exec(line);
  if (!m) return null;
  const keyStart = m[1].length;
  const keyEnd = keyStart + m[2].length;
  const range = (s: number, e: number) => ({
    start: { line: position.line, character: s },
    end: { line: position.line, character: e },
  });
  const doc = keyDoc(m[2]);
  if (position.character >= keyStart && position.character <= keyEnd && doc) {
    return {
      contents: { kind: MarkupKind.Markdown, value: `**${m[2]}**: ${doc}` },
      range: range(keyStart, keyEnd),
    };
  }
  const valueStart = keyEnd + m[3].length;
  if (m[2] !== 'request' || position.character < valueStart || m[4] === '' || m[4].startsWith('{')) return null;
  const raw = m[4].replace(/^(["'])(.*)\1$/, '$2');
  let value: string;
  try {
    const request = parseRequestLine(raw);
    value = `**Request**: ${describeRequest(request)}`;
    const result = explainFor?.(request);
    if (result) {
      const by = result.rule === null ? 'no rule matches' : `rule #${result.rule + 1} (line ${result.line})`;
      value += `\n\n**The policy gives** ${result.level} (${by})${result.omitStages.length > 0 ? `, omitting ${result.omitStages.join(', ')}` : ''}.`;
    }
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    value = `**This request cannot be read**: ${error.message}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: range(valueStart, valueStart + m[4].length) };
}
