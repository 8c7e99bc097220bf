// textDocument/hover -> the language service's doHover.
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { doHover } from '../../service';
import type { LspFeature } from '../context';
import { runSafe } from '../safe';

export const hoverFeature: LspFeature = {
  register(context) {
    context.connection.onHover((params, token) => {
      const uri = params.textDocument.uri;
      return runSafe(context.connection, 'hover', token, () => {
        const doc = context.getDocument(uri);
        return doc && context.isPolicy(uri) ? doHover(doc, params.position, context.settings().service) : null;
      });
    });
  },
};

export function hoverCapabilities(): Partial<ServerCapabilities> {
  return { hoverProvider: true };
}
