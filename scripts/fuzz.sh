#!/usr/bin/env bash
# Fuzzes fetch → clean → split → tag → verdict → report rendering with libFuzzer and
# AddressSanitizer for SECONDS (default 120, what CI runs). Findings (crash-*, timeout-*, oom-*)
# are written to .build-fuzz/findings/ and make the script fail.
#
#   scripts/fuzz.sh [SECONDS] [-- extra libFuzzer flags]
#
# Its own build folder (.build-fuzz) keeps the instrumented build apart from the normal one.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
shift || true
[ "${1:-}" = "--" ] && shift
started=$(date +%s)
export CLAIMSIEVE_FUZZ=1
# libxml2 allocates with malloc, not the document arena, so AddressSanitizer checks its every block.
export CLAIMSIEVE_DOCUMENT_ARENA=off
mkdir -p .build-fuzz
swift build --scratch-path .build-fuzz --product claimsieve-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >.build-fuzz/build.log 2>&1 || { tail -40 .build-fuzz/build.log; exit 1; }
built=$(date +%s)
corpus=.build-fuzz/corpus
findings=.build-fuzz/findings
rm -rf .build-fuzz/seeds
mkdir -p "$corpus" "$findings"
python3 scripts/fuzz-seeds.py .build-fuzz/seeds >/dev/null
binary=$(swift build --scratch-path .build-fuzz --product claimsieve-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --show-bin-path)/claimsieve-fuzz
status=0
# Values built once per process by Swift's global initializers are not leaks (see the file).
export LSAN_OPTIONS="suppressions=$PWD/scripts/fuzz-lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# -timeout: one input (at most 64 kB) taking over 60 s is a finding (a hang; inputs take well under
# a second, but the instrumented debug build on a loaded machine once took 12 s on a linear input);
# -rss_limit_mb: 2 GB is an OOM finding.
"$binary" "$corpus" .build-fuzz/seeds -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
  -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 "$@" 2>.build-fuzz/fuzz.log || status=$?
grep -E "^(#[0-9]+|stat::|INFO: Loaded|==[0-9]+==|SUMMARY)" .build-fuzz/fuzz.log | tail -15
echo "fuzz: build $((built - started)) s, fuzzing ${seconds} s, exit $status; corpus $(ls "$corpus" | wc -l) inputs; findings: $(ls "$findings" | wc -l)"
exit $status
