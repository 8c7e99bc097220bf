// One quick fix per diagnostic code: a table from code to the edits that fix it. Each edit
// touches only the characters it must, so comments, quoting and indentation stay as they are.
// Fix hints come from the diagnostic's `data` (see validate/); what the data leaves open is
// read from the parsed model.
import type { DiagnosticCode } from '../catalogue/codes';
import type { Finding } from '../decode/finding';
import { LEVEL_NAMES, NON_RESOURCE_VERBS, RESOURCE_VERBS, API_VERSION, POLICY_KIND } from '../catalogue/values';
import type { PolicyDocument } from '../document';
import { findPair, isMap } from '../parse/model';
import { readsAsJson } from '../parse/goyaml/load';
import { typeMetaField } from '../decode/typeMeta';
import type { MapNode } from '../parse/model';
import { closest } from '../text/suggest';
import { nextLineStart } from '../text/lines';
import {
  columnOf,
  insertLinesAfter,
  pairAt,
  pairEnd,
  pairText,
  removePair,
  replaceScalar,
  scalarReplacement,
  startsLine,
} from './edits';
import type { OffsetEdit } from './edits';
import { nodeAt, ruleAt } from './nodeAt';
import { literalWildcard, omitRequestReceived, resourceNotInGroup, sensitiveBodies } from './engineFixes';
import { splitMixedRule } from './splitRule';
import { groupAsUser } from './identityFixes';
import { movePolicyFirst } from './movePolicyFirst';

/** The finding a fix is asked for, as the editor sends it back: its code, place and data (the
 *  message and path are not needed to fix it). */
export interface FindingToFix extends Pick<Finding, 'start' | 'end'> {
  /** '' for a code this service does not know. */
  readonly code: DiagnosticCode | '';
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly preferred?: boolean;
}

type Fixer = (doc: PolicyDocument, finding: FindingToFix) => Fix[];

const text = (doc: PolicyDocument, p: FindingToFix): string => doc.text.slice(p.start, p.end);
const suggestion = (p: FindingToFix): string | undefined =>
  typeof p.data.suggestion === 'string' ? p.data.suggestion : undefined;

/** Replace the underlined scalar by the suggestion, or by the closest of `candidates`. */
function replaceWith(what: string, candidates?: readonly string[], offerAll = true): Fixer {
  return (doc, p) => {
    const current = nodeAt(doc, p.start)?.node;
    const value = current?.kind === 'scalar' && typeof current.value === 'string' ? current.value : text(doc, p);
    const to = suggestion(p) ?? (candidates ? closest(value.trim(), candidates, 4) : undefined);
    if (to !== undefined)
      return [
        {
          title: `Change ${what} to ${JSON.stringify(to)}`,
          edits: [replaceScalar(doc, p.start, p.end, to)],
          preferred: true,
        },
      ];
    return (offerAll ? (candidates ?? []) : []).map((c) => ({
      title: `Change ${what} to ${JSON.stringify(c)}`,
      edits: [replaceScalar(doc, p.start, p.end, c)],
    }));
  };
}

const unknownField: Fixer = (doc, p) => {
  const found = pairAt(doc, p.start);
  if (!found) return [];
  const { hit, map, pair, index } = found;
  const name = String(pair.key.value);
  const to = suggestion(p);
  const fixes: Fix[] = [];
  if (to && p.data.moveTo === undefined && !findPair(map, to)) {
    fixes.push({
      title: `Rename \`${name}\` to \`${to}\``,
      edits: [replaceScalar(doc, p.start, p.end, to)],
      preferred: true,
    });
  } else if (to && (p.data.moveTo === 'rule' || p.data.moveTo === 'groupResources')) {
    const move = moveField(doc, hit.maps, map, index, hit.base, p.data.moveTo);
    if (move)
      fixes.push({
        title: `Move \`${name}\` to the ${p.data.moveTo === 'rule' ? 'rule' : 'resources entry'}`,
        edits: move,
        preferred: true,
      });
  }
  const remove = removePair(doc, map, index, hit.base);
  if (remove) fixes.push({ title: `Remove \`${name}\`, which kube-apiserver drops`, edits: [remove] });
  return fixes;
};

/** `verbs` under a resources entry goes to the rule; `group` on a rule goes into its resources entry. */
function moveField(
  doc: PolicyDocument,
  maps: readonly MapNode[],
  map: MapNode,
  index: number,
  base: number,
  to: 'rule' | 'groupResources',
): OffsetEdit[] | undefined {
  const pair = map.pairs[index];
  const name = String(pair.key.value);
  const remove = removePair(doc, map, index, base);
  const keyCol = columnOf(doc, base + pair.key.start);
  if (!remove || map.flow) return undefined;
  if (to === 'rule') {
    const rule = maps[maps.length - 2];
    const resources = rule ? findPair(rule, 'resources') : undefined;
    if (!rule || rule.flow || !resources?.value || findPair(rule, name)) return undefined;
    const col = columnOf(doc, base + resources.key.start);
    return [
      remove,
      insertLinesAfter(doc, base + pairEnd(resources), ' '.repeat(col) + pairText(doc, pair, base, keyCol, col)),
    ];
  }
  const resources = findPair(map, 'resources')?.value;
  const entry =
    resources?.kind === 'seq' && !resources.flow
      ? resources.items.find((e): e is MapNode => isMap(e) && !e.flow && !findPair(e, name))
      : undefined;
  if (!entry) {
    if (resources || name !== 'group' || !startsLine(doc, base + pair.key.start)) return undefined;
    return [
      {
        start: base + pair.key.start,
        end: base + pairEnd(pair),
        newText: `resources:\n${' '.repeat(keyCol)}- ${pairText(doc, pair, base, keyCol, keyCol + 2)}`,
      },
    ];
  }
  const col = columnOf(doc, base + entry.pairs[0].key.start);
  const insert = insertLinesAfter(doc, base + entry.end, ' '.repeat(col) + pairText(doc, pair, base, keyCol, col));
  // The key was the text's last line, removed with the line break before it: its new line takes its place.
  if (insert.start > remove.start && insert.start < remove.end)
    return [{ start: remove.start, end: remove.end, newText: `\n${insert.newText.replace(/\n$/, '')}` }];
  return [remove, insert];
}

const duplicateKey: Fixer = (doc, p) => {
  const found = pairAt(doc, p.start);
  const remove = found && removePair(doc, found.map, found.index, found.hit.base);
  return remove
    ? [
        {
          title: `Remove this \`${String(found.pair.key.value)}\`, which kube-apiserver ignores`,
          edits: [remove],
          preferred: true,
        },
      ]
    : [];
};

const trimWhitespace: Fixer = (doc, p) => {
  const to = suggestion(p);
  return to === undefined
    ? []
    : [
        {
          title: `Trim the white space: ${JSON.stringify(to)}`,
          edits: [replaceScalar(doc, p.start, p.end, to)],
          preferred: true,
        },
      ];
};

const missingLevel: Fixer = (doc, p) => {
  const rule = ruleAt(doc.parsed, p.start);
  if (!rule) return [];
  const node = rule.rule.node;
  let edit: (level: string) => OffsetEdit;
  if (node.kind === 'map' && node.pairs.length > 0) {
    const at = rule.rule.base + node.pairs[0].key.start;
    edit = (level) => ({
      start: at,
      end: at,
      newText: node.flow ? `level: ${level}, ` : `level: ${level}\n${' '.repeat(columnOf(doc, at))}`,
    });
  } else if (node.kind === 'scalar' && node.value === null && doc.text[rule.start] === '-') {
    const at = rule.start + 1;
    edit = (level) => ({ start: at, end: doc.text[at] === ' ' ? at + 1 : at, newText: ` level: ${level}` });
  } else return [];
  const order = ['Metadata', ...LEVEL_NAMES.filter((l) => l !== 'Metadata')];
  return order.map((level) => ({
    title: `Add \`level: ${level}\``,
    edits: [edit(level)],
    preferred: level === 'Metadata',
  }));
};

const apiVersion: Fixer = (doc, p) => {
  const root = doc.parsed.root;
  if (p.data.insertHeader === true)
    return [
      {
        title: 'Start an audit policy here',
        edits: [
          {
            start: 0,
            end: 0,
            newText: `apiVersion: ${API_VERSION}\nkind: ${POLICY_KIND}\nrules:\n- level: Metadata\n`,
          },
        ],
        preferred: true,
      },
    ];
  if (p.data.removeSeparator === true) {
    // the `---` that starts the policy's document after an empty first one, with its line break
    return [
      {
        title: 'Remove this `---` line (the policy becomes the first document)',
        edits: [{ start: p.start, end: nextLineStart(doc.parsed.text, p.start), newText: '' }],
        preferred: true,
      },
    ];
  }
  if (!isMap(root)) return [];
  // The value kube-apiserver reads, which may sit under `ApiVersion` (decode/typeMeta.ts).
  const pair = typeMetaField(root, 'apiVersion', readsAsJson(doc.parsed.text)).pair ?? findPair(root, 'apiVersion');
  const title = `Use apiVersion ${API_VERSION}`;
  if (pair?.value && pair.value.kind === 'scalar' && pair.value.value !== null && pair.value.end > pair.value.start) {
    return [{ title, edits: [replaceScalar(doc, pair.value.start, pair.value.end, API_VERSION)], preferred: true }];
  }
  if (pair)
    return [
      {
        title,
        edits: [
          { start: pair.key.end + 1, end: pair.value ? pair.value.end : pair.key.end + 1, newText: ` ${API_VERSION}` },
        ],
        preferred: true,
      },
    ];
  const first = root.pairs[0]?.key;
  if (!first || !startsLine(doc, first.start)) return [];
  return [
    {
      title: `Add apiVersion: ${API_VERSION}`,
      edits: [
        {
          start: first.start,
          end: first.start,
          newText: `apiVersion: ${API_VERSION}\n${' '.repeat(columnOf(doc, first.start))}`,
        },
      ],
      preferred: true,
    },
  ];
};

const wrongType: Fixer = (doc, p) => {
  // A file that is only a block list of rules: the policy's header and `rules:` above it (a block
  // sequence may sit at its key's indentation, YAML 1.2, 8.2.1; a flow one may not).
  if (p.data.rulesAlone === true && doc.text[p.start] === '-') {
    const at = doc.text.lastIndexOf('\n', p.start - 1) + 1;
    return [
      {
        title: 'Put these rules in an audit policy',
        edits: [{ start: at, end: at, newText: `apiVersion: ${API_VERSION}\nkind: ${POLICY_KIND}\nrules:\n` }],
        preferred: true,
      },
    ];
  }
  const node = nodeAt(doc, p.start)?.node;
  if (node?.kind !== 'scalar') return [];
  const raw = text(doc, p);
  if (p.data.quote === true)
    return [
      {
        title: `Quote ${raw}, so it is the string "${raw}"`,
        edits: [{ start: p.start, end: p.end, newText: JSON.stringify(raw) }],
        preferred: true,
      },
    ];
  if (p.data.wrapInList === true && node.value !== null) {
    const value =
      typeof node.value === 'string'
        ? scalarReplacement(doc, p.start, node.value).replace(/^[^"']+$/, (plain) =>
            plain.includes(':') ? JSON.stringify(plain) : plain,
          )
        : JSON.stringify(raw);
    return [
      {
        title: `Make it a list: [${raw}]`,
        edits: [{ start: p.start, end: p.end, newText: `[${value}]` }],
        preferred: true,
      },
    ];
  }
  return [];
};

const addCatchAll: Fixer = (doc) => {
  const last = doc.parsed.rules[doc.parsed.rules.length - 1];
  if (!last) return [];
  const dash = ruleAt(doc.parsed, last.base + last.node.start)?.start ?? last.base + last.node.start;
  return [
    {
      title: 'Add a catch-all rule at the end: `- level: Metadata`',
      edits: [insertLinesAfter(doc, last.base + last.node.end, `${' '.repeat(columnOf(doc, dash))}- level: Metadata`)],
      preferred: true,
    },
  ];
};

const noRules: Fixer = (doc) => {
  const root = doc.parsed.root;
  // With a syntax error the rules may well be there, only unreadable: adding more would not help.
  if (!isMap(root) || root.flow || doc.parsed.syntaxErrors.length > 0) return [];
  const pair = findPair(root, 'rules');
  const title = 'Add a catch-all rule: `- level: Metadata`';
  if (!pair) return [{ title, edits: [insertLinesAfter(doc, root.end, 'rules:\n- level: Metadata')], preferred: true }];
  if (pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null)) {
    return [{ title, edits: [insertLinesAfter(doc, pair.key.end, '- level: Metadata')], preferred: true }];
  }
  return [];
};

const ALL_VERBS = [...new Set([...RESOURCE_VERBS, ...NON_RESOURCE_VERBS].map((v) => v.value))];

export const FIXERS: Partial<Record<DiagnosticCode, Fixer>> = {
  'unknown-field': unknownField,
  'duplicate-key': duplicateKey,
  'surrounding-whitespace': trimWhitespace,
  'invalid-level': replaceWith('the level', LEVEL_NAMES),
  'invalid-stage': replaceWith('the stage', ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']),
  'unknown-verb': replaceWith('the verb', ALL_VERBS, false),
  'missing-level': missingLevel,
  'invalid-non-resource-url': replaceWith('the URL'),
  'invalid-api-version': apiVersion,
  'deprecated-api-version': apiVersion,
  'invalid-kind': replaceWith('the kind', [POLICY_KIND]),
  'invalid-group': replaceWith('the group'),
  'mixed-resources-and-urls': splitMixedRule,
  'wrong-type': wrongType,
  'no-rules': noRules,
  'no-catch-all': addCatchAll,
  'sensitive-bodies': sensitiveBodies,
  'request-received-logged': omitRequestReceived,
  'resource-not-in-group': resourceNotInGroup,
  'unknown-subresource': replaceWith('the resource'),
  'literal-wildcard': literalWildcard,
  'group-as-user': groupAsUser,
};

export function fixesFor(doc: PolicyDocument, finding: FindingToFix): Fix[] {
  // A first document that is not the policy (checks/firstDocument.ts): its apiVersion or kind is a
  // ConfigMap's or a list's, and changing it would not make the policy below it the first document.
  if (finding.data.laterPolicy === true && finding.data.removeSeparator !== true) return movePolicyFirst(doc, finding);
  const fixer = finding.code === '' ? undefined : FIXERS[finding.code];
  return fixer ? fixer(doc, finding) : [];
}
