# Sourced by test.sh, bench.sh and demo.sh: installs and builds what every entry point needs,
# then exports PATH with Node 22, node_modules/.bin, the Pulumi CLI, and the venv (moto, aws).
# A dependency that cannot be had stops everything with the reason.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup_started=$(date +%s)
bash "$REPO_ROOT/scripts/with-toolchain.sh" true
export PATH="$(bash "$REPO_ROOT/scripts/ensure-node.sh"):$REPO_ROOT/node_modules/.bin:$PATH"
log "building (tsc)"
(cd "$REPO_ROOT" && tsc -p tsconfig.json && node bin/scripts/native-schema.js bin/provider/native/schema.json)
log "locating or building the Pulumi CLI"
PULUMI_BIN_DIR=$(bash "$REPO_ROOT/scripts/ensure-pulumi.sh")
log "preparing moto and the AWS CLI"
PYTHON_BIN_DIR=$(bash "$REPO_ROOT/scripts/ensure-python.sh")
export PATH="$PULUMI_BIN_DIR:$PATH:$PYTHON_BIN_DIR"
export PULUMI_SKIP_UPDATE_CHECK=true
log "setup took $(( $(date +%s) - setup_started ))s"
