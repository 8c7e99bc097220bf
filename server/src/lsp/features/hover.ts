// textDocument/hover -> the language service's doHover.
import type { ServerCapabilities } from 'vscode-languageserver';
import { doHover } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

export const hoverFeature: LspFeature = {
  register(context) {
    context.connection.onHover((params, token) => forPolicy(context, 'hover', params, token, null, (doc) => doHover(doc, params.position, context.settings().service)));
  },
};

export function hoverCapabilities(): Partial<ServerCapabilities> {
  return { hoverProvider: true };
}
