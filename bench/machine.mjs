// What the numbers were measured on: they mean little without it.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function version(pkgPath) {
  try {
    return JSON.parse(readFileSync(path.join(repo, pkgPath), 'utf8')).version;
  } catch {
    return '?';
  }
}

export function machineInfo() {
  let cpuModel = os.cpus()[0]?.model ?? '?';
  try {
    cpuModel = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    /* not Linux */
  }
  return {
    cpus: Number(tryRun('nproc', [])) || os.availableParallelism(),
    cpuModel: cpuModel.trim(),
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    node: process.version,
    yamlLs: version('node_modules/yaml-language-server/package.json'),
    ours: version('package.json'),
    commit: tryRun('git', ['rev-parse', '--short', 'HEAD']) ?? 'no commit',
    // dist/ is built from the working tree, which others may be editing right now.
    dirty: !!tryRun('git', ['status', '--porcelain', '--', 'server', 'client']),
  };
}
