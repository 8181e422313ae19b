#!/usr/bin/env bash
# Queue-mode suite: the BUILT package in a REAL n8n (pinned, test/e2e/install-n8n.sh) running
# as main + 2 webhook processes + 2 workers on a private Redis and Postgres.
#
#   bash test/queue/run.sh                              # every scenario
#
# Environment (all optional):
#   SORA_QUEUE_JOBS      jobs in the fire-and-forget run (default 200)
#   SORA_QUEUE_SCENARIOS scenarios to run, of scale,wait,recipes,kill (default all four)
#   SORA_QUEUE_PG_POOL   DB_POSTGRESDB_POOL_SIZE of every n8n process (default 20; n8n's is 2)
#   SORA_QUEUE_TIMEOUT   hard limit in seconds for the test run (default 900)
#   SORA_E2E_KEEP=1      keep the temporary folder (logs of every process) for debugging
#
# Installs redis-server and postgresql with apt when missing (root or sudo).
# Everything it starts (Redis, Postgres, n8n processes, emulator, relay) is stopped on exit,
# also on failure or Ctrl-C.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
# shellcheck source=/dev/null
source scripts/node24.sh

t_start=$(date +%s)
say() { echo "[queue] $*" >&2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/sora-queue.XXXXXX")"
# shellcheck source=test/queue/services.sh
source "$here/services.sh"

cleanup() {
  local rc=$?
  if [ -n "${runner:-}" ]; then
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  # n8n processes, emulator and relay (the tests stop them; this catches what a crash left).
  if [ -f "$work/pids" ]; then
    while read -r pid _; do kill -KILL -- "-$pid" 2>/dev/null || true; done < "$work/pids"
  fi
  services_stop
  if [ "${SORA_E2E_KEEP:-0}" = "1" ]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. n8n (shared with the e2e suite; instant once installed) and the services.
t0=$(date +%s)
n8n_dir="$(bash "$repo/test/e2e/install-n8n.sh" | tail -n1)"
services_install
services_start
# The recipes scenario's S3 and SMTP stand-ins (npm packages, into the cache; instant once there).
export SORA_E2E_PIPELINE_SERVERS_DIR="$(bash "$repo/test/e2e/install-pipeline-servers.sh" | tail -n1)"
t_setup=$(( $(date +%s) - t0 ))

# 2. The package as users get it: build in a copy of the tree, npm pack, unpack.
t0=$(date +%s)
src="$work/src"
mkdir -p "$src" "$work/pack" "$work/package"
tar -C "$repo" --exclude=./node_modules --exclude=./dist --exclude=./.git \
  --exclude=./test-results --exclude=./bench/tmp -cf - . | tar -C "$src" -xf -
ln -s "$repo/node_modules" "$src/node_modules"
if ! (cd "$src" && npx --no-install n8n-node build) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2; say "build failed"; exit 1
fi
tarball="$(cd "$src" && npm pack --silent --pack-destination "$work/pack" 2>/dev/null | tail -n1)"
tar -xzf "$work/pack/$tarball" -C "$work/package" --strip-components=1
t_build=$(( $(date +%s) - t0 ))

# 3. The scenarios, one file at a time (they share the services, not the n8n processes).
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(ls "$here"/*.queue.mjs)
mkdir -p "$repo/test-results"
export SORA_E2E_N8N_DIR="$n8n_dir" SORA_E2E_PACKAGE_DIR="$work/package" SORA_E2E_WORK="$work"
t0=$(date +%s)
set +e
timeout --kill-after=15 "${SORA_QUEUE_TIMEOUT:-900}" \
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$repo/test-results/queue-junit.xml" \
    "${files[@]}" &
runner=$!
wait "$runner"
rc=$?
runner=
set -e
t_tests=$(( $(date +%s) - t0 ))
[ $rc -eq 124 ] && say "the test run hit SORA_QUEUE_TIMEOUT (${SORA_QUEUE_TIMEOUT:-900}s)"
say "setup ${t_setup}s, build+pack ${t_build}s, tests ${t_tests}s, total $(( $(date +%s) - t_start ))s"
exit $rc
