// Which policy of a file a replay is about, as the command line picks it (`replay --policy FILE
// --embedded-at PATH`): the one named by `embeddedAt` (its path as lint prints it), else the one
// under `position` (as explain takes it), else the only one the file is or holds. A file that
// holds several and names none of them is refused with their list, also in the error's data so a
// client can offer them to pick from.
import { ErrorCodes, Position, ResponseError } from 'vscode-languageserver';
import { translatorAt, translators } from '../../service';
import type { HostDocument, RegionTranslator } from '../../service';

/** The error's data when a file holds several policies and the request named none. */
export interface ChoosePolicyData {
  readonly embeddedAt: readonly string[];
}

export interface PolicyChoice {
  readonly embeddedAt?: unknown;
  readonly position?: unknown;
}

/** `what`: how the request names the document (`textDocument`, `against`), for the messages. */
export function replayTarget(
  host: HostDocument | undefined,
  uri: unknown,
  choice: PolicyChoice,
  what: string,
): RegionTranslator | ResponseError<ChoosePolicyData | void> {
  if (!host)
    return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} is not an open document`);
  if (host.policies.length === 0)
    return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} holds no audit policy`);
  const all = translators(host);
  const paths = all.map((t) => t.policy.region.hostPath);
  const { embeddedAt, position } = choice;
  if (embeddedAt !== undefined) {
    if (typeof embeddedAt !== 'string')
      return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${what}.embeddedAt must be a string`);
    if (host.kind !== 'host' && embeddedAt === '') return all[0];
    const named = all.find((t) => t.policy.region.hostPath === embeddedAt);
    if (named) return named;
    const holds = host.kind === 'host' ? `it holds: ${paths.join(', ')}` : 'it is itself a policy';
    return new ResponseError(
      ErrorCodes.InvalidParams,
      `kube-audit-policy: ${String(uri)} holds no policy at ${embeddedAt} (${holds})`,
    );
  }
  if (position !== undefined && !Position.is(position))
    return new ResponseError(
      ErrorCodes.InvalidParams,
      `kube-audit-policy: ${what}.position must be { line, character }`,
    );
  const under = position === undefined ? undefined : translatorAt(host, position);
  if (under) return under;
  if (all.length === 1) return all[0];
  return new ResponseError<ChoosePolicyData>(
    ErrorCodes.InvalidParams,
    `kube-audit-policy: ${String(uri)} holds ${all.length} policies: choose one with ${what}.embeddedAt or a position inside it (${paths.join(', ')})`,
    { embeddedAt: paths },
  );
}
