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

echo "kubernetes: ok: manifests valid for Kubernetes 1.37 ($(( $(date +%s) - started ))s)" >&2
