// Custom requests of the kube-audit-policy language server, declared once for the server and
// any client (the VS Code extension imports this module too). Documented in docs/ENGINE.md.
import type { Range } from 'vscode-languageserver-types';
import type { ExplainRequest, Explanation, TraceEntry } from '../service';

/** `kubeAuditPolicy/explain`: which rule of a document decides a request, and why. */
export const EXPLAIN_METHOD = 'kubeAuditPolicy/explain';

export interface ExplainParams {
  readonly textDocument: { readonly uri: string };
  /** `[USER] [groups=G1,G2] METHOD /path` as kube-apiserver receives it, or the attributes
   *  `{ user?, groups?, verb, namespace?, apiGroup?, apiVersion?, resource?, subresource?, name?, path? }`
   *  (a resource request when `resource` is given, else a non-resource request for `path`). */
  readonly request: ExplainRequest;
  /** In a file that holds several policies (a ConfigMap, a Markdown doc), the one at this path (as
   *  lint prints it, and as the command line's `--embedded-at` takes it). */
  readonly embeddedAt?: string;
  /** Else the policy under this position. A file that holds several policies and names none is
   *  refused (InvalidParams) with their paths in the error's data (ChoosePolicyData). */
  readonly position?: { readonly line: number; readonly character: number };
}

/** The error's data when a file holds several policies and a request named none of them: their
 *  paths, and the parameter to send one of them in (`embeddedAt`, `oldEmbeddedAt`...). */
export interface ChoosePolicyData {
  readonly embeddedAt: readonly string[];
  readonly param: string;
}

/** The JSON of `kube-audit-policy explain --format json`, plus where each rule it names is in
 *  the document, so an editor can take the user there. */
export interface ExplainResult extends Explanation {
  /** The request as the server read it (`user "alice": delete pods "web" (core group) in namespace "prod"`). */
  readonly request: string;
  /** The deciding rule's text; null when no rule matches. */
  readonly range: Range | null;
  readonly trace: (TraceEntry & { readonly range: Range })[];
  /** For a policy a file holds, its path in the file. */
  readonly embeddedAt?: string;
}

/** `kubeAuditPolicy/status`: whether the server checks a document as an audit policy, and for
 *  which Kubernetes version (what an editor shows in its status bar). */
export const STATUS_METHOD = 'kubeAuditPolicy/status';

export interface StatusParams {
  readonly textDocument: { readonly uri: string };
}

export interface StatusResult {
  /** `policy`: its first document says `apiVersion: audit.k8s.io/...`; `files`: a
   *  `kubeAuditPolicy.files` glob names it; `embedded`: it holds policies (a ConfigMap, a Cluster
   *  API or kops file, Markdown...); `later-policy`: only a later document is a policy, which
   *  kube-apiserver never reads; `other`: not checked. */
  readonly checkedAs: 'policy' | 'files' | 'embedded' | 'later-policy' | 'other';
  /** With `embedded`: how many policies the file holds. */
  readonly embedded?: number;
  /** The version the checks follow (`1.36`): the setting, or the default when it is not valid. */
  readonly kubernetesVersion: string;
}
/** `kubeAuditPolicy/replay`: replays audit logs against an open policy (docs/REPLAY.md). */
export const REPLAY_METHOD = 'kubeAuditPolicy/replay';

export interface ReplayParams {
  /** The policy: an open document. */
  readonly textDocument: { readonly uri: string };
  /** In a file that holds several policies, the one at this path (as lint prints it, and as the
   *  command line's `--embedded-at` takes it). */
  readonly embeddedAt?: string;
  /** Else the policy under this position. A file that holds several policies and names none is
   *  refused (InvalidParams) with their paths in the error's data (ChoosePolicyData). */
  readonly position?: { readonly line: number; readonly character: number };
  /** Audit log files on the server's machine: paths or `file:` URIs; `.gz` files are read too. */
  readonly logs: readonly string[];
  /** A second open policy to compare with (`--against`), chosen in its file the same way. */
  readonly against?: {
    readonly uri: string;
    readonly embeddedAt?: string;
    readonly position?: { readonly line: number; readonly character: number };
  };
  /** A client-created progress token; without one the server creates its own when it may. */
  readonly workDoneToken?: string | number;
}

/** The report of `kube-audit-policy replay --format json`, and which version of the policy it is for. */
export type ReplayResult = import('../service/replay/report').ReplayReport & {
  readonly uri: string;
  readonly version: number;
  /** For a policy a file holds, its path in the file (the lenses' commands name it too). */
  readonly embeddedAt?: string;
};

/** `kubeAuditPolicy/diff`: what changes from an older text of a document (its committed version)
 *  to the document as it is open now, policy by policy: in a file that holds several, one of them
 *  in both versions. */
export const DIFF_METHOD = 'kubeAuditPolicy/diff';

export interface DiffParams {
  readonly textDocument: { readonly uri: string };
  /** The older version's text (the file's whole text: the policy is chosen in it). */
  readonly oldText: string;
  /** In an open file that holds several policies, the one at this path (`--new-embedded-at`)... */
  readonly embeddedAt?: string;
  /** ...else the one under this position; naming neither is refused as explain refuses it. */
  readonly position?: { readonly line: number; readonly character: number };
  /** In the older version, the policy at this path (`--old-embedded-at`); by default the one at the
   *  same path as in the open file, else the only one it holds. When it holds several and none at
   *  that path, the request is refused with their paths (ChoosePolicyData, param `oldEmbeddedAt`). */
  readonly oldEmbeddedAt?: string;
  /** What to call the two versions in the report (`HEAD`, the file name). */
  readonly oldName?: string;
  readonly newName?: string;
}

export interface DiffResult {
  /** The report in Markdown, as `kube-audit-policy diff --format markdown` prints it. */
  readonly markdown: string;
  /** The report as `kube-audit-policy diff --format json` prints it. */
  readonly json: object;
  /** For policies a file holds, their paths in the older version and in the open file. */
  readonly oldEmbeddedAt?: string;
  readonly embeddedAt?: string;
}
