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
# shellcheck source=/dev/null
source "$here/../../scripts/cache-install.sh"

cache_install pipeline-servers-1 "@20minutes/s3rver@5.0.0" "smtp-server@3.21.7" "mailparser@3.14.5"
echo "$SORA_CACHE/pipeline-servers-1"
