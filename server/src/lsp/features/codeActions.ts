// textDocument/codeAction -> quick fixes and source.fixAll from the language service.
import { CodeActionKind } from 'vscode-languageserver';
import type { ServerCapabilities } from 'vscode-languageserver';
import { doCodeActions } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

export const codeActionsFeature: LspFeature = {
  register(context) {
    context.connection.onCodeAction((params, token) =>
      forPolicy(context, 'code actions', params, token, [], (doc) => doCodeActions(doc, params.range, params.context, context.settings().service)),
    );
  },
};

export function codeActionsCapabilities(): Partial<ServerCapabilities> {
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false } };
}
