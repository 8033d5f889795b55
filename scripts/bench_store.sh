#!/usr/bin/env bash
# Store benchmarks (figures printed, not asserted):
#  1. `rasid ingest` of the SaudiNewsNet 2015 sample: articles/s end to end, peak RSS;
#     then a re-run (everything already stored).
#  2. `rasid dyad` over a million generated events.
# Usage: scripts/bench_store.sh [CORPUS]   (run from the repository root)
set -euo pipefail
CORPUS=${1:-../shared/corpus/saudinewsnet-2015.jsonl.gz}
[ -e "$CORPUS" ] || CORPUS=/work/shared/corpus/saudinewsnet-2015.jsonl.gz
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cargo build --release -q -p rasid -p rasid-store --examples --bins
RASID=target/release/rasid
echo "== ingest $CORPUS ($(nproc) cores)"
/usr/bin/time -v "$RASID" ingest "$CORPUS" --db "$TMP/bench.db" 2> "$TMP/time.txt" || true
grep -E "articles/s" "$TMP/time.txt"
grep -E "Maximum resident set size|Elapsed \(wall" "$TMP/time.txt"
"$RASID" db info --db "$TMP/bench.db"
echo "== re-ingest (nothing new)"
"$RASID" ingest "$CORPUS" --db "$TMP/bench.db" 2>&1 | tail -1
echo "== dyad over 1,000,000 generated events"
target/release/examples/gen_events "$TMP/gen.db" 1000000 42
for by in month week day; do
  for pair in "TUR LBY" "EGY SAU" "USA IRNGOV"; do
    # shellcheck disable=SC2086
    "$RASID" dyad $pair --by $by --db "$TMP/gen.db" 2>&1 >/dev/null | tail -1 | sed "s/^/dyad $pair --by $by: /"
  done
done
s=$(date +%s%N); "$RASID" dyad TUR LBY --by month --db "$TMP/gen.db" >/dev/null 2>&1; e=$(date +%s%N)
echo "whole process (start, open, query, print): $(( (e - s) / 1000000 )) ms"
