#!/usr/bin/env bash
# What bounds the attribution model's PolNeAR cue spans (issue 10's 0.80 goal), in two
# measurements, each printing `claimsieve eval --polnear dev.jsonl --model-cues all`'s lines:
#
# 1. The learning curve: the attribution model trained on 1/8, 1/4, 1/2 and 3/4 of train's
#    articles (every 8th, 4th, 2nd line; all lines but every 4th), then on all of it, each
#    scored on dev. How fast the score grows with the data says how much data the goal needs.
# 2. The fit: trained on train AND dev, scored on dev, the articles it was trained on. What the
#    model reaches on text it has seen bounds what it reaches on text it has not.
#
#   scripts/bench/cue-span-bounds.sh [CLAIMSIEVE_BINARY] [SHARED_TRAIN_DIR]
#
# Defaults: .build/release/claimsieve and ../shared/train. About 4 minutes of CPU in a release
# build. Every model is trained with --no-negatives: the negatives choose only the `speech`
# bias, and `all`'s is PolNeAR's own choice (so "all of train" scores as the shipped model does).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
binary=${1:-$repo/.build/release/claimsieve}
train=${2:-$repo/../shared/train}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dev=$train/polnear/dev.jsonl
score() {
    "$binary" eval --polnear "$dev" --model "$1/attribution.model" \
        --model "$repo/pipelines/models/hedge.model" --model-cues all
}
awk 'NR % 8 == 1' "$train/polnear/train.jsonl" > "$work/eighth.jsonl"
awk 'NR % 4 == 1' "$train/polnear/train.jsonl" > "$work/quarter.jsonl"
awk 'NR % 2 == 1' "$train/polnear/train.jsonl" > "$work/half.jsonl"
awk 'NR % 4 != 0' "$train/polnear/train.jsonl" > "$work/three-quarters.jsonl"
cp "$train/polnear/train.jsonl" "$work/all.jsonl"
cat "$train/polnear/train.jsonl" "$dev" > "$work/train-and-dev.jsonl"
for part in eighth quarter half three-quarters all train-and-dev; do
    "$binary" train --polnear "$work/$part.jsonl" --no-negatives --out "$work/$part" > "$work/$part.log" 2>&1
    echo "== trained on $part ($(wc -l < "$work/$part.jsonl") articles), scored on dev"
    score "$work/$part"
done
