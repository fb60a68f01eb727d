#!/usr/bin/env bash
# Runs scripts/nightly.sh as cron or a CronJob would (issue 13): the shipped nightly pipeline is
# silent and succeeds (no deliberately bad inputs), the metrics reach a Pushgateway (a stand-in
# that records what is pushed), and a push that fails fails the night (74).
#   scripts/ci/wrappers.sh [BINARY]    (default: .build/debug/claimsieve)
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
bin="$(pwd)/${1:-.build/debug/claimsieve}"
command -v curl >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
work=$(mktemp -d)
gateway_pid=""
cleanup() { [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "wrappers: FAILED: $*" >&2; exit 1; }

# The shipped nightly pipeline from another working directory: silent, exit 0.
status=0
(cd / && CLAIMSIEVE_BIN="$bin" CLAIMSIEVE_REPORTS="$work/reports" "$OLDPWD/scripts/nightly.sh") \
  > "$work/out" 2> "$work/err" || status=$?
[ "$status" -eq 0 ] || { cat "$work/err" >&2; fail "nightly.sh with pipelines/nightly.yml exited $status"; }
[ ! -s "$work/out" ] && [ ! -s "$work/err" ] || { cat "$work/out" "$work/err" >&2; fail "nightly.sh was not silent"; }
grep -q '"failed" *: *0[,}]' "$work/reports/latest/summary.json" || fail "the nightly pipeline has failing inputs"

# A Pushgateway stand-in: records the method, path and body of each push.
cat > "$work/gateway.py" <<'PY'
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "ab") as log:
            log.write(f"{self.command} {self.path}\n".encode() + body)
        self.send_response(200); self.end_headers()
    do_POST = do_PUT
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$work/gateway.py" "$work/port" "$work/pushed" &
gateway_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
CLAIMSIEVE_BIN="$bin" CLAIMSIEVE_REPORTS="$work/reports" CLAIMSIEVE_PUSHGATEWAY="http://127.0.0.1:$port" \
  scripts/nightly.sh || fail "nightly.sh with a Pushgateway exited $?"
grep -q '^PUT /metrics/job/claimsieve' "$work/pushed" || fail "nothing pushed to the Pushgateway"
grep -q '^claimsieve_last_run_success 1' "$work/pushed" || fail "the push lacks claimsieve_last_run_success"

# A Pushgateway that is down: the report is written, the night fails with 74.
kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=""
status=0
CLAIMSIEVE_BIN="$bin" CLAIMSIEVE_REPORTS="$work/reports" CLAIMSIEVE_PUSHGATEWAY="http://127.0.0.1:$port" \
  scripts/nightly.sh 2> "$work/err" || status=$?
[ "$status" -eq 74 ] || fail "a failed push exited $status, not 74"
grep -q "could not push the metrics" "$work/err" || fail "a failed push is not explained"

echo "wrappers: ok: nightly.sh silent, metrics pushed, a failed push fails ($(( $(date +%s) - started ))s)" >&2
