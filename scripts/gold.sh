#!/usr/bin/env bash
# Rebuilds the annotated gold of one split, in the format of gold/GUIDE.md (with the
# article text), on standard output:
#
#   scripts/gold.sh train > /tmp/train.jsonl
#   scripts/gold.sh validation > /tmp/validation.jsonl
#   scripts/gold.sh validation2 > /tmp/validation2.jsonl   # the same articles, annotated again
#
# The repository keeps only byte offsets (eval/annotations/SPLIT.ann.jsonl); the text
# comes from ../shared/corpus/saudinewsnet-2015.jsonl.gz and ../shared/gold/dev.jsonl
# (RASID_SHARED overrides ../shared). Fails with a message naming what is missing, or the
# article whose text no longer matches its annotation.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
    train | validation | validation2) ;;
    *)
        echo "usage: scripts/gold.sh train|validation|validation2" >&2
        exit 2
        ;;
esac
ann="eval/annotations/$1.ann.jsonl"
if [ ! -f "$ann" ]; then
    echo "gold.sh: $ann not found" >&2
    exit 1
fi
export RASID_SHARED=${RASID_SHARED:-$PWD/../shared}
exec python3 scripts/annotate.py unpack "$ann"
