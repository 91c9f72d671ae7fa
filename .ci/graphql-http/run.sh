#!/usr/bin/env bash
# The graphql-http audit (GraphQL over HTTP conformance) against a live gateway on
# 127.0.0.1 serving the demo data, called with the token `serve --demo` prints.
# Fails when any MUST fails; SHOULD and MAY results are printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin="$root/.venv/bin"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing node and npm with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq nodejs npm >&2
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)

work=$(mktemp -d /tmp/crm-audit.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$("$bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export CRM_DATABASE_URL="sqlite+aiosqlite:///$work/audit.db"
export CRM_SECRET_KEY="audit-$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))')"
unset CRM_TEST_DATABASE_URL
(cd "$work" && exec "$bin/crm-gateway" serve --demo --host 127.0.0.1 --port "$port") \
  >"$work/stdout" 2>"$work/stderr" &
server=$!

base="http://127.0.0.1:$port"
if ! "$bin/python" - "$base/healthz" "$server" <<'PY'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 180
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(1)
    time.sleep(0.5)
sys.exit(1)
PY
then
  echo "the gateway did not start:" >&2
  cat "$work/stderr" >&2
  exit 1
fi

# `serve --demo` prints the token alone on stdout before uvicorn logs anything there.
token=$(head -n 1 "$work/stdout")
[ -n "$token" ] || { echo "serve --demo printed no token" >&2; exit 1; }

GRAPHQL_URL="$base/graphql" AUDIT_TOKEN="$token" node "$here/audit.mjs"
