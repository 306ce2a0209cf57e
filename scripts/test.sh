#!/usr/bin/env bash
# `npm test`: sets up everything the suites need (Node 22, npm packages, the Pulumi CLI, moto
# and the AWS CLI), builds, lints, then runs the suites (scripts/testRunner/): unit, typecheck
# (examples, declarations, API reference), integration (local stack), e2e (real Pulumi engine).
# A missing dependency fails loudly; nothing is skipped.
#
#   npm test                                   all suites
#   npm test -- unit e2e                       only the named suites (lint always runs)
#   npm test -- tests/e2e/jobs/lifecycle.test.ts   one file (or several; suites and files mix)
#   VOICEID_TEST_JOBS=1 npm test               one mocha process at a time
#
# Each mocha process writes .local/test-logs/<suite>__<file>.log; failures are printed again
# at the end, then each suite's time and the line `tests: N passed, M failed, K skipped`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export VOICEID_TEST_STARTED=$(date +%s)

source scripts/setup.sh

log "lint (eslint, prettier)"
eslint . || die "eslint found problems (see above)"
prettier --check --log-level warn "**/*.ts" || die "prettier: the files above are not formatted (run: npm run format)"

mkdir -p .local
exec node bin/scripts/testRunner/main.js "$@"
