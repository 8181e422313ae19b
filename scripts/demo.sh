#!/usr/bin/env bash
# npm run demo -- "a prompt": prompt in, MP4 out, through n8n's real engine and the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
bash scripts/ensure-deps.sh >&2
npm run build --silent >/dev/null
npx --no-install tsc -p scripts/tsconfig.demo.json
# The compiled demo and harness look for package.json, dist/ and the emulator two levels up.
for entry in package.json dist emulator; do ln -sfn "../../$entry" ".cache/demo/$entry"; done
export N8N_USER_FOLDER="${N8N_USER_FOLDER:-$(mktemp -d)}"
node .cache/demo/scripts/demo.js "$@"
