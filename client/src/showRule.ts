// `kubeAuditPolicy.showRule`: selects a rule's text in its policy and scrolls to it. The rule links
// of the explain view and of the replay report run it (command URIs), and so does the explain
// command for the deciding rule.
import * as vscode from 'vscode';

export const SHOW_RULE_COMMAND = 'kubeAuditPolicy.showRule';

/** The rule's range as the language server sends it (0-based lines and characters). */
export interface ProtocolRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export function registerShowRuleCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_COMMAND, async (uri: unknown, range: unknown): Promise<boolean> => {
      if (typeof uri !== 'string' || !isRange(range)) return false;
      await showRule(vscode.Uri.parse(uri), range);
      return true;
    }),
  );
}

/** Selects the rule, cursor at its start, in the editor that shows the policy (or a new one). */
export async function showRule(uri: vscode.Uri, range: ProtocolRange): Promise<vscode.TextEditor> {
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    preview: false,
  });
  const last = editor.document.lineCount - 1;
  const at = (p: ProtocolRange['start']) =>
    editor.document.validatePosition(new vscode.Position(Math.min(p.line, last), p.character));
  editor.selection = new vscode.Selection(at(range.end), at(range.start));
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

function isRange(value: unknown): value is ProtocolRange {
  const isCount = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;
  const isPosition = (p: unknown): boolean =>
    !!p &&
    typeof p === 'object' &&
    isCount((p as { line?: unknown }).line) &&
    isCount((p as { character?: unknown }).character);
  return (
    !!value &&
    typeof value === 'object' &&
    isPosition((value as ProtocolRange).start) &&
    isPosition((value as ProtocolRange).end)
  );
}
