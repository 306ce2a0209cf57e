#!/usr/bin/env bash
# Trains the voiceprint's speaker model and writes emulator/voice/speakerModelData.ts
# (issue 25). Generates the evaluation sets if needed (scripts/gen-voice-eval.sh), writes the
# training and calibration sets' frame vectors with the service's own front end
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
for set in training calibration; do node bin/scripts/voiceprint-features.js "$eval_dir" "$set" "$work/$set" & done
wait
"$venv/python" scripts/voicelab/train_voiceprint.py "$work" emulator/voice/speakerModelData.ts
