// Policy test files in the editor: diagnostics at failing cases, a CodeLens per case and per file
// that runs them (the `kubeAuditPolicy.runTests` command, run by the server so that every editor
// has it), and the cases run again whenever their policy changes. Open policies are also checked
// against the requirement packs named in kubeAuditPolicy.requirements, at the deciding rule, and so
// are the policies embedded in other files.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  MessageType,
  ShowDocumentRequest,
  ShowMessageNotification,
} from 'vscode-languageserver';
import type {
  ClientCapabilities,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  ServerCapabilities,
} from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';
import {
  decodeRule,
  detectPolicy,
  explain,
  failureMessage,
  isTestFileName,
  parseTestFile,
  refusalCount,
  RegionTranslator,
  requirementPack,
  runSuite,
  selectionProblem,
  selectPolicy,
  testFileCompletions,
  testFileHover,
  translators,
} from '../../service';
import type { CaseResult, PolicyDocument, SuiteResult, TestFile } from '../../service';
import type { LspFeature, ServerContext } from '../context';
import { runSafe } from '../safe';

export const RUN_TESTS_COMMAND = 'kubeAuditPolicy.runTests';
const SOURCE = 'kube-audit-policy';

interface TestRun {
  readonly file: TestFile;
  readonly policyUri?: string;
  readonly policy?: PolicyDocument;
  readonly policyError?: string;
  /** The test file's `embeddedAt` names no policy of the file: the error is said there. */
  readonly wrongPath?: boolean;
  readonly suite?: SuiteResult;
}

/** Why a test file's policy cannot be run against. */
interface NoPolicy {
  readonly message: string;
  readonly wrongPath?: boolean;
}

/** Whether the client opens documents the server asks for (window/showDocument, LSP 3.16). */
let canShowDocuments = false;
/** Policies already asked for, so that a closed policy is not opened again on every keystroke. */
const asked = new Set<string>();

/** The policy a test file names, from the editor: the server reads no files of its own. When it is
 *  not open, the client is asked to open it (in the background); it then arrives with didOpen and
 *  the test files that name it run again. In a file that holds several policies, the one the test
 *  file's `embeddedAt` names, chosen and refused as the command line chooses and refuses it. */
function readPolicy(context: ServerContext, uri: string, embeddedAt: string | undefined): RegionTranslator | NoPolicy {
  const name = URI.parse(uri).scheme === 'file' ? URI.parse(uri).fsPath : uri;
  const host = context.getHost(uri);
  if (host) {
    const selected = selectPolicy(host, { embeddedAt });
    if (selected.policy) return new RegionTranslator(host, selected.policy);
    const message = selectionProblem(name, host, selected, { embeddedAt }, '`embeddedAt`');
    return { message, wrongPath: selected.problem === 'not-at-path' };
  }
  if (canShowDocuments && !asked.has(uri)) {
    asked.add(uri);
    void context.connection.sendRequest(ShowDocumentRequest.type, { uri, takeFocus: false }).catch(() => undefined);
    return { message: `opening the policy ${name} to run the cases` };
  }
  return {
    message: `open the policy ${name} in the editor to run the cases (the language server reads only open documents)`,
  };
}

function policyUriOf(testUri: string, file: TestFile): string | undefined {
  if (file.policy === undefined) return undefined;
  const base = URI.parse(testUri);
  return Utils.resolvePath(Utils.dirname(base), file.policy).toString();
}

/** An open test file: its text and positions (a test file is no policy, so it has no PolicyDocument). */
interface OpenTests {
  readonly text: string;
  positionAt(offset: number): { line: number; character: number };
}

function openTests(context: ServerContext, uri: string): OpenTests | undefined {
  const doc = context.documents.get(uri);
  return doc ? { text: doc.getText(), positionAt: (offset) => doc.positionAt(offset) } : undefined;
}

export function runTestDocument(context: ServerContext, uri: string, doc: OpenTests): TestRun {
  const file = parseTestFile(doc.text);
  const policyUri = policyUriOf(uri, file);
  if (policyUri === undefined) return { file, policyError: 'the test file names no `policy`' };
  const policy = readPolicy(context, policyUri, file.embeddedAt);
  if (!(policy instanceof RegionTranslator))
    return { file, policyUri, policyError: policy.message, ...(policy.wrongPath ? { wrongPath: true } : {}) };
  // Refusals counted as lint counts them: nothing a host fills in (a template directive) is an error.
  const minor = context.settings().service.kubernetesMinor;
  const suite = runSuite(file, policy.policy.doc, minor, (settings) => refusalCount(policy, settings));
  return { file, policyUri, policy: policy.policy.doc, suite };
}

function testDiagnostics(context: ServerContext, uri: string): Diagnostic[] {
  const doc = openTests(context, uri);
  if (!doc) return [];
  const run = runTestDocument(context, uri, doc);
  const range = (span: { start: number; end: number }) => ({
    start: doc.positionAt(span.start),
    end: doc.positionAt(span.end),
  });
  const error = (span: { start: number; end: number }, code: string, message: string): Diagnostic => ({
    range: range(span),
    severity: DiagnosticSeverity.Error,
    code,
    source: SOURCE,
    message,
  });
  const out = run.file.problems.map((p) => error(p, 'test-file', p.message));
  const policySpan = run.file.policySpan ?? { start: 0, end: 0 };
  const errorSpan = (run.wrongPath && run.file.embeddedAtSpan) || policySpan;
  if (run.policyError) out.push(error(errorSpan, 'test-policy', run.policyError));
  if (run.suite?.refused) out.push(error(policySpan, 'test-policy', run.suite.refused));
  for (const r of run.suite?.results ?? []) {
    if (r.passed || !r.case.request) continue;
    out.push({
      ...error(r.case.requestSpan, 'test-failed', `${r.case.name ? `${r.case.name}: ` : ''}${failureMessage(r)}`),
      data: { case: r.case.index },
    });
  }
  return out;
}

/** Where a requirement that fails is shown: the deciding rule, or the `rules` key when none decides. */
function requirementRange(doc: PolicyDocument, result: CaseResult) {
  const rule = result.actual?.rule;
  if (rule !== null && rule !== undefined && doc.parsed.rules[rule]) {
    const item = doc.parsed.rules[rule];
    const anchor = decodeRule(item.node).anchor;
    return { start: doc.lines.positionAt(item.base + anchor.start), end: doc.lines.positionAt(item.base + anchor.end) };
  }
  const root = doc.parsed.root;
  const rules = root?.kind === 'map' ? root.pairs.find((p) => p.key.value === 'rules') : undefined;
  const span = rules ? rules.key : { start: 0, end: 0 };
  return { start: doc.lines.positionAt(span.start), end: doc.lines.positionAt(span.end) };
}

function requirementDiagnostics(context: ServerContext, uri: string): Diagnostic[] {
  const packs = context.settings().requirements;
  if (packs.length === 0 || isTestFileName(uri) || !context.isPolicy(uri)) return [];
  const host = context.getHost(uri);
  if (!host) return [];
  // A policy file, or each policy embedded in a host file (a ConfigMap, a kubeadm or kind config,
  // a Helm values file...): the requirement is about the policy kube-apiserver will read either way.
  return translators(host).flatMap((t) =>
    detectPolicy(t.policy.doc.parsed) !== 'policy'
      ? []
      : packs.flatMap((name) =>
          unmetRequirements(context, t, name).map((d) =>
            t.identity
              ? d
              : { ...d, range: t.toHostRange(d.range), data: { ...d.data, embeddedAt: t.policy.region.hostPath } },
          ),
        ),
  );
}

function unmetRequirements(context: ServerContext, t: RegionTranslator, name: string) {
  const pack = requirementPack(name);
  if (!pack) return [];
  const doc = t.policy.doc;
  // The version the user set decides whether kube-apiserver loads the policy; lint reports that,
  // as it counts: nothing the host fills in (a template directive) is an error.
  const minor = context.settings().service.kubernetesMinor;
  return runSuite(pack, doc, minor, (settings) => refusalCount(t, settings)).results.flatMap((r) =>
    r.passed || !r.actual
      ? []
      : [
          {
            range: requirementRange(doc, r),
            severity: DiagnosticSeverity.Warning,
            code: 'requirement-not-met',
            source: SOURCE,
            message: `${name} requirement "${r.case.name ?? r.case.requestText}" is not met for ${r.case.requestText}: ${failureMessage(r)}. Source: ${r.case.source ?? name}`,
            data: { pack: name, case: r.case.index } as Record<string, unknown>,
          } satisfies Diagnostic,
        ],
  );
}

function codeLenses(context: ServerContext, uri: string, doc: OpenTests): CodeLens[] {
  const run = runTestDocument(context, uri, doc);
  const at = (offset: number) => ({ start: doc.positionAt(offset), end: doc.positionAt(offset) });
  const results = run.suite?.results ?? [];
  const passed = results.filter((r) => r.passed).length;
  const summary = run.suite ? `${passed} passed, ${results.length - passed} failed` : (run.policyError ?? 'not run');
  const lenses: CodeLens[] = [
    {
      range: at(0),
      command: {
        title: `Run all ${run.file.cases.length} cases (${summary})`,
        command: RUN_TESTS_COMMAND,
        arguments: [uri],
      },
    },
  ];
  for (const r of results) {
    const state = !r.actual ? 'cannot run' : r.passed ? `passes: ${r.actual.level}` : `fails: ${r.actual.level}`;
    const by = r.actual ? (r.actual.rule === null ? ', no rule' : `, rule #${r.actual.rule + 1}`) : '';
    lenses.push({
      range: at(r.case.span.start),
      command: {
        title: `Run case ${r.case.index + 1} (${state}${by})`,
        command: RUN_TESTS_COMMAND,
        arguments: [uri, r.case.index],
      },
    });
  }
  return lenses;
}

export interface RunTestsResult {
  readonly passed: number;
  readonly failed: number;
  readonly messages: readonly string[];
}

function runCommand(context: ServerContext, uri: unknown, index: unknown): RunTestsResult {
  if (typeof uri !== 'string') throw new Error(`${RUN_TESTS_COMMAND} needs the test file's uri`);
  const doc = openTests(context, uri);
  if (!doc) throw new Error(`${uri} is not an open document`);
  const run = runTestDocument(context, uri, doc);
  if (!run.suite) return { passed: 0, failed: 0, messages: [run.policyError ?? 'not run'] };
  const results = run.suite.results.filter((r) => typeof index !== 'number' || r.case.index === index);
  const failedResults = results.filter((r) => !r.passed);
  context.republish(uri);
  const messages = failedResults.map((r) => `case ${r.case.index + 1}: ${r.case.requestText}: ${failureMessage(r)}`);
  const passed = results.length - failedResults.length;
  const summary = `${passed} passed, ${failedResults.length} failed${run.suite.refused ? ` (${run.suite.refused})` : ''}`;
  // A notification, not window/showMessageRequest: nothing waits for an answer the client may not give.
  const type = failedResults.length > 0 || run.suite.refused ? MessageType.Warning : MessageType.Info;
  void context.connection.sendNotification(ShowMessageNotification.type, {
    type,
    message: `Audit policy tests: ${summary}`,
  });
  return { passed, failed: failedResults.length, messages };
}

export const policyTestsFeature: LspFeature = {
  register(context) {
    context.addDiagnostics((uri) =>
      isTestFileName(uri) ? testDiagnostics(context, uri) : requirementDiagnostics(context, uri),
    );
    context.addCodeLenses((uri) => {
      const doc = isTestFileName(uri) ? openTests(context, uri) : undefined;
      return doc ? codeLenses(context, uri, doc) : [];
    });
    context.connection.onExecuteCommand((params, token) =>
      runSafe(context.connection, 'runTests', token, () =>
        params.command === RUN_TESTS_COMMAND ? runCommand(context, params.arguments?.[0], params.arguments?.[1]) : null,
      ),
    );
    // A policy changed: the open test files that run against it run again.
    context.documents.onDidChangeContent((change) => {
      const changed = change.document.uri;
      if (isTestFileName(changed)) return;
      for (const d of context.documents.all()) {
        if (!isTestFileName(d.uri)) continue;
        if (policyUriOf(d.uri, parseTestFile(d.getText())) === changed) context.republish(d.uri);
      }
    });
  },
};

export function policyTestsCapabilities(client: ClientCapabilities): Partial<ServerCapabilities> {
  canShowDocuments = client.window?.showDocument?.support === true;
  return { codeLensProvider: { resolveProvider: false }, executeCommandProvider: { commands: [RUN_TESTS_COMMAND] } };
}

/** Hover and completion in test files, for the hover and completion features to hand over to. */
export function testFileHoverAt(context: ServerContext, uri: string, position: { line: number; character: number }) {
  const doc = openTests(context, uri);
  if (!doc) return null;
  const run = runTestDocument(context, uri, doc);
  return testFileHover(doc.text, position, run.policy ? (request) => explain(run.policy!, request) : undefined);
}

export function testFileCompletionAt(
  context: ServerContext,
  uri: string,
  position: { line: number; character: number },
): CompletionList {
  const doc = openTests(context, uri);
  if (!doc) return { isIncomplete: false, items: [] };
  return (
    embeddedAtCompletions(context, uri, doc, position) ??
    testFileCompletions(doc.text, position, context.settings().service.kubernetesMinor)
  );
}

/** On the `embeddedAt:` line: the paths of the policies the test file's policy file holds, when it
 *  is open (the server reads no files), single-quoted so that any path is one YAML string. */
function embeddedAtCompletions(
  context: ServerContext,
  uri: string,
  doc: OpenTests,
  position: { line: number; character: number },
): CompletionList | undefined {
  const line = doc.text.split(/\r?\n/)[position.line] ?? '';
  if (!/^embeddedAt\s*:/.test(line) || position.character <= line.indexOf(':')) return undefined;
  const policyUri = policyUriOf(uri, parseTestFile(doc.text));
  const host = policyUri === undefined ? undefined : context.getHost(policyUri);
  if (host?.kind !== 'host') return undefined;
  // The whole value is replaced, whatever was typed of it.
  const range = {
    start: { line: position.line, character: line.indexOf(':') + 1 },
    end: { line: position.line, character: line.length },
  };
  const items = host.policies.map((p): CompletionItem => {
    const newText = ` '${p.region.hostPath.replace(/'/g, "''")}'`;
    return {
      label: p.region.hostPath,
      kind: CompletionItemKind.Value,
      filterText: newText,
      textEdit: { range, newText },
    };
  });
  return { isIncomplete: false, items };
}
