#!/usr/bin/env bash
# The quick start: installs what is missing, builds in release, runs pipelines/default.yml over
# sample-data/ and prints where the report is.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product claimsieve >&2
out="${1:-out/sample}"
status=0
.build/release/claimsieve run --pipeline pipelines/default.yml --out "$out" || status=$?
case "$status" in
  0) ;;
  1) echo "quickstart: some documents failed (sample-data/bad/ is broken on purpose); they are listed in the report" >&2 ;;
  *) exit "$status" ;;
esac
echo "Report: $out/report.html"
echo "Also:   $out/report.md  $out/claims.jsonl  $out/summary.json"
