#!/usr/bin/env bash
# The fuzzing lane of CI: scripts/fuzz.sh for 2 minutes (CLAIMSIEVE_FUZZ_SECONDS overrides).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
status=0
scripts/fuzz.sh "${CLAIMSIEVE_FUZZ_SECONDS:-120}" || status=$?
echo "fuzz lane: $(( $(date +%s) - started )) s, exit $status"
exit "$status"
