// Asks for the request to explain: a QuickPick whose first item is what the user types and
// whose other items are the recent requests, so a request can be typed fresh or picked again.
import * as vscode from 'vscode';

const REQUEST_FORMAT = '[USER] [groups=G1,G2] METHOD /path';
const EXAMPLE = 'alice DELETE /api/v1/namespaces/prod/pods/webapp-pod';

interface RequestItem extends vscode.QuickPickItem {
  readonly request?: string;
}

export function askForRequest(recent: readonly string[]): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<RequestItem>();
  pick.title = 'Explain a request';
  pick.placeholder = `${REQUEST_FORMAT}, for example ${EXAMPLE}`;
  pick.ignoreFocusOut = true;
  const recentItems: RequestItem[] = recent.length
    ? [
        { label: 'recent requests', kind: vscode.QuickPickItemKind.Separator },
        ...recent.map((r) => ({ label: r, request: r })),
      ]
    : [];
  const update = (): void => {
    const typed = pick.value.trim();
    const fresh: RequestItem[] =
      typed && !recent.includes(typed)
        ? [{ label: typed, request: typed, description: 'explain this request', alwaysShow: true }]
        : [];
    pick.items = [...fresh, ...recentItems];
  };
  update();
  return new Promise((resolve) => {
    let answered = false;
    pick.onDidChangeValue(update);
    pick.onDidAccept(() => {
      const request = pick.selectedItems[0]?.request ?? pick.value.trim();
      if (!request) return; // nothing typed and nothing picked: keep asking
      answered = true;
      resolve(request);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!answered) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
