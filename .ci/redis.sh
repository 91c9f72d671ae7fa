#!/usr/bin/env bash
# Start a throwaway Redis on 127.0.0.1 (no persistence), installing it with apt when missing.
# Usage: eval "$(.ci/redis.sh start DIR PORT)"  -> exports CRM_TEST_REDIS_URL
#        .ci/redis.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?working directory}; port=${3:-56379}

if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
fi

case "$cmd" in
  start)
    mkdir -p "$dir"
    # Loopback only, no RDB snapshots or AOF: counters are worth nothing after a restart.
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
      --save '' --appendonly no --dir "$dir" --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
    for _ in $(seq 50); do
      redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null
    echo "$port" >"$dir/redis.port"
    echo "export CRM_TEST_REDIS_URL=redis://127.0.0.1:$port/0"
    ;;
  stop)
    if [ -f "$dir/redis.port" ]; then
      redis-cli -h 127.0.0.1 -p "$(cat "$dir/redis.port")" shutdown nosave >/dev/null 2>&1 || true
    elif [ -f "$dir/redis.pid" ]; then
      kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    fi
    ;;
esac
