#!/usr/bin/env bash
# Checks report.html in a real browser (issue 15): installs Chromium and its driver from Debian
# if missing (and selenium from PyPI), makes the sample report the way an editor's week makes
# it (a night, a decision with `claimsieve review`, a page edited, the next night), and checks the
# live DOM with scripts/report/check_report.py: the claims listed from the page's data a hundred
# a list ("Show more", links to an entry), filters, search, groups, paragraphs, decisions,
# "New since the last run", hostile strings as text, keys, printing, phone width. Writes a screenshot.
#   scripts/check-report.sh [BINARY] [SCREENSHOT]
#   (defaults: .build/debug/claimsieve, out/check-report.png)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bin="${1:-.build/debug/claimsieve}"
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
shot="${2:-out/check-report.png}"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/news" "$(dirname "$shot")"
cp -R sample-data/articles sample-data/seed sample-data/feeds sample-data/bad "$work/news/"
mkdir -p "$work/news/hostile" && cp scripts/report/hostile.html "$work/news/hostile/"
# A second copy of the feeds: the unverified list passes 100 entries, so "Show more" is checked.
cp -R sample-data/feeds "$work/news/feeds-again"
root="$work/reports"
"$bin" run --reports "$root" "$work/news" 2>/dev/null || [ $? -eq 1 ]   # 1: the bad pages fail, as they should
# An editor's decision on the first unverified claim, then an edited page and the next night.
claim=$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["verdict"] == "unverified" and "kind" not in r:
        print(r["id"], r["doc"]); break' "$root/latest/claims.jsonl")
"$bin" review --reports "$root" ${claim%% *} --doc "${claim#* }" --verdict confirmed --note "Checked with the ministry" --by "Night desk"
sed -i 's|</section>|<p>The bank reportedly plans a second cut in December, two traders said.</p></section>|' "$work/news/articles/speculation.html"
"$bin" run --reports "$root" "$work/news" 2>/dev/null || [ $? -eq 1 ]
python3 scripts/report/check_report.py "$root/latest/report.html" "$shot"
echo "check-report: $(( $(date +%s) - started ))s" >&2
