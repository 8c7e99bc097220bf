// A minimal LSP client over stdio, just enough to time a language server.
//
// Why not vscode-languageclient/jsonrpc: the benchmark must see every byte arrive
// (timestamps are taken when a message is parsed, not after extra layers) and must
// never hang, so every wait has a timeout and a dead server rejects all waits.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export class TimeoutError extends Error {}

// Every server still running, so an interrupted benchmark can end them (see killAll).
const live = new Set();

export function killAll() {
  for (const c of live) c.kill();
}

export class LspClient {
  /**
   * @param {string} command executable (node)
   * @param {string[]} args
   * @param {object} opts { cwd, configuration: (section, scopeUri) => any, log }
   */
  constructor(command, args, opts = {}) {
    this.opts = opts;
    this.nextId = 1;
    this.pending = new Map(); // id -> { resolve, reject, method }
    this.waiters = new Set(); // { match(msg), resolve, reject }
    this.diagnostics = []; // every publishDiagnostics, with its arrival time
    this.serverRequests = []; // methods the server asked us, for the report
    this.stderr = '';
    this.exited = null;
    // Received bytes not yet read as messages: chunks are kept in a list and joined once a whole
    // message is there, as vscode-jsonrpc's reader does. Joining on every 64 KB chunk copied a
    // 2.3 MB publication about 18 times over and charged that to whichever server sent it.
    this.chunks = [];
    this.buffered = 0;
    /** The header of the message being received, once read: its body length and where it starts. */
    this.expect = null;
    this.spawnedAt = performance.now();
    // spawn node directly (no shell) so child.pid is the server's pid for /proc/<pid>/status.
    this.child = spawn(command, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    live.add(this);
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
    this.child.stderr.on('data', (d) => {
      if (this.stderr.length < 20000) this.stderr += d;
    });
    this.child.stdin.on('error', () => {}); // EPIPE after the server died: reported via 'exit'
    this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      live.delete(this);
      const err = new Error(`server exited (code ${code}, signal ${signal}) ${this.stderr.slice(-500)}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      for (const w of this.waiters) w.reject(err);
      this.waiters.clear();
    });
  }

  onData(chunk) {
    // When the first bytes of the next message came: what follows until it is parsed is the
    // client's share of a publication (reading it off the pipe, decoding, JSON.parse).
    if (this.buffered === 0) this.firstByteAt = performance.now();
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (!this.expect) {
        const head = this.chunks.length === 1 ? this.chunks[0] : this.join();
        const headerEnd = head.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const header = head.subarray(0, headerEnd).toString('ascii');
        const m = /Content-Length:\s*(\d+)/i.exec(header);
        if (!m) throw new Error(`bad LSP header: ${header}`);
        this.expect = { start: headerEnd + 4, length: Number(m[1]) };
      }
      const end = this.expect.start + this.expect.length;
      if (this.buffered < end) return;
      const all = this.chunks.length === 1 ? this.chunks[0] : this.join();
      const body = all.subarray(this.expect.start, end).toString('utf8');
      const rest = all.subarray(end);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      const bytes = this.expect.length;
      this.expect = null;
      const msg = JSON.parse(body);
      const at = performance.now();
      const firstByteAt = this.firstByteAt;
      this.firstByteAt = at; // bytes left in this chunk begin the next message
      this.onMessage(msg, at, firstByteAt, bytes);
      if (!this.buffered) return;
    }
  }

  /** The buffered chunks as one buffer (kept as the only chunk). */
  join() {
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }

  onMessage(msg, at, firstByteAt = at, bytes = 0) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(`${p.method}: ${msg.error.message}`), { lsp: msg.error }));
      else p.resolve({ result: msg.result, at, bytes });
      return;
    }
    if (msg.id !== undefined) {
      this.serverRequests.push(msg.method);
      this.answerServerRequest(msg);
    } else if (msg.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.push({ ...msg.params, at });
    }
    for (const w of [...this.waiters]) {
      if (w.match(msg)) {
        this.waiters.delete(w);
        w.resolve({ msg, at, firstByteAt, bytes });
      }
    }
  }

  // Servers ask the client things; an unanswered request can stall them forever.
  answerServerRequest(msg) {
    let result = null;
    if (msg.method === 'workspace/configuration') {
      const conf = this.opts.configuration ?? (() => null);
      result = (msg.params?.items ?? []).map((it) => conf(it.section, it.scopeUri) ?? null);
    } else if (msg.method === 'workspace/workspaceFolders') {
      result = this.opts.workspaceFolders ?? null;
    }
    // client/registerCapability, window/workDoneProgress/create, window/showMessageRequest...: null is a valid answer.
    this.write({ jsonrpc: '2.0', id: msg.id, result });
  }

  write(obj) {
    const body = Buffer.from(JSON.stringify(obj), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
    return performance.now();
  }

  /** Sends a request; resolves { result, at, sentAt, ms }. */
  request(method, params, timeoutMs = 60000) {
    if (this.exited) return Promise.reject(new Error('server is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TimeoutError(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const sentAt = performance.now();
      this.pending.set(id, {
        method,
        resolve: (r) => {
          clearTimeout(timer);
          resolve({ ...r, sentAt, ms: r.at - sentAt });
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Resolves with the first incoming message (after now) that `match` accepts. */
  waitFor(match, timeoutMs = 60000, what = 'message') {
    if (this.exited) return Promise.reject(new Error('server is not running'));
    return new Promise((resolve, reject) => {
      const w = { match };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new TimeoutError(`${what} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      w.resolve = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      w.reject = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      this.waiters.add(w);
    });
  }

  /**
   * The publication of diagnostics that answers document `version` of `uri`.
   * With a `version` field it must equal ours. yaml-language-server publishes no version:
   * then the first publication for the uri after the change is taken (the caller makes
   * sure the server was quiet before the change, so nothing older can still be in flight).
   */
  waitForDiagnostics(uri, version, timeoutMs = 60000) {
    return this.waitFor(
      (m) =>
        m.method === 'textDocument/publishDiagnostics' &&
        m.params.uri === uri &&
        (m.params.version === undefined || m.params.version === null || m.params.version === version),
      timeoutMs,
      `diagnostics for version ${version}`,
    );
  }

  /** Waits until the server has sent nothing for `quietMs` (bounded by maxMs). */
  async settle(quietMs = 300, maxMs = 10000) {
    const start = performance.now();
    let last = performance.now();
    const bump = () => {
      last = performance.now();
    };
    const w = {
      match: () => {
        bump();
        return false;
      },
      resolve() {},
      reject() {},
    };
    this.waiters.add(w);
    try {
      while (performance.now() - last < quietMs && performance.now() - start < maxMs) {
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      this.waiters.delete(w);
    }
  }

  /** Resident set size of the server process in MiB (Linux), or null. */
  rssMiB() {
    return readStatus(this.pid, 'VmRSS');
  }

  peakRssMiB() {
    return readStatus(this.pid, 'VmHWM');
  }

  /**
   * CPU time the server has used so far, in ms, all threads. On a shared machine wall
   * time also counts waiting for a core; CPU time does not, so it stays comparable.
   */
  cpuMs() {
    return cpuTimeMs(this.pid);
  }

  async shutdown(timeoutMs = 5000) {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      /* killed below */
    }
    const dead = new Promise((r) => this.child.once('exit', r));
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await dead;
    clearTimeout(timer);
  }

  kill() {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

// Per-thread se.sum_exec_runtime (ms, µs precision) from /proc/<pid>/task/*/sched; falls
// back to utime+stime from /proc/<pid>/stat, which counts in clock ticks (10 ms).
function cpuTimeMs(pid) {
  try {
    let sum = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const m = /se\.sum_exec_runtime\s*:\s*([\d.]+)/.exec(readFileSync(`/proc/${pid}/task/${tid}/sched`, 'utf8'));
        if (!m) throw new Error('no sum_exec_runtime');
        sum += Number(m[1]);
      } catch (e) {
        if (e.code === 'ENOENT') continue; // the thread just ended
        throw e;
      }
    }
    return sum;
  } catch {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10; // utime, stime (fields 14, 15) at 100 Hz
    } catch {
      return null;
    }
  }
}

function readStatus(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
