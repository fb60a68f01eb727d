#!/usr/bin/env bash
# Usage: scripts/bench/end-of-run.sh FOLDER BINARY[:DATA_DIR]...
# The end of a run (issue 12): runs each binary on FOLDER in turn (`run --jobs 2 --log-level
# debug`), and prints the end's steps from the last log lines (the seal, report.md, report.html
# with claims.jsonl, end_wall_seconds) with the run's user, system and wall seconds and peak RSS
# (KB) from /usr/bin/time. Give two binaries alternately (A B A B) to compare them in one
# sitting. DATA_DIR is the pipelines folder a binary reads its templates and lexicons from
# (CLAIMSIEVE_DATA; default: this checkout's): an older binary with an older checkout's.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
folder=$(realpath "$1"); shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for entry in "$@"; do
  binary=${entry%%:*}; data=$repo/pipelines
  [ "$entry" != "$binary" ] && data=${entry#*:}
  rm -rf "$out/reports"
  CLAIMSIEVE_DATA=$data /usr/bin/time -f "time user=%U system=%S wall=%e peak_kb=%M" \
    "$binary" run --pipeline "$data/default.yml" "$folder" --jobs 2 --out "$out/reports" --log-level debug > "$out/log" 2>&1
  steps=$(grep -o 'reports: seal=[0-9.]*\|write markdown=[0-9.]*\|write html+jsonl=[0-9.]*\|end_wall_seconds=[0-9.]*' "$out/log" | tr '\n' ' ')
  echo "$binary: $steps$(grep '^time ' "$out/log")"
done
