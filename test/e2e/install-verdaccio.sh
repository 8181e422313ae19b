#!/usr/bin/env bash
# Installs Verdaccio (a private npm registry, MIT; https://verdaccio.org) into the cache folder,
# outside the product, for registry.e2e.mjs: it stands in for registry.npmjs.org so that n8n's
# own community-package installer can install the packed package. Idempotent, with a lock.
# Prints the folder whose node_modules/.bin/verdaccio is the server.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$here/../../scripts/node24.sh"
# shellcheck source=/dev/null
source "$here/../../scripts/cache-install.sh"

VERDACCIO_VERSION="${VERDACCIO_VERSION:-6.10.4}"
dir="$SORA_CACHE/verdaccio-$VERDACCIO_VERSION"
cache_install "verdaccio-$VERDACCIO_VERSION" "verdaccio@$VERDACCIO_VERSION"
[ -x "$dir/node_modules/.bin/verdaccio" ] || { echo "[install-verdaccio] no verdaccio binary in $dir" >&2; exit 1; }
echo "$dir"
