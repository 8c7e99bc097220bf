// `kube-audit-policy explain`: which rule decides a request, at what level, and why the rules
// before it did not match. The request is given by flags (`--verb get --resource pods ...`) or as
// kube-apiserver receives it (`[USER] METHOD /path`), resolved like its request-info resolver.
import {
  attributesFrom,
  formatExplanation,
  hostExplain,
  parseRequestLine,
  policyLabel,
  refusalCount,
  RequestError,
} from '../service';
import type { Explanation, RequestAttributes } from '../service';
import { policyInFile } from './policyFile';
import { formatFrom, settingsFrom, single } from './args';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import { readInputs } from './inputs';
import { UsageError } from './usage';

export type ExplainFormat = 'text' | 'json';

/** Options of the explain command that take a value. */
const EXPLAIN_OPTIONS = [
  'policy',
  'embedded-at',
  'format',
  'kubernetes-version',
  'user',
  'group',
  'verb',
  'namespace',
  'api-group',
  'api-version',
  'resource',
  'subresource',
  'name',
  'path',
];

const ATTRIBUTE_FLAGS = ['verb', 'namespace', 'api-group', 'api-version', 'resource', 'subresource', 'name', 'path'];

export interface ExplainOutcome {
  readonly output: string;
  readonly result: Explanation;
  /** Said on standard error: the answer stands, but kube-apiserver would not load this policy. */
  readonly warning?: string;
}

export function runExplain(args: ParsedArgs, format: ExplainFormat, readStdin: () => Buffer): ExplainOutcome {
  const policyPath = single(args, 'policy');
  if (policyPath === undefined) throw new UsageError('explain needs --policy FILE');
  const settings = settingsFrom(args);
  const request = requestFrom(args);
  const inputs = readInputs([policyPath], readStdin);
  if (inputs.length !== 1 || !inputs[0].explicit)
    throw new UsageError(`--policy must name one file, not the directory ${policyPath}`);
  const translator = policyInFile(inputs[0].name, inputs[0].text, single(args, 'embedded-at'));
  const { host, policy } = translator;
  const result = hostExplain(translator, request);
  // A policy a file holds is named with its region, as lint names it, so the answer says which.
  const embeddedAt = host.kind === 'host' ? policy.region.hostPath : undefined;
  const output =
    format === 'json'
      ? `${JSON.stringify(embeddedAt === undefined ? result : { ...result, embeddedAt })}\n`
      : `${embeddedAt === undefined ? '' : `Policy: ${policyLabel(policyPath, policy)}\n`}${formatExplanation(request, result)}`;
  const errors = refusalCount(translator, settings);
  const warning =
    errors > 0
      ? `kube-audit-policy: note: kube-apiserver would refuse this policy (${errors} error${errors === 1 ? '' : 's'}); run kube-audit-policy lint ${policyPath}`
      : undefined;
  return { output, result, ...(warning ? { warning } : {}) };
}

function requestFrom(args: ParsedArgs): RequestAttributes {
  const user = single(args, 'user');
  const groups = args.flags.get('group') ?? [];
  try {
    if (args.positionals.length > 0) {
      const given = ATTRIBUTE_FLAGS.filter((f) => args.flags.has(f));
      if (given.length > 0)
        throw new UsageError(`give the request either as METHOD /path or with flags, not both (--${given[0]})`);
      if (user !== undefined && args.positionals.length !== 2)
        throw new UsageError('with --user, give the request as METHOD /path');
      const line = [...(user !== undefined ? [user] : []), ...args.positionals].join(' ');
      return parseRequestLine(line, groups);
    }
    const verb = single(args, 'verb');
    if (verb === undefined)
      throw new UsageError('explain needs a request: --verb V with --resource R or --path /url, or METHOD /path');
    return attributesFrom({
      ...(user !== undefined ? { user } : {}),
      groups,
      verb,
      namespace: single(args, 'namespace'),
      apiGroup: single(args, 'api-group'),
      apiVersion: single(args, 'api-version'),
      resource: single(args, 'resource'),
      subresource: single(args, 'subresource'),
      name: single(args, 'name'),
      path: single(args, 'path'),
    });
  } catch (error) {
    if (error instanceof RequestError) throw new UsageError(error.message);
    throw error;
  }
}

export const explainCommand: Command = {
  name: 'explain',
  synopsis: `  kube-audit-policy explain --policy FILE [--embedded-at PATH] [--format text|json] [--kubernetes-version 1.X]
      ( [--user U] [--group G]... --verb V [--namespace NS] [--api-group G] [--api-version V]
        [--resource R] [--subresource S] [--name N] [--path /url]
      | [USER] METHOD /path )`,
  help: `Says which rule of the policy decides a request, at which level, and why the rules above it did
not match. The request is given as kube-apiserver receives it (\`alice DELETE /api/v1/namespaces/prod/pods/web\`)
or by its attributes: a resource request when --resource is given, else a non-resource request
for --path. It has an authenticated user only when --user (or USER) is given.

options:
  --policy FILE               the audit policy (- for standard input)
  --embedded-at PATH          in a file that holds several policies, the one at PATH (as lint prints it)
  --format text|json          how to print the answer (default: text)
  --kubernetes-version 1.X    the kube-apiserver version, for the note on a policy it would refuse
  --user U                    the user making the request
  --group G                   a group of that user; may be given more than once
  --verb V                    get, list, watch, create, update, patch, delete, deletecollection...
  --namespace NS              the attributes of a resource request (--resource makes it one):
  --api-group G               its namespace, API group and version (default: the core group, v1),
  --api-version V             resource, subresource and object name
  --resource R
  --subresource S
  --name N
  --path /url                 the URL of a non-resource request
  -h, --help                  this help

exit status: 0 answered (a note on standard error when kube-apiserver would refuse the policy),
2 bad usage or unreadable input.`,
  options: { valued: EXPLAIN_OPTIONS },
  run(args, io) {
    const explained = runExplain(args, formatFrom<ExplainFormat>(args, ['text', 'json']), io.readStdin);
    io.write(explained.output);
    if (explained.warning) io.warn(`${explained.warning}\n`);
    return 0;
  },
};
