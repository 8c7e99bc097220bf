// `kubeAuditPolicy.selectKubernetesVersion`: picks the Kubernetes version whose kube-apiserver
// reads the policy, from a list that says what changes at each version, and writes the
// `kubeAuditPolicy.kubernetesVersion` setting for the workspace when one is open (or already
// sets it), else for the user. Only the version table is
// read from the service (not its index), so the client bundle stays small.
import * as vscode from 'vscode';
import {
  NEWEST_MINOR,
  OLDEST_MINOR,
  VERSION_FACTS,
  formatMinor,
  parseKubernetesVersion,
} from '../../../server/src/service/catalogue/versions';

export const SELECT_VERSION_COMMAND = 'kubeAuditPolicy.selectKubernetesVersion';
const SECTION = 'kubeAuditPolicy';
const KEY = 'kubernetesVersion';

/** What changes for a policy from this version on (kubernetes/kubernetes commits in versions.ts). */
const CHANGES: Readonly<Record<number, string>> = {
  [VERSION_FACTS.wildcardGroupMinor]: 'group: "*" is accepted',
  [VERSION_FACTS.strictDecodingMinor]: 'unknown fields are logged by kube-apiserver',
  [VERSION_FACTS.betaRemovedMinor]: 'only audit.k8s.io/v1 loads',
  [VERSION_FACTS.omitManagedFieldsMinor]: 'omitManagedFields',
  [VERSION_FACTS.betaDeprecatedMinor]: 'v1alpha1 and v1beta1 load with a warning',
};

interface VersionItem extends vscode.QuickPickItem {
  readonly version: string;
}

export function registerSelectVersionCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SELECT_VERSION_COMMAND, async (arg?: unknown): Promise<string | undefined> => {
      const scope = vscode.window.activeTextEditor?.document.uri;
      const config = vscode.workspace.getConfiguration(SECTION, scope);
      const current = config.get<string>(KEY) ?? formatMinor(NEWEST_MINOR);
      const version = typeof arg === 'string' ? arg : (await pickVersion(current))?.version;
      if (version === undefined) return undefined;
      const minor = parseKubernetesVersion(version);
      if (minor === undefined) {
        void vscode.window.showErrorMessage(
          `"${version}" is not a Kubernetes version from 1.${OLDEST_MINOR} on, like 1.30.`,
        );
        return undefined;
      }
      const normalized = formatMinor(minor);
      await config.update(KEY, normalized, target(config));
      return normalized;
    }),
  );
}

function pickVersion(current: string): Thenable<VersionItem | undefined> {
  const items: VersionItem[] = [];
  for (let minor = NEWEST_MINOR; minor >= OLDEST_MINOR; minor--) {
    const version = formatMinor(minor);
    items.push({
      label: version,
      version,
      description: [version === current ? 'current' : '', minor === NEWEST_MINOR ? 'default' : '']
        .filter(Boolean)
        .join(', '),
      detail: CHANGES[minor] ? `From ${version}: ${CHANGES[minor]}` : undefined,
      picked: version === current,
    });
  }
  return vscode.window.showQuickPick(items, {
    title: 'Kubernetes version of the kube-apiserver that reads the policy',
    placeHolder: `Now ${current}. The checks follow it: what this version refuses is an error.`,
    matchOnDetail: true,
  });
}

/** The workspace's settings win over the user's, so a workspace gets the change; the setting is
 *  window-scoped (the server reads one value), so never a folder's settings. */
function target(config: vscode.WorkspaceConfiguration): vscode.ConfigurationTarget {
  const set = config.inspect<string>(KEY);
  if (set?.workspaceValue !== undefined || vscode.workspace.workspaceFolders?.length)
    return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}
