// The TextMate injection grammar (syntaxes/): each case is YAML lines and the words that must get
// our scopes. The cases run through a small interpreter of the grammar's own rules (enough for
// its one level of match and begin/end rules, with JavaScript regular expressions), and also
// through vscode-textmate and vscode-oniguruma with VS Code's own YAML grammar, so the grammar is
// checked as the editor runs it.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vsctm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/kube-audit-policy.injection.tmLanguage.json');
const OUR_SCOPE = /\.kube-audit-policy$/;

interface Rule {
  readonly include?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly captures?: Record<string, { name?: string }>;
  readonly beginCaptures?: Record<string, { name?: string }>;
  readonly endCaptures?: Record<string, { name?: string }>;
  readonly patterns?: readonly Rule[];
}
interface Grammar {
  readonly scopeName: string;
  readonly injectionSelector: string;
  readonly patterns: readonly Rule[];
  readonly repository: Record<string, Rule>;
}

const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as Grammar;

/** `editorOnly`: needs YAML's own scopes (comments), which the small interpreter does not have. */
const CASES: Array<{ name: string; lines: string[]; expected: string[]; editorOnly?: boolean }> = [
  {
    name: 'levels, plain and quoted',
    lines: ['rules:', '- level: None', '- level: "RequestResponse"', "- level: 'Metadata' # why"],
    expected: [
      'None=constant.language.level',
      'RequestResponse=constant.language.level',
      'Metadata=constant.language.level',
    ],
  },
  {
    name: 'a level inside a flow mapping',
    lines: ['rules:', '- {level: Request, verbs: [get]}'],
    expected: ['Request=constant.language.level', 'get=support.function.verb'],
  },
  {
    name: 'not a level: a wrong case, a longer word, another key',
    lines: ['rules:', '- level: none', '- level: Metadatas', '  note: None'],
    expected: [],
  },
  {
    name: 'stages in a flow list',
    lines: ['omitStages: ["RequestReceived", Panic, Bogus]'],
    expected: ['RequestReceived=support.constant.stage', 'Panic=support.constant.stage'],
  },
  {
    name: 'stages in a block list end at the next key',
    lines: ['omitStages:', '  - ResponseStarted', '  # a comment', "  - 'ResponseComplete'", 'rules:', '- level: None'],
    expected: [
      'ResponseStarted=support.constant.stage',
      'ResponseComplete=support.constant.stage',
      'None=constant.language.level',
    ],
  },
  {
    name: 'verbs in a flow list over two lines',
    lines: ['rules:', '- level: Metadata', '  verbs: ["get", list,', '    watch, connect]'],
    expected: [
      'Metadata=constant.language.level',
      'get=support.function.verb',
      'list=support.function.verb',
      'watch=support.function.verb',
    ],
  },
  {
    name: 'verbs in a block list',
    lines: ['rules:', '  - verbs:', '    - deletecollection', '    - proxy', '    level: None'],
    expected: ['deletecollection=support.function.verb', 'proxy=support.function.verb', 'None=constant.language.level'],
  },
  {
    name: 'block items that are not verbs, and comments, keep the list going',
    lines: [
      'rules:',
      '  - verbs:',
      '    - deletecollection',
      '    - bogus',
      '    # note',
      '    - proxy  # why',
      '    level: None',
    ],
    expected: ['deletecollection=support.function.verb', 'proxy=support.function.verb', 'None=constant.language.level'],
  },
  {
    name: 'nothing in comments',
    lines: ['rules:', '- level: None # level: Metadata', '# level: Request', '# verbs: [get]'],
    expected: ['None=constant.language.level'],
    editorOnly: true,
  },
  {
    name: 'verbs are only verbs under the key verbs',
    lines: ['rules:', '- level: None', '  users: [get]', '  resourceNames: ["delete"]'],
    expected: ['None=constant.language.level'],
  },
];

// ---- a small interpreter of this grammar's rules ----

function resolve(rule: Rule): Rule[] {
  if (rule.include?.startsWith('#')) return resolve(grammar.repository[rule.include.slice(1)]);
  if (rule.patterns && !rule.match && !rule.begin) return rule.patterns.flatMap(resolve);
  return [rule];
}

function sticky(source: string): RegExp {
  return new RegExp(source, 'y');
}

function record(m: RegExpExecArray, captures: Rule['captures'], name: string | undefined, out: string[]): void {
  if (name && OUR_SCOPE.test(name)) out.push(`${m[0]}=${name.replace(OUR_SCOPE, '')}`);
  for (const [group, capture] of Object.entries(captures ?? {})) {
    const text = m[Number(group)];
    if (text && capture.name && OUR_SCOPE.test(capture.name))
      out.push(`${text}=${capture.name.replace(OUR_SCOPE, '')}`);
  }
}

function interpret(lines: readonly string[]): string[] {
  const out: string[] = [];
  const top = grammar.patterns.flatMap(resolve);
  let active: Rule | undefined;
  for (const line of lines) {
    let pos = 0;
    let steps = 0;
    while (pos <= line.length) {
      // Inside a begin/end rule its end is tried first, then its own patterns (TextMate's order).
      const candidates: Array<{ rule: Rule; source: string; ends: boolean }> = active
        ? [
            { rule: active, source: active.end as string, ends: true },
            ...(active.patterns ?? [])
              .flatMap(resolve)
              .map((rule) => ({ rule, source: (rule.match ?? rule.begin) as string, ends: false })),
          ]
        : top.map((rule) => ({ rule, source: (rule.match ?? rule.begin) as string, ends: false }));
      let next = -1;
      let ended = false;
      for (const { rule, source, ends } of candidates) {
        const re = sticky(source);
        re.lastIndex = pos;
        const m = re.exec(line);
        if (!m) continue;
        ended = ends;
        if (ends) active = undefined;
        else if (rule.begin !== undefined) {
          record(m, rule.beginCaptures, undefined, out);
          active = rule;
        } else record(m, rule.captures, rule.name, out);
        next = m.index + m[0].length;
        break;
      }
      // A zero-width end (`^(?=...)`) leaves the position for the rules around it; anything else moves on.
      if (next > pos) pos = next;
      else if (!(next === pos && ended)) pos++;
      if (++steps > 4 * (line.length + 2)) throw new Error(`the interpreter is stuck on ${JSON.stringify(line)}`);
    }
  }
  return out;
}

test('grammar: an injection into source.yaml, registered in package.json', () => {
  assert.equal(grammar.scopeName, 'kube-audit-policy.injection');
  assert.match(grammar.injectionSelector, /^L:source\.yaml/);
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { grammars?: Array<{ scopeName: string; path: string; injectTo?: string[] }> };
  };
  const entry = manifest.contributes.grammars?.find((g) => g.scopeName === grammar.scopeName);
  assert.ok(entry, 'contributes.grammars lists the grammar');
  assert.deepEqual(entry.injectTo, ['source.yaml']);
  assert.ok(existsSync(path.join(ROOT, entry.path)), entry.path);
});

test('grammar: every rule compiles and every include resolves', () => {
  const visit = (rule: Rule): void => {
    if (rule.include) assert.ok(grammar.repository[rule.include.slice(1)], rule.include);
    for (const source of [rule.match, rule.begin, rule.end])
      if (source !== undefined) assert.doesNotThrow(() => new RegExp(source), source);
    (rule.patterns ?? []).forEach(visit);
  };
  grammar.patterns.forEach(visit);
  Object.values(grammar.repository).forEach(visit);
});

for (const c of CASES.filter((x) => !x.editorOnly)) {
  test(`grammar: ${c.name}`, () => {
    assert.deepEqual(interpret(c.lines), c.expected);
  });
}

// ---- the same cases through vscode-textmate, with VS Code's own YAML grammar ----

/** VS Code's YAML grammar files (test/fixtures/grammars/yaml, sources in its SOURCES.md). */
const YAML_SYNTAXES = path.join(ROOT, 'test/fixtures/grammars/yaml');

test('grammar: the cases through vscode-textmate and the YAML grammar', async () => {
  const oniguruma = path.dirname(require.resolve('vscode-oniguruma'));
  const wasm = readFileSync(path.join(oniguruma, 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = new Map<string, string>([[grammar.scopeName, GRAMMAR_PATH]]);
  for (const name of readdirSync(YAML_SYNTAXES).filter((n) => n.endsWith('.json'))) {
    const file = path.join(YAML_SYNTAXES, name);
    files.set((JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string }).scopeName, file);
  }
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new onig.OnigScanner(sources),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) =>
      files.has(scope) ? JSON.parse(readFileSync(files.get(scope)!, 'utf8')) : null,
    getInjections: (scope: string) => (scope === 'source.yaml' ? [grammar.scopeName] : undefined),
  });
  const yaml = await registry.loadGrammar('source.yaml');
  assert.ok(yaml);
  for (const c of CASES) {
    let state = vsctm.INITIAL;
    const got: string[] = [];
    for (const line of c.lines) {
      const result = yaml.tokenizeLine(line, state);
      for (const token of result.tokens) {
        const ours = token.scopes.find((s) => OUR_SCOPE.test(s));
        if (ours) got.push(`${line.slice(token.startIndex, token.endIndex)}=${ours.replace(OUR_SCOPE, '')}`);
      }
      state = result.ruleStack;
    }
    assert.deepEqual(got, c.expected, c.name);
  }
});
