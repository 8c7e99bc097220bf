// Splits the request space into cells on which both policies decide every request the same way
// (the same rule, hence the same level and stages). One attribute at a time is chosen, trying only
// the values the remaining rules can tell apart (candidates.ts); a branch stops as soon as, in both
// policies, the first rule that can still match is certain to match. Each cell comes with one real
// request inside it, on which the caller runs the evaluator itself.
import type { DecodedRule } from '../decode/decode';
import { nonResourceRequest } from '../engine/request';
import type { RequestAttributes } from '../engine/request';
import type { Cell, RequestKind, SetDimension, ValueSet } from './cell';
import {
  apiGroupCandidates,
  liveEntries,
  nameCandidates,
  namespaceCandidates,
  pathCandidates,
  resourceCandidates,
  subresourceCandidates,
  undecidedGroup,
  userCandidates,
  verbCandidates,
} from './candidates';
import type { Candidate } from './candidates';
import { NO, ruleStatus, YES } from './status';
import type { PartialRequest } from './status';

export interface Leaf {
  readonly cell: Cell;
  readonly request: RequestAttributes;
  /** The rule that decides every request of the cell, per policy (undefined: none, level None). */
  readonly oldRule: number | undefined;
  readonly newRule: number | undefined;
}

export class DiffTooLargeError extends Error {}

/** Beyond this many cells the comparison gives up rather than run for minutes. */
const MAX_NODES = 2_000_000;

interface Decision {
  /** Rules that may still decide, up to and including the first certain one. */
  readonly open: DecodedRule[];
  /** The deciding rule when it is certain. */
  readonly decided?: { rule: number | undefined };
}

function decide(rules: readonly DecodedRule[], p: PartialRequest): Decision {
  const open: DecodedRule[] = [];
  let uncertain = false;
  for (let i = 0; i < rules.length; i++) {
    const s = ruleStatus(rules[i], p);
    if (s === NO) continue;
    open.push(rules[i]);
    if (s === YES) return uncertain ? { open } : { open, decided: { rule: i } };
    uncertain = true;
  }
  return uncertain ? { open } : { open, decided: { rule: undefined } };
}

type Step =
  'kind' | 'user' | 'groups' | 'verb' | 'namespace' | 'apiGroup' | 'resource' | 'subresource' | 'name' | 'path';
const RESOURCE_STEPS: readonly Step[] = [
  'kind',
  'user',
  'groups',
  'verb',
  'namespace',
  'apiGroup',
  'resource',
  'subresource',
  'name',
];
const NON_RESOURCE_STEPS: readonly Step[] = ['kind', 'user', 'groups', 'verb', 'path'];

export function explore(oldRules: readonly DecodedRule[], newRules: readonly DecodedRule[]): Leaf[] {
  const leaves: Leaf[] = [];
  let nodes = 0;
  const sets: Partial<Record<SetDimension, ValueSet | undefined>> & { kind?: RequestKind } = {};
  const p: PartialRequest = { groups: new Map() };

  const visit = (stepIndex: number): void => {
    if (++nodes > MAX_NODES)
      throw new DiffTooLargeError(`the policies split the requests into more than ${MAX_NODES} cases`);
    const a = decide(oldRules, p);
    const b = decide(newRules, p);
    if (a.decided && b.decided) {
      leaves.push({ cell: snapshot(), request: representative(p), oldRule: a.decided.rule, newRule: b.decided.rule });
      return;
    }
    const open = [...a.open, ...b.open];
    const steps = p.kind === 'nonResource' ? NON_RESOURCE_STEPS : RESOURCE_STEPS;
    const step = steps[stepIndex];
    if (step === undefined) throw new Error('internal error: a fully chosen request is not decided');
    const each = <T>(
      candidates: readonly Candidate<T>[],
      assign: (value: T | undefined) => void,
      dim?: SetDimension,
    ): void => {
      for (const c of candidates) {
        assign(c.value);
        if (dim) sets[dim] = c.set;
        visit(stepIndex + 1);
      }
      assign(undefined);
      if (dim) delete sets[dim];
    };
    switch (step) {
      case 'kind':
        for (const kind of ['resource', 'nonResource'] as const) {
          p.kind = sets.kind = kind;
          visit(stepIndex + 1);
        }
        p.kind = sets.kind = undefined;
        return;
      case 'user':
        return each(userCandidates(open), (v) => (p.user = v), 'user');
      case 'groups': {
        const group = p.user === null ? undefined : undecidedGroup(open, p);
        if (group === undefined) return visit(stepIndex + 1);
        for (const member of [true, false]) {
          p.groups.set(group, member);
          visit(stepIndex); // the next undecided group, if any
        }
        p.groups.delete(group);
        return;
      }
      case 'verb':
        return each(verbCandidates(open, p.kind!), (v) => (p.verb = v), 'verb');
      case 'namespace':
        return each(namespaceCandidates(open), (v) => (p.namespace = v), 'namespace');
      case 'apiGroup':
        return each(apiGroupCandidates(liveEntries(open, p)), (v) => (p.apiGroup = v), 'apiGroup');
      case 'resource':
        return each(resourceCandidates(liveEntries(open, p)), (v) => (p.resource = v), 'resource');
      case 'subresource':
        return each(subresourceCandidates(liveEntries(open, p), p.verb!), (v) => (p.subresource = v), 'subresource');
      case 'name':
        return each(nameCandidates(liveEntries(open, p), p.verb!), (v) => (p.name = v), 'name');
      case 'path':
        return each(pathCandidates(open), (v) => (p.path = v), 'path');
    }
  };

  const snapshot = (): Cell => {
    const cell: Record<string, unknown> = { groups: Object.fromEntries(p.groups) };
    for (const [k, v] of Object.entries(sets)) if (v !== undefined) cell[k] = v;
    return cell as unknown as Cell;
  };

  visit(0);
  return leaves;
}

/** A real request in the cell: the chosen attributes, and for the others values every request
 *  may have (the cell is decided whatever they are). */
function representative(p: PartialRequest): RequestAttributes {
  const user = p.user === undefined ? 'alice' : p.user;
  const groups = user === null ? [] : [...p.groups].filter(([, member]) => member).map(([g]) => g);
  const identity = user === null ? { groups } : { user, groups };
  if (p.kind === 'nonResource')
    return nonResourceRequest(user ?? undefined, groups, p.verb ?? 'get', p.path ?? '/healthz');
  const verb = p.verb ?? 'list';
  const subresource = p.subresource ?? '';
  const named = verb === 'get' || verb === 'delete' || subresource !== '';
  const apiGroup = p.apiGroup ?? '';
  const namespace = p.namespace ?? 'default';
  const resource = p.resource ?? 'pods';
  const name = p.name ?? (named ? 'example' : '');
  return {
    ...identity,
    verb,
    resourceRequest: true,
    namespace,
    apiGroup,
    apiVersion: 'v1',
    resource,
    subresource,
    name,
    path: resourcePath(apiGroup, namespace, resource, name, subresource),
  };
}

function resourcePath(
  apiGroup: string,
  namespace: string,
  resource: string,
  name: string,
  subresource: string,
): string {
  const parts = [
    apiGroup === '' ? 'api' : `apis/${apiGroup}`,
    'v1',
    ...(namespace ? ['namespaces', namespace] : []),
    resource,
    ...(name ? [name] : []),
    ...(subresource ? [subresource] : []),
  ];
  return `/${parts.join('/')}`;
}
