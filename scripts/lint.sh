#!/usr/bin/env bash
# Runs `n8n-node lint` on the package as it is published: package.json, credentials/,
# nodes/ and icons/. n8n's rules (no fs, no timers, no process...) are for node code;
# the tests, the emulator and the benchmark never ship, so they are left out here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r package.json eslint.config.mjs tsconfig.json credentials nodes icons "$stage"/
ln -s "$PWD/node_modules" "$stage/node_modules"
cd "$stage"
npx --no-install n8n-node lint "$@"
