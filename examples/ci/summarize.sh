#!/usr/bin/env bash
# Step 2: the markdown PR comment from the preview JSON. Never fails on a destructive plan (the
# comment must still be posted); records it instead, for the gate step:
#   - writes `destructive=true|false` to $GITHUB_OUTPUT when set (GitHub Actions step output);
#   - prints the same line on stdout.
#
#   examples/ci/summarize.sh <preview.json> <comment.md>
#
# PULUMI_VOICEID is the command to run (default: `npx pulumi-voiceid`, the package's bin).
set -euo pipefail
preview="${1:?usage: summarize.sh <preview.json> <comment.md>}"
comment="${2:?usage: summarize.sh <preview.json> <comment.md>}"
cli=(${PULUMI_VOICEID:-npx --no-install pulumi-voiceid})
set +e
"${cli[@]}" plan-summary "$preview" --fail-on destroy >"$comment"
code=$?
set -e
case "$code" in
  0) destructive=false ;;
  3) destructive=true ;;
  *) echo "plan-summary failed (exit $code)" >&2; exit "$code" ;;
esac
[ -n "${GITHUB_OUTPUT:-}" ] && echo "destructive=$destructive" >>"$GITHUB_OUTPUT"
echo "destructive=$destructive"
