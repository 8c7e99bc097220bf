// Every request gets an answer: a bug in one handler becomes an error response (and a log line),
// never a dead server; a cancelled request answers as cancelled.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CancellationToken, Connection } from 'vscode-languageserver';

export function runSafe<T>(
  connection: Connection,
  name: string,
  token: CancellationToken | undefined,
  work: () => T,
): T | ResponseError<void> {
  if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  try {
    return work();
  } catch (error) {
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    connection.console.error(`kube-audit-policy: ${name} failed: ${message}`);
    return new ResponseError(
      LSPErrorCodes.RequestFailed,
      `kube-audit-policy: ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
