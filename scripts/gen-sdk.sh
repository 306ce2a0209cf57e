#!/usr/bin/env bash
# `npm run gen:sdk [-- OUT_DIR]`: generates the Python and Go SDKs of the native plugin
# (sdk/python, sdk/go; never edited by hand) from the built schema
# (bin/provider/native/schema.json, whose version is package.json's), with Pulumi's code
# generators at the version the toolchain builds the CLI at (@pulumi/pulumi's, see
# ensure-pulumi.sh). The generator, scripts/gen-sdk/main.go, is built once per pkg/v3 version
# and source into the cache, reusing the Go build cache the CLI build filled.
#
# OUT_DIR (default: the repository's sdk/) receives python/ and go/, each replaced whole;
# tests/unit/native/sdk.test.ts generates into a temporary OUT_DIR and diffs it with sdk/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="${1:-$REPO_ROOT/sdk}"
schema="$REPO_ROOT/bin/provider/native/schema.json"
[ -f "$schema" ] || die "$schema is missing; run npm run build first"
command -v go >/dev/null || die "the SDK generator needs a Go toolchain (go on PATH)"
sdk_json="$REPO_ROOT/node_modules/@pulumi/pulumi/package.json"
[ -f "$sdk_json" ] || die "node_modules is not installed; run this through scripts/with-toolchain.sh"
version="v$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$sdk_json" | head -1)"
src="$REPO_ROOT/scripts/gen-sdk/main.go"
dir="$CACHE_DIR/sdkgen-$version"
bin="$dir/bin/gen-sdk-$(sha256sum "$src" | cut -c1-12)"

build_generator() {
  [ -x "$bin" ] && return 0
  log "building the SDK generator (github.com/pulumi/pulumi/pkg/v3@$version codegen)"
  export GOFLAGS=-mod=mod
  mkdir -p "$dir/bin"
  [ -f "$dir/go.mod" ] || pkg_module_gomod "$version" pulumivoiceid/sdkgen > "$dir/go.mod"
  cp "$src" "$dir/main.go"
  (cd "$dir" && go mod tidy -e >&2 && go build -o "$bin.partial" . >&2 && mv "$bin.partial" "$bin") \
    || die "building the SDK generator failed (see above)"
}
with_lock sdkgen build_generator
"$bin" "$schema" "$out" >&2
