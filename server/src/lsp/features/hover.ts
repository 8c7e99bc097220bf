// textDocument/hover -> the language service's doHover.
import type { ServerCapabilities } from 'vscode-languageserver';
import { hostHover, isTestFileName } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';
import { runSafe } from '../safe';
import { testFileHoverAt } from './policyTests';

export const hoverFeature: LspFeature = {
  register(context) {
    context.connection.onHover((params, token) =>
      isTestFileName(String(params?.textDocument?.uri ?? ''))
        ? runSafe(context.connection, 'hover', token, () =>
            testFileHoverAt(context, params.textDocument.uri, params.position),
          )
        : forPolicy(
            context,
            'hover',
            params,
            token,
            null,
            (host) => hostHover(host, params.position, context.settings().service),
            ['position'],
          ),
    );
  },
};

export function hoverCapabilities(): Partial<ServerCapabilities> {
  return { hoverProvider: true };
}
