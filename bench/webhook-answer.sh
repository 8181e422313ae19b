#!/usr/bin/env bash
# Runs bench/webhook-answer.mjs with the private Redis and Postgres of the queue suite
# (test/queue/services.sh: installed with apt when missing, started on free loopback ports,
# stopped on exit). Called by bench/webhook-scenario.ts with SORA_E2E_PACKAGE_DIR and
# SORA_E2E_WORK set; the n8n install is the e2e suite's (test/e2e/install-n8n.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
say() { echo "[bench webhook] $*" >&2; }
work="${SORA_E2E_WORK:?SORA_E2E_WORK must name a scratch folder}"
# shellcheck source=test/queue/services.sh
source "$repo/test/queue/services.sh"
cleanup() {
  local rc=$?
  # n8n processes and the emulator (the script stops them; this catches what a crash left).
  if [ -f "$work/pids" ]; then
    while read -r pid _; do kill -KILL -- "-$pid" 2>/dev/null || true; done < "$work/pids"
  fi
  services_stop
  exit "$rc"
}
trap cleanup EXIT
SORA_E2E_N8N_DIR="$(bash "$repo/test/e2e/install-n8n.sh" | tail -n1)"
export SORA_E2E_N8N_DIR
if [[ ",${BENCH_WEBHOOK_MODES:-regular,queue}," == *,queue,* ]]; then
  services_install
  services_start
fi
node "$here/webhook-answer.mjs"
