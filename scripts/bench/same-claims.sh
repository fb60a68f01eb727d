#!/usr/bin/env bash
# Checks that a change leaves the output as it was: runs a reference binary (e.g. main's) and a
# new one on the same inputs and compares claims.jsonl byte for byte at --jobs 1, 2 and 4, and
# report.md / report.html apart from their generation time.
#
#   scripts/bench/same-claims.sh REFERENCE_BINARY NEW_BINARY [INPUT...]
#
# With no INPUT the default pipeline's inputs (sample-data) are used. Exit 1 on any difference.
set -euo pipefail
reference=$1; new=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$reference" run --jobs 1 --out "$work/reference" "$@" > /dev/null 2>&1 || true
test -s "$work/reference/claims.jsonl" || { echo "the reference wrote no claims.jsonl" >&2; exit 2; }
status=0
for jobs in 1 2 4; do
    "$new" run --jobs "$jobs" --out "$work/new-$jobs" "$@" > /dev/null 2>&1 || true
    if cmp -s "$work/reference/claims.jsonl" "$work/new-$jobs/claims.jsonl"; then
        echo "claims.jsonl identical at --jobs $jobs ($(wc -l < "$work/reference/claims.jsonl") claims)"
    else
        echo "claims.jsonl DIFFERS at --jobs $jobs"; status=1
    fi
    for report in report.md report.html; do
        if diff -q <(grep -v 'Generated \|<title>\|This run ' "$work/reference/$report") <(grep -v 'Generated \|<title>\|This run ' "$work/new-$jobs/$report") > /dev/null; then
            echo "$report the same at --jobs $jobs"
        else
            echo "$report DIFFERS at --jobs $jobs"; status=1
        fi
    done
done
exit $status
