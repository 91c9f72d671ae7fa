#!/usr/bin/env bash
# Debian's nginx, installed with apt when missing, run unprivileged from a throwaway prefix.
# Usage: .ci/nginx.sh install            -> prints the nginx binary's path
#        .ci/nginx.sh start DIR CONF     -> runs `nginx -p DIR -c CONF` in the background
#        .ci/nginx.sh stop DIR CONF
set -euo pipefail
cmd=${1:?install|start|stop}

find_bin() {
  for b in /usr/sbin/nginx "$(command -v nginx 2>/dev/null || true)"; do
    [ -n "$b" ] && [ -x "$b" ] && { echo "$b"; return; }
  done
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "installing nginx with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Never let the package's post-install start a system-wide nginx on port 80.
  policy=/usr/sbin/policy-rc.d
  restore=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; restore=1
  fi
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends nginx-light >&2 \
    || apt-get install -y -qq --no-install-recommends nginx >&2
  [ -n "$restore" ] && rm -f "$policy"
  bin=$(find_bin)
fi

case "$cmd" in
  install)
    echo "$bin"
    ;;
  start)
    dir=${2:?prefix directory}; conf=${3:?configuration file}
    mkdir -p "$dir/logs" "$dir/tmp"
    # -e: nginx opens its compiled-in error log before reading the configuration;
    # pointing it into the prefix keeps an unprivileged start from failing on /var/log.
    "$bin" -p "$dir" -c "$conf" -e "$dir/logs/error.log" -t -q
    "$bin" -p "$dir" -c "$conf" -e "$dir/logs/error.log"
    ;;
  stop)
    dir=${2:?prefix directory}; conf=${3:?configuration file}
    "$bin" -p "$dir" -c "$conf" -e "$dir/logs/error.log" -s quit || true
    ;;
esac
