#!/usr/bin/env bash
# Installs the real n8n application (pinned) into a cache folder OUTSIDE the product,
# so the end-to-end suite can load the built package into it. Idempotent: a marker
# file is written only after every step succeeded, so a half-finished install is
# redone from scratch on the next run. n8n 2.x needs Node 24, and the commands below the
# pinned npm (both from scripts/node24.sh); the sqlite3 build needs a C++ toolchain and
# python3 (node-gyp), installed with apt when missing (scripts/need.sh).
#
#   bash test/e2e/install-n8n.sh          # installs if needed, prints the n8n folder
#   N8N_VERSION=2.41.1 SORA_CACHE=/some/dir bash test/e2e/install-n8n.sh
#
# Output: the last line of stdout is the install folder (its node_modules/.bin/n8n
# is the CLI). Progress and timings go to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=/dev/null
source "$repo/scripts/node24.sh"
# shellcheck source=/dev/null
source "$repo/scripts/need.sh"

N8N_VERSION="${N8N_VERSION:-2.41.1}"
LINKEDOM_VERSION="${LINKEDOM_VERSION:-0.18.12}"
dir="$SORA_CACHE/n8n-$N8N_VERSION"
marker="$dir/.install-complete"

log() { echo "[install-n8n] $*" >&2; }

if [ -f "$marker" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
  log "n8n $N8N_VERSION already installed in $dir"
  echo "$dir"
  exit 0
fi

# Only one installer at a time per folder (CI may run two jobs on one cache).
mkdir -p "$SORA_CACHE"
exec 9>"$SORA_CACHE/.n8n-$N8N_VERSION.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
  if [ -f "$marker" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
    log "n8n $N8N_VERSION installed by a concurrent run"
    echo "$dir"
    exit 0
  fi
fi

need_commands install-n8n g++:g++ make:make python3:python3 || exit 1
start=$(date +%s)
log "installing n8n@$N8N_VERSION into $dir (node $(node --version), npm $(npm --version 2>/dev/null))"
# A folder without the marker is a half-finished install: start clean.
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# Throwaway project. overrides: linkedom 0.18.15 needs a package this registry lacks; n8n
# before 2.36 takes xlsx from cdn.sheetjs.com (unreachable from CI machines without general
# internet), so older n8n gets the npm registry's last xlsx (only spreadsheet nodes use it).
cat > package.json <<JSON
{
  "name": "sora-e2e-n8n-host",
  "private": true,
  "description": "Throwaway host for n8n@$N8N_VERSION used by n8n-nodes-sora-video's e2e tests",
  "overrides": { "linkedom": "$LINKEDOM_VERSION", "xlsx": "0.18.5" }
}
JSON

# The dependency tree has install scripts that download binaries from the internet
# (a Kafka client) and fail: install everything without scripts...
t0=$(date +%s)
npm install "n8n@$N8N_VERSION" --save-exact --ignore-scripts --no-audit --no-fund --loglevel=error >&2
log "npm install: $(( $(date +%s) - t0 ))s"

# ...then build the one native module n8n needs for its sqlite database, from source,
# against the Node 24 headers (SORA_NODE24_HOME is set by scripts/node24.sh when it
# provides the Node; node-gyp reads npm_config_nodedir from the environment). npm 11 runs no install
# script of a package until it is approved (`npm install-scripts`); the pinned npm has it.
t0=$(date +%s)
buildlog="$SORA_CACHE/n8n-$N8N_VERSION-sqlite3-build.log"
if ! { npm install-scripts approve sqlite3 &&
       env ${SORA_NODE24_HOME:+npm_config_nodedir="$SORA_NODE24_HOME"} npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=error; } >"$buildlog" 2>&1; then
  tail -n 40 "$buildlog" >&2
  log "sqlite3 build failed (full log: $buildlog)"
  exit 1
fi
log "sqlite3 rebuild: $(( $(date +%s) - t0 ))s"

# Prove the pieces work before declaring success.
node -e "require('sqlite3')" || { log "sqlite3 does not load"; exit 1; }
ver="$(N8N_USER_FOLDER="$(mktemp -d)" N8N_DIAGNOSTICS_ENABLED=false ./node_modules/.bin/n8n --version 2>/dev/null | tail -n1)"
[ "$ver" = "$N8N_VERSION" ] || { log "n8n --version printed '$ver', expected $N8N_VERSION"; exit 1; }

date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
log "done in $(( $(date +%s) - start ))s"
echo "$dir"
