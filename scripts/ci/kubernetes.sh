#!/usr/bin/env bash
# Validates the Kubernetes manifests against the Kubernetes API schemas (issue 13) with
# kubernetes-validate from PyPI, which bundles the schemas (no network beyond PyPI). Strict: an
# unknown field fails. The ConfigMap's pipeline itself is run for real by scripts/ci/chroot.sh.
# The virtual environment is cached in .build-ci/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
venv=.build-ci/kubernetes-validate
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q kubernetes-validate==1.37.0
fi
fail() { echo "kubernetes: FAILED: $*" >&2; exit 1; }

"$venv/bin/kubernetes-validate" --strict --quiet scripts/kubernetes/*.yaml || fail "the manifests do not validate"

# The validator must be able to fail: a misspelt field is refused.
broken=$(mktemp)
trap 'rm -f "$broken"' EXIT
sed 's/concurrencyPolicy: Forbid/concurencyPolicy: Forbid/' scripts/kubernetes/cronjob.yaml > "$broken"
if "$venv/bin/kubernetes-validate" --strict --quiet "$broken" >/dev/null 2>&1; then
  fail "a misspelt field passed validation"
fi

# What the schemas cannot see: the pipeline lives in a ConfigMap, so it names nothing relative.
pipeline=$("$venv/bin/python" - <<'PY'
import yaml
docs = list(yaml.safe_load_all(open("scripts/kubernetes/cronjob.yaml")))
config = next(d for d in docs if d["kind"] == "ConfigMap")
print(config["data"]["nightly.yml"])
PY
)
"$venv/bin/python" - "$pipeline" <<'PY' || fail "the ConfigMap's pipeline names a relative path"
import sys, yaml
pipeline = yaml.safe_load(sys.argv[1])
def strings(node):
    if isinstance(node, str): yield node
    elif isinstance(node, list):
        for item in node: yield from strings(item)
    elif isinstance(node, dict):
        for item in node.values(): yield from strings(item)
paths = list(pipeline["inputs"]) + [s for s in strings(pipeline["stages"]) if "/" in s or s.endswith(".yml")]
relative = [p for p in paths if not p.startswith("/")]
sys.exit(1 if relative else 0)
PY
grep -q 'CLAIMSIEVE_PUSHGATEWAY' scripts/kubernetes/cronjob.yaml || fail "no metrics path Prometheus scrapes (Pushgateway)"

# Shards and merge (issue 16): the counts agree, and the pods' commands, run here with the debug
# build for every index of the Indexed Job and then the merge Job's, give a single run's claims.
sed 's/completionMode: Indexed/completionMod: Indexed/' scripts/kubernetes/shards-job.yaml > "$broken"
if "$venv/bin/kubernetes-validate" --strict --quiet "$broken" >/dev/null 2>&1; then
  fail "a misspelt field of the Indexed Job passed validation"
fi
binary=${CLAIMSIEVE_BINARY:-$PWD/.build/debug/claimsieve}
if [ -x "$binary" ]; then
  work=$(mktemp -d)
  trap 'rm -f "$broken"; rm -rf "$work"' EXIT
  "$venv/bin/python" - "$work" "$binary" "$PWD" <<'PY' || fail "the shard and merge Jobs do not make a single run"
import os, subprocess, sys, yaml
work, binary, repo = sys.argv[1:]
shards = yaml.safe_load(open("scripts/kubernetes/shards-job.yaml"))
merge = yaml.safe_load(open("scripts/kubernetes/merge-job.yaml"))
cronjob = list(yaml.safe_load_all(open("scripts/kubernetes/cronjob.yaml")))
spec = shards["spec"]
container = spec["template"]["spec"]["containers"][0]
env = {e["name"]: e["value"] for e in container.get("env", [])}
n = int(env["CLAIMSIEVE_SHARD_COUNT"])
assert spec["completions"] == n and spec["parallelism"] == n, "completions, parallelism and CLAIMSIEVE_SHARD_COUNT differ"
margs = merge["spec"]["template"]["spec"]["containers"][0]["args"]
assert [a for a in margs if a.startswith("/data/night/")] == [f"/data/night/shard-{k}" for k in range(n)], "the merge Job does not list every shard"
# The pod's world on this machine: /data, the ConfigMap's pipeline with /pages as sample-data/articles.
config = next(d for d in cronjob if d["kind"] == "ConfigMap")["data"]["nightly.yml"]
pipeline = os.path.join(work, "nightly.yml")
open(pipeline, "w").write(config.replace("/pages", os.path.join(repo, "sample-data/articles")))
def local(text):
    return (text.replace("/opt/claimsieve/bin/claimsieve", binary).replace("/etc/claimsieve/nightly.yml", pipeline)
                .replace("/data/", work + "/data/"))
shell = container["command"]
for k in range(n):
    result = subprocess.run([*shell, local(container["args"][0])], env={**os.environ, **env, "JOB_COMPLETION_INDEX": str(k)},
                            capture_output=True, text=True)
    assert result.returncode == 0, f"shard {k}: {result.returncode} {result.stderr[-500:]}"
merged = subprocess.run([binary] + [local(a) for a in margs], capture_output=True, text=True)
assert merged.returncode == 0, f"merge: {merged.returncode} {merged.stderr[-500:]}"
# The shards keep state (each claim says it is new): so does the single run compared with.
single = subprocess.run([binary, "run", "--pipeline", pipeline, "--out", os.path.join(work, "single"),
                         "--state", os.path.join(work, "single.sqlite")], capture_output=True, text=True)
assert single.returncode == 0, single.stderr[-500:]
assert open(os.path.join(work, "single/claims.jsonl"), "rb").read() == open(os.path.join(work, "data/reports/latest-merge/claims.jsonl"), "rb").read(), "claims differ"
assert os.path.getsize(os.path.join(work, "data/reports/claimsieve.prom")) > 0
PY
else
  echo "kubernetes: no binary at $binary: the shard and merge commands were not run" >&2
fi

echo "kubernetes: ok: manifests valid for Kubernetes 1.37 ($(( $(date +%s) - started ))s)" >&2
