#!/usr/bin/env bash
# npm run bench: builds the node, compiles the benchmark (bench/*.ts + the engine harness) into
# .cache/bench, and runs it against the emulator on loopback. About 11 minutes with the default
# configuration (the sequential batch alone is ~9 minutes; BENCH_SEQUENTIAL_ITEMS=N shortens it,
# and the ratio is then extrapolated and labelled so). See bench/main.ts for every knob.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
bash scripts/ensure-deps.sh >&2
npm run build --silent >/dev/null
npx --no-install tsc -p bench/tsconfig.json
# The compiled bench and harness look for package.json, dist/ and the emulator two levels up.
for entry in package.json dist emulator; do ln -sfn "../../$entry" ".cache/bench/$entry"; done
# n8n-core writes its config and binary data under N8N_USER_FOLDER: a throwaway folder.
N8N_USER_FOLDER="$(mktemp -d "${TMPDIR:-/tmp}/sora-bench-XXXXXX")"
export N8N_USER_FOLDER
trap 'rm -rf "$N8N_USER_FOLDER"' EXIT
node .cache/bench/bench/main.js "$@"
