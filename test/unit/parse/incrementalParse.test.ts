// After an edit, the parse takes unchanged rule items from the previous version without reading them
// again, and decides which are unchanged from where the text changed (parse.ts samePlace). Every
// one-character edit of a small policy, at every offset, must give the parse and the diagnostics of
// the same text opened afresh: an item ending or starting next to the edit is where a wrong
// shortcut would keep a stale rule, and a line break put in or taken out moves the diagnostics of
// the unchanged rules below it (validate.ts keeps them while no line moves).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../../server/src/service';
import type { PolicyDocument } from '../../../server/src/service';

const URI = 'file:///incremental-parse.yaml';
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  verbs: ["get"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets"]
-   level: Request
    users: [alice]
- {level: RequestResponse, namespaces: [prod]}
- level: Metadata
  verbs: [wacth]
- level: None
  verbs: ["get"]
- level: Request
  resources: [{group: "authentication.k8s.io", resources: [tokenreviews]}]
`;

/** What a reader of the parse sees: each rule item's place, text and tree, and the diagnostics. */
function view(doc: PolicyDocument): unknown {
  return {
    rules: doc.parsed.rules.map((r) => ({ index: r.index, base: r.base, key: r.key, node: r.node })),
    diagnostics: validate(doc, DEFAULT_SETTINGS),
  };
}

function checkEdits(edit: (text: string, at: number) => string): void {
  const before = createPolicyDocument(URI, 1, POLICY);
  validate(before, DEFAULT_SETTINGS);
  for (let at = 0; at <= POLICY.length; at++) {
    const text = edit(POLICY, at);
    const edited = createPolicyDocument(URI, 2, text, before);
    const fresh = createPolicyDocument(URI, 2, text);
    assert.deepEqual(view(edited), view(fresh), `edit at offset ${at}: ${JSON.stringify(text.slice(at - 5, at + 5))}`);
  }
}

test('a one-character replacement anywhere parses as the same text opened afresh', () => {
  checkEdits((text, at) => text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1));
});

test('a line break in place of any character parses as the same text opened afresh', () => {
  checkEdits((text, at) => `${text.slice(0, at)}\n${text.slice(at + 1)}`);
});

test('a one-character insertion anywhere parses as the same text opened afresh', () => {
  checkEdits((text, at) => `${text.slice(0, at)}x${text.slice(at)}`);
});

test('a one-character deletion anywhere parses as the same text opened afresh', () => {
  checkEdits((text, at) => text.slice(0, at) + text.slice(at + 1));
});
