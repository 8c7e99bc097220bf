#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently: Debian's chromium (playwright-core
# downloads no browser), the headers and binaries that code-server's native dependencies need
# on a machine without internet, and e2e/node_modules from the committed lockfile.
# Safe to run again: every step is skipped when its result is already there.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$E2E_DIR"

log() { printf '[e2e setup] %s\n' "$*"; }

# A registry or mirror that times out once (npm's EIDLETIMEOUT was seen here) must not fail CI:
# network steps are tried three times.
retry() {
  local attempt
  for attempt in 1 2 3; do
    "$@" && return 0
    [ "$attempt" = 3 ] || { log "failed, trying again in 10 s: $*"; sleep 10; }
  done
  return 1
}

# --- Debian packages -------------------------------------------------------------------
# chromium: the browser that shows the workbench; libkrb5-dev: kerberos (a code-server
# dependency) must compile from source because its prebuilt binary cannot be downloaded;
# ripgrep: @vscode/ripgrep's postinstall cannot download its binary either (see below); git: the
# workspace of the extension-host suite is a repository ("Compare with HEAD" reads HEAD).
missing=()
for pkg in chromium libkrb5-dev ripgrep git; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  # apt-cache knows nothing before the first update; only pay for an update when needed.
  if ! apt-cache policy "${missing[@]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    log "apt-get update"
    retry $SUDO apt-get update -q >/dev/null
  fi
  log "apt-get install ${missing[*]}"
  retry env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}" >/dev/null
else
  log "Debian packages present"
fi

# --- ripgrep cache ----------------------------------------------------------------------
# @vscode/ripgrep 1.15.x looks for a cached download before fetching from the network;
# Debian's rg in that cache makes its postinstall succeed offline.
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RG_TAR="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TAR" ]; then
  log "seeding ripgrep cache"
  mkdir -p "$RG_CACHE"
  tar czf "$RG_TAR" -C "$(dirname "$(command -v rg)")" rg
fi

# --- node_modules from the lockfile ------------------------------------------------------
# npm ci is slow (code-server compiles native modules), so it runs only when the lockfile
# differs from the one last installed.
STAMP="node_modules/.kap-e2e-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -f node_modules/code-server/lib/vscode/out/server-main.js ]; then
  log "node_modules up to date"
else
  log "npm ci (code-server builds native modules; about 2 minutes)"
  # npm_config_yes: node-pty's install runs `npx node-gyp`, which would wait for a prompt.
  # npm_config_unsafe_perm: code-server's postinstall fails as root without it.
  retry env npm_config_yes=true npm_config_unsafe_perm=true npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$STAMP"
fi
log "ready"
