// A file that holds several policies (a ConfigMap, a Markdown doc...) and a request that named none
// of them (the cursor was in none): the server refuses it with their paths (ChoosePolicyData);
// the user picks one and the request goes again with it, as the command line's --embedded-at.
import * as vscode from 'vscode';
import type { ChoosePolicyData } from '../../server/src/lsp/protocol';

/** The paths to pick from and the parameter to send the pick in, when the error is that refusal. */
export function policiesToChoose(error: unknown): ChoosePolicyData | undefined {
  const data = (error as { data?: { embeddedAt?: unknown; param?: unknown } } | undefined)?.data;
  const paths = data?.embeddedAt;
  return Array.isArray(paths) && paths.every((p) => typeof p === 'string')
    ? { embeddedAt: paths, param: typeof data?.param === 'string' ? data.param : 'embeddedAt' }
    : undefined;
}

/** Sends `params`; while the server asks which policy, offers the paths and sends again with the
 *  one picked. Undefined when the user dismisses the pick; other errors are thrown. A parameter is
 *  picked once: a second refusal for it is thrown, not asked again. */
export async function sendPickingPolicy<P extends object, R>(
  send: (params: P) => Thenable<R>,
  params: P,
  title: string,
): Promise<R | undefined> {
  let sent: P = params;
  const picked = new Set<string>();
  for (;;) {
    try {
      return await send(sent);
    } catch (error) {
      const choose = policiesToChoose(error);
      if (!choose || picked.has(choose.param)) throw error;
      const older = choose.param === 'oldEmbeddedAt';
      const path = await vscode.window.showQuickPick([...choose.embeddedAt], {
        title,
        placeHolder: `${older ? 'The older version of this file' : 'This file'} holds several policies: which one?`,
      });
      if (path === undefined) return undefined;
      picked.add(choose.param);
      sent = { ...sent, [choose.param]: path };
    }
  }
}
