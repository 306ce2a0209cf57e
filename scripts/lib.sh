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

# Prints a go.mod for a module named $2 that builds against github.com/pulumi/pulumi/pkg/v3 at
# version $1 (the CLI, the SDK generator). pkg/v3's replace directives do not apply to a
# dependency, so they are repeated; its relative replace of sdk/v3 (../sdk) becomes the sdk/v3
# release of the same version.
pkg_module_gomod() { # version module-name
  local v="$1" modfile
  modfile=$(go mod download -json github.com/pulumi/pulumi/pkg/v3@"$v" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [ -f "$modfile" ] || die "the Go module proxy does not serve github.com/pulumi/pulumi/pkg/v3@$v"
  echo "module $2"
  echo
  # The same go directive as pkg/v3 keeps module graph pruning on (older semantics would
  # load test-only dependencies the proxy does not serve).
  grep -m1 '^go ' "$modfile"
  echo
  echo "require github.com/pulumi/pulumi/pkg/v3 $v"
  echo
  echo "replace github.com/pulumi/pulumi/sdk/v3 => github.com/pulumi/pulumi/sdk/v3 $v"
  awk '/^replace \(/{b=1;next} b&&/^\)/{b=0;next} b{print "replace " $0} /^replace [^(]/{print}' "$modfile" \
    | grep -v '=> *\.' || true
}
