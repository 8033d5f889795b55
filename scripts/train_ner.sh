#!/usr/bin/env bash
# Trains the shipped NER tagger (crates/rasid-ner/model/ner.bin) from ../shared, reproducibly
# (seed 1; same data, same lexicons -> byte-identical model), and scores it:
#   training: ANERcorp part (first 85% of its sentences), Wojood train; name-list features
#   from the person names of the lexicons and of crates/rasid-ner/data/person-names.txt;
#   four perceptron runs (example orders) averaged;
#   known words: the words seen twice or more in the training data form the model's one word
#   cluster, so that every token is marked known or unknown and the weights for unknown words
#   are learned on the training data's rare words (--known-words 2); no clusters from a
#   corpus: the only unlabelled news at hand (SaudiNewsNet, CC BY-NC-SA 4.0) may not go into
#   the repo or the binary, and its clusters did not raise held-out F1 anyway (rasid
#   train-ner --corpus FILE builds them from a corpus whose licence allows it);
#   held out: the last 15% of ANERcorp's sentences (written to $HELD), Wojood val.
# After it, rebuild (cargo build --release) so that the binary embeds the new model.
# Usage: scripts/train_ner.sh [SHARED_DIR]   (default ../shared; RASID=path/to/rasid)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
RASID=${RASID:-target/release/rasid}
NER=$SHARED/data/ner
HELD=${HELD:-target/ner-heldout}
OUT=${OUT:-crates/rasid-ner/model/ner.bin}
"$RASID" train-ner \
  --split "$NER/anercorp/ANERcorp-train-part.txt" --holdout 0.15 --write-heldout "$HELD" \
  --train "$NER/wojood/train.txt" \
  --names crates/rasid-ner/data/person-names.txt --known-words 2 \
  --seed 1 --epochs 10 --runs 4 --min-count 2 --prune 0.05 --hide 0.2 \
  --out "$OUT"
ls -l "$OUT"
echo "== held-out ANERcorp slice"
"$RASID" eval-ner --ner-model "$OUT" "$HELD/ANERcorp-train-part.heldout.txt"
echo "== Wojood val"
"$RASID" eval-ner --ner-model "$OUT" "$NER/wojood/val.txt"
