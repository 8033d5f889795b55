# Sourced by scripts/load.sh and scripts/burst.sh: starts `$BIN serve` on 127.0.0.1:$PORT
# (PORT: given, else a random one in 20000–39999) with its log in a new temporary folder,
# waits (up to 10 s) until GET /healthz answers, and stops the server and removes the
# folder on exit. Sets `tmp` (the folder) and `pid` (the server). Exits 1, printing the
# server's log, when the server dies before answering.
tmp=$(mktemp -d)
PORT=${PORT:-$(( 20000 + RANDOM % 20000 ))}
"$BIN" serve --addr "127.0.0.1:$PORT" 2>"$tmp/serve.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; exit 1; }
  sleep 0.1
done
