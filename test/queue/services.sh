#!/usr/bin/env bash
# Private Redis and Postgres for the queue-mode suite, sourced by run.sh.
# Each runs on its own loopback port with its data, socket and pid file in $work/services,
# so nothing touches a system cluster; services_stop kills them by pid file.
# Needs root (as CI runs) the first time, to apt-get install what is missing.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

services_install() {
  local want=()
  command -v redis-server >/dev/null || want+=(redis-server)
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || want+=(postgresql)
  [ ${#want[@]} -eq 0 ] && return 0
  local sudo_cmd=()
  [ "$(id -u)" = "0" ] || sudo_cmd=(sudo -n)
  say "installing ${want[*]} (apt)"
  if ! { "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}"; } >"$work/apt.log" 2>&1; then
    tail -n 30 "$work/apt.log" >&2
    say "could not install ${want[*]}"
    return 1
  fi
}

# Postgres refuses to run as root: the cluster belongs to the postgres user (or to us).
pg_user() { if [ "$(id -u)" = "0" ]; then echo postgres; else id -un; fi; }
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

services_start() {
  local dir="$work/services"
  mkdir -p "$dir/redis" "$dir/pg-socket"
  QUEUE_REDIS_PORT="$(free_port)"
  QUEUE_PG_PORT="$(free_port)"
  export QUEUE_REDIS_PORT QUEUE_PG_PORT QUEUE_PG_USER="$(pg_user)" QUEUE_PG_DB=n8n_queue

  redis-server --port "$QUEUE_REDIS_PORT" --bind 127.0.0.1 --dir "$dir/redis" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save '' --appendonly no >/dev/null
  # Up to 60 s: a loaded machine starts redis slowly; only a broken one takes this long.
  for _ in $(seq 600); do redis-cli -p "$QUEUE_REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  redis-cli -p "$QUEUE_REDIS_PORT" ping | grep -q PONG || { say "redis did not start"; cat "$dir/redis.log" >&2; return 1; }

  local bin
  bin="$(pg_bin)"
  mkdir -p "$dir/pg"
  [ "$(id -u)" = "0" ] && chown -R postgres "$dir/pg" "$dir/pg-socket" && chmod 755 "$work" "$dir"
  as_pg "$bin/initdb" -D "$dir/pg/data" -A trust -U "$QUEUE_PG_USER" --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # Enough connections for 5 n8n processes with a raised pool each, plus the test's client.
  as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 start \
    -o "-p $QUEUE_PG_PORT -k $dir/pg-socket -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" \
    >/dev/null || { cat "$dir/pg/server.log" >&2; return 1; }
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$QUEUE_PG_PORT" -U "$QUEUE_PG_USER" "$QUEUE_PG_DB"
  say "redis on 127.0.0.1:$QUEUE_REDIS_PORT, postgres on 127.0.0.1:$QUEUE_PG_PORT (db $QUEUE_PG_DB)"
}

services_stop() {
  local dir="$work/services" pid
  [ -d "$dir" ] || return 0
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
    # pg_ctl failed or timed out: the first line of postmaster.pid is the server's pid.
    pid="$(head -n1 "$dir/pg/data/postmaster.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  fi
  if [ -f "$dir/redis.pid" ]; then
    pid="$(cat "$dir/redis.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
