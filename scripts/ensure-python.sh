#!/usr/bin/env bash
# Prints ONE line: the bin dir of a Python venv holding scripts/requirements.txt
# (moto_server, aws, python). The venv lives in the cache, keyed by a hash of the requirements,
# so a change to the pins builds a new venv and an unchanged one is reused as is.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
req="$REPO_ROOT/scripts/requirements.txt"
hash=$(sha256sum "$req" | cut -c1-12)
venv="$CACHE_DIR/venv-$hash"
PYTHON="${PULUMI_VOICEID_PYTHON:-python3}"

build_venv() {
  # The stamp is written last: a venv without it is a half-built one from an interrupted run.
  [ -f "$venv/.complete" ] && return 0
  command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: Python 3.9+ is needed for moto and the AWS CLI"
  log "creating Python venv $venv (moto, awscli, boto3 from PyPI)"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  local pip_log="$CACHE_DIR/pip-$hash.log"
  if ! "$venv/bin/pip" install --disable-pip-version-check --no-input -q -r "$req" >"$pip_log" 2>&1; then
    tail -n 30 "$pip_log" >&2
    rm -rf "$venv"
    die "pip install -r $req failed (full log: $pip_log)"
  fi
  for tool in moto_server aws python; do
    [ -x "$venv/bin/$tool" ] || { rm -rf "$venv"; die "venv is missing $tool after pip install"; }
  done
  touch "$venv/.complete"
}

with_lock "venv-$hash" build_venv
echo "$venv/bin"
