// A client of kube-apiserver's own loader, request resolver and checker (the oracle built from the
// Kubernetes 1.20.2 source by ../shared/tools/kube-apiserver-oracle/build.sh). One process answers
// every question of a test run over JSON lines; answers come back in the order asked.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** A request given as the attributes the audit filter builds (`resourceRequest` true or false). */
export interface OracleAttributes {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly verb: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly namespace?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly name?: string;
  readonly path?: string;
  readonly resourceRequest: boolean;
}

/** A request given as kube-apiserver receives it: resolved by the real RequestInfoFactory. */
export interface OracleHttpRequest {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly method: string;
  readonly url: string;
}

export type OracleRequest = OracleAttributes | OracleHttpRequest;

export interface OracleResult {
  readonly requestInfo?: Record<string, unknown>;
  /** Set when kube-apiserver answers 500 before auditing: the request is never audited. */
  readonly requestInfoError?: string;
  /** null when the request is never audited. */
  readonly level: string | null;
  /** Sorted. */
  readonly omitStages: readonly string[];
  /** Index of the first matching rule, -1 for none. */
  readonly matchedRule: number;
}

export interface OracleAnswer {
  /** The exact Go error that makes kube-apiserver refuse to start, or null when the policy loads. */
  readonly loadError: string | null;
  readonly rules: number;
  /** What the strict decoder would object to (1.26+ logs it as a warning); a hint only. */
  readonly strictDecodeError: string | null;
  readonly results: readonly OracleResult[];
}

/** Where `npm run test:differential` builds the oracle; `KAP_ORACLE` names another binary. */
export function oraclePath(): string {
  return process.env.KAP_ORACLE ?? path.join(homedir(), '.cache', 'kube-apiserver-oracle', 'bin', 'auditoracle');
}

export function oracleAvailable(): boolean {
  return existsSync(oraclePath());
}

export class Oracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (a: OracleAnswer) => void; reject: (e: Error) => void }> = [];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(binary = oraclePath()) {
    this.child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.child.on('error', (error) => this.fail(error));
    this.child.on('exit', (code) => this.fail(new Error(`the oracle exited (${code}): ${stderr.slice(-2000)}`)));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const next = this.waiting.shift();
      if (!next) return this.fail(new Error(`the oracle answered nothing asked: ${line.slice(0, 200)}`));
      next.resolve(JSON.parse(line) as OracleAnswer);
    });
  }

  /** Loads `policy` as kube-apiserver does and decides each request with its checker. */
  ask(policy: string, requests: readonly OracleRequest[] = []): Promise<OracleAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id: String(this.nextId++), policy, requests })}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }
}
