// Semantic tokens: each decoded token as `text=type`, only for known keys and valid values.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from '../../../server/src/service';
import { doc, yaml } from '../../helpers/fixture';

function decode(text: string): string[] {
  const d = doc(text);
  const data = semanticTokens(d).data;
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push(`${lines[line].slice(char, char + data[i + 2])}=${SEMANTIC_TOKEN_LEGEND.tokenTypes[data[i + 3]]}`);
  }
  return out;
}

test('semantic tokens: keys, levels, stages, verbs, groups, resources and users', () => {
  const text = yaml(
    'apiVersion: audit.k8s.io/v1',
    'omitStages: [RequestReceived, Bogus]',
    'rules:',
    '  - level: None',
    '    users: ["system:kube-proxy"]',
    '    verbs: [watch, connect]',
    '    resources:',
    '    - group: ""',
    '      resources: [endpoints]',
    '    colour: red',
  );
  assert.deepEqual(decode(text), [
    'apiVersion=property',
    'omitStages=property',
    'RequestReceived=enumMember',
    'rules=property',
    'level=property',
    'None=enumMember',
    'users=property',
    '"system:kube-proxy"=variable',
    'verbs=property',
    'watch=keyword',
    'resources=property',
    'group=property',
    '""=namespace',
    'resources=property',
    'endpoints=type',
  ]);
});

test('semantic tokens for a range cover only the rules in it', () => {
  const text = yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None', '- level: Metadata', '- level: Request');
  const d = doc(text);
  const start = text.indexOf('- level: Metadata');
  const data = semanticTokens(d, start, start + '- level: Metadata'.length).data;
  assert.equal(data.length / 5, 2); // level, Metadata
});
