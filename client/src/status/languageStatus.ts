// The language status item of YAML files (the `{}` beside "YAML" in the status bar, as
// vscode-eslint has): whether the active file is checked as an audit policy and for which
// Kubernetes version, with a link to change the version. The server answers (kubeAuditPolicy/status),
// so the item says exactly what the diagnostics follow.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import { STATUS_METHOD } from '../../../server/src/lsp/protocol';
import type { StatusParams, StatusResult } from '../../../server/src/lsp/protocol';
import type { ClientAccessor } from '../commands';
import { SELECT_VERSION_COMMAND } from './selectVersion';

const LANGUAGE_STATUS_ID = 'kubeAuditPolicy.status';
/** Typing changes whether a file is a policy; ask again once the typing pauses. */
const TYPING_PAUSE_MS = 300;

/** What the item shows, as returned to tests through the extension's exports. */
export interface LanguageStatusView {
  readonly document: string | undefined;
  readonly text: string;
  readonly detail: string | undefined;
  readonly severity: 'information' | 'warning';
  /** The command of the item's link. */
  readonly command: string | undefined;
}

export function registerLanguageStatus(
  context: vscode.ExtensionContext,
  client: ClientAccessor,
): () => LanguageStatusView {
  const item = vscode.languages.createLanguageStatusItem(LANGUAGE_STATUS_ID, { language: 'yaml' });
  item.name = 'Kubernetes Audit Policy';
  item.command = {
    title: 'Change version',
    command: SELECT_VERSION_COMMAND,
    tooltip: 'Pick the Kubernetes version the checks follow',
  };
  let shownFor: string | undefined;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = async (): Promise<void> => {
    const ask = ++generation;
    const document = vscode.window.activeTextEditor?.document;
    const languageClient = client();
    if (!document || document.languageId !== 'yaml' || !languageClient || languageClient.state !== State.Running) {
      item.busy = false;
      return;
    }
    item.busy = true;
    try {
      const params: StatusParams = { textDocument: { uri: languageClient.code2ProtocolConverter.asUri(document.uri) } };
      const status = await languageClient.sendRequest<StatusResult>(STATUS_METHOD, params);
      if (ask !== generation) return; // a newer question is on its way
      Object.assign(item, describe(status));
      shownFor = document.uri.toString();
    } catch {
      if (ask === generation)
        Object.assign(item, {
          text: 'Audit policy: no answer',
          detail: 'The language server did not answer; see its output.',
          severity: vscode.LanguageStatusSeverity.Warning,
        });
    } finally {
      if (ask === generation) item.busy = false;
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), TYPING_PAUSE_MS);
  };

  const languageClient = client();
  context.subscriptions.push(
    item,
    { dispose: () => clearTimeout(timer) },
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidOpenTextDocument((d) => d === vscode.window.activeTextEditor?.document && void refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && later()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kubeAuditPolicy') && later()),
    ...(languageClient ? [languageClient.onDidChangeState((e) => e.newState === State.Running && void refresh())] : []),
  );
  void refresh();
  return () => ({
    document: shownFor,
    text: item.text,
    detail: item.detail,
    severity: item.severity === vscode.LanguageStatusSeverity.Warning ? 'warning' : 'information',
    command: item.command?.command,
  });
}

function describe(status: StatusResult): Pick<vscode.LanguageStatusItem, 'text' | 'detail' | 'severity'> {
  const version = `Kubernetes ${status.kubernetesVersion}`;
  switch (status.checkedAs) {
    case 'policy':
      return {
        text: `Audit policy · ${version}`,
        detail: `Checked as kube-apiserver ${status.kubernetesVersion} reads it`,
        severity: vscode.LanguageStatusSeverity.Information,
      };
    case 'files':
      return {
        text: `Audit policy · ${version}`,
        detail: 'Checked because kubeAuditPolicy.files names it',
        severity: vscode.LanguageStatusSeverity.Information,
      };
    case 'embedded': {
      const count = status.embedded === 1 ? 'an audit policy' : `${status.embedded} audit policies`;
      return {
        text: `Holds ${count} · ${version}`,
        detail: `Checked where ${status.embedded === 1 ? 'it sits' : 'they sit'}, as kube-apiserver ${status.kubernetesVersion} reads them`,
        severity: vscode.LanguageStatusSeverity.Information,
      };
    }
    case 'later-policy':
      return {
        text: `Audit policy not first · ${version}`,
        detail: 'kube-apiserver reads only the first YAML document',
        severity: vscode.LanguageStatusSeverity.Warning,
      };
    case 'other':
      return {
        text: 'Not an audit policy',
        detail: 'Checked when it says apiVersion: audit.k8s.io/v1 or kubeAuditPolicy.files names it',
        severity: vscode.LanguageStatusSeverity.Information,
      };
  }
}
