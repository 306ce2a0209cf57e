#!/usr/bin/env bash
# Prints ONE line: the bin dir of the voice lab's Python venv (scripts/voicelab/requirements.txt:
# numpy, scipy), in the cache and keyed by the pins' hash. Used to train the voiceprint's speaker
# model (scripts/train-voiceprint.sh) and by the GE2E comparison (scripts/ge2e-eval.sh); neither
# the service nor the tests need it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
req="$REPO_ROOT/scripts/voicelab/requirements.txt"
venv="$CACHE_DIR/voicelab-$(sha256sum "$req" | cut -c1-12)"
PYTHON="${PULUMI_VOICEID_PYTHON:-python3}"

build() {
  [ -f "$venv/.complete" ] && return 0
  log "creating the voice lab's venv $venv (numpy, scipy from PyPI)"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --disable-pip-version-check --no-input -q -r "$req" || { rm -rf "$venv"; die "pip install -r $req failed"; }
  touch "$venv/.complete"
}

with_lock voicelab build
echo "$venv/bin"
