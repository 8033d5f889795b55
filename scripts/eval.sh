#!/usr/bin/env bash
# Accuracy gate: codes the gold files with `rasid eval` (rule of gold/GUIDE.md, the same
# figures as gold/score.py) and exits 1 when an F1 falls below its floor in
# eval/floors.json. Prints the figures either way.
#
# Sets: seed and dev (../shared/gold), train, validation and validation2 (the annotated
# corpus, rebuilt by scripts/gold.sh from eval/annotations and ../shared/corpus;
# validation2 is the validation articles annotated again by annotators calibrated nearer
# the dev reference, eval/annotations/README.md). The floors apply to the validation
# annotations, the split no rule is written against, and to the seed article; dev and
# train are printed for reference only (the coder was fitted to them).
#
#   scripts/eval.sh            # gold from ../shared (RASID_SHARED overrides ../shared)
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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# floor NAME: the "f1" of the line of eval/floors.json that starts with "NAME"
floor() {
    sed -n "s/^ *\"$1\": *{.*\"f1\": *\([0-9.]*\).*/\1/p" eval/floors.json
}

# gold NAME: the gold file of a set (built into $tmp for the annotated splits)
gold() {
    case "$1" in
        train | validation | validation2)
            if [ -f "eval/annotations/$1.ann.jsonl" ]; then
                RASID_SHARED="$SHARED" scripts/gold.sh "$1" >"$tmp/$1.jsonl"
                echo "$tmp/$1.jsonl"
            fi
            ;;
        *) echo "$SHARED/gold/$1.jsonl" ;;
    esac
}

status=0
printf '%-10s %5s %6s %6s %6s %5s %5s %5s %8s %8s  %s\n' set docs P R F1 tp fp fn full date floor
for set in seed dev train validation validation2; do
    g=$(gold "$set")
    if [ -z "$g" ] || [ ! -f "$g" ]; then
        echo "eval: no gold for $set; skipped"
        continue
    fi
    out=$("$RASID" eval "$g")
    val() { printf '%s\n' "$out" | sed -n "s/^$1: //p"; }
    f1=$(val f1)
    min=$(floor "$set")
    verdict=ok
    if [ -n "$min" ] && awk -v a="$f1" -v b="$min" 'BEGIN { exit !(a < b) }'; then
        verdict="BELOW FLOOR"
        status=1
    fi
    printf '%-10s %5s %6s %6s %6s %5s %5s %5s %8s %8s  %s %s\n' "$set" "$(grep -c . "$g")" \
        "$(val precision)" "$(val recall)" "$f1" "$(val tp)" "$(val fp)" "$(val fn)" \
        "$(val full_code_and_actors_of_matched)" "$(val date_correct_of_matched)" \
        "${min:-none}" "$verdict"
done
if [ "$status" -ne 0 ]; then
    echo "eval: F1 below the floor (see eval/floors.json; details: rasid eval GOLD --by-root --errors 10)"
fi
exit "$status"
