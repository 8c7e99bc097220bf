// Every request about one document goes through here: documents the server does not have, or
// that neither are nor hold audit policies, get the empty answer; a thrown bug, malformed parameters
// included, becomes an error response (runSafe) and the server lives on.
import type { CancellationToken, ResponseError } from 'vscode-languageserver/node';
import type { HostDocument } from '../service';
import type { ServerContext } from './context';
import { runSafe } from './safe';

export function forPolicy<T>(
  context: ServerContext,
  name: string,
  params: { textDocument: { uri: string } },
  token: CancellationToken | undefined,
  empty: T,
  work: (host: HostDocument) => T,
): T | ResponseError<void> {
  return runSafe(context.connection, name, token, () => {
    const uri = params.textDocument.uri;
    const host = context.getHost(uri);
    return host && context.isPolicy(uri) ? work(host) : empty;
  });
}
