#!/usr/bin/env bash
# Schemathesis against a live gateway on 127.0.0.1 (demo data, the token `serve --demo`
# prints): every operation of /openapi.json, then the GraphQL schema, through every phase
# (the document's examples, the coverage phase's boundary and null/wrong-type values,
# then random fuzzing) with a fixed seed. Fails on any 5xx or masked GraphQL error, on any
# answer the document does not declare (status code, content type, body schema), on valid
# data refused and on invalid data accepted.
#   .ci/schemathesis.sh               SQLite (a file in a scratch directory)
#   .ci/schemathesis.sh URL           PostgreSQL: URL names a server and a database (as
#                                     CRM_TEST_DATABASE_URL does, the default when set);
#                                     the gateway serves a fresh `<database>_live` beside it
#   SCHEMATHESIS_EXAMPLES   fuzzing requests per REST operation (default 8)
#   SCHEMATHESIS_GRAPHQL_EXAMPLES   per GraphQL field (default 3: each is a whole query)
#   SCHEMATHESIS_SEED       the generator's seed (default 10)
#   SCHEMATHESIS_PATHS      only the REST paths this regex matches (--include-path-regex,
#                           e.g. '^/api/(?!v1/|v2/)'); the GraphQL run is then skipped
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin="$root/.venv/bin"
cd "$root"
examples=${SCHEMATHESIS_EXAMPLES:-8}
graphql_examples=${SCHEMATHESIS_GRAPHQL_EXAMPLES:-3}
seed=${SCHEMATHESIS_SEED:-10}
pg_url=${1:-${CRM_TEST_DATABASE_URL:-}}
paths=${SCHEMATHESIS_PATHS:-}

[ -x "$bin/schemathesis" ] || "$bin/pip" install -q "schemathesis>=4.0,<5"

work=$(mktemp -d /tmp/crm-schemathesis.XXXXXX)
server=""
live_db=""
started=$SECONDS
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ -n "$live_db" ]; then
    "$bin/python" -m tests.fuzz.live_database drop "$live_db" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export CRM_STORAGE_DIR="$work/storage"
# Thousands of requests from one token: the quotas are not what is tested here.
export CRM_RATE_LIMIT_PER_HOUR=100000000
export CRM_GRAPHQL_COST_PER_HOUR=1000000000
export CRM_WEBHOOK_WORKER=0
unset CRM_REDIS_URL
engine=SQLite
if [ -n "$pg_url" ]; then
  # A database of its own: the suite's database is the tests' to create and empty.
  live_db=$("$bin/python" -m tests.fuzz.live_database create "$pg_url")
  export CRM_LIVE_DATABASE_URL="$live_db"
  engine=PostgreSQL
fi
# shellcheck source=.ci/live-gateway.sh
source "$root/.ci/live-gateway.sh"
start_gateway fuzz

# Every dialect's credential header at once: each dialect reads its own.
auth=(-H "Authorization: Bearer $token" -H "authtoken: $token" -H "X-API-KEY: $token"
      -H "X-API-TOKEN: $token")
checks=not_a_server_error,status_code_conformance,content_type_conformance
checks=$checks,response_schema_conformance
# The document's input rules against the server's: what it calls valid is taken (or
# refused for the record's state: 404, 409), what it calls invalid is refused.
checks=$checks,positive_data_acceptance,negative_data_rejection
# No NUL in generated text: the gateway refuses it by name in every field (PostgreSQL
# cannot store it; tests/security covers that), which no schema keyword can say. The
# coverage phase draws without this option (schemathesis 4.32): tests/fuzz's hooks keep a
# valid case's text free of NUL in its stead.
# One worker: the coverage phase parses source with `ast` while generating, and CPython
# 3.11 can fail that when two threads do it at once ("AST constructor recursion depth
# mismatch", cpython gh-106905), which schemathesis reports as a runtime error.
common=(--seed "$seed" --no-shrink --generation-database none --generation-allow-x00 false
        --request-timeout 20 --workers 1 --no-color --suppress-health-check all
        --phases examples,coverage,fuzzing)

# Schemathesis keeps its cache in the working directory: the scratch one, not the tree.
cd "$work"
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"
status=0
only=()
if [ -n "$paths" ]; then
  only=(--include-path-regex "$paths")
fi
echo "== schemathesis on $engine: $base/openapi.json (every phase, $examples fuzzed per operation, seed $seed)"
# The hooks make a body the document calls valid name records the demo data holds.
SCHEMATHESIS_HOOKS=tests.fuzz.schemathesis_hooks \
  "$bin/schemathesis" --config-file "$here/schemathesis.toml" run "$base/openapi.json" --url "$base" "${auth[@]}" "${common[@]}" \
  --checks "$checks" --max-examples "$examples" \
  --exclude-path-regex '/pdf$' "${only[@]}" || status=1
echo "== REST done after $((SECONDS - started)) s"

# GraphQL has no examples or coverage phase (schemathesis skips them); its own
# not_a_server_error counts every labelled refusal (NOT_FOUND...) as a server error, so
# the hooks' check stands in for it: a 5xx or a masked "Unexpected error." fails.
if [ -z "$paths" ]; then
  echo "== schemathesis on $engine: $base/graphql (every phase, $graphql_examples per field)"
  SCHEMATHESIS_HOOKS=tests.fuzz.schemathesis_hooks "$bin/schemathesis" run "$base/graphql" \
    "${auth[@]}" "${common[@]}" \
    --checks "${checks/not_a_server_error/graphql_no_unexpected_error}" \
    --max-examples "$graphql_examples" \
    --exclude-name Mutation.uploadFiles || status=1
fi
echo "== schemathesis on $engine: $((SECONDS - started)) s in all"

if [ "$status" -ne 0 ]; then
  echo "== the gateway's log (errors)" >&2
  grep -E "ERROR|Traceback" -A20 "$work/stderr" | head -200 >&2 || true
fi
exit "$status"
