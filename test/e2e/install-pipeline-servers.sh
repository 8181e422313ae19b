#!/usr/bin/env bash
# Installs the local stand-ins of pipelines.e2e.mjs and the queue suite's pipelines scenario into
# the cache folder, outside the product (no dependency of the package, nothing in package.json):
#   @20minutes/s3rver  an S3-compatible server in Node (MIT): the maintained fork of s3rver
#                      (releases through 2026, Node 24), for n8n's S3 node;
#   smtp-server        nodemailer's SMTP server library (MIT-0), to receive n8n's Send Email;
#   mailparser         nodemailer's MIME parser (MIT), to read what arrived.
# Idempotent, with a lock. Prints the folder whose node_modules holds them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$here/../../scripts/node24.sh"

PACKAGES=("@20minutes/s3rver@5.0.0" "smtp-server@3.21.7" "mailparser@3.14.5")
dir="$SORA_CACHE/pipeline-servers-1"
marker="$dir/.install-complete"
if [ ! -f "$marker" ]; then
  mkdir -p "$SORA_CACHE"
  exec 7>"$SORA_CACHE/.pipeline-servers-1.lock"
  command -v flock >/dev/null 2>&1 && flock 7
  if [ ! -f "$marker" ]; then
    t0=$(date +%s)
    echo "[install-pipeline-servers] installing ${PACKAGES[*]} into $dir" >&2
    rm -rf "$dir" && mkdir -p "$dir"
    echo '{"private":true}' > "$dir/package.json"
    (cd "$dir" && npm install --ignore-scripts --save-exact --no-audit --no-fund --loglevel=error "${PACKAGES[@]}" >&2)
    for p in @20minutes/s3rver smtp-server mailparser; do
      [ -f "$dir/node_modules/$p/package.json" ] || { echo "[install-pipeline-servers] $p is missing" >&2; exit 1; }
    done
    date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
    echo "[install-pipeline-servers] done in $(( $(date +%s) - t0 ))s" >&2
  fi
fi
echo "$dir"
