#!/usr/bin/env bash
# Installs the locked packages when node_modules is missing or older than the lock file.
# `npm install` rather than `npm ci`: this registry lacks some optional platform packages
# (e.g. @unrs/resolver-binding-android-*), which npm install skips but npm ci refuses.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing packages (npm install from package-lock.json)..."
  npm install --no-audit --no-fund
fi
