#!/usr/bin/env bash
# Runs a command with the project's toolchain first on PATH: Node >= 22 and node_modules/.bin.
# Installs node_modules (npm ci) when package-lock.json changed since the last install.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
NODE_BIN=$(bash "$REPO_ROOT/scripts/ensure-node.sh")
export PATH="$NODE_BIN:$REPO_ROOT/node_modules/.bin:$PATH"
stamp="$REPO_ROOT/node_modules/.install-stamp"
want=$(sha256sum "$REPO_ROOT/package-lock.json" | cut -d' ' -f1)-$(node --version)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "installing npm dependencies (npm ci)"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
fi
# The root demo program imports "pulumi-voiceid" like any user program, and the dynamic
# provider host requires "pulumi-voiceid/provider/..." from the program's directory: a relative
# self-link makes both resolve here without baking an absolute path into stack state.
[ -L "$REPO_ROOT/node_modules/pulumi-voiceid" ] || ln -sfn .. "$REPO_ROOT/node_modules/pulumi-voiceid"
exec "$@"
