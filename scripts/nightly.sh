#!/usr/bin/env bash
# The wrapper an operator puts in cron, a systemd unit or a Kubernetes CronJob:
#   15 2 * * *  /opt/claimsieve/scripts/nightly.sh
# Silent on success (cron mails nothing); on failure it prints why and exits non-zero.
#
# Settings (environment):
#   CLAIMSIEVE_BIN          the executable   (default: bin/claimsieve of the tarball, else .build/release/claimsieve)
#   CLAIMSIEVE_PIPELINE     the pipeline file (default: pipelines/nightly.yml)
#   CLAIMSIEVE_INPUTS       input folders, separated by ':' (default: the pipeline's `inputs:`)
#   CLAIMSIEVE_REPORTS      the report root  (default: reports/) — one folder per run, `latest` link, state.sqlite
#   CLAIMSIEVE_KEEP         run folders to keep (default: 30)
#   CLAIMSIEVE_METRICS      Prometheus textfile (default: none), e.g. /var/lib/node_exporter/textfile/claimsieve.prom
#   CLAIMSIEVE_PUSHGATEWAY  a Prometheus Pushgateway URL (default: none), e.g. http://pushgateway:9091:
#                           the metrics are pushed there with curl as job "claimsieve" after every run
#   CLAIMSIEVE_LOG_FORMAT   text or json (default: text)
#   CLAIMSIEVE_STATE_JOURNAL wal, exclusive or rollback (default: the state file's own mode, wal for a new one; read by claimsieve itself):
#                           exclusive for a state on NFS or SMB (see README, "Durability")
#
# Exit codes: those of `claimsieve run` (0 success, 1 some documents failed, 2 every document
# failed, 65 pipeline error, 74 metrics not written, 75 locked, ...); 74 also when the push fails.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${CLAIMSIEVE_BIN:-}" ]; then
  bin="$CLAIMSIEVE_BIN"
elif [ -x "$here/bin/claimsieve" ]; then
  bin="$here/bin/claimsieve"
else
  bin="$here/.build/release/claimsieve"
fi
pipeline="${CLAIMSIEVE_PIPELINE:-$here/pipelines/nightly.yml}"
reports="${CLAIMSIEVE_REPORTS:-$here/reports}"
keep="${CLAIMSIEVE_KEEP:-30}"
metrics="${CLAIMSIEVE_METRICS:-}"
push="${CLAIMSIEVE_PUSHGATEWAY:-}"

if [ ! -x "$bin" ]; then
  echo "nightly: $bin is missing; unpack the release tarball or build with: swift build -c release --product claimsieve" >&2
  exit 70
fi
if [ -n "$push" ] && [ -z "$metrics" ]; then
  metrics="$reports/claimsieve.prom"
fi
args=(run --pipeline "$pipeline" --reports "$reports" --keep "$keep" --no-progress)
[ -n "$metrics" ] && args+=(--metrics "$metrics")
[ -n "${CLAIMSIEVE_LOG_FORMAT:-}" ] && args+=(--log-format "$CLAIMSIEVE_LOG_FORMAT")
if [ -n "${CLAIMSIEVE_INPUTS:-}" ]; then
  IFS=':' read -r -a inputs <<< "$CLAIMSIEVE_INPUTS"
  args+=("${inputs[@]}")
fi

"$bin" "${args[@]}"
status=$?
case "$status" in
  0) ;;
  1) echo "nightly: some documents failed; see $reports/latest/report.html" >&2 ;;
  2) echo "nightly: every document failed; see $reports/latest/report.html" >&2 ;;
  74) echo "nightly: the report was written but the metrics file $metrics was not" >&2 ;;
  75) echo "nightly: the previous run is still going; skipped this one" >&2 ;;
  *) echo "nightly: claimsieve exited with $status" >&2 ;;
esac

# A batch job's metrics for Prometheus without a node: PUT replaces the group's previous values.
if [ -n "$push" ] && [ -f "$metrics" ] && [ "$status" -ne 75 ]; then
  if ! curl -fsS --max-time 30 -X PUT --data-binary "@$metrics" "${push%/}/metrics/job/claimsieve" >/dev/null; then
    echo "nightly: could not push the metrics to $push" >&2
    [ "$status" -eq 0 ] && status=74
  fi
fi
exit "$status"
