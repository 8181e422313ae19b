#!/usr/bin/env bash
# cache_install FOLDER PACKAGE@VERSION...: installs pinned npm packages into $SORA_CACHE/FOLDER,
# outside the project (tools the tests run, never dependencies of the package), once per machine.
# Several suites may ask at the same moment, so the install runs behind a lock and is marked
# complete only after every package is there; a half-finished folder is started again.
# --ignore-scripts: none of these tools needs an install script, and some run `npx only-allow`.
# Source it after scripts/node24.sh (which sets SORA_CACHE and puts npm on PATH).

cache_install() {
  local folder="$1"; shift
  local dir="$SORA_CACHE/$folder" marker="$SORA_CACHE/$folder/.install-complete"
  [ -f "$marker" ] && return 0
  mkdir -p "$SORA_CACHE"
  exec 9>"$SORA_CACHE/.$folder.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  if [ ! -f "$marker" ]; then
    local t0 spec name
    t0=$(date +%s)
    echo "[cache-install] installing $* into $dir" >&2
    rm -rf "$dir" && mkdir -p "$dir"
    echo '{"private":true}' > "$dir/package.json"
    (cd "$dir" && npm install --ignore-scripts --save-exact --no-audit --no-fund --loglevel=error "$@" >&2) || {
      exec 9>&-; echo "[cache-install] npm install of $* failed" >&2; return 1; }
    for spec in "$@"; do
      name="${spec%@*}"  # @scope/name@1.2.3 -> @scope/name
      [ -f "$dir/node_modules/$name/package.json" ] || {
        exec 9>&-; echo "[cache-install] $name is missing from $dir after npm install" >&2; return 1; }
    done
    date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
    echo "[cache-install] $folder done in $(( $(date +%s) - t0 ))s" >&2
  fi
  exec 9>&-
}
