# Sourced by the CI checks that need a live gateway (.ci/schemathesis.sh,
# .ci/graphql-http/run.sh). Expects $bin (the venv's bin) and $work (a scratch directory
# the caller removes); `start_gateway NAME` serves the demo data from $work/NAME.db on a
# free 127.0.0.1 port and sets $server (its pid), $base (its URL) and $token (the token
# `serve --demo` prints). Extra CRM_* settings come from the caller's environment;
# CRM_LIVE_DATABASE_URL, when set, names an empty database to serve instead of the file.
start_gateway() {
  local name=$1 port
  port=$("$bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export CRM_DATABASE_URL="${CRM_LIVE_DATABASE_URL:-sqlite+aiosqlite:///$work/$name.db}"
  export CRM_SECRET_KEY="$name-$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))')"
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
        pass  # not listening yet
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
    return 1
  fi
  # `serve --demo` prints the token alone on stdout before uvicorn logs anything there.
  token=$(head -n 1 "$work/stdout")
  [ -n "$token" ] || { echo "serve --demo printed no token" >&2; return 1; }
}
