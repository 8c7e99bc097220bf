// How the file is read (issue #10, classes 1 to 5): go-yaml v2 + sigs.k8s.io/yaml + the JSON
// decoder decide, not the `yaml` package. Each case notes the oracle's answer (Kubernetes 1.20.2's
// LoadPolicyFromBytes): its loadError, or null and the number of rules loaded.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { compilePolicy, evaluate } from '../../../server/src/service';
import type { RequestAttributes } from '../../../server/src/service';
import { diagnose, doc, yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

const codes = (text: string): string[] => diagnose(text).map((d) => d.code);

describe('null is the Go zero value', () => {
  checkTable([
    // loadError: rules[0].omitStages[0]: Invalid value: "": allowed stages are RequestReceived,...
    {
      name: 'an empty item of omitStages is the stage ""',
      input: policy('- level: None', '  omitStages:', '  -'),
      expected: [{ code: 'invalid-stage', text: '', path: 'rules[0].omitStages[0]' }],
    },
    // loadError: rules[0].omitStages[0]: Invalid value: "": allowed stages are RequestReceived,...
    {
      name: 'omitStages: [~]',
      input: policy('- level: None', '  omitStages: [~]'),
      expected: [{ code: 'invalid-stage', text: '~', path: 'rules[0].omitStages[0]' }],
    },
    // loadError: omitStages[0]: Invalid value: "": allowed stages are RequestReceived,...
    {
      name: "the policy's omitStages: [null]",
      input: yaml(...HEAD, 'omitStages: [null]', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-stage', text: 'null', path: 'omitStages[0]' }],
    },
    // loadError: rules[0].nonResourceURLs[0]: Invalid value: "": non-resource URL rules must begin with a '/' character
    {
      name: 'nonResourceURLs: [~]',
      input: policy('- level: None', '  nonResourceURLs: [~]'),
      expected: [{ code: 'invalid-non-resource-url', text: '~', path: 'rules[0].nonResourceURLs[0]' }],
    },
    // loadError: null (rules 2): a null group is the core group ""
    {
      name: 'group: ~ is the core group',
      input: policy('- level: None', '  resources:', '  - group: ~', '    resources: [pods]', '- level: Metadata'),
      expected: [],
    },
  ]);

  test('a null rule is an empty rule: only its missing level, and it shadows nothing', () => {
    // loadError: rules[0].level: Required value
    const text = policy('-', '- level: Metadata', '  verbs: [get]');
    assert.deepEqual(
      codes(text).filter((c) => c !== 'request-received-logged'),
      ['missing-level'],
    );
  });
});

describe('kube-apiserver reads one YAML node and stops', () => {
  const indented =
    '  apiVersion: audit.k8s.io/v1\n  kind: Policy\n  rules:\n  - level: None\n    users: [a]\nmetadata: {}\n- level: Metadata\n';
  checkTable([
    // loadError: null (rules 1): everything from `metadata: {}` on is ignored
    {
      name: 'a line indented less than the policy ends it, with a warning there',
      input: indented,
      expected: [{ code: 'ignored-document', text: 'metadata: {}', path: '' }],
    },
  ]);

  test('the rules above are loaded, the ones below are not', () => {
    const diagnostics = diagnose(indented);
    assert.ok(!diagnostics.some((d) => d.code === 'yaml-syntax'));
    assert.match(
      diagnostics.find((d) => d.code === 'ignored-document')?.message ?? '',
      /stops reading the policy here/,
    );
  });
});

describe('libyaml, not the yaml package, decides what is valid', () => {
  checkTable([
    // loadError: null (rules 2)
    {
      name: "a quoted scalar's continuation line may be indented less than its key",
      input: policy('- level: None', '  users: ["system:kube-', 'proxy"]', '- level: Metadata'),
      expected: [],
    },
    // loadError: yaml: line 5: did not find expected alphabetic or numeric character
    {
      name: 'an alias without a name is refused',
      input: policy('- level: None', '  users: [*]'),
      expected: [{ code: 'yaml-syntax', text: ']', path: '' }],
    },
    // loadError: yaml: line 5: mapping values are not allowed in this context
    {
      name: 'a key indented one space more than its mapping is refused',
      input: policy('- level: None', '   users: [a]'),
      expected: [{ code: 'yaml-syntax', text: ': [a]', path: '' }],
    },
    // loadError: null (rules 1): a comment line between a key and its mapping changes nothing
    {
      name: 'a comment line at column 0 inside a rule',
      input: policy('- level: None', '# a comment', '  users: [a]'),
      expected: [],
    },
  ]);
});

describe('YAML 1.1 as go-yaml v2 reads it', () => {
  checkTable([
    // loadError: null (rules 2): the rule gets level and verbs from the merged mapping
    {
      name: 'a merge key supplies fields',
      input: yaml(
        ...HEAD,
        'base: &base',
        '  level: Metadata',
        '  verbs: [get]',
        'rules:',
        '- <<: *base',
        '  users: [a]',
        '- level: None',
      ),
      expected: [{ code: 'unknown-field', text: 'base', path: 'base' }],
    },
    // loadError: null (rules 1): in a merged list the first mapping wins, so the level is None, not Bogus
    {
      name: 'in a merged list the first mapping wins',
      input: yaml(...HEAD, 'a: &a {level: None}', 'b: &b {level: Bogus}', 'rules:', '- <<: [*a, *b]'),
      expected: [
        { code: 'unknown-field', text: 'a', path: 'a' },
        { code: 'unknown-field', text: 'b', path: 'b' },
      ],
    },
    // loadError: ...v1.PolicyRule.Level: ReadString: expects " or n, but found t...
    {
      name: 'level: on is the boolean true',
      input: policy('- level: on'),
      expected: [{ code: 'wrong-type', text: 'on', path: 'rules[0].level' }],
    },
    // loadError: ...v1.PolicyRule.Verbs: []string: ReadString: expects " or n, but found 1... ("verbs":[15])
    {
      name: '0o17 is a number for go-yaml',
      input: policy('- level: None', '  verbs: [0o17]', '- level: Metadata'),
      expected: [{ code: 'wrong-type', text: '0o17', path: 'rules[0].verbs[0]' }],
    },
    // loadError: ...ReadString: expects " or n, but found 1... ("verbs":[1000])
    {
      name: '1e3 is a number for go-yaml',
      input: policy('- level: None', '  verbs: [1e3]', '- level: Metadata'),
      expected: [{ code: 'wrong-type', text: '1e3', path: 'rules[0].verbs[0]' }],
    },
    // loadError: null (rules 2): go-yaml v2 has no sexagesimal numbers
    {
      name: '1:30 is a string for go-yaml',
      input: policy('- level: None', '  verbs: [1:30]', '- level: Metadata'),
      expected: [],
    },
  ]);

  test('no JavaScript symbol leaks from a merge key', () => {
    const text = yaml(...HEAD, 'base: &base {level: Metadata}', 'rules:', '- <<: *base');
    for (const d of diagnose(text)) assert.ok(!/Symbol|<</.test(`${d.message} ${d.path}`), d.message);
    assert.ok(!codes(text).includes('missing-level'));
  });
});

// Found by the differential campaign (seed 7 and hand-written probes of the same classes).
describe('tags and numbers as go-yaml v2 resolves them', () => {
  checkTable([
    // loadError: ...v1.PolicyRule.Users: []string: ReadString: expects " or n, but found 1... ("users":[1])
    {
      name: '!!float 1 is the number 1, quoted or not',
      input: policy('- level: None', '  users: [!!float 1, !!float "2"]'),
      expected: [
        { code: 'wrong-type', text: '1', path: 'rules[0].users[0]' },
        { code: 'wrong-type', text: '"2"', path: 'rules[0].users[1]' },
      ],
    },
    // loadError: null (rules 1): generation is the float 1, which json.Marshal writes as 1
    {
      name: '!!float 1 is a whole number for metadata.generation',
      input: yaml(...HEAD, 'metadata:', '  generation: !!float 1', 'rules:', '- level: None'),
      expected: [],
    },
    // loadError: failed decoding: yaml: cannot decode !!str `x` as a !!null
    {
      name: '!!null on text that is not null fails',
      input: policy('- level: None', '  users: [!!null x]'),
      expected: [{ code: 'yaml-syntax', text: '!!null x]', path: '' }],
    },
    // loadError: null (rules 1): !!null "" and !!null NULL are null, a null item the user ""
    {
      name: '!!null on null text is null',
      input: policy('- level: None', "  users: [!!null '', !!null NULL]"),
      expected: [],
    },
    // loadError: null (rules 1): ParseFloat fails with ErrRange, so go-yaml keeps the string "1e400"
    {
      name: 'a number too large for a float is a string',
      input: policy('- level: None', '  users: [1e400, -1.8e308]'),
      expected: [],
    },
    // loadError: ...ReadString: expects " or n, but found 0... (1e-400 rounds to 0 without an error)
    {
      name: 'a number too small for a float is 0',
      input: policy('- level: None', '  users: [1e-400]'),
      expected: [{ code: 'wrong-type', text: '1e-400', path: 'rules[0].users[0]' }],
    },
    // loadError: null (rules 1): the level is the decoded text "None", the key the decoded "level"
    {
      name: '!!binary is decoded: a level and a key written in base64',
      input: policy('- !!binary bGV2ZWw=: !!binary Tm9uZQ=='),
      expected: [],
    },
    // loadError: null (rules 1): the group is "hi", a valid group; "aGk=" would not be
    {
      name: '!!binary group is its decoded text',
      input: policy('- level: None', '  resources:', '  - group: !!binary aGk='),
      expected: [],
    },
    // loadError: null (rules 1): encoding/base64 skips line breaks
    {
      name: '!!binary may span lines (a block scalar)',
      input: policy('- level: None', '  users:', '  - !!binary |', '    aG', '    k='),
      expected: [],
    },
    // loadError: failed decoding: yaml: !!binary value contains invalid base64 data
    {
      name: '!!binary without its padding fails',
      input: policy('- level: None', '  users: [!!binary aGk]'),
      expected: [{ code: 'yaml-syntax', text: '!!binary aGk]', path: '' }],
    },
    // loadError: null (rules 1): the alias names the field `level` (the key `x` is dropped)
    {
      name: 'an alias as a key names the field its scalar holds',
      input: yaml(...HEAD, 'x: &a level', 'rules:', '- *a : None'),
      expected: [{ code: 'unknown-field', text: 'x', path: 'x' }],
    },
    // loadError: rules[0].level: Unsupported value: "Bogus": supported values: ...
    {
      name: 'an alias as a key is checked as the field it names',
      input: yaml(...HEAD, 'x: &a level', 'rules:', '- *a : Bogus'),
      expected: [
        { code: 'unknown-field', text: 'x', path: 'x' },
        { code: 'invalid-level', text: 'Bogus', path: 'rules[0].level' },
      ],
    },
    // loadError: null (rules 1) for both: go-yaml ignores the tag of a list
    {
      name: '!!pairs on the rules list keeps a list of rules',
      input: yaml(...HEAD, 'rules: !!pairs', '- level: None'),
      expected: [],
    },
    {
      name: '!!omap on the rules list keeps a list of rules',
      input: yaml(...HEAD, 'rules: !!omap', '- level: None'),
      expected: [],
    },
  ]);
});

const NON_RESOURCE: RequestAttributes = {
  groups: [],
  verb: 'get',
  resourceRequest: false,
  path: '/x',
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
};

describe('a policy written as JSON never meets go-yaml', () => {
  // Oracle: loads (rules 2), no strict-decoding error; user bob matches rule 0, alice rule 1.
  const json =
    '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None",\r"users":["bob"]},{"level":"Metadata"}]}';
  checkTable([{ name: 'a lone CR is JSON whitespace, not part of the next key', input: json, expected: [] }]);
  test('so the rule keeps its users', () => {
    const policy = compilePolicy(doc(json).parsed);
    const ask = (user: string): number | undefined => evaluate(policy, { ...NON_RESOURCE, user }).rule;
    assert.deepEqual([ask('bob'), ask('alice')], [0, 1]);
  });
});

describe("after a syntax error, only go-yaml's first error", () => {
  checkTable([
    // loadError: yaml: line 6: could not find expected ':'
    {
      name: 'a stray heredoc terminator is a syntax error, not an unknown field',
      input: policy('- level: None', 'EOF'),
      expected: [{ code: 'yaml-syntax', text: 'EOF', path: '' }],
    },
    // loadError: yaml: line 6: did not find expected ',' or ']'
    {
      name: 'the rules wholly above the error keep their findings; nothing after it is inferred',
      input: policy('- level: Metadat', '- level: None', '  verbs: [get', '- level: Metadata'),
      // go-yaml reads `get - level` as one flow scalar and fails at the `:` after it.
      expected: [
        { code: 'invalid-level', text: 'Metadat', path: 'rules[0].level' },
        { code: 'yaml-syntax', text: ': Metadata', path: '' },
      ],
    },
  ]);

  test('one broken line gives one error that quotes go-yaml', () => {
    // loadError: yaml: line 5: did not find expected ',' or ']'
    const diagnostics = diagnose(
      policy('- level: None', '  verbs: [get', '- level: Metadata', '  users: {a', '- level'),
    );
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['yaml-syntax'],
    );
    assert.match(diagnostics[0].message, /failed decoding: yaml: line 5: did not find expected ',' or '\]'/);
  });
});

describe('what go-yaml reads where the `yaml` package reads otherwise', () => {
  checkTable([
    // loadError: unknown group version field audit.k8s.io/__internal, Kind=Policy in policy (a byte
    // order mark after the first character is part of the key: `\ufeffapiVersion`)
    {
      name: 'a byte order mark at the start of a later line is part of the key',
      input: `# generated\n\ufeff${policy('- level: None')}`,
      expected: [
        { code: 'unknown-field', text: '\ufeffapiVersion', path: '\ufeffapiVersion' },
        { code: 'invalid-api-version', text: '\ufeffapiVersion', path: 'apiVersion' },
      ],
    },
    // loadError: null (rules 1)
    {
      name: 'a byte order mark as the first character is dropped',
      input: `\ufeff${policy('- level: None')}`,
      expected: [],
    },
    // loadError: failed decoding: ... v1.PolicyRule.Verbs: []string: ReadString: expects " or n, but found {
    {
      name: 'a `?` that starts a flow entry is an explicit key: [?watch] is [{watch: null}]',
      input: policy('- level: None', '  verbs: [?watch]'),
      expected: [{ code: 'wrong-type', text: '?watch', path: 'rules[0].verbs[0]' }],
    },
    // loadError: the same, for users
    {
      name: 'a `?` after a comma, before a quoted scalar',
      input: policy('- level: None', '  users: [a, ?"b"]'),
      expected: [{ code: 'wrong-type', text: '?"b"', path: 'rules[0].users[1]' }],
    },
  ]);
});
