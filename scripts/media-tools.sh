#!/usr/bin/env bash
# Makes sure ffprobe/ffmpeg and dwebp are on PATH: the emulator's media checks decode the MP4s
# and WebP thumbnails it serves with them. Installs Debian's `ffmpeg` and `webp` packages when
# one is missing (as root, or with passwordless sudo as on GitHub's runners), like the e2e
# suite installs Chromium. Fails when it cannot: npm test skips no check.
set -euo pipefail
missing=()
command -v ffprobe >/dev/null 2>&1 && command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v dwebp >/dev/null 2>&1 || missing+=(webp)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "[media-tools] installing ${missing[*]} (apt) for the emulator's media checks" >&2
sudo_cmd=()
[ "$(id -u)" = "0" ] || sudo_cmd=(sudo -n)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
t0=$(date +%s)
# Lock::Timeout: wait for another apt run on the machine instead of failing at once.
if ! { "${sudo_cmd[@]}" apt-get update -qq -o DPkg::Lock::Timeout=600 &&
       DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
         -o DPkg::Lock::Timeout=600 "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "[media-tools] could not install ${missing[*]}: install them (apt-get install -y ffmpeg webp) and rerun" >&2
  exit 1
fi
echo "[media-tools] installed in $(( $(date +%s) - t0 ))s" >&2
