#!/usr/bin/env bash
# Checks scripts/slurm/claimsieve-array.sbatch without a cluster (issue 16): `bash -n`; the
# #SBATCH lines are ones sbatch knows; a dry read of the submission with a stand-in `sbatch` that
# records its arguments (an array 0..N-1, then the merge with afterok on the array's id); then
# the script's own array tasks and merge run for real, as Slurm would start them (the
# SLURM_ARRAY_* variables set, the debug build as the binary), and the merged claims must be a
# single run's byte for byte. About 10 s after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
script=scripts/slurm/claimsieve-array.sbatch
binary=${CLAIMSIEVE_BINARY:-$PWD/.build/debug/claimsieve}
fail() { echo "slurm: FAILED: $*" >&2; exit 1; }

bash -n "$script" || fail "bash -n"
# Options sbatch accepts in its header (a misspelt one is an error for sbatch, not for bash).
known=" job-name cpus-per-task mem time output error array partition account nodes ntasks "
while read -r option; do
  name=${option#--}; name=${name%%=*}
  [[ "$known" == *" $name "* ]] || fail "unknown #SBATCH option $option"
done < <(sed -n 's/^#SBATCH \(--[a-z-]*\).*/\1/p' "$script")
grep -q '^#SBATCH --array' "$script" && fail "--array in the header would make the merge job an array too"

work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
# The dry read: submission with a stand-in sbatch.
mkdir -p "$work/bin"
cat > "$work/bin/sbatch" <<'STUB'
#!/usr/bin/env bash
echo "$*" >> "$CLAIMSIEVE_WORK/sbatch.calls"
echo "$(( 1000 + $(wc -l < "$CLAIMSIEVE_WORK/sbatch.calls") ));cluster"
STUB
chmod +x "$work/bin/sbatch"
export CLAIMSIEVE="$binary" CLAIMSIEVE_WORK="$work/cw" CLAIMSIEVE_SHARDS=3 CLAIMSIEVE_SBATCH="$work/bin/sbatch"
export CLAIMSIEVE_PIPELINE="$PWD/pipelines/default.yml" CLAIMSIEVE_INPUTS="$PWD/sample-data"
mkdir -p "$CLAIMSIEVE_WORK"
bash "$script" > "$work/submit.out" || fail "submission: $(cat "$work/submit.out")"
calls=$(cat "$CLAIMSIEVE_WORK/sbatch.calls")
first=$(sed -n 1p "$CLAIMSIEVE_WORK/sbatch.calls")
second=$(sed -n 2p "$CLAIMSIEVE_WORK/sbatch.calls")
[[ "$first" == *"--array=0-2"* && "$first" == *"$script" ]] || fail "the array submission: $calls"
[[ "$second" == *"--dependency=afterok:1001 "* && "$second" == *"$script merge" ]] || fail "the merge submission: $calls"
grep -q "merge in job 1002" "$work/submit.out" || fail "the job ids are not reported: $(cat "$work/submit.out")"

# The array's tasks as Slurm starts them (an array numbered from 1, to check K = ID - MIN), then the merge.
for id in 1 2 3; do
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3 SLURM_CPUS_PER_TASK=1 \
    bash "$script" 2> "$work/task-$id.err" || fail "array task $id: $(tail -5 "$work/task-$id.err")"
done
status=0
SLURM_CPUS_PER_TASK=2 bash "$script" merge 2> "$work/merge.err" || status=$?
[ "$status" -eq 1 ] || fail "merge exit $status (expected 1: sample-data/bad fails): $(tail -5 "$work/merge.err")"
# The shards keep state (a claim says it is new): so does the single run compared with.
"$binary" run --out "$work/single" --state "$work/single.sqlite" "$CLAIMSIEVE_INPUTS" 2>/dev/null || true
cmp "$work/single/claims.jsonl" "$CLAIMSIEVE_WORK/reports/claims.jsonl" || fail "merged claims differ from a single run's"
[ -s "$CLAIMSIEVE_WORK/reports/claimsieve.prom" ] || fail "no metrics from the merge"
echo "slurm: ok: bash -n, the header, the submission and 3 array tasks + merge == a single run ($(( $(date +%s) - started ))s)" >&2
