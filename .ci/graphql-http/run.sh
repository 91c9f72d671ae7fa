#!/usr/bin/env bash
# The graphql-http audit (GraphQL over HTTP conformance) against a live gateway on
# 127.0.0.1 serving the demo data, called with the token `serve --demo` prints.
# Fails when any audit fails (MUST, SHOULD or MAY: the gateway meets them all).
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

# shellcheck source=.ci/live-gateway.sh
source "$root/.ci/live-gateway.sh"
start_gateway audit

GRAPHQL_URL="$base/graphql" AUDIT_TOKEN="$token" node "$here/audit.mjs"
