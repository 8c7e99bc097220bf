// The project's side of each comparison, told `--kubernetes-version 1.20` (the oracle's version):
// the load verdict the command line gives a file it is asked to lint (any error: kube-apiserver
// refuses to start), and the rule, level and stages the engine gives a request.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  compilePolicy,
  createPolicyDocument,
  DEFAULT_SETTINGS,
  evaluate,
  requestFromHttp,
  validate,
} from '../../server/src/service';
import type { CompiledPolicy, RequestAttributes } from '../../server/src/service';

export const MINOR = 20;
const SETTINGS = { ...DEFAULT_SETTINGS, kubernetesMinor: MINOR };

export interface ProjectVerdict {
  /** The first error's code and message, or null when the project says the policy loads. */
  readonly error: string | null;
  /** The first unknown-field or duplicate-key warning: what kube-apiserver's strict decoding
   *  objects to (1.26+ logs it and falls back to lenient decoding). */
  readonly strict: string | null;
  /** The yaml-syntax error's message: go-yaml's error, which kube-apiserver prints, is in it. */
  readonly yamlError: string | null;
  readonly policy: CompiledPolicy;
}

let counter = 0;
export function projectVerdict(text: string): ProjectVerdict {
  const doc = createPolicyDocument(`file:///differential/${++counter}.yaml`, 1, text);
  const diagnostics = validate(doc, SETTINGS, { force: true });
  const error = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error);
  const strict = diagnostics.find((d) => d.code === 'unknown-field' || d.code === 'duplicate-key');
  const line = (d: (typeof diagnostics)[number] | undefined): string | null =>
    d ? `${String(d.code)}: ${String(d.message)}` : null;
  const yamlError = diagnostics.find((d) => d.code === 'yaml-syntax');
  return {
    error: line(error),
    strict: line(strict),
    yamlError: yamlError ? String(yamlError.message) : null,
    policy: compilePolicy(doc.parsed),
  };
}

/** The outcome both sides are compared on. `rule` is -1 when no rule matches; `unaudited` when
 *  kube-apiserver answers the request with an error before auditing it. */
export interface Outcome {
  readonly rule: number;
  readonly level: string | null;
  readonly omitStages: readonly string[];
  readonly info?: Readonly<Record<string, unknown>>;
}

export function projectOutcome(policy: CompiledPolicy, attributes: RequestAttributes): Outcome {
  const result = evaluate(policy, attributes);
  return { rule: result.rule ?? -1, level: result.level, omitStages: [...result.omitStages].sort() };
}

/** A METHOD + URL request through the project's request-info resolver, then the engine. */
export function projectHttpOutcome(
  policy: CompiledPolicy,
  request: { method: string; url: string; user?: string; groups?: readonly string[] },
): Outcome {
  let attributes: RequestAttributes;
  try {
    attributes = requestFromHttp(request.method, request.url, request.user, request.groups ?? []);
  } catch {
    return { rule: -1, level: null, omitStages: [] };
  }
  return { ...projectOutcome(policy, attributes), info: resolvedInfo(attributes) };
}

/** The request-info fields the audit checker reads, named as the oracle echoes them. */
function resolvedInfo(a: RequestAttributes): Record<string, unknown> {
  return {
    isResourceRequest: a.resourceRequest,
    verb: a.verb,
    apiGroup: a.resourceRequest ? a.apiGroup : '',
    namespace: a.resourceRequest ? a.namespace : '',
    resource: a.resourceRequest ? a.resource : '',
    subresource: a.resourceRequest ? a.subresource : '',
    name: a.resourceRequest ? a.name : '',
    path: a.path,
  };
}

/** The oracle's answer in the same shape. */
export function oracleOutcome(result: {
  level: string | null;
  omitStages: readonly string[];
  matchedRule: number | null;
  requestInfo?: Record<string, unknown>;
  requestInfoError?: string;
  error?: string;
}): Outcome {
  // The oracle could not even build the request: the suite generated something no client sends.
  if (result.error !== undefined) throw new Error(`the oracle refused a generated request: ${result.error}`);
  if (result.requestInfoError !== undefined || result.level === null) return { rule: -1, level: null, omitStages: [] };
  const info = result.requestInfo;
  return {
    rule: result.matchedRule ?? -1,
    level: result.level,
    omitStages: [...result.omitStages].sort(),
    ...(info
      ? {
          info: {
            isResourceRequest: info.isResourceRequest,
            verb: info.verb,
            apiGroup: info.isResourceRequest ? info.apiGroup : '',
            namespace: info.isResourceRequest ? info.namespace : '',
            resource: info.isResourceRequest ? info.resource : '',
            subresource: info.isResourceRequest ? info.subresource : '',
            name: info.isResourceRequest ? info.name : '',
            path: info.path,
          },
        }
      : {}),
  };
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
