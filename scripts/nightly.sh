#!/usr/bin/env bash
# The wrapper an operator puts in cron:
#   15 2 * * *  /opt/claimsieve/scripts/nightly.sh
# Silent on success (cron mails nothing); on failure it prints why and exits non-zero.
#
# Settings (environment):
#   CLAIMSIEVE_BIN       the executable            (default: .build/release/claimsieve beside this script)
#   CLAIMSIEVE_PIPELINE  the pipeline file         (default: pipelines/nightly.yml)
#   CLAIMSIEVE_REPORTS   the report root           (default: reports/) — one folder per run, `latest` link, state.sqlite
#   CLAIMSIEVE_KEEP      run folders to keep       (default: 30)
#   CLAIMSIEVE_METRICS   Prometheus textfile       (default: none), e.g. /var/lib/node_exporter/textfile/claimsieve.prom
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${CLAIMSIEVE_BIN:-$here/.build/release/claimsieve}"
pipeline="${CLAIMSIEVE_PIPELINE:-$here/pipelines/nightly.yml}"
reports="${CLAIMSIEVE_REPORTS:-$here/reports}"
keep="${CLAIMSIEVE_KEEP:-30}"

if [ ! -x "$bin" ]; then
  echo "nightly: $bin is missing; build it with: swift build -c release --product claimsieve" >&2
  exit 70
fi
args=(run --pipeline "$pipeline" --reports "$reports" --keep "$keep" --no-progress)
[ -n "${CLAIMSIEVE_METRICS:-}" ] && args+=(--metrics "$CLAIMSIEVE_METRICS")

"$bin" "${args[@]}"
status=$?
case "$status" in
  0) ;;
  1) echo "nightly: some documents failed; see $reports/latest/report.html" >&2 ;;
  75) echo "nightly: the previous run is still going; skipped this one" >&2 ;;
  *) echo "nightly: claimsieve exited with $status" >&2 ;;
esac
exit "$status"
