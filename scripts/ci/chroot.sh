#!/usr/bin/env bash
# Runs the release tarball in a minimal Debian root that has no Swift toolchain: the proof that
# the binary needs only the system's libxml2, SQLite and C library (issue 13).
#
#   scripts/ci/chroot.sh [TARBALL]     (--prepare: only build the cached root)
#
# Without TARBALL it packs one from the debug build (`scripts/build-release.sh --debug`: a relink
# with --static-swift-stdlib, no second full build). The Debian root (bookworm, debootstrap
# --variant=minbase, plus libxml2 and libsqlite3-0) is cached in .build-chroot/ (ignored by git),
# so only the first run downloads it. Needs root (chroot); installs debootstrap when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
checkout="$(pwd)"
cache="$checkout/.build-chroot"
root="$cache/bookworm"

if [ ! -f "$root/.ready" ]; then
  if ! command -v debootstrap >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  # The Debian mirror this machine's apt already uses.
  mirror=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
           | head -1 | awk '{print $2}' || true)
  mirror="${mirror:-http://deb.debian.org/debian}"
  rm -rf "$root.tmp"
  mkdir -p "$cache"
  echo "chroot: debootstrap bookworm from $mirror into $root (once)" >&2
  debootstrap --variant=minbase --include=libxml2,libsqlite3-0 bookworm "$root.tmp" "$mirror" > "$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  rm -rf "$root"
  mv "$root.tmp" "$root"
  touch "$root/.ready"
fi

[ "${1:-}" = "--prepare" ] && exit 0
tarball="${1:-}"
if [ -z "$tarball" ]; then
  tarball=$(scripts/build-release.sh --debug)
fi

# A fresh copy of the tarball and the pages each time; the root itself is reused.
rm -rf "$root/opt/claimsieve" "$root/srv" "$root/pages" "$root/data" "$root/etc/claimsieve"
mkdir -p "$root/opt" "$root/srv/pages" "$root/data" "$root/etc/claimsieve"
tar -xzf "$tarball" -C "$root/opt"
cp -r sample-data/. "$root/srv/pages/"
rm -rf "$root/srv/pages/bad"   # deliberately broken inputs: these nights must succeed
cp -r "$root/srv/pages" "$root/pages"

fail() { echo "chroot: FAILED: $*" >&2; exit 1; }
# A server has /proc (the Swift runtime reads the program's arguments from it).
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
# No Swift in the root: the binary must not need the toolchain's libraries.
if compgen -G "$root/usr/lib/swift*" >/dev/null || compgen -G "$root/usr/lib/*/libswiftCore*" >/dev/null; then
  fail "the root has Swift libraries"
fi
missing=$(chroot "$root" /usr/bin/ldd /opt/claimsieve/bin/claimsieve 2>&1 | grep -i 'not found' || true)
[ -z "$missing" ] || fail "libraries not found in the root: $missing"
chroot "$root" /usr/bin/ldd /opt/claimsieve/bin/claimsieve | grep -q libswift && fail "the binary links Swift libraries dynamically"

night() {  # runs nightly.sh in the root with a clean environment: night NAME VAR=VALUE...
  local name=$1; shift
  local status=0
  chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/ "$@" /opt/claimsieve/scripts/nightly.sh \
    > "$cache/$name.out" 2> "$cache/$name.err" || status=$?
  [ "$status" -eq 0 ] || { cat "$cache/$name.err" >&2; fail "$name: nightly.sh exited with $status"; }
  [ ! -s "$cache/$name.out" ] && [ ! -s "$cache/$name.err" ] || { cat "$cache/$name.out" "$cache/$name.err" >&2; fail "$name: not silent"; }
}

# The README's nightly section, from the tarball alone: the shipped nightly.yml, the pages named
# by CLAIMSIEVE_INPUTS, reports and state under /srv/reports.
night first CLAIMSIEVE_REPORTS=/srv/reports CLAIMSIEVE_INPUTS=/srv/pages
latest="$root/srv/reports/latest"
claims=$(wc -l < "$latest/claims.jsonl")
[ "$claims" -gt 100 ] || fail "only $claims claims"
grep -q '"verdict":"unverified"' "$latest/claims.jsonl" || fail "no unverified claim"
grep -q '"doc":"pages/seed/assad-asylum.html"' "$latest/claims.jsonl" || fail "documents are not named by their input root"
grep -q '<html' "$latest/report.html" || fail "no report.html"
[ -f "$root/srv/reports/state.sqlite" ] || fail "no state"
# A second night over unchanged pages processes nothing and still reports every claim.
night second CLAIMSIEVE_REPORTS=/srv/reports CLAIMSIEVE_INPUTS=/srv/pages
[ "$(wc -l < "$latest/claims.jsonl")" -eq "$claims" ] || fail "second night: a different number of claims"
grep -Eq '"processed" *: *0[,}]' "$latest/summary.json" || fail "second night processed documents again"

# The Kubernetes layout: the ConfigMap's pipeline in /etc/claimsieve, the pages on /pages, data on /data.
awk '/^  nightly.yml: \|/{on=1; next} on && /^    /{print substr($0, 5); next} on{exit}' \
  scripts/kubernetes/cronjob.yaml > "$root/etc/claimsieve/nightly.yml"
[ -s "$root/etc/claimsieve/nightly.yml" ] || fail "no pipeline in the ConfigMap"
chroot "$root" /opt/claimsieve/bin/claimsieve validate /etc/claimsieve/nightly.yml > /dev/null \
  || fail "the ConfigMap's pipeline does not validate"
night configmap CLAIMSIEVE_PIPELINE=/etc/claimsieve/nightly.yml CLAIMSIEVE_REPORTS=/data/reports CLAIMSIEVE_LOG_FORMAT=json
[ "$(wc -l < "$root/data/reports/latest/claims.jsonl")" -eq "$claims" ] || fail "the ConfigMap's pipeline gives other claims"

echo "chroot: ok: $claims claims from the tarball in a Debian root without Swift ($(( $(date +%s) - started ))s)" >&2
