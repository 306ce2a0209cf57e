#!/usr/bin/env bash
# Step 4, the required check: fails when the plan deletes fraudsters or domains. Merging such a
# PR then needs an explicit override (e.g. a `voiceid-destroy-approved` label, which the
# workflow passes as ALLOW_DESTROY=true).
#
#   examples/ci/gate.sh <preview.json>
set -euo pipefail
preview="${1:?usage: gate.sh <preview.json>}"
cli=(${PULUMI_VOICEID:-npx --no-install pulumi-voiceid})
if "${cli[@]}" plan-summary "$preview" --fail-on destroy >/dev/null; then
  echo "gate: no fraudster or domain is deleted"
  exit 0
else
  code=$?
fi
if [ "$code" = 3 ] && [ "${ALLOW_DESTROY:-false}" = true ]; then
  echo "gate: destructive plan allowed (ALLOW_DESTROY=true)"
  exit 0
fi
[ "$code" = 3 ] && echo "gate: the plan deletes fraudsters or domains; review the PR comment (set ALLOW_DESTROY=true to accept)" >&2
exit "$code"
