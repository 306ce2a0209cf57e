#!/usr/bin/env bash
# `npm test`: sets up everything the suites need (Node 22, npm packages, the Pulumi CLI, moto
# and the AWS CLI), builds, then runs every suite: unit, integration (local stack), e2e (real
# Pulumi engine). A missing dependency fails loudly; nothing is skipped.
#
#   npm test                 all suites
#   npm test -- unit e2e     only the named suites (lint always runs)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)

source scripts/setup.sh

log "lint (eslint)"
eslint . || die "eslint found problems (see above)"

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(unit integration e2e)
mkdir -p .local
passed=0; failed=0; pending=0; status=0
for suite in "${suites[@]}"; do
  files=$(find "bin/tests/$suite" -name '*.test.js' 2>/dev/null | sort)
  [ -n "$files" ] || die "suite '$suite' has no tests (bin/tests/$suite/**/*.test.js)"
  log "suite: $suite"
  out=".local/test-$suite.log"
  set +e
  mocha --timeout 900000 --slow 30000 --exit $files 2>&1 | tee "$out"
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || status=1
  p=$(sed -n 's/^ *\([0-9]*\) passing.*/\1/p' "$out" | tail -1); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/^ *\([0-9]*\) failing.*/\1/p' "$out" | tail -1); failed=$((failed + ${f:-0}))
  k=$(sed -n 's/^ *\([0-9]*\) pending.*/\1/p' "$out" | tail -1); pending=$((pending + ${k:-0}))
  if [ "$rc" -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); fi
done
log "total time $(( $(date +%s) - started ))s"
echo "tests: $passed passed, $failed failed, $pending skipped"
exit $status
