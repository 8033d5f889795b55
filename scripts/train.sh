#!/usr/bin/env bash
# Retrains the shipped model of the coder's learned decisions on the train split of the
# annotated corpus, and prints what it did:
#
#   scripts/train.sh              # writes crates/rasid-coder/models/default/model.json
#   scripts/train.sh DIR          # writes DIR/model.json instead (use with --model DIR)
#
# Run it after changing the rules or the lexicons: the model's features include what the
# rules decided. The binary embeds the shipped model at build time, so rebuild after.
# Needs ../shared (RASID_SHARED overrides it) for the article texts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-crates/rasid-coder/models/default}
if [ -z "${RASID:-}" ]; then
    cargo build --release -q
    RASID=target/release/rasid
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/gold.sh train >"$tmp/train.jsonl"
"$RASID" --rules-only train "$tmp/train.jsonl" --out "$out"
echo "now rebuild (cargo build --release) to embed it, and run scripts/eval.sh"
