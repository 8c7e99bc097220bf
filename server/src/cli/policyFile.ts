// The policy a command reads from a file: the file itself when it is a policy, or the one it holds
// (a ConfigMap, a kubeadm or kind configuration, a Helm values file...: the same hosts as lint and
// the editor). Every command that reads a policy does the same: the only policy a file holds is
// taken, and a file that holds several must name one with an option (`--embedded-at PATH`, as lint
// prints it); without it the command stops and lists them.
import { createHostDocument, RegionTranslator, selectionProblem, selectPolicy } from '../service';
import type { EmbeddedPolicy, HostDocument } from '../service';
import { UsageError } from './usage';

/** The file's text as a host, read as a policy even when it does not look like one (it was named). */
function readHost(name: string, text: string): HostDocument {
  return createHostDocument(`file:///${encodeURIComponent(name)}`, 1, text, undefined, { forced: true });
}

/** Where a configuration that holds no policy says kube-apiserver reads it from: the value of
 *  `audit-policy-file` (kubeadm, kind, RKE2, k3s, a flag) or kops' `auditPolicyFile`, when it is a
 *  path. Said when such a file is named as a policy, so that the user lints that file instead. */
export function namedPolicyFile(text: string): string | undefined {
  // A note or a page writes the flag in prose: `--audit-policy-file=/etc/k/p.yaml`, (...=/p.yaml).
  const named = /(?:audit-policy-file|auditPolicyFile)["']?\s*[:=]\s*["']?(\/[^\s"'`,;()[\]{}<>]+)/.exec(text);
  return named?.[1].replace(/[.:]+$/, '');
}

/** Why a file holds no policy, and where its policy is when the file names it. */
function noPolicyReason(name: string, text: string, why: string): string {
  const file = namedPolicyFile(text);
  return `${name} holds no audit policy (${why})${file ? `; it names the policy file ${file}: check that file` : ''}`;
}

/** The policy in `host`: the file itself, or the one it holds at `embeddedAt` (the only one, or the
 *  path must be given, with the option `option`). */
function pickPolicy(
  host: HostDocument,
  embeddedAt: string | undefined,
  name: string,
  option = '--embedded-at',
): EmbeddedPolicy {
  const selected = selectPolicy(host, { embeddedAt });
  if (selected.policy) return selected.policy;
  if (selected.problem === 'none')
    throw new UsageError(
      noPolicyReason(name, host.text, 'it declares another kind of object, and no value in it is a policy'),
    );
  throw new UsageError(selectionProblem(name, host, selected, { embeddedAt }, option));
}

/** The policy read from a file's text, for the commands that take one policy and --embedded-at (or
 *  another option, `option`); with its host, which decides what a refusal count leaves out
 *  (service refusalCount). */
export function policyInFile(name: string, text: string, embeddedAt?: string, option?: string): RegionTranslator {
  const host = readHost(name, text);
  return new RegionTranslator(host, pickPolicy(host, embeddedAt, name, option));
}
