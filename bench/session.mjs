// One benchmark session: a fresh server process, one document, every LSP measurement.
//
// A fresh process per session keeps cold start and open-to-diagnostics honest (no JIT
// warmed up by an earlier document). Any failure ends the session: the metric that
// failed is recorded as "timeout" or "error" and the ones not reached stay empty.

import { pathToFileURL } from 'node:url';
import { LspClient, TimeoutError } from './lsp-client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Settings answered to workspace/configuration and pushed with didChangeConfiguration.
export function settingsFor(schemaPath) {
  return {
    kubeAuditPolicy: { kubernetesVersion: '1.36', files: [], trace: { server: 'off' } },
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      format: { enable: false },
      // No catalogue download: the machine has no internet, and it would not be a fair
      // comparison anyway. Only our schema applies.
      schemaStore: { enable: false },
      // yaml-language-server prefixes globs with **/ (picomatch, dot: false), which never
      // enters a dot folder such as bench/.work: name that folder explicitly.
      schemas: { [pathToFileURL(schemaPath).href]: ['*.yaml', '.work/*.yaml'] },
    },
  };
}

function lookup(settings, section) {
  if (!section) return settings;
  let v = settings;
  for (const part of section.split('.')) {
    if (v == null || typeof v !== 'object') return null;
    v = v[part];
  }
  return v ?? null;
}

/** Lines of the document that hold `- level: X`, and those that hold a `verbs:` key. */
export function landmarks(text) {
  const levels = [];
  const verbs = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    let m = /^(\s*- level: )(None|Metadata|Request|RequestResponse)\b/.exec(line);
    if (m) levels.push({ line: i, character: m[1].length, value: m[2] });
    m = /^(\s*)verbs:/.exec(line);
    if (m) verbs.push({ line: i, character: m[1].length + 2 });
  });
  return { levels, verbs, lineCount: lines.length };
}

// n items spread evenly over the middle 80% of arr (the ends are the least typical).
function spread(arr, n) {
  if (!arr.length) return [];
  const out = [];
  for (let k = 0; k < n; k++) {
    out.push(arr[Math.floor(arr.length * (0.1 + (0.8 * (k + 0.5)) / n))]);
  }
  return out;
}

const cpuDelta = (a, b) => (a === null || b === null ? null : b - a);

const errMsg = (e) => (e instanceof TimeoutError ? 'timeout' : 'error');

/** One keystroke at the level `t` of `lines` (edited in place): `break` types an `x` after the
 *  level (Metadata -> Metadatax), `restore` deletes it again. Returns the content change to send:
 *  the whole document when the server asked for full sync (syncKind 1). */
function keystroke(lines, t, phase, syncKind) {
  const line = lines[t.line];
  const ch = t.character + t.value.length; // just after the level
  const typed = phase === 'break';
  lines[t.line] = typed ? `${line.slice(0, ch)}x${line.slice(ch)}` : line.slice(0, ch) + line.slice(ch + 1);
  if (syncKind === 1) return { text: lines.join('\n') };
  const end = { line: t.line, character: typed ? ch : ch + 1 };
  return { range: { start: { line: t.line, character: ch }, end }, rangeLength: typed ? 0 : 1, text: typed ? 'x' : '' };
}

/**
 * @returns {Promise<object>} { coldStartMs, openMs, rssMiB, editMs[], completionMs[], hoverMs[], notes[],
 *   failures[] (every failed step), failed (the one that ended the session, or null) }
 */
export async function runSession({ server, docPath, text, settings, edits, requests, timeoutMs, cwd, findings }) {
  const res = {
    server: server.id,
    coldStartMs: null,
    openMs: null,
    rssMiB: null,
    peakRssMiB: null,
    openCpuMs: null,
    editMs: [],
    editCpuMs: [],
    // The client's share of each publication: from its first byte to the end of JSON.parse.
    editClientMs: [],
    openClientMs: null,
    publicationBytes: null,
    completionMs: [],
    completionCpuMs: [],
    hoverMs: [],
    hoverCpuMs: [],
    // After an edit, what VS Code asks for besides the diagnostics: the outline and the colours.
    symbolsMs: [],
    tokensMs: [],
    tokensKiB: [],
    notes: [],
    failures: [],
    failed: null,
  };
  const client = new LspClient(server.command, [...(server.nodeArgs ?? []), ...server.args], {
    cwd,
    configuration: (section) => lookup(settings, section),
  });
  const uri = pathToFileURL(docPath).href;
  const marks = landmarks(text);
  let step = 'initialize';
  try {
    const init = await client.request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'kube-audit-policy-bench', version: '1' },
        rootUri: pathToFileURL(cwd).href,
        workspaceFolders: [{ uri: pathToFileURL(cwd).href, name: 'bench' }],
        capabilities: {
          workspace: {
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: true },
            workspaceFolders: true,
          },
          textDocument: {
            synchronization: { dynamicRegistration: true, didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            completion: {
              completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
              contextSupport: true,
            },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            semanticTokens: {
              requests: { full: { delta: true }, range: true },
              tokenTypes: [],
              tokenModifiers: [],
              formats: ['relative'],
            },
          },
          window: { workDoneProgress: true },
        },
      },
      timeoutMs,
    );
    res.coldStartMs = init.ms + (init.sentAt - client.spawnedAt); // spawn -> initialize response
    res.coldStartCpuMs = client.cpuMs(); // everything the process did so far: Node start-up, loading, initialize
    const sync = init.result?.capabilities?.textDocumentSync;
    const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 0);
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings });
    // Let the server pull and apply its configuration before the document arrives, so the
    // first diagnostics after didOpen are computed with it (see docs/PERFORMANCE.md).
    await client.settle(500, 10000);
    res.idleRssMiB = client.rssMiB(); // the baseline: what the open adds is rssMiB minus this

    step = 'open';
    let version = 1;
    const openDiag = client.waitForDiagnostics(uri, version, timeoutMs);
    const cpu0 = client.cpuMs();
    const openedAt = client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    const od = await openDiag;
    res.openMs = od.at - openedAt;
    res.openClientMs = od.at - od.firstByteAt;
    res.publicationBytes = od.bytes;
    res.openCpuMs = cpuDelta(cpu0, client.cpuMs());
    res.openDiagnostics = od.msg.params.diagnostics.length;
    const pubsBefore = client.diagnostics.length;
    await client.settle(500, 10000);
    res.rssMiB = client.rssMiB();
    if (client.diagnostics.length > pubsBefore) {
      const last = client.diagnostics.at(-1);
      res.notes.push(
        `open: ${client.diagnostics.length - pubsBefore} more publication(s) after the first (last has ${last.diagnostics.length} diagnostics)`,
      );
    }

    step = 'edit';
    // Pairs of keystrokes at rules in the middle: type a character after a level (Metadata ->
    // Metadatax), then delete it, as a user types and corrects. Each publication must then
    // differ from the one before (base+1, base), which shows it answers this edit even when it
    // carries no version. (A typed character moves the rest of the text; until 2026-12 these
    // edits replaced a letter instead, which moves nothing, and hid that go-yaml's verdict read
    // the rest of the file again after every typed character.)
    let current = text.split('\n');
    const base = res.openDiagnostics;
    const targets = spread(marks.levels, Math.max(1, Math.floor(edits / 2)));
    for (const t of targets) {
      for (const phase of ['break', 'restore']) {
        if (res.editMs.length >= edits) break;
        const change = keystroke(current, t, phase, syncKind);
        version++;
        const wait = client.waitForDiagnostics(uri, version, timeoutMs);
        const c0 = client.cpuMs();
        const sentAt = client.notify('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [change],
        });
        const d = await wait;
        res.editMs.push(d.at - sentAt);
        res.editClientMs.push(d.at - d.firstByteAt);
        res.editCpuMs.push(cpuDelta(c0, client.cpuMs()));
        const got = d.msg.params.diagnostics.length;
        // In a file with findings a broken level also ends that rule's other findings (a rule
        // without a valid level shadows nothing): there only the count after the restore is known.
        const want = phase === 'break' ? (findings ? undefined : base + 1) : base;
        if (want !== undefined && got !== want)
          res.notes.push(`edit v${version} (${phase}): ${got} diagnostics, expected ${want}`);
        await client.settle(100, 5000);
      }
    }
    if (syncKind === 1) res.notes.push('server wants full document sync: edits were sent as whole documents');

    // An error answer (e.g. a feature not implemented yet) ends only that measurement;
    // a timeout or a dead server ends the session (caught below).
    const soft = async (name, fn) => {
      step = name;
      try {
        await fn();
      } catch (e) {
        if (e instanceof TimeoutError || client.exited || !e.lsp) throw e;
        res.failures.push({ step: name, kind: 'error', message: String(e.message).slice(0, 300) });
      }
    };
    await soft('completion', async () => {
      for (const t of spread(marks.levels, requests)) {
        const c0 = client.cpuMs();
        const r = await client.request(
          'textDocument/completion',
          { textDocument: { uri }, position: { line: t.line, character: t.character } },
          timeoutMs,
        );
        res.completionMs.push(r.ms);
        res.completionCpuMs.push(cpuDelta(c0, client.cpuMs()));
        const items = Array.isArray(r.result) ? r.result : (r.result?.items ?? []);
        res.completionItems = items.length;
        if (!items.some((i) => i.label === 'Metadata' || i.insertText === 'Metadata'))
          res.notes.push(`completion at line ${t.line + 1}: no "Metadata" among ${items.length} items`);
      }
    });
    await soft('hover', async () => {
      for (const t of spread(marks.verbs, requests)) {
        const c0 = client.cpuMs();
        const r = await client.request(
          'textDocument/hover',
          { textDocument: { uri }, position: { line: t.line, character: t.character } },
          timeoutMs,
        );
        res.hoverMs.push(r.ms);
        res.hoverCpuMs.push(cpuDelta(c0, client.cpuMs()));
        if (!r.result) res.notes.push(`hover at line ${t.line + 1}: empty`);
      }
    });
    // After a keystroke VS Code asks again for the outline (breadcrumbs, sticky scroll) and the
    // semantic tokens, the latter as a delta against its last answer when the server offers one.
    const tokensOffered = init.result?.capabilities?.semanticTokensProvider;
    const symbolsOffered = init.result?.capabilities?.documentSymbolProvider;
    await soft('outline and colours after an edit', async () => {
      if (!tokensOffered && !symbolsOffered) return;
      let resultId;
      const tokens = async () => {
        const delta = resultId !== undefined && tokensOffered?.full?.delta === true;
        const r = delta
          ? await client.request(
              'textDocument/semanticTokens/full/delta',
              { textDocument: { uri }, previousResultId: resultId },
              timeoutMs,
            )
          : await client.request('textDocument/semanticTokens/full', { textDocument: { uri } }, timeoutMs);
        resultId = r.result?.resultId;
        return r;
      };
      if (tokensOffered) await tokens(); // the answer at the open, which later deltas refer to
      for (const t of spread(marks.levels, Math.max(1, Math.floor(requests / 2)))) {
        for (const phase of ['break', 'restore']) {
          const change = keystroke(current, t, phase, syncKind);
          version++;
          const wait = client.waitForDiagnostics(uri, version, timeoutMs);
          client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
          await wait;
          await client.settle(100, 5000);
          if (symbolsOffered)
            res.symbolsMs.push(
              (await client.request('textDocument/documentSymbol', { textDocument: { uri } }, timeoutMs)).ms,
            );
          if (tokensOffered) {
            const r = await tokens();
            res.tokensMs.push(r.ms);
            res.tokensKiB.push(r.bytes / 1024);
          }
        }
      }
    });
    res.endRssMiB = client.rssMiB(); // grows when old versions of the document stay reachable
    res.peakRssMiB = client.peakRssMiB();
    step = 'shutdown';
    await client.shutdown();
  } catch (e) {
    res.failed = { step, kind: errMsg(e), message: String(e.message).slice(0, 300) };
    res.failures.push(res.failed);
    client.kill();
    await sleep(100);
  }
  res.serverRequests = [...new Set(client.serverRequests)];
  return res;
}
