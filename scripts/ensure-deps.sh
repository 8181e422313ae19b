#!/usr/bin/env bash
# Installs exactly the locked packages when node_modules is missing or older than the lock
# file. `npm ci`: it installs what package-lock.json says or fails, and never rewrites the
# lock, whichever npm runs it (scripts/node24.sh pins one). A lock out of step with
# package.json is fixed by a person with `npm install`, and committed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -L node_modules ]; then
    echo "ensure-deps: node_modules is a symlink ($(readlink node_modules)) and older than package-lock.json: install there, not through the link" >&2
    exit 1
  fi
  echo "Installing packages (npm ci from package-lock.json)..."
  npm ci --no-audit --no-fund
fi
