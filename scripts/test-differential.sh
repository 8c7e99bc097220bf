#!/usr/bin/env bash
# `npm run test:differential`: builds kube-apiserver's own audit-policy code (the oracle from the
# project's shared tools, Kubernetes 1.20.2 from Debian's source) into a cache folder, then runs the
# differential suite, which compares this project, told --kubernetes-version 1.20, with it.
# FUZZ_SEED, DIFF_MUTATIONS, DIFF_REQUESTS, DIFF_PAIRS, DIFF_POLICY_TEST_CASES and DIFF_BUDGET_MS
# choose another seed and a longer run (docs/FIDELITY.md).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=../shared/tools/kube-apiserver-oracle/build.sh
CACHE="${KAP_ORACLE_CACHE:-$HOME/.cache/kube-apiserver-oracle}"
if [ -z "${KAP_ORACLE:-}" ]; then
  if [ ! -f "$BUILD" ]; then
    echo "test:differential needs the kube-apiserver oracle: $BUILD is not beside this clone (set KAP_ORACLE to a built binary)" >&2
    echo "differential: 0 passed, 1 failed"
    exit 1
  fi
  echo "== building the kube-apiserver oracle into $CACHE"
  KAP_ORACLE="$(bash "$BUILD" "$CACHE" | tail -n 1)"
  export KAP_ORACLE
fi
echo "== oracle: $KAP_ORACLE"
npm run --silent build
npx tsc -p .
node --test --test-reporter=spec --test-reporter=./test/reporter.mjs --test-reporter-destination=stdout \
  --test-reporter-destination=stdout $(find out/test/differential -name '*.test.js' | sort)
