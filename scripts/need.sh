#!/usr/bin/env bash
# Source this file: need_commands LABEL command:apt-package ... makes sure each command is on
# PATH, installing the missing ones' Debian packages with apt (as root, or with passwordless
# sudo). When that cannot be done it prints ONE line naming what is missing and returns 1.
#
#   need_commands install-n8n g++:g++ make:make python3:python3

need_commands() {
  local label="$1" pair cmd pkg
  shift
  local missing=() packages=()
  for pair in "$@"; do
    cmd="${pair%%:*}"
    pkg="${pair#*:}"
    command -v "$cmd" >/dev/null 2>&1 || { missing+=("$cmd"); packages+=("$pkg"); }
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo_cmd=() why=""
  if ! command -v apt-get >/dev/null 2>&1; then
    why="no apt-get on this machine"
  elif [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else why="not root and no passwordless sudo"; fi
  fi
  if [ -n "$why" ]; then
    echo "$label: missing ${missing[*]} ($why): install the packages ${packages[*]} and rerun" >&2
    return 1
  fi

  echo "[$label] installing ${packages[*]} (apt) for ${missing[*]}" >&2
  local log
  log="$(mktemp)"
  # Lock::Timeout: wait for another apt run on the machine instead of failing at once.
  if ! { "${sudo_cmd[@]}" apt-get update -qq -o DPkg::Lock::Timeout=600 &&
         DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
           -o DPkg::Lock::Timeout=600 "${packages[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    echo "$label: missing ${missing[*]} (apt-get install ${packages[*]} failed, log above): install them and rerun" >&2
    return 1
  fi
  rm -f "$log"
  hash -r
  for pair in "$@"; do
    cmd="${pair%%:*}"
    command -v "$cmd" >/dev/null 2>&1 || { echo "$label: $cmd is still missing after apt-get install ${packages[*]}" >&2; return 1; }
  done
}
