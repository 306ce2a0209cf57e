#!/usr/bin/env bash
# Step 1 of the PR workflow: `pulumi preview --json` of the program in $1 into the file $2.
# A failed preview (bad input, unreachable service) fails the step with the CLI's own output.
#
#   examples/ci/preview.sh <program-dir> <preview.json> [extra pulumi args...]
#
# Uses the current Pulumi login and stack (PULUMI_BACKEND_URL, PULUMI_STACK or the selected one).
# LOCAL_ENV names an env file to source first (the local service's .local/stack.env: endpoints,
# region, test credentials).
set -euo pipefail
if [ -n "${LOCAL_ENV:-}" ]; then
  # shellcheck disable=SC1090
  source "$LOCAL_ENV"
fi
program="${1:?usage: preview.sh <program-dir> <preview.json> [pulumi args...]}"
out="${2:?usage: preview.sh <program-dir> <preview.json> [pulumi args...]}"
shift 2
stack_args=()
[ -n "${PULUMI_STACK:-}" ] && stack_args=(--stack "$PULUMI_STACK")
if ! (cd "$program" && pulumi preview --json --non-interactive "${stack_args[@]}" "$@") >"$out.tmp" 2>"$out.log"; then
  echo "pulumi preview failed:" >&2
  cat "$out.tmp" "$out.log" >&2
  rm -f "$out.tmp"
  exit 1
fi
mv "$out.tmp" "$out"
echo "preview written to $out"
