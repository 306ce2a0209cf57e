#!/usr/bin/env bash
# Trains the voiceprint's speaker model and writes emulator/voice/speakerModelData.ts
# (issue 25). Generates the evaluation sets if needed (scripts/gen-voice-eval.sh), writes the
# training sets' and the calibration set's frame vectors with the service's own front end
# (scripts/voiceprint-features.ts), then fits in the voice lab's venv (numpy, scipy:
# scripts/voicelab/train_voiceprint.py). Deterministic for given sets and versions.
# Reads no held-out set. Usage: npm run train:voiceprint
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
venv=$(bash scripts/ensure-voicelab.sh)
eval_dir=$(bash scripts/gen-voice-eval.sh | tail -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each training set in one part per core (they are the largest by far), the calibration set
# beside them. A bare `wait` would hide a writer's failure: each is waited for by its pid.
training_sets=(training training2 training3 training4 training5) # the trainer reads these, in this order
parts=$(nproc) pids=()
for set in "${training_sets[@]}"; do
  for part in $(seq 1 "$parts"); do
    node bin/scripts/voiceprint-features.js "$eval_dir" "$set" "$work/$set" "$part/$parts" &
    pids+=($!)
  done
done
node bin/scripts/voiceprint-features.js "$eval_dir" calibration "$work/calibration" &
pids+=($!)
for pid in "${pids[@]}"; do wait "$pid"; done
for set in "${training_sets[@]}"; do
  for part in $(seq 1 "$parts"); do cat "$work/$set.part$part.f32"; done >"$work/$set.f32"
done
"$venv/python" scripts/voicelab/train_voiceprint.py "$work" emulator/voice/speakerModelData.ts "${training_sets[@]}"
