#!/usr/bin/env bash
# Runs scripts/spark/claimsieve_pipe.py on a real Spark (issue 16): PySpark from PyPI in a cached
# virtual environment (.build-ci/pyspark, ignored by git), master local[2], in one job over sample-data and
# the benchmark pages of ../shared (284 inputs: pages, feeds, bad pages, as three roots),
# and the claims must equal a single run's, line for line, without
# `corroboration` (a stream has no whole run to corroborate across). Needs Java 17+ and PyPI:
# where either is missing the lane says so and is skipped (exit 0), never silently.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
binary=${CLAIMSIEVE_BINARY:-$PWD/.build/debug/claimsieve}
venv=.build-ci/pyspark
fail() { echo "spark: FAILED: $*" >&2; exit 1; }
skip() { echo "spark: SKIPPED: $* (the PySpark proof did not run)" >&2; exit 0; }

command -v java >/dev/null 2>&1 || skip "no java on PATH (Spark needs Java 17 or later)"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv" || skip "python3 -m venv failed"
  "$venv/bin/pip" install -q pyspark==4.0.1 || skip "pyspark cannot be installed from PyPI here"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"
mkdir -p "$corpus"
cp -r sample-data "$corpus/sample-data"
shared=${CLAIMSIEVE_SHARED:-../shared}
[ -d "$shared/eval/extraction-zyte/html" ] && cp -r "$shared/eval/extraction-zyte/html" "$corpus/zyte"
[ -d "$shared/eval/extraction-readability/html" ] && cp -r "$shared/eval/extraction-readability/html" "$corpus/readability"
gzip -dr "$corpus"   # the benchmark pages are stored as .html.gz
pages=$(find "$corpus" -type f ! -name '*.md' | wc -l)

# The single run's claims against the Spark job's, each line parsed and without corroboration.
same() {
  "$venv/bin/python" - "$1" "$2" <<'PY'
import json, sys
def lines(path):
    out = []
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        record.pop("corroboration", None)
        out.append(record)
    return out
single, spark = lines(sys.argv[1]), lines(sys.argv[2])
if single != spark:
    print(f"{len(single)} claims in the single run, {len(spark)} from Spark", file=sys.stderr)
    for a, b in zip(single, spark):
        if a != b:
            print("first difference:", a.get("id"), b.get("id"), file=sys.stderr)
            break
    sys.exit(1)
print(len(spark))
PY
}

# One Spark job over three roots (sample-data, then the two sets of benchmark pages): one JVM start.
roots=("$corpus/sample-data" "$corpus/zyte" "$corpus/readability")
"$binary" run --out "$work/single" --jobs 2 "${roots[@]}" 2>/dev/null || true
[ -s "$work/single/claims.jsonl" ] || fail "the single run wrote no claims"
status=0
"$venv/bin/python" scripts/spark/claimsieve_pipe.py --master 'local[2]' --partitions 4 --claimsieve "$binary" \
  --pipeline "$PWD/pipelines/default.yml" --out "$work/spark.jsonl" "${roots[@]}" 2> "$work/spark.err" || status=$?
# Exit 1: error lines for the bad pages (written to .errors); anything else is a failure.
[ "$status" -le 1 ] || fail "the Spark job exited $status: $(tail -20 "$work/spark.err")"
[ "$(grep -c '"error"' "$work/spark.jsonl.errors")" -eq 2 ] || fail "not one error line per bad page of sample-data/bad: $(cat "$work/spark.jsonl.errors")"
claims=$(same "$work/single/claims.jsonl" "$work/spark.jsonl") || fail "the Spark claims differ from a single run's"
echo "spark: ok: PySpark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)') local[2] over sample-data and the benchmark pages ($pages inputs): $claims claims equal to a single run's ($(( $(date +%s) - started ))s)" >&2
