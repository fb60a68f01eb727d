#!/usr/bin/env bash
# Checks that a change leaves every report as it was, over the nights of a state: runs a
# reference binary (e.g. main's) and a new one through the same nights and compares
# claims.jsonl, claims.csv, report.md and report.html after each, at --jobs 1, 2 and 4:
#
#   1. a plain run (--out);
#   2. a first night with state (--reports), then a night where nothing changed (the new
#      binary takes the spill the first night kept);
#   3. an editor's decision (claimsieve review), then a night where nothing changed;
#   4. another night where nothing changed;
#   5. a night where one input changed (a sentence added to its first paragraph), then a
#      night where nothing changed;
#   6. the new binary's quiet night on the reference's state of night 2 (a state written by
#      the reference: no kept spill), and the reference's quiet night on the new binary's.
#
#   scripts/bench/same-reports.sh REFERENCE_BINARY NEW_BINARY INPUT_DIR [JOBS...]
#
# Times (ISO 8601, run ids) are masked: the two binaries run minutes apart. Exit 1 on any difference.
set -euo pipefail
reference=$(realpath "$1"); new=$(realpath "$2"); input=$3; shift 3
jobs_list=("$@"); [ ${#jobs_list[@]} -eq 0 ] && jobs_list=(1 2 4)
repo=$(cd "$(dirname "$0")/../.." && pwd)
export CLAIMSIEVE_DATA=${CLAIMSIEVE_DATA:-$repo/pipelines}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s#lexicons/#$repo/pipelines/lexicons/#g" -e 's#^reports:.*#reports: [jsonl, html, markdown, summary, csv]#' \
    -e "s#^  - ../sample-data.*#  - $repo/sample-data#" "$repo/pipelines/default.yml" > "$work/p.yml"

mask() { sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' -e 's/[0-9]{8}-[0-9]{6}(-[0-9]+)?/RUNID/g' "$1"; }
status=0
compare() {  # compare NIGHT DIR_REF DIR_NEW
    for f in claims.jsonl claims.csv report.md report.html; do
        if cmp -s <(mask "$2/$f") <(mask "$3/$f"); then :; else
            echo "$1: $f DIFFERS"; status=1
        fi
    done
    echo "$1: compared ($(wc -l < "$2/claims.jsonl") claims)"
}
night() {  # night BINARY JOBS ROOT INPUT SAVE_AS (the input is named from its folder: the same ids in both runs)
    (cd "$(dirname "$4")" && "$1" run --pipeline "$work/p.yml" --jobs "$2" --reports "$3" "$(basename "$4")" > /dev/null 2>&1) || true
    mkdir -p "$5" && cp -L "$3"/latest/{claims.jsonl,claims.csv,report.md,report.html} "$5/"
}
touch_input() {  # adds a sentence to the first paragraph of the first input
    local first; first=$(find "$1" -name "*.html" | sort | sed -n 1p)  # sed reads it all: `head` could end `sort` by SIGPIPE (exit 141 under pipefail)
    python3 - "$first" <<'EOF'
import sys, re
p = sys.argv[1]; s = open(p, encoding="utf-8", errors="surrogateescape").read()
s = re.sub(r"(<p[^>]*>)", r"\1Officials reportedly said the bridge may reopen next week. ", s, count=1)
open(p, "w", encoding="utf-8", errors="surrogateescape").write(s)
EOF
}
for jobs in "${jobs_list[@]}"; do
    for who in ref new; do
        binary=$reference; [ $who = new ] && binary=$new
        w=$work/$who-$jobs; mkdir -p "$w"; cp -r "$input" "$w/in"
        (cd "$w" && "$binary" run --pipeline "$work/p.yml" --jobs "$jobs" --out "$w/plain" in > /dev/null 2>&1) || true
        night "$binary" "$jobs" "$w/root" "$w/in" "$w/n1"
        cp -r "$w/root" "$work/$who-state-$jobs"
        night "$binary" "$jobs" "$w/root" "$w/in" "$w/n1q"
        claim=$(sed -n 3p "$w/n1/claims.jsonl" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["id"])')
        "$binary" review --reports "$w/root" "$claim" --verdict false --note "Denied" --by "Desk" > /dev/null 2>&1
        night "$binary" "$jobs" "$w/root" "$w/in" "$w/n2"
        night "$binary" "$jobs" "$w/root" "$w/in" "$w/n3"
        touch_input "$w/in"
        night "$binary" "$jobs" "$w/root" "$w/in" "$w/n4"
        night "$binary" "$jobs" "$w/root" "$w/in" "$w/n5"
    done
    r=$work/ref-$jobs; n=$work/new-$jobs
    compare "jobs $jobs plain" "$r/plain" "$n/plain"
    compare "jobs $jobs first night" "$r/n1" "$n/n1"
    compare "jobs $jobs quiet night after the first" "$r/n1q" "$n/n1q"
    compare "jobs $jobs decision, quiet night" "$r/n2" "$n/n2"
    compare "jobs $jobs quiet night" "$r/n3" "$n/n3"
    compare "jobs $jobs one input changed" "$r/n4" "$n/n4"
    compare "jobs $jobs quiet night after the change" "$r/n5" "$n/n5"
    # Each binary's quiet night on the other's state of the first night.
    mkdir -p "$work/mix-$jobs" && cp -r "$input" "$work/mix-$jobs/in"
    night "$new" "$jobs" "$work/ref-state-$jobs" "$work/mix-$jobs/in" "$work/mix-$jobs/new-on-ref"
    compare "jobs $jobs new binary's quiet night on the reference's state" "$r/n1q" "$work/mix-$jobs/new-on-ref"
    night "$reference" "$jobs" "$work/new-state-$jobs" "$work/mix-$jobs/in" "$work/mix-$jobs/ref-on-new"
    compare "jobs $jobs reference's quiet night on the new binary's state" "$r/n1q" "$work/mix-$jobs/ref-on-new"
done
exit $status
