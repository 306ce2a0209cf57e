#!/usr/bin/env bash
# Scores the voiceprint evaluation sets with resemblyzer's GE2E speaker encoder (issue 25,
# item 3: would a registry-shipped speaker-embedding model serve the held-out target?).
# Nothing of it is in the service: the voice lab's venv (numpy, scipy: scripts/ensure-voicelab.sh),
# resemblyzer's wheel from PyPI without its dependencies (no torch) and its pretrained.pt read
# into numpy arrays (scripts/voicelab/ge2e_checkpoint.py), all in the cache; the encoder runs
# in numpy (scripts/voicelab/ge2e_encoder.py). Prints the figures per set.
# Usage: scripts/ge2e-eval.sh [set ...]   (default: calibration heldout heldout2)
# `npm run bench -- ge2e-eval` runs it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RESEMBLYZER=0.1.4
venv=$(bash "$REPO_ROOT/scripts/ensure-voicelab.sh")
dir="$CACHE_DIR/ge2e-resemblyzer-$RESEMBLYZER"

weights() {
  [ -f "$dir/.complete" ] && return 0
  log "GE2E comparison: resemblyzer $RESEMBLYZER's weights into $dir"
  rm -rf "$dir"
  mkdir -p "$dir/wheel"
  "$venv/pip" download --disable-pip-version-check --no-input -q --no-deps \
    -d "$dir/wheel" "resemblyzer==$RESEMBLYZER" || die "pip download resemblyzer==$RESEMBLYZER failed"
  "$venv/python" -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("resemblyzer/pretrained.pt"))' \
    "$(ls "$dir"/wheel/*.whl)" "$dir/pretrained.pt"
  (cd "$REPO_ROOT/scripts/voicelab" && "$venv/python" ge2e_extract.py "$dir/pretrained.pt" "$dir/weights.npz") >&2
  touch "$dir/.complete"
}

with_lock ge2e weights
eval_dir=$(bash "$REPO_ROOT/scripts/gen-voice-eval.sh" | tail -1)
[ $# -gt 0 ] || set -- calibration heldout heldout2
cd "$REPO_ROOT/scripts/voicelab"
exec "$venv/python" ge2e_evaluate.py "$dir/weights.npz" "$eval_dir" "$@"
