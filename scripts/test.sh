#!/usr/bin/env bash
# The test command (README and CI): installs what is missing, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product claimsieve
swift test
