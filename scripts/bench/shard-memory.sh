#!/usr/bin/env bash
# Peak memory of `run --shard K/N` and of `merge`, against a single run (docs/performance.md,
# "Shards and merge: memory"):  scripts/bench/shard-memory.sh CORPUS [N] [BINARY]
# Runs the N shards one after another (--jobs 2), merges them, checks the merged claims.jsonl is
# the single run's, and prints each peak RSS (GNU time's %M, in MiB) and CPU seconds.
set -euo pipefail
corpus=$1
shards=${2:-4}
binary=${3:-.build/release/claimsieve}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {  # label, command...: prints "label peak_MiB cpu_s"
  local label=$1
  shift
  /usr/bin/time -f "%M %U %S" -o "$work/time" "$@" 2>/dev/null || true
  read -r kb user system < <(tail -1 "$work/time")   # after "Command exited with non-zero status"
  printf '%-10s %6d MiB %7.2f s CPU\n' "$label" $(( kb / 1024 )) "$(echo "$user + $system" | bc)"
}
echo "$(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1) in $corpus; $shards shards; $binary"
measure single "$binary" run --out "$work/single" --jobs 2 "$corpus"
folders=()
for (( k = 0; k < shards; k++ )); do
  measure "shard $k" "$binary" run --shard "$k/$shards" --out "$work/shard-$k" --jobs 2 "$corpus"
  folders+=("$work/shard-$k")
done
measure merge "$binary" merge --out "$work/merged" --jobs 2 "${folders[@]}"
cmp -s "$work/single/claims.jsonl" "$work/merged/claims.jsonl" && echo "merged claims.jsonl == single run's ($(wc -l < "$work/merged/claims.jsonl") claims)" \
  || { echo "merged claims.jsonl differs from the single run's" >&2; exit 1; }
