// What the Node and the web extension share: the language client's options, the commands and
// the status item. Each entry point (node/extension.ts, browser/extension.ts) only creates its
// LanguageClient, with a server in a Node process or in a Web Worker, and hands it here.
import type * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { COLOURED_BY_THEIR_OWN_SERVER, DOCUMENT_SELECTOR } from './languages';
import type { Platform } from './platform';
import { registerLanguageStatus } from './status/languageStatus';
import type { LanguageStatusView } from './status/languageStatus';

export const CLIENT_ID = 'kubeAuditPolicy';
export const CLIENT_NAME = 'Kubernetes Audit Policy';

export function clientOptions(): LanguageClientOptions {
  return {
    // Every YAML document, whatever its scheme (file, untitled, vscode-remote, vscode-vfs on
    // github.dev, vscode-test-web): the server itself decides which ones are audit policies,
    // so other YAML gets nothing and Red Hat's YAML extension keeps serving it alongside.
    // Markdown docs hold policies in fenced yaml blocks; the server answers only inside those.
    // Shell scripts, Terraform files and Dockerfiles hold them in here-documents and objects.
    documentSelector: [...DOCUMENT_SELECTOR],
    synchronize: { configurationSection: 'kubeAuditPolicy' },
    middleware: {
      provideDocumentSemanticTokens: (document, token, next) => (ownColours(document) ? next(document, token) : null),
      provideDocumentSemanticTokensEdits: (document, previousResultId, token, next) =>
        ownColours(document) ? next(document, previousResultId, token) : null,
      provideDocumentRangeSemanticTokens: (document, range, token, next) =>
        ownColours(document) ? next(document, range, token) : null,
    },
  };
}

/** Whether our semantic tokens may colour the document: not where the host language's own server does. */
function ownColours(document: vscode.TextDocument): boolean {
  return !COLOURED_BY_THEIR_OWN_SERVER.has(document.languageId);
}

/** What `activate` returns to other extensions (and to the extension-host tests). */
export interface ExtensionApi {
  /** What the language status item shows for the active YAML file. */
  languageStatus(): LanguageStatusView;
}

let running: BaseLanguageClient | undefined;

export async function startExtension(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
  platform: Platform,
): Promise<ExtensionApi> {
  running = client;
  const accessor = () => running;
  registerCommands(context, accessor, platform);
  const languageStatus = registerLanguageStatus(context, accessor);
  await client.start();
  return { languageStatus };
}

export async function stopExtension(): Promise<void> {
  await running?.stop();
  running = undefined;
}
