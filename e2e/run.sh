#!/usr/bin/env bash
# The real-editor tests (`npm run test:e2e`): installs the tooling, builds and packages the
# extension, then runs
#   - the extension-host suite (mocha inside VS Code's extension host, from code-server),
#   - the same suite in the web-worker extension host (the web extension, as on vscode.dev),
#   - the same suite in a desktop VS Code when VSCODE_EXECUTABLE_PATH is set,
#   - the UI test of the packaged .vsix in code-server, driven by chromium, and its short
#     web-worker variant (the `browser` entry: two warnings, "Show Running Extensions"),
# after checking the .vsix against the .vscodeignore allow-list (check-vsix.mjs).
# Prints one `NAME: N passed, N failed` line per suite and a final `e2e:` total; exits
# non-zero on any failure. Logs and screenshots stay in e2e/.work/.
set -uo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$E2E_DIR/.." && pwd)"
WORK="$E2E_DIR/.work"
mkdir -p "$WORK"
rm -f "$WORK"/{package,extension-host,web-worker,desktop,ui,ui-web-worker}.out  # no stale counts from an earlier run
started=$(date +%s)

say() { printf '\n== %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - started )) s"; }

# A broken step before the suites still has to end in a counted failure, never in silence.
abort() {
  echo "e2e: setup failed: $*" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
}

say "setup"
bash "$E2E_DIR/setup.sh" || abort "e2e/setup.sh"

say "build and package the extension"
(cd "$ROOT_DIR" && npm run --silent build) || abort "npm run build"
VSIX="$WORK/kube-audit-policy.vsix"
rm -f "$VSIX"
# Arguments after -- reach `vsce package`: write the .vsix here, not into the repository root.
(cd "$ROOT_DIR" && npm run --silent package -- --out "$VSIX") || abort "npm run package"
[ -s "$VSIX" ] || abort "no .vsix at $VSIX"
echo "packaged $(basename "$VSIX"): $(stat -c %s "$VSIX") bytes"

say "build the extension-host suite"
(cd "$E2E_DIR" && node build.mjs) || abort "e2e/build.mjs"

# Each runner bounds its own phases and cleans up its servers; `timeout` is the last resort
# so that nothing can hold CI for ever.
run_suite() {
  local name="$1"; shift
  say "$name"
  timeout --kill-after=30s 7m node "$@" 2>&1 | tee "$WORK/$name.out"
}

run_suite package "$E2E_DIR/check-vsix.mjs" "$VSIX"
run_suite extension-host "$E2E_DIR/run-extension-host.mjs"
run_suite web-worker "$E2E_DIR/run-extension-host.mjs" --web-worker
if [ -n "${VSCODE_EXECUTABLE_PATH:-}" ]; then
  run_suite desktop "$E2E_DIR/run-desktop.mjs"
else
  echo "(desktop VS Code: VSCODE_EXECUTABLE_PATH not set, skipped)"
  rm -f "$WORK/desktop.out"
fi
run_suite ui "$E2E_DIR/run-ui.mjs" "$VSIX"
run_suite ui-web-worker "$E2E_DIR/run-ui.mjs" --web-worker "$VSIX"

say "summary ($(elapsed))"
total_passed=0
total_failed=0
for name in package extension-host web-worker desktop ui ui-web-worker; do
  out="$WORK/$name.out"
  [ -f "$out" ] || continue
  line="$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$out" | tail -1)"
  if [ -z "$line" ]; then
    # The runner died before reporting (killed by timeout, crashed): one failure.
    line="$name: 0 passed, 1 failed"
  fi
  echo "$line"
  p="$(sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed$/\1/' <<<"$line")"
  f="$(sed -E 's/^[^:]+: ([0-9]+) passed, ([0-9]+) failed$/\2/' <<<"$line")"
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
done
echo "e2e: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
