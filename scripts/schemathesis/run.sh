#!/usr/bin/env bash
# Property-based API testing: schemathesis generates requests from the OpenAPI document and sends them to a
# throw-away `waihu serve --demo`, once as the administrator and once as a demo agent. A 5xx, a dropped
# connection, an answer outside the documented schema or a status the document does not list fails the
# run. Bounded in time:
#   scripts/schemathesis/run.sh [WAIHU_BINARY] [SECONDS_PER_ROLE]
# The seed is fixed so that CI runs the same cases each time (WAIHU_SCHEMATHESIS_SEED=random for a new one). One worker:
# with two, hypothesis's threads once parsed the same lambda's source at the same moment and Python 3.11 failed the run
# with "SystemError: AST constructor recursion depth mismatch" (a CPython race, not a finding about Waihu).
set -euo pipefail
binary=${1:-.build/debug/waihu}
seconds=${2:-90}
port=${WAIHU_SCHEMATHESIS_PORT:-18123}
seed=${WAIHU_SCHEMATHESIS_SEED:-20261206}
seed_option=(--seed "$seed")
[ "$seed" = random ] && seed_option=()
base="http://127.0.0.1:$port"

command -v schemathesis >/dev/null 2>&1 || pip install -q "schemathesis==4.32.5"

work=$(mktemp -d /tmp/waihu-schemathesis.XXXXXX)
binary=$(readlink -f "$binary")
(cd "$work" && WAIHU_ADMIN_PASSWORD=schema-admin-1 exec "$binary" serve --demo --port "$port" >"$work/serve.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "$base/healthz" >/dev/null || { echo "the server did not start:"; tail -20 "$work/serve.log"; exit 1; }

token() {
  curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

status=0
for role in "admin schema-admin-1" "a1001 waihu-demo-2026"; do
  set -- $role
  echo "== schemathesis as $1 (${seconds} s)"
  # Signing out would end the run's own token: that operation is left out.
  schemathesis run "$base/openapi.yaml" --url "$base" -H "Authorization: Bearer $(token "$1" "$2")" \
    --exclude-path /api/v1/auth/logout \
    --checks not_a_server_error,response_schema_conformance,status_code_conformance "${seed_option[@]}" \
    --phases examples,coverage,fuzzing --max-time "$seconds" --workers 1 --request-timeout 30 \
    --warnings off --no-color >"$work/$1.log" 2>&1 || status=1
  grep -E "generated|Seed:" "$work/$1.log" || true
  if ! kill -0 $server 2>/dev/null; then
    echo "the server stopped:"; grep -m1 -A3 "Fatal error" "$work/serve.log" || tail -30 "$work/serve.log"; status=1; break
  fi
done
if [ $status -ne 0 ]; then
  for log in "$work"/*.log; do
    [ "$(basename "$log")" = serve.log ] && continue
    echo "---- $(basename "$log")"; sed -n '/FAILURES\|ERRORS/,/SUMMARY/p' "$log" | head -150
  done
fi
exit $status
