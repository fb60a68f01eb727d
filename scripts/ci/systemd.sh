#!/usr/bin/env bash
# Checks the systemd unit and timer as an operator installs them (issue 13):
# `systemd-analyze verify` in a scratch root laid out like a server with the tarball in
# /opt/claimsieve (any warning fails), then what verify cannot see: no user to create by hand,
# the state folder created by systemd, optional writable paths, only exit 1 counted as success.
# Installs systemd from Debian's packages when systemd-analyze is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
unit=scripts/systemd/claimsieve.service
timer=scripts/systemd/claimsieve.timer
fail() { echo "systemd: FAILED: $*" >&2; exit 1; }

if ! command -v systemd-analyze >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/opt/claimsieve/scripts" "$root/etc/systemd/system" "$root/usr/lib/systemd"
cp scripts/nightly.sh "$root/opt/claimsieve/scripts/"
cp -r /usr/lib/systemd/system "$root/usr/lib/systemd/"   # sysinit.target and friends
cp "$unit" "$timer" "$root/etc/systemd/system/"
output=$(systemd-analyze verify --root="$root" /etc/systemd/system/claimsieve.service /etc/systemd/system/claimsieve.timer 2>&1) \
  || fail "systemd-analyze verify: $output"
[ -z "$output" ] || fail "systemd-analyze verify warns: $output"

value() { sed -n "s/^$1=//p" "$unit"; }
# A user nobody creates is a unit that never starts: a dynamic one, or none named.
if [ "$(value DynamicUser)" != "yes" ]; then
  [ -z "$(value User)" ] || fail "User=$(value User) must be created by hand; use DynamicUser=yes"
fi
[ "$(value StateDirectory)" = "claimsieve" ] || fail "StateDirectory=claimsieve is missing: nothing creates /var/lib/claimsieve"
value Environment | grep -q '^CLAIMSIEVE_REPORTS=/var/lib/claimsieve/' || fail "the reports are not under the StateDirectory"
for path in $(value ReadWritePaths); do
  case "$path" in
    -*) ;;
    *) fail "ReadWritePaths=$path fails the unit when the folder is missing; write -$path" ;;
  esac
done
for code in $(value SuccessExitStatus); do
  [ "$code" = "1" ] || fail "SuccessExitStatus=$code: only 1 (partial) is a success; 2 means every document failed"
done
[ "$(value ExecStart)" = "/opt/claimsieve/scripts/nightly.sh" ] || fail "ExecStart is not the tarball's nightly.sh"

echo "systemd: ok: unit and timer verified ($(( $(date +%s) - started ))s)" >&2
