#!/usr/bin/env bash
# Yields a working Pulumi CLI for this repo, offline.
#
# Prints ONE line: the absolute path of a directory holding `pulumi`, `pulumi-language-nodejs`,
# `pulumi-language-yaml`, `pulumi-language-python` (with `pulumi-language-python-exec`),
# `pulumi-language-go` and `pulumi-resource-pulumi-nodejs`, to put first on PATH. Everything
# else goes to stderr.
#
# - Uses `pulumi` and `pulumi-language-nodejs` from PATH when both are there and new enough.
# - Otherwise builds them from source through the Go module proxy, at the newest version the
#   proxy serves that is not newer than the installed @pulumi/pulumi, cached outside the repo.
# - `pulumi-resource-pulumi-nodejs` (the dynamic provider host) ships inside @pulumi/pulumi.
# - `pulumi-language-yaml` (YAML programs, examples/yaml and the native plugin's tests) from PATH,
#   or built once from the Go module proxy at YAML_LANGHOST_VERSION (see build_yaml_langhost).
# - `pulumi-language-python` and `pulumi-language-go` (examples/python, examples/go and their
#   tests) likewise, from the newest sdk/v3 releases that still contain them (see sdk_langhost).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MIN_CLI_VERSION="3.200.0"
# pulumi-language-nodejs moved out of the sdk/v3 module into its own module (v3.69+). The proxy
# reachable here serves no version of that module, so when the version-matched host cannot be
# had we build it from the newest sdk/v3 release that still contains it. The host only spawns
# `node @pulumi/pulumi/cmd/run` and speaks the stable LanguageRuntime gRPC protocol, which the
# engine keeps backward compatible; tests/e2e proves the combination end to end.
LANGHOST_FALLBACK_SDK_VERSION="v3.68.0"
# pulumi-yaml builds with its own pkg/sdk versions and has no replace directives, so a plain
# `go install` works; v1.25.0 runs with CLI 3.276 (tests/e2e/yaml proves it end to end).
YAML_LANGHOST_VERSION="v1.25.0"
# The Python and Go hosts also moved to modules of their own that the proxy reachable here does
# not serve (403); these are the newest sdk/v3 releases that contain them. Both only start the
# program (python / go build) and speak the stable LanguageRuntime protocol; the program's own
# SDK (PyPI `pulumi`, Go `github.com/pulumi/pulumi/sdk/v3`) talks to the engine.
# tests/e2e/sdk proves each with CLI 3.276 end to end. The v3.68 Python host ignores the
# `virtualenv` runtime option: put the virtualenv's bin first on PATH.
PYTHON_LANGHOST_SDK_VERSION="v3.68.0"
GO_LANGHOST_SDK_VERSION="v3.66.0"

SDK_PKG_JSON="$REPO_ROOT/node_modules/@pulumi/pulumi/package.json"
[ -f "$SDK_PKG_JSON" ] || die "node_modules is not installed; run this through scripts/with-toolchain.sh"
DYNAMIC_HOST="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[ -x "$DYNAMIC_HOST" ] || die "pulumi-resource-pulumi-nodejs is missing from @pulumi/pulumi"
SDK_VERSION="v$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$SDK_PKG_JSON" | head -1)"
OUT="$REPO_ROOT/.local/pulumi-bin"

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }

# The CLI treats plugins that sit next to its own executable as bundled and warns about any
# other plugin found on PATH, so the three tools are placed side by side as real files (hard
# links into the cache, or copies across filesystems), not symlinks.
link_tools() { # pulumi langhost
  # Every host is found or built before anything is placed: one that cannot be had stops the
  # setup here, with its reason, and leaves the tools in place untouched.
  local yaml py go
  yaml=$(yaml_langhost)
  py=$(sdk_langhost pulumi-language-python "$PYTHON_LANGHOST_SDK_VERSION" python/cmd/pulumi-language-python)
  go=$(sdk_langhost pulumi-language-go "$GO_LANGHOST_SDK_VERSION" go/pulumi-language-go)
  mkdir -p "$OUT"
  place "$1" "$OUT/pulumi"
  place "$2" "$OUT/pulumi-language-nodejs"
  rm -f "$OUT/pulumi-resource-pulumi-nodejs"
  cp "$DYNAMIC_HOST" "$OUT/pulumi-resource-pulumi-nodejs"
  place "$yaml" "$OUT/pulumi-language-yaml"
  place "$py" "$OUT/pulumi-language-python"
  place "$(dirname "$py")/pulumi-language-python-exec" "$OUT/pulumi-language-python-exec"
  place "$go" "$OUT/pulumi-language-go"
  echo "$OUT"
}
# -> path of a language host inside github.com/pulumi/pulumi/sdk/v3: the one on PATH, else a
# cached build. Beside the Python host: its `pulumi-language-python-exec` shim (it runs it).
sdk_langhost() { # name sdk-version package-dir-in-sdk
  local name="$1" v="$2" pkg="github.com/pulumi/pulumi/sdk/v3/$3" p
  local dir="$CACHE_DIR/$name-$v"
  if p=$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -vxF "$OUT" | paste -sd: -)" command -v "$name"); then
    if [ "$name" != pulumi-language-python ] || [ -x "$(dirname "$p")/pulumi-language-python-exec" ]; then echo "$p"; return 0; fi
  fi
  if [ -x "$dir/bin/$name" ]; then echo "$dir/bin/$name"; return 0; fi
  command -v go >/dev/null || die "no $name on PATH and no Go toolchain to build one"
  log "building $name from github.com/pulumi/pulumi/sdk/v3@$v (first time only, under a minute with a warm Go cache)"
  mkdir -p "$dir/bin"
  printf 'module pulumivoiceid/%s\n\ngo 1.20\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$name" "$v" > "$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" > "$dir/tools.go"
  (cd "$dir" && GOFLAGS=-mod=mod go mod tidy -e >&2 && GOFLAGS=-mod=mod go build -o "bin/$name.partial" \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$v" "$pkg" >&2) \
    || die "building $name from github.com/pulumi/pulumi/sdk/v3@$v failed (see above)"
  if [ "$name" = pulumi-language-python ]; then
    local src; src="$(cd "$dir" && GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec"
    [ -f "$src" ] || die "github.com/pulumi/pulumi/sdk/v3@$v has no python/cmd/pulumi-language-python-exec"
    install -m 755 "$src" "$dir/bin/pulumi-language-python-exec"
  fi
  mv "$dir/bin/$name.partial" "$dir/bin/$name"
  echo "$dir/bin/$name"
}
yaml_langhost() { # -> path of pulumi-language-yaml (ambient, or cached build)
  local p dir="$CACHE_DIR/pulumi-language-yaml-$YAML_LANGHOST_VERSION"
  if p=$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -vxF "$OUT" | paste -sd: -)" command -v pulumi-language-yaml); then
    echo "$p"; return 0
  fi
  if [ -x "$dir/bin/pulumi-language-yaml" ]; then echo "$dir/bin/pulumi-language-yaml"; return 0; fi
  command -v go >/dev/null || die "no pulumi-language-yaml on PATH and no Go toolchain to build one"
  log "building pulumi-language-yaml $YAML_LANGHOST_VERSION from the Go module proxy (first time only, ~1 min)"
  mkdir -p "$dir/bin"
  (GOFLAGS=-mod=mod GOBIN="$dir/tmp" go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@"$YAML_LANGHOST_VERSION" >&2 \
      && mv "$dir/tmp/pulumi-language-yaml" "$dir/bin/pulumi-language-yaml") \
    || die "building pulumi-language-yaml $YAML_LANGHOST_VERSION failed (see above)"
  echo "$dir/bin/pulumi-language-yaml"
}
place() {
  [ ! -L "$2" ] && [ "$1" -ef "$2" ] && return 0
  rm -f "$2"
  ln "$1" "$2" 2>/dev/null || cp "$1" "$2"
}

# 1. Ambient CLI (a user's own install) when new enough.
ambient_path=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$OUT" | paste -sd: -)
if p=$(PATH="$ambient_path" command -v pulumi) && l=$(PATH="$ambient_path" command -v pulumi-language-nodejs); then
  v=$("$p" version 2>/dev/null | tr -d 'v' || true)
  if [ -n "$v" ] && version_ge "$v" "$MIN_CLI_VERSION"; then
    link_tools "$p" "$l"; exit 0
  fi
  log "ignoring pulumi $v on PATH (need >= $MIN_CLI_VERSION)"
fi

command -v go >/dev/null || die "no pulumi CLI on PATH and no Go toolchain to build one"
export GOFLAGS=-mod=mod

# Newest pkg/v3 version served by the proxy that is <= the SDK version.
pick_cli_version() {
  local versions
  versions=$(go list -m -versions github.com/pulumi/pulumi/pkg/v3 2>/dev/null | tr ' ' '\n' | tail -n +2 | sort -rV) \
    || die "cannot list github.com/pulumi/pulumi/pkg/v3 versions from the Go module proxy"
  for v in $versions; do
    version_ge "${SDK_VERSION#v}" "${v#v}" || continue
    if go mod download github.com/pulumi/pulumi/pkg/v3@"$v" >/dev/null 2>&1; then echo "$v"; return 0; fi
  done
  die "the Go module proxy serves no github.com/pulumi/pulumi/pkg/v3 version <= $SDK_VERSION"
}

build_cli() { # version -> path of pulumi binary
  local v="$1" dir="$CACHE_DIR/pulumi-cli-$1"
  if [ -x "$dir/bin/pulumi" ]; then echo "$dir/bin/pulumi"; return 0; fi
  log "building pulumi $v from the Go module proxy (first time only, ~8 min on 2 cores with downloads)"
  mkdir -p "$dir"
  pkg_module_gomod "$v" pulumivoiceid/pulumicli > "$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' > "$dir/tools.go"
  (cd "$dir" && go mod tidy -e >&2 && go build -o bin/pulumi.partial \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$v" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2 && mv bin/pulumi.partial bin/pulumi) \
    || die "building pulumi $v failed (see above)"
  echo "$dir/bin/pulumi"
}

build_langhost() { # version -> path of pulumi-language-nodejs binary
  local v="$1" mod pkg sdkv
  if go mod download github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@"$v" >/dev/null 2>&1; then
    mod="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"; pkg="$mod"; sdkv="$v"
  else
    sdkv="$LANGHOST_FALLBACK_SDK_VERSION"
    log "the proxy does not serve pulumi-language-nodejs $v; using the host from sdk/v3 $sdkv"
    mod="github.com/pulumi/pulumi/sdk/v3"; pkg="$mod/nodejs/cmd/pulumi-language-nodejs"
  fi
  local dir="$CACHE_DIR/pulumi-langhost-$sdkv"
  if [ -x "$dir/bin/pulumi-language-nodejs" ]; then echo "$dir/bin/pulumi-language-nodejs"; return 0; fi
  log "building pulumi-language-nodejs ($mod@$sdkv)"
  mkdir -p "$dir"
  printf 'module pulumivoiceid/langhost\n\ngo 1.20\n\nrequire %s %s\n' "$mod" "$sdkv" > "$dir/go.mod"
  [ "$mod" != "github.com/pulumi/pulumi/sdk/v3" ] && \
    printf 'replace github.com/pulumi/pulumi/sdk/v3 => github.com/pulumi/pulumi/sdk/v3 %s\nreplace github.com/pulumi/pulumi/pkg/v3 => github.com/pulumi/pulumi/pkg/v3 %s\n' "$sdkv" "$sdkv" >> "$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" > "$dir/tools.go"
  (cd "$dir" && go mod tidy -e >&2 && go build -o bin/pulumi-language-nodejs.partial \
      -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$sdkv" "$pkg" >&2 \
      && mv bin/pulumi-language-nodejs.partial bin/pulumi-language-nodejs) \
    || die "building pulumi-language-nodejs failed (see above)"
  echo "$dir/bin/pulumi-language-nodejs"
}

resolve() {
  local stamp="$CACHE_DIR/pulumi-for-$SDK_VERSION" cli lh
  if [ -f "$stamp" ]; then
    read -r cli lh < "$stamp"
    if [ -x "$cli" ] && [ -x "$lh" ]; then link_tools "$cli" "$lh"; return 0; fi
  fi
  local v; v=$(pick_cli_version)
  [ "$v" = "$SDK_VERSION" ] || log "pulumi $SDK_VERSION is not served by the Go module proxy; using $v (the newest served version below it)"
  cli=$(build_cli "$v")
  lh=$(build_langhost "$v")
  echo "$cli $lh" > "$stamp"
  link_tools "$cli" "$lh"
}
with_lock pulumi resolve
