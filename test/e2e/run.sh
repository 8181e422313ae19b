#!/usr/bin/env bash
# End-to-end suite: the BUILT package inside a REAL n8n (pinned, see install-n8n.sh).
#
#   npm run test:e2e                       # everything
#   bash test/e2e/run.sh test/e2e/webhook.e2e.mjs   # some files only
#   bash test/e2e/run.sh --test-name-pattern="Return All" test/e2e/workflows.e2e.mjs   # some tests
#
# Arguments starting with -- go to `node --test`; the others are test files. Each
# --test-name-pattern is a regular expression (several: several flags) and must select at
# least one test, or the run fails (node itself passes a pattern that matches nothing).
#
# Environment (all optional):
#   SORA_CACHE          cache folder for Node 24 and n8n (default ~/.cache/n8n-nodes-sora-video)
#   SORA_E2E_EDITOR=0   skip the browser check of the editor (no chromium needed)
#   SORA_E2E_KEEP=1     keep the temporary n8n user folders (printed) for debugging
#   SORA_E2E_VERBOSE=1  log every n8n command and its duration
#   SORA_E2E_TIMEOUT    hard limit in seconds for the test run (default 1200)
#
# Needs network only for the first install (npm registry, apt for chromium).
# Every process it starts (n8n, task runners, emulator, chromium) is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
# shellcheck source=/dev/null
source scripts/node24.sh

t_start=$(date +%s)
say() { echo "[e2e] $*" >&2; }

# Options for node --test and test files, told apart before anything slow starts.
files=()
node_options=()
name_patterns=()
while [ $# -gt 0 ]; do
  case "$1" in
    --test-name-pattern=*) name_patterns+=("${1#--test-name-pattern=}"); node_options+=("$1") ;;
    --test-name-pattern)
      [ $# -ge 2 ] || { say "--test-name-pattern needs a pattern"; exit 2; }
      name_patterns+=("$2"); node_options+=("--test-name-pattern=$2"); shift ;;
    --*) node_options+=("$1") ;;
    *) files+=("$1") ;;
  esac
  shift
done

work="$(mktemp -d "${TMPDIR:-/tmp}/sora-e2e.XXXXXX")"
cleanup() {
  local rc=$?
  # Stop the test runner if a signal got us here (timeout passes TERM on to node).
  if [ -n "${runner:-}" ]; then
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  # The harness stops its processes itself; this catches whatever a crash left behind.
  if [ -f "$work/pids" ]; then
    while read -r pid _; do
      kill -KILL -- "-$pid" 2>/dev/null || true
    done < "$work/pids"
  fi
  if declare -F services_stop >/dev/null; then services_stop; fi
  if [ "${SORA_E2E_KEEP:-0}" = "1" ]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. n8n itself (idempotent; ~5 min the first time on a machine, instant after).
t0=$(date +%s)
n8n_dir="$(bash "$here/install-n8n.sh" | tail -n1)"
t_install=$(( $(date +%s) - t0 ))

# 2. The package as users get it: build, then npm pack (only `files`: what n8n loads).
#    Built in a copy of the working tree, so a teammate's build (which empties dist/)
#    cannot race with this run, and the repo's dist/ is left alone.
t0=$(date +%s)
src="$work/src"
mkdir -p "$src"
tar -C "$repo" --exclude=./node_modules --exclude=./dist --exclude=./.git \
  --exclude=./test-results --exclude=./bench/tmp -cf - . | tar -C "$src" -xf -
ln -s "$repo/node_modules" "$src/node_modules"
if ! (cd "$src" && npx --no-install n8n-node build) >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  say "build failed"
  exit 1
fi
mkdir -p "$work/pack" "$work/package"
tarball="$(cd "$src" && npm pack --silent --pack-destination "$work/pack" 2>/dev/null | tail -n1)"
tar -xzf "$work/pack/$tarball" -C "$work/package" --strip-components=1
[ -f "$work/package/dist/nodes/SoraVideo/SoraVideo.node.js" ] || { say "packed package has no dist/nodes/SoraVideo"; exit 1; }
t_build=$(( $(date +%s) - t0 ))

# 3. Chromium for the editor check (Debian package; needs root or sudo).
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(ls "$here"/*.e2e.mjs)
fi
wants_editor=0
for f in "${files[@]}"; do case "$f" in *editor.e2e.mjs) wants_editor=1 ;; esac; done
if [ "${SORA_E2E_EDITOR:-1}" = "0" ]; then
  filtered=()
  for f in "${files[@]}"; do case "$f" in *editor.e2e.mjs) ;; *) filtered+=("$f") ;; esac; done
  files=("${filtered[@]}")
  wants_editor=0
fi
if [ "$wants_editor" = "1" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  t0=$(date +%s)
  say "installing chromium (apt) for the editor check; SORA_E2E_EDITOR=0 skips it"
  sudo_cmd=()
  [ "$(id -u)" = "0" ] || sudo_cmd=(sudo -n)
  if ! { "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium; } >"$work/apt.log" 2>&1; then
    tail -n 30 "$work/apt.log" >&2
    say "could not install chromium; rerun with SORA_E2E_EDITOR=0 to skip the editor check"
    exit 1
  fi
  say "chromium installed in $(( $(date +%s) - t0 ))s"
fi

# 3b. Verdaccio for the registry install check (npm package, into the cache); openssl makes
#     its throwaway CA (test/e2e/lib/registry.mjs).
for f in "${files[@]}"; do
  case "$f" in
    *registry.e2e.mjs)
      source scripts/need.sh
      need_commands e2e openssl:openssl || exit 1
      export SORA_E2E_VERDACCIO_DIR="$(bash "$here/install-verdaccio.sh" | tail -n1)" ;;
  esac
done

# 3c. The recipes' stand-ins: the S3 and SMTP servers (npm packages, into the cache) and the
#     queue suite's private Postgres (Debian's postgresql, installed with apt when missing).
for f in "${files[@]}"; do
  case "$f" in *pipelines.e2e.mjs)
    export SORA_E2E_PIPELINE_SERVERS_DIR="$(bash "$here/install-pipeline-servers.sh" | tail -n1)"
    # shellcheck source=test/queue/services.sh
    source "$repo/test/queue/services.sh"
    services_install
    services_start
    ;;
  esac
done

# 4. The tests. node:test prints a closing summary; JUnit XML goes to test-results/.
#    With name patterns, lib/name-patterns.mjs also records which tests ran.
mkdir -p "$repo/test-results"
export SORA_E2E_N8N_DIR="$n8n_dir" SORA_E2E_PACKAGE_DIR="$work/package" SORA_E2E_WORK="$work"
ran_tests="$work/ran-tests.jsonl"
if [ ${#name_patterns[@]} -gt 0 ]; then
  # A third reporter puts node's TestsStream over its default of 10 'end' listeners: harmless.
  node_options+=(--test-reporter="$here/lib/name-patterns.mjs" --test-reporter-destination="$ran_tests"
    --disable-warning=MaxListenersExceededWarning)
fi
t0=$(date +%s)
set +e
# In the background + wait, so that a signal to this script runs the trap at once
# (bash defers traps while a foreground child runs).
timeout --kill-after=15 "${SORA_E2E_TIMEOUT:-1200}" \
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=junit --test-reporter-destination="$repo/test-results/e2e-junit.xml" \
    "${node_options[@]}" "${files[@]}" &
runner=$!
wait "$runner"
rc=$?
runner=
set -e
t_tests=$(( $(date +%s) - t0 ))
[ $rc -eq 124 ] && say "the test run hit SORA_E2E_TIMEOUT (${SORA_E2E_TIMEOUT:-1200}s)"
if [ ${#name_patterns[@]} -gt 0 ] && ! node "$here/lib/name-patterns.mjs" "$ran_tests" "${name_patterns[@]}"; then
  [ $rc -ne 0 ] || rc=1
fi

say "n8n install ${t_install}s, build+pack ${t_build}s, tests ${t_tests}s, total $(( $(date +%s) - t_start ))s (n8n from $n8n_dir)"
exit $rc
