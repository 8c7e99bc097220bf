// The message encoder of the stdio transport. LSP sends every diagnostic of a document again after
// each change, and a long-grown policy has thousands: serialising 4,000 diagnostics (2 MB of JSON)
// on every keystroke costs more than checking the change. The service reuses a Diagnostic object
// while its finding and place are unchanged (validate.ts), so its bytes are kept with it here and a
// publication is assembled from them. Every other message is encoded as vscode-jsonrpc does.
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}}');

interface Params {
  readonly diagnostics?: unknown;
  readonly [key: string]: unknown;
}

export function diagnosticsEncoder(): ContentTypeEncoder {
  const bytes = new WeakMap<object, Buffer>();
  const of = (diagnostic: object): Buffer => {
    let encoded = bytes.get(diagnostic);
    if (!encoded) {
      encoded = Buffer.from(JSON.stringify(diagnostic), 'utf8');
      bytes.set(diagnostic, encoded);
    }
    return encoded;
  };
  return {
    name: 'application/json',
    encode(msg: Message): Promise<Uint8Array> {
      const { jsonrpc, method, params } = msg as { jsonrpc: string; method?: string; params?: Params };
      if (method !== PUBLISH || !params || !Array.isArray(params.diagnostics)) {
        return Promise.resolve(Buffer.from(JSON.stringify(msg), 'utf8'));
      }
      const { diagnostics, ...rest } = params;
      // `{"jsonrpc":...,"params":{"uri":...}}` without its closing braces, then the diagnostics last.
      const head = JSON.stringify({ jsonrpc, method, params: rest }).slice(0, -2);
      const parts: Buffer[] = [Buffer.from(`${head}${head.endsWith('{') ? '' : ','}"diagnostics":[`, 'utf8')];
      diagnostics.forEach((d: unknown, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(d !== null && typeof d === 'object' ? of(d) : Buffer.from(JSON.stringify(d) ?? 'null', 'utf8'));
      });
      parts.push(CLOSE);
      return Promise.resolve(Buffer.concat(parts));
    },
  };
}
