#!/usr/bin/env bash
# Accuracy gate: codes the gold files with `rasid eval` (rule of gold/GUIDE.md, the same
# figures as gold/score.py) and exits 1 when an F1 falls below its floor in
# eval/floors.json. Prints the figures either way.
#
#   scripts/eval.sh            # gold from ../shared/gold (RASID_SHARED overrides ../shared)
#   RASID=path/to/rasid scripts/eval.sh   # score that binary (no cargo build)
#
# Without ../shared it prints a notice and exits 0 (the gold data is not in the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${RASID_SHARED:-../shared}
if [ ! -d "$SHARED/gold" ]; then
    echo "eval: $SHARED/gold not found; accuracy gate skipped"
    exit 0
fi
if [ -z "${RASID:-}" ]; then
    cargo build --release -q # a no-op when up to date; never score a stale binary
    RASID=target/release/rasid
fi

# floor NAME: the "f1" of the line of eval/floors.json that starts with "NAME"
floor() {
    sed -n "s/^ *\"$1\": *{.*\"f1\": *\([0-9.]*\).*/\1/p" eval/floors.json
}

status=0
printf '%-6s %6s %6s %6s %5s %5s %5s %8s %8s  %s\n' set P R F1 tp fp fn full date floor
for set in seed dev; do
    gold="$SHARED/gold/$set.jsonl"
    if [ ! -f "$gold" ]; then
        echo "eval: $gold not found; skipped"
        continue
    fi
    out=$("$RASID" eval "$gold")
    val() { printf '%s\n' "$out" | sed -n "s/^$1: //p"; }
    f1=$(val f1)
    min=$(floor "$set")
    verdict=ok
    if [ -n "$min" ] && awk -v a="$f1" -v b="$min" 'BEGIN { exit !(a < b) }'; then
        verdict="BELOW FLOOR"
        status=1
    fi
    printf '%-6s %6s %6s %6s %5s %5s %5s %8s %8s  %s %s\n' "$set" "$(val precision)" \
        "$(val recall)" "$f1" "$(val tp)" "$(val fp)" "$(val fn)" \
        "$(val full_code_and_actors_of_matched)" "$(val date_correct_of_matched)" \
        "${min:-none}" "$verdict"
done
if [ "$status" -ne 0 ]; then
    echo "eval: F1 below the floor (see eval/floors.json; details: rasid eval GOLD --by-root --errors 10)"
fi
exit "$status"
