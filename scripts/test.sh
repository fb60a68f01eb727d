#!/usr/bin/env bash
# The test command (README and CI): installs what is missing, builds, runs every test.
#   scripts/test.sh           everything, as CI runs it; each lane prints its time
#   scripts/test.sh --quick   the quick lane (under 2 minutes after a build): every Swift test but
#                             the example-package build and the slowest end-to-end tests
#                             (CLAIMSIEVE_QUICK=1), and none of the lanes in scripts/ci/
# The heavy lanes (sanitizers, fuzzing) run after the others unless CLAIMSIEVE_HEAVY=0.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
total=$(date +%s)
lane() {
  local name=$1 start
  shift
  start=$(date +%s)
  "$@"
  echo "test.sh: $name took $(( $(date +%s) - start ))s" >&2
}
scripts/setup.sh
# report.md is checked by rendering it with a real CommonMark renderer.
python3 -c 'import markdown_it' 2>/dev/null || python3 -m pip install -q markdown-it-py
lane build swift build --build-tests
if [ "$quick" -eq 1 ]; then
  CLAIMSIEVE_QUICK=1 lane "swift test (quick)" swift test --skip-build
else
  lane "swift test" swift test --skip-build
  # Operators' lanes: scheduler files, the shell wrapper, the binary without Swift.
  lane systemd scripts/ci/systemd.sh
  lane kubernetes scripts/ci/kubernetes.sh
  # Many machines (issue 16): the Slurm array file run as Slurm would; Spark where PySpark installs.
  lane slurm scripts/ci/slurm.sh
  lane spark scripts/ci/spark.sh
  lane wrappers scripts/ci/wrappers.sh
  lane chroot scripts/ci/chroot.sh
  # report.html in headless Chromium (Debian's chromium and chromium-driver, selenium).
  lane "report in a browser" scripts/check-report.sh
  if [ "${CLAIMSIEVE_HEAVY:-1}" != 0 ]; then
    lane "address sanitizer" scripts/ci/sanitizer.sh address
    lane "thread sanitizer" scripts/ci/sanitizer.sh thread
    lane fuzz scripts/ci/fuzz.sh
  fi
fi
echo "test.sh: total $(( $(date +%s) - total ))s" >&2
