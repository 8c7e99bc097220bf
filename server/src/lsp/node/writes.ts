// When what the server has written has gone out. A 2 MB publication leaves through a 64 KB pipe only
// while the event loop runs, so work done right after writing it (server.ts settleSoon: go-yaml's
// reading of a policy just opened) holds the rest of it back, and the client waits for both. The
// server does such work once written() resolves: over stdio when the stream's write has called back,
// over node IPC when process.send has.
import { AbstractMessageWriter } from 'vscode-languageserver/node';
import type { Message, MessageWriter } from 'vscode-languageserver/node';

export interface TrackedWriter {
  readonly writer: MessageWriter;
  /** Resolves once every message written so far has gone out (or failed to). */
  written(): Promise<void>;
}

/** The writer, its writes followed: they go out in order (one at a time), so the last one's end is
 *  the end of them all. */
export function trackWrites(writer: MessageWriter): TrackedWriter {
  let last: Promise<void> = Promise.resolve();
  const write = writer.write.bind(writer);
  writer.write = (message: Message): Promise<void> => {
    const sent = write(message);
    last = sent.then(
      () => undefined,
      () => undefined,
    );
    return sent;
  };
  return { writer, written: () => last };
}

/** vscode-jsonrpc's IPCMessageWriter, but a write resolves when process.send calls back (its own
 *  resolves at once). */
export class ProcessMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly child: NodeJS.Process) {
    super();
    child.on('error', (error: Error) => this.fireError(error));
    child.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.child.send!(message, undefined, undefined, (error: Error | null) => {
          if (error) {
            this.fireError(error, message, ++this.errorCount);
            reject(error);
          } else {
            this.errorCount = 0;
            resolve();
          }
        });
      } catch (error) {
        this.fireError(error as Error, message, ++this.errorCount);
        reject(error as Error);
      }
    });
  }

  end(): void {}
}
