#!/usr/bin/env bash
# `npm run demo`: the whole product in one command, from a fresh clone.
#
#   npm run demo              set up, start the local stack, seed it, `pulumi up` stack `local`
#   npm run demo -- down      destroy the demo's resources and remove stack `local`
#   npm run demo -- preview   show what `pulumi up` would change
#
# What `up` does: installs the toolchain (Node 22, npm packages, the Pulumi CLI, moto) and
# builds; starts the local stack (moto for S3/IAM/KMS/STS + the local Voice ID service, see
# scripts/local-stack.sh); seeds moto with the demo's recordings, manifest, data access role and
# KMS key (scripts/seed-demo.ts, idempotent); passes them to the program as stack config; runs
# `pulumi up` on the root program (Pulumi.yaml + index.ts) and prints its outputs. Running it
# again changes nothing. The local stack keeps running afterwards: `npm run local:stop`.
#
# Pulumi state lives in .local/demo-state (a local file backend) with a fixed passphrase: this
# is a throwaway local stack, not a place for real secrets.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
action="${1:-up}"
case "$action" in
  up | down | preview) ;;
  *) echo "usage: npm run demo [-- up|down|preview]" >&2; exit 2 ;;
esac
started=$(date +%s)

# Toolchain and build (exports PATH with node, node_modules/.bin, pulumi, moto, aws).
source scripts/setup.sh

STACK=local
export PULUMI_BACKEND_URL="file://$REPO_ROOT/.local/demo-state"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-pulumi-voiceid-demo}"
export PULUMI_HOME="${PULUMI_HOME:-$REPO_ROOT/.local/pulumi-home}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_NODEJS_TRANSPILE_ONLY=true
mkdir -p "$REPO_ROOT/.local/demo-state" "$PULUMI_HOME"

demo() { echo "[demo] $*" >&2; }

# The program talks to the local stack through the standard AWS environment variables.
demo "starting the local stack"
bash scripts/local-stack.sh start
# shellcheck disable=SC1091
source .local/stack.env

if [ "$action" = down ]; then
  if ! pulumi stack select "$STACK" --non-interactive >/dev/null 2>&1; then
    demo "no stack '$STACK': nothing to tear down"
    exit 0
  fi
  demo "destroying stack '$STACK' (the job's fraudsters, the watchlist, the domain)"
  pulumi destroy --stack "$STACK" --yes --skip-preview --non-interactive
  pulumi stack rm "$STACK" --yes --non-interactive
  demo "done in $(( $(date +%s) - started ))s. The local stack still runs: npm run local:stop (rm -rf .local wipes all local state)"
  exit 0
fi

pulumi stack select "$STACK" --create --non-interactive >/dev/null

demo "seeding moto: bucket, recordings, manifest, data access role, KMS key"
config_json=$(node bin/scripts/seed-demo.js)
# Only changed values are written, so a second run leaves Pulumi.local.yaml untouched.
while IFS=$'\t' read -r key value; do
  current=$(pulumi config get "$key" --stack "$STACK" 2>/dev/null || true)
  [ "$current" = "$value" ] || pulumi config set "$key" "$value" --stack "$STACK" --non-interactive
done < <(node -e 'for (const [k, v] of Object.entries(JSON.parse(process.argv[1]))) console.log(`${k}\t${v}`)' "$config_json")

if [ "$action" = preview ]; then
  pulumi preview --stack "$STACK" --diff --non-interactive
  exit 0
fi

demo "pulumi up (stack '$STACK')"
pulumi up --stack "$STACK" --yes --non-interactive

echo
demo "stack outputs:"
pulumi stack output --stack "$STACK" --non-interactive
echo
demo "done in $(( $(date +%s) - started ))s. Run it again: nothing changes."
demo "tear down: npm run demo -- down (or bash scripts/demo-down.sh); stop the local services: npm run local:stop"
