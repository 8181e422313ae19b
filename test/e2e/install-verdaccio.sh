#!/usr/bin/env bash
# Installs Verdaccio (a private npm registry, MIT; https://verdaccio.org) into the cache folder,
# outside the product, for registry.e2e.mjs: it stands in for registry.npmjs.org so that n8n's
# own community-package installer can install the packed package. Idempotent, with a lock.
# Prints the folder whose node_modules/.bin/verdaccio is the server.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$here/../../scripts/node24.sh"

VERDACCIO_VERSION="${VERDACCIO_VERSION:-6.10.4}"
dir="$SORA_CACHE/verdaccio-$VERDACCIO_VERSION"
marker="$dir/.install-complete"
if [ ! -f "$marker" ]; then
  mkdir -p "$SORA_CACHE"
  exec 7>"$SORA_CACHE/.verdaccio-$VERDACCIO_VERSION.lock"
  command -v flock >/dev/null 2>&1 && flock 7
  if [ ! -f "$marker" ]; then
    t0=$(date +%s)
    echo "[install-verdaccio] installing verdaccio@$VERDACCIO_VERSION into $dir" >&2
    rm -rf "$dir" && mkdir -p "$dir"
    echo '{"private":true}' > "$dir/package.json"
    (cd "$dir" && npm install --ignore-scripts --save-exact --no-audit --no-fund --loglevel=error \
      "verdaccio@$VERDACCIO_VERSION" >&2)
    [ -x "$dir/node_modules/.bin/verdaccio" ] || { echo "[install-verdaccio] no verdaccio binary" >&2; exit 1; }
    date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
    echo "[install-verdaccio] done in $(( $(date +%s) - t0 ))s" >&2
  fi
fi
echo "$dir"
