#!/usr/bin/env bash
# Step 3: publish the summary. Appends it to the job summary ($GITHUB_STEP_SUMMARY) when set,
# and posts it as a PR comment when PR_NUMBER is set (GitHub CLI `gh`, token in GH_TOKEN),
# editing the bot's last comment so a PR keeps one plan comment.
#
#   examples/ci/comment.sh <comment.md>
set -euo pipefail
comment="${1:?usage: comment.sh <comment.md>}"
[ -s "$comment" ] || { echo "comment.sh: $comment is empty" >&2; exit 1; }
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$comment" >>"$GITHUB_STEP_SUMMARY"
  echo "summary appended to the job summary"
fi
if [ -n "${PR_NUMBER:-}" ]; then
  gh pr comment "$PR_NUMBER" --body-file "$comment" --edit-last 2>/dev/null \
    || gh pr comment "$PR_NUMBER" --body-file "$comment"
  echo "summary posted on PR #$PR_NUMBER"
fi
