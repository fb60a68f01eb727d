#!/usr/bin/env bash
# Usage: scripts/bench/peers.sh FOLDER [PROCESSES]
# The peers' figure beside `claimsieve-bench run FOLDER`: trafilatura + pySBD + a regex cue tagger
# from PyPI, installed into .build-peers/venv on first use (not a test; nothing here runs in CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build-peers/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet trafilatura==2.3.1 lxml_html_clean pysbd==0.3.4
fi
exec "$venv/bin/python" scripts/bench/peers.py "$@"
