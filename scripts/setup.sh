#!/usr/bin/env bash
# Installs what ClaimSieve needs to build on Debian or Ubuntu (libxml2's headers, SQLite's,
# pkg-config) when it is missing. Swift itself must already be installed.
set -euo pipefail
missing=()
for package in libxml2-dev libsqlite3-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || { echo "setup: Swift 6 is required (https://www.swift.org/install/)" >&2; exit 1; }
