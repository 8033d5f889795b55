#!/usr/bin/env bash
# Load check of `rasid serve`: POST /v1/code with a ~3 KB Arabic article of our own
# (scripts/load-article.json) for 10 s against 127.0.0.1 with wrk; prints requests/s and
# errors, and fails when there are errors or fewer than MIN_RPS requests/s.
#
#   scripts/load.sh                 # needs target/release/rasid (cargo build --release) and wrk (apt)
#   DURATION=30s CONNECTIONS=32 MIN_RPS=500 scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${RASID_BIN:-target/release/rasid}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
MIN_RPS=${MIN_RPS:-500}
command -v wrk >/dev/null || { echo "load.sh: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "load.sh: $BIN not built (cargo build --release)" >&2; exit 2; }

# the server on 127.0.0.1:$PORT; sets tmp and pid, stops it on exit
source scripts/serve_lib.sh

body=scripts/load-article.json
code=$(curl -s -o "$tmp/one.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary @"$body" "http://127.0.0.1:$PORT/v1/code")
[ "$code" = 200 ] || { echo "load.sh: one request answered $code" >&2; cat "$tmp/one.json" >&2; exit 1; }
events=$(grep -o '"event_id"' "$tmp/one.json" | wc -l)
text_bytes=$(($(wc -c <"$body")))

cat >"$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$body", "rb"); wrk.body = f:read("*a"); f:close()
local non2xx = 0
function response(status, headers, body) if status ~= 200 then non2xx = non2xx + 1 end end
done = function(summary, latency, requests)
  local e = summary.errors
  local errs = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
echo "POST /v1/code: ${text_bytes}-byte body, ${events} events per response; wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores"
out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/post.lua" "http://127.0.0.1:$PORT/v1/code")
echo "$out" | grep -v '^RESULT'
result=$(echo "$out" | grep '^RESULT')
rps=$(echo "$result" | sed -E 's/.* rps=([0-9.]+).*/\1/')
errors=$(echo "$result" | sed -E 's/.* errors=([0-9]+).*/\1/')
echo "requests/s: $rps   errors: $errors   (target >= $MIN_RPS req/s, 0 errors)"
if [ "$errors" != 0 ]; then echo "load.sh: FAIL: $errors errors" >&2; exit 1; fi
if awk -v r="$rps" -v m="$MIN_RPS" 'BEGIN { exit !(r < m) }'; then
  echo "load.sh: FAIL: $rps req/s is under $MIN_RPS" >&2; exit 1
fi
echo "load.sh: OK"
