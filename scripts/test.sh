#!/usr/bin/env bash
# The test command (README and CI): installs what is missing, builds, runs every test.
# Heavy lanes (sanitizers, fuzzing) follow unless CLAIMSIEVE_HEAVY=0.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# report.md is checked by rendering it with a real CommonMark renderer.
python3 -c 'import markdown_it' 2>/dev/null || python3 -m pip install -q markdown-it-py
swift build --product claimsieve
swift test
if [ "${CLAIMSIEVE_HEAVY:-1}" != 0 ]; then
  scripts/ci/sanitizer.sh address
  scripts/ci/sanitizer.sh thread
  scripts/ci/fuzz.sh
fi
