#!/usr/bin/env bash
# The local stack from a clone: builds what is stale, then runs `pulumi-voiceid local ...`
# (cli/local.ts, the same command an installed package offers) with the state in .local/.
#
#   scripts/local-stack.sh start    moto + the Voice ID service (no-op for what already runs)
#   scripts/local-stack.sh stop     stop both; state stays on disk
#   scripts/local-stack.sh status   what runs where
#   scripts/local-stack.sh env      print the env file (source .local/stack.env)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOCAL="$REPO_ROOT/.local"
mkdir -p "$LOCAL"
NODE_BIN=$(bash "$REPO_ROOT/scripts/ensure-node.sh")

# bin/ is stale when a source of the emulator or the CLI is newer than its compiled entry point.
stale() {
  local d main
  for d in emulator cli; do
    main="$REPO_ROOT/bin/$d/main.js"
    [ -f "$main" ] || return 0
    [ -z "$(find "$REPO_ROOT/$d" -name '*.ts' -newer "$main" -print -quit)" ] || return 0
  done
  return 1
}

if stale; then
  log "building the emulator and the CLI (tsc)"
  # tsc exits non-zero on type errors anywhere in the project but still emits; what matters
  # here is a fresh bin/emulator and bin/cli without errors of their own.
  bash "$REPO_ROOT/scripts/with-toolchain.sh" tsc -p "$REPO_ROOT/tsconfig.json" >"$LOCAL/build.log" 2>&1 || true
  if stale; then tail -n 30 "$LOCAL/build.log" >&2; die "building failed (log: $LOCAL/build.log)"; fi
  grep -E '^(emulator|cli)/' "$LOCAL/build.log" >&2 && die "the emulator or the CLI has type errors (log: $LOCAL/build.log)"
fi
exec "$NODE_BIN/node" "$REPO_ROOT/bin/cli/main.js" local "$@" --dir "$LOCAL"
