#!/usr/bin/env bash
# n8n's verification scanner (@n8n/scan-community-package 0.32.0), run the way
# n8n runs it on a published version: its ESLint rules on the packed tarball (**/*.js and
# package.json) and on the source (package.json, nodes/ and credentials/). Fails on any finding.
# Provenance and the source download need a published package, so those two steps are left
# to n8n; everything it lints is linted here, before publishing.
#
#   bash scripts/scan.sh                 # pack the built dist/ and scan it and the source
#   bash scripts/scan.sh --install-only  # only install the scanner, print its folder
#   SCAN_PACKAGE_DIR=... SCAN_SOURCE_DIR=... bash scripts/scan.sh   # scan given folders
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source "$repo/scripts/node24.sh"

SCANNER_VERSION="${SCANNER_VERSION:-0.32.0}"
scanner_dir="$SORA_CACHE/scan-community-package-$SCANNER_VERSION"

# Installed outside the project (it is n8n's tool, not a dependency of ours), once per machine.
# shellcheck source=/dev/null
source "$repo/scripts/cache-install.sh"
cache_install "scan-community-package-$SCANNER_VERSION" "@n8n/scan-community-package@$SCANNER_VERSION"
export SCANNER_MODULE="$scanner_dir/node_modules/@n8n/scan-community-package/scanner/scanner.mjs"
if [ "${1:-}" = "--install-only" ]; then echo "$scanner_dir"; exit 0; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sora-scan.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ -z "${SCAN_PACKAGE_DIR:-}" ]; then
  # The tarball exactly as npm would publish it, from the dist/ the build just made.
  [ -f "$repo/dist/nodes/SoraVideo/SoraVideo.node.js" ] || { echo "[scan] build first: dist/ is empty" >&2; exit 1; }
  tarball="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n1)"
  mkdir -p "$work/package"
  tar -xzf "$work/$tarball" -C "$work/package" --strip-components=1
  SCAN_PACKAGE_DIR="$work/package"
fi
# TMPDIR: the scanner makes a temporary folder when it is imported; keep it inside $work.
TMPDIR="$work" node "$repo/scripts/scan.mjs" "$SCAN_PACKAGE_DIR" "${SCAN_SOURCE_DIR:-$repo}"
