#!/usr/bin/env bash
# NER gate (run by .ci/run): retrains the tagger as scripts/train_ner.sh does and checks
#  1. the result is byte-identical to the shipped model (crates/rasid-ner/model/ner.bin),
#  2. the shipped tagger (rasid eval-ner) stays above its floors on the held-out ANERcorp
#     slice (last 15% of sentences, never trained on) and on Wojood val.
# Without ../shared it prints a notice and exits 0.
#   RASID=path/to/rasid scripts/eval_ner.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-${RASID_SHARED:-../shared}}
RASID=${RASID:-target/release/rasid}
NER=$SHARED/data/ner
if [ ! -f "$NER/anercorp/ANERcorp-train-part.txt" ]; then
    echo "eval-ner: $NER not found; NER gate skipped"
    exit 0
fi
# floors: overall and PERS F1 on the held-out slice, overall F1 on Wojood val (figures
# at the commit that set them: 0.690, 0.676, 0.722)
FLOOR_ALL=0.68 FLOOR_PERS=0.66 FLOOR_WOJOOD=0.71
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HELD=$tmp OUT=$tmp/ner.bin RASID=$RASID scripts/train_ner.sh "$SHARED" >"$tmp/log" 2>&1 || {
    cat "$tmp/log"
    exit 1
}
status=0
if cmp -s "$tmp/ner.bin" crates/rasid-ner/model/ner.bin; then
    echo "model: retrained byte-identical to the shipped model"
else
    echo "model: retraining does NOT reproduce crates/rasid-ner/model/ner.bin (run scripts/train_ner.sh and rebuild)" >&2
    status=1
fi
f1() { awk -v t="$1" '$1 == t {print $7}'; }
check() { # name figure floor
    if awk -v a="$2" -v b="$3" 'BEGIN {exit !(a + 0 < b + 0)}'; then
        echo "$1: F1 $2 below floor $3" >&2
        status=1
    else
        echo "$1: F1 $2 (floor $3)"
    fi
}
held=$("$RASID" eval-ner "$tmp/ANERcorp-train-part.heldout.txt")
woj=$("$RASID" eval-ner "$NER/wojood/val.txt")
check "held-out ANERcorp, all" "$(echo "$held" | f1 all)" $FLOOR_ALL
check "held-out ANERcorp, PERS" "$(echo "$held" | f1 PERS)" $FLOOR_PERS
check "Wojood val, all" "$(echo "$woj" | f1 all)" $FLOOR_WOJOOD
exit $status
