// Shared helpers for the extension-host tests. Everything waits on VS Code events with an
// upper bound, never on a fixed sleep: a test is as fast as the server and fails with the
// state it saw when the bound is reached.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kube-audit-policy.kube-audit-policy';
export const SOURCE = 'kube-audit-policy';
export const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Upper bound for anything the language server has to do; generous for a loaded 2-core CI. */
export const WAIT_MS = 20_000;

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the test/e2e/workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  // activate() resolves after the extension's activate(), which awaits client.start().
  await ext.activate();
  return ext;
}

/** Opens a fixture in an editor (this is what starts the extension: onLanguage:yaml, or the
 *  language given). */
export async function openFixture(name: string, languageId = 'yaml'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(doc.languageId, languageId, `${name} should open as ${languageId}`);
  await activateExtension();
  return editor;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

function describeDiagnostics(doc: vscode.TextDocument | undefined, diags: vscode.Diagnostic[]): string {
  if (!diags.length) return '(none)';
  return diags
    .map((d) => {
      const text = doc ? JSON.stringify(doc.getText(d.range)) : `${d.range.start.line}:${d.range.start.character}`;
      return `${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} on ${text}: ${d.message}`;
    })
    .join('; ');
}

/**
 * Resolves with this extension's diagnostics for `uri` as soon as `predicate` holds for
 * them, checking now and on every onDidChangeDiagnostics for that uri.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const finish = (): void => {
      settled = true;
      sub.dispose();
      clearTimeout(timer);
    };
    const check = (): void => {
      if (settled) return;
      const diags = ours(uri);
      if (predicate(diags)) {
        finish();
        resolve(diags);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      finish();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${describeDiagnostics(doc, ours(uri))}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** Waits until the server has published anything for the document (it checked the file). */
export function waitForAnyDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (d) => d.length > 0, `diagnostics from ${SOURCE}`);
}

/** Position of the `occurrence`-th (0-based) match of `needle`, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} (occurrence ${occurrence}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

export function summarize(doc: vscode.TextDocument, diags: vscode.Diagnostic[]): string {
  return describeDiagnostics(doc, diags);
}

/** Restores a fixture that a test edited, so later tests (and reruns) see it as committed. */
export async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

/** The extension host the suite was built for (build.mjs): Node, or the web worker of VS Code for the Web. */
declare const KAP_E2E_HOST: 'node' | 'web-worker';
export const HOST = KAP_E2E_HOST;

/**
 * Resolves with `read()` once `predicate` holds for it. For state that VS Code announces with no
 * event (the language status item, an open QuickPick): checked every 100 ms, up to the bound.
 */
export async function poll<T>(
  read: () => T | Promise<T>,
  predicate: (value: T) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > until)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Accepts the active item of the QuickPick that `command` (already running) opens, and resolves
 * with the command's result: the QuickPick has no event of its own, so acceptance is retried
 * until the command finishes.
 */
export async function acceptQuickPick<T>(command: Thenable<T>, timeoutMs = WAIT_MS): Promise<T> {
  let done = false;
  const result = Promise.resolve(command).finally(() => (done = true));
  await poll(
    async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    },
    (finished) => finished,
    'the QuickPick to be accepted',
    timeoutMs,
  );
  return result;
}

export interface ShownMessages {
  readonly texts: string[];
  restore(): void;
}

/**
 * Records the information and error messages the extension shows until `restore()`. The suite runs
 * inside the extension's own folder, so VS Code gives it the extension's own `vscode` API object:
 * what is put here is what the extension calls. The messages still go to VS Code.
 */
export function captureMessages(): ShownMessages {
  const window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  const info = window.showInformationMessage;
  const error = window.showErrorMessage;
  const texts: string[] = [];
  window.showInformationMessage = ((message: string, ...rest: never[]) => {
    texts.push(message);
    return info(message, ...rest);
  }) as typeof info;
  window.showErrorMessage = ((message: string, ...rest: never[]) => {
    texts.push(message);
    return error(message, ...rest);
  }) as typeof error;
  return {
    texts,
    restore: () => {
      window.showInformationMessage = info;
      window.showErrorMessage = error;
    },
  };
}
