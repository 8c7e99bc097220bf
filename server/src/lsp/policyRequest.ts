// Every request about one document goes through here: parameters that do not have the shape the
// protocol gives them are refused with InvalidParams and what is wrong; documents the server does
// not have, or that neither are nor hold audit policies, get the empty answer; a thrown bug becomes
// an error response (runSafe) and the server lives on.
import { ErrorCodes, Position, Range, ResponseError } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver';
import type { HostDocument } from '../service';
import type { ServerContext } from './context';
import { runSafe } from './safe';

/** The fields besides `textDocument` a request cannot be answered without. */
type Needed = 'position' | 'range' | 'context';

export function forPolicy<T>(
  context: ServerContext,
  name: string,
  params: { textDocument: { uri: string } },
  token: CancellationToken | undefined,
  empty: T,
  work: (host: HostDocument) => T,
  needs: readonly Needed[] = [],
): T | ResponseError<void> {
  const problem = paramsProblem(params, needs);
  if (problem) return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${name}: ${problem}`);
  return runSafe(context.connection, name, token, () => {
    const uri = params.textDocument.uri;
    const host = context.getHost(uri);
    return host && context.isPolicy(uri) ? work(host) : empty;
  });
}

/** forPolicy for a request whose answer can wait for the document's diagnostics (colours, the
 *  outline, rule numbers): VS Code asks for them as it opens a file, and answered before the
 *  diagnostics due they held a large policy's problems back by as long as they took (the tokens
 *  and outline of 5,000 rules, 0.2 to 0.5 s each). Completion and hover do not wait. */
export async function forPolicyAfterDiagnostics<T>(
  ...args: Parameters<typeof forPolicy<T>>
): Promise<T | ResponseError<void>> {
  const [context, , params] = args;
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri === 'string') await context.publishDue(uri);
  return forPolicy(...args);
}

function paramsProblem(params: unknown, needs: readonly Needed[]): string | undefined {
  const given = (params ?? {}) as Record<string, unknown>;
  const uri = (given.textDocument as { uri?: unknown } | null | undefined)?.uri;
  if (typeof uri !== 'string') return 'params.textDocument.uri must be a string';
  if (needs.includes('position') && !Position.is(given.position)) return 'params.position must be { line, character }';
  if (needs.includes('range') && !Range.is(given.range)) return 'params.range must be { start, end } positions';
  const diagnostics = (given.context as { diagnostics?: unknown } | null | undefined)?.diagnostics;
  if (needs.includes('context') && !Array.isArray(diagnostics)) return 'params.context.diagnostics must be an array';
  return undefined;
}
