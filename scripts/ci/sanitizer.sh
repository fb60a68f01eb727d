#!/usr/bin/env bash
# One sanitizer lane of CI: builds the tests with `--sanitize=KIND` in its own folder
# (.build-KIND: a full instrumented rebuild) and runs the suites that exercise the Dispatch
# runner, the command pool and the state writer. Prints how long the lane took.
#
#   scripts/ci/sanitizer.sh address|thread
set -euo pipefail
cd "$(dirname "$0")/../.."
kind="${1:?address or thread}"
case "$kind" in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "sanitizer.sh: address or thread, not $kind" >&2; exit 64 ;;
esac
suites='PipelineRunnerTests|CommandStageTests|StateStoreTests|RunLockTests|ReportTests|DocumentArenaTests'
# Under AddressSanitizer libxml2 allocates with malloc, not the document arena, so that every
# one of its allocations is checked (the arena's own functions are still tested directly).
[ "$kind" = address ] && export CLAIMSIEVE_DOCUMENT_ARENA=off
started=$(date +%s)
mkdir -p "$scratch"
swift build --build-tests --scratch-path "$scratch" --sanitize="$kind" >"$scratch/build.log" 2>&1 \
  || { tail -40 "$scratch/build.log"; exit 1; }
built=$(date +%s)
# halt_on_error: the first report fails the lane; TSan's reports are errors, not warnings.
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1" TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
status=0
# Two tests hold a child process to sub-second deadlines (a 0.5 s timeout, a 0.3 s start-up
# watch); the instrumented build is several times slower, so they run in the normal lane only.
swift test --skip-build --scratch-path "$scratch" --sanitize="$kind" --filter "$suites" \
  --skip 'aHangIsCutAtTheTimeoutAndTheProcessReplaced|aProgramThatExitsAtOnceStopsTheRunInSetUp' >"$scratch/test.log" 2>&1 || status=$?
grep -E "Test run with|SUMMARY:|WARNING: ThreadSanitizer|ERROR: AddressSanitizer" "$scratch/test.log" | sort | uniq -c | head -20
[ "$status" -eq 0 ] || tail -60 "$scratch/test.log"
echo "sanitizer $kind: build $((built - started)) s, tests $(( $(date +%s) - built )) s, exit $status"
exit "$status"
