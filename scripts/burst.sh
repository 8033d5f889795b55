#!/usr/bin/env bash
# Burst check of `rasid serve` (issue 16), on 127.0.0.1 only: RSS idle; POST /v1/code with
# the ~3 KB article of scripts/load-article.json at CONNECTIONS connections for DURATION
# (wrk: requests/s, p99); RSS right after and every 5 s for 30 s; then SLOW sockets that
# send half a request head, and how many the server still holds open after 15 s. Fails
# when the RSS 30 s after the burst is MAX_RSS_MB (300) or more, or when a half-sent head
# is still open after 15 s (the server closes them after 10 s).
#
#   scripts/burst.sh                       # needs target/release/rasid and wrk (apt)
#   RASID_BIN=/path/to/old/rasid scripts/burst.sh   # the same check on another build
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${RASID_BIN:-target/release/rasid}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-256}
SLOW=${SLOW:-400}
MAX_RSS_MB=${MAX_RSS_MB:-300}
command -v wrk >/dev/null || { echo "burst.sh: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "burst.sh: $BIN not built (cargo build --release)" >&2; exit 2; }

# the server on 127.0.0.1:$PORT; sets tmp and pid, stops it on exit
source scripts/serve_lib.sh
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
rss() { echo "$(rss_mb) MB"; }
threads() { awk '/^Threads/ {print $2}' "/proc/$pid/status"; }
echo "idle: RSS $(rss), $(threads) threads"

body=scripts/load-article.json
cat >"$tmp/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$body", "rb"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("burst: %d requests, %.1f requests/s, p50 %.1f ms, p99 %.1f ms, errors %d (non-2xx %d, timeouts %d)\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, e.status, e.timeout))
end
LUA
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s -s "$tmp/post.lua" "http://127.0.0.1:$PORT/v1/code" | grep '^burst'
echo "after: RSS $(rss), $(threads) threads"
for s in 5 10 15 20 25 30; do
  sleep 5
  echo "  +${s}s: RSS $(rss)"
done

settled=$(rss_mb)

slow_ok=0
python3 - "$PORT" "$SLOW" "$pid" <<'PY' || slow_ok=1
import os, socket, sys, time
port, n, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
    socks.append(s)
def held():
    # sockets of the server process in state ESTABLISHED to our port
    return sum(1 for fd in os.listdir(f"/proc/{pid}/fd")
               if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")) - 1
print(f"half-sent heads: {n} opened, server holds {held()} sockets")
time.sleep(15)
closed = 0
for s in socks:
    s.settimeout(0.01)
    try:
        if s.recv(1) == b"":
            closed += 1
    except (socket.timeout, BlockingIOError):
        pass
    except OSError:
        closed += 1
print(f"after 15 s: {closed} of {n} closed by the server, server holds {held()} sockets")
sys.exit(0 if closed == n else 1)
PY
fail=0
if [ "$settled" -ge "$MAX_RSS_MB" ]; then
  echo "burst.sh: FAIL: RSS ${settled} MB 30 s after the burst (limit ${MAX_RSS_MB} MB)" >&2; fail=1
fi
if [ "$slow_ok" != 0 ]; then
  echo "burst.sh: FAIL: half-sent request heads still open after 15 s" >&2; fail=1
fi
exit $fail
