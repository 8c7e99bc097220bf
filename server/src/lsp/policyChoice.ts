// Which policy of an open file a request is about, as the command line picks it (`--embedded-at
// PATH`; service selectPolicy): the one named by its path, else the one under a position (the
// cursor), else the only one the file is or holds. A file that holds several and names none of
// them is refused with their list, also in the error's data so a client can offer them to pick
// from and send the request again with the parameter the data names.
import { ErrorCodes, Position, ResponseError } from 'vscode-languageserver';
import { RegionTranslator, selectionProblem, selectPolicy } from '../service';
import type { HostDocument } from '../service';
import type { ChoosePolicyData } from './protocol';

export interface PolicyChoiceParams {
  readonly embeddedAt?: unknown;
  readonly position?: unknown;
}

/** The parameters' names, for the messages and the error's data: `embeddedAt` and `position`, or
 *  `against.embeddedAt`..., or only `oldEmbeddedAt` (an older version has no cursor). */
export interface PolicyChoiceNames {
  readonly embeddedAt: string;
  readonly position?: string;
}

const TOP_LEVEL: PolicyChoiceNames = { embeddedAt: 'embeddedAt', position: 'position' };

/** `uri` names the file in the messages; `host` is undefined when the file is not open. */
export function choosePolicy(
  host: HostDocument | undefined,
  uri: unknown,
  given: PolicyChoiceParams,
  names: PolicyChoiceNames = TOP_LEVEL,
): RegionTranslator | ResponseError<ChoosePolicyData | void> {
  const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${message}`);
  if (!host) return invalid(`${String(uri)} is not an open document`);
  const { embeddedAt, position } = given;
  if (embeddedAt !== undefined && typeof embeddedAt !== 'string')
    return invalid(`${names.embeddedAt} must be a string`);
  if (names.position && position !== undefined && !Position.is(position))
    return invalid(`${names.position} must be { line, character }`);
  const offset = names.position && Position.is(position) ? host.lines.offsetAt(position) : undefined;
  const choice = { embeddedAt, offset };
  const selected = selectPolicy(host, choice);
  if (selected.policy) return new RegionTranslator(host, selected.policy);
  const how = names.position ? `${names.embeddedAt} or a position inside it` : names.embeddedAt;
  const message = `kube-audit-policy: ${selectionProblem(String(uri), host, selected, choice, how)}`;
  return selected.problem === 'several'
    ? new ResponseError<ChoosePolicyData>(ErrorCodes.InvalidParams, message, {
        embeddedAt: selected.paths,
        param: names.embeddedAt,
      })
    : new ResponseError(ErrorCodes.InvalidParams, message);
}
