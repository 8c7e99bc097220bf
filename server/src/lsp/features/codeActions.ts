// textDocument/codeAction -> quick fixes and source.fixAll from the language service.
import { CodeActionKind } from 'vscode-languageserver';
import type { ServerCapabilities } from 'vscode-languageserver';
import { hostCodeActions, hostFixAll } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

export const codeActionsFeature: LspFeature = {
  register(context) {
    context.connection.onCodeAction((params, token) =>
      forPolicy(
        context,
        'code actions',
        params,
        token,
        [],
        (host) => {
          const settings = context.settings().service;
          const actions = hostCodeActions(host, params.range, params.context, settings);
          // In a host file, fix-all covers every policy it holds, not only the one under the cursor.
          const wantsFixAll = params.context.only?.some((o) => CodeActionKind.SourceFixAll.startsWith(o));
          if (host.kind !== 'host' || !wantsFixAll) return actions;
          const all = hostFixAll(host, settings);
          return [...actions.filter((a) => a.kind !== CodeActionKind.SourceFixAll), ...(all ? [all] : [])];
        },
        ['range', 'context'],
      ),
    );
  },
};

export function codeActionsCapabilities(): Partial<ServerCapabilities> {
  return {
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll],
      resolveProvider: false,
    },
  };
}
