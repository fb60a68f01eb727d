#!/usr/bin/env bash
# The 20,000-claim report in headless Chromium (issue 15): makes a report of about 20,000 claims
# from the first PAGES pages of DIR and times opening it and a filter answering (goal: < 2 s each).
#   scripts/bench/report-browser.sh [BINARY] [DIR] [PAGES]
#   (defaults: .build/release/claimsieve, /work/corpus/c1810, 520 pages ≈ 20,000 claims)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-.build/release/claimsieve}"
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
dir="${2:-/work/corpus/c1810}"
pages="${3:-520}"
command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || {
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pages"
find "$dir" -maxdepth 1 -type f | sort > "$work/all"
head -n "$pages" "$work/all" | while read -r f; do cp "$f" "$work/pages/"; done
"$bin" run "$work/pages" --out "$work/out" 2>/dev/null || [ $? -eq 1 ]
echo "claims: $(wc -l < "$work/out/claims.jsonl") from $pages pages of $dir"
python3 scripts/report/bench_report.py "$work/out/report.html" "${RUNS:-3}"
