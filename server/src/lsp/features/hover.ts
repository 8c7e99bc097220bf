// textDocument/hover -> the language service's doHover.
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { hostHover } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

export const hoverFeature: LspFeature = {
  register(context) {
    context.connection.onHover((params, token) => forPolicy(context, 'hover', params, token, null, (host) => hostHover(host, params.position, context.settings().service)));
  },
};

export function hoverCapabilities(): Partial<ServerCapabilities> {
  return { hoverProvider: true };
}
