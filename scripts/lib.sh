# Shared helpers for the setup scripts. Sourced, never executed.
# Every cache lives outside the repo so a fresh clone reuses it.
CACHE_DIR="${PULUMI_VOICEID_CACHE:-$HOME/.cache/pulumi-voiceid}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$CACHE_DIR"

log() { echo "[setup] $*" >&2; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

# Runs "$@" holding an exclusive lock named $1 so two concurrent setups do not build twice.
with_lock() {
  local name="$1"; shift
  exec {lockfd}>"$CACHE_DIR/.$name.lock"
  flock "$lockfd"
  "$@"
  local rc=$?
  exec {lockfd}>&-
  return $rc
}
