#!/usr/bin/env bash
# Builds the binary for servers and packs the tarball an operator unpacks in /opt:
#
#   scripts/build-release.sh [--debug]     prints the tarball's path: dist/claimsieve-linux-<arch>.tar.gz
#
# The Swift standard library and Foundation are linked in (--static-swift-stdlib), so the server
# needs no Swift toolchain; libxml2, SQLite and the C library come from the system (Debian:
# apt-get install libxml2 libsqlite3-0). --debug relinks the debug build instead of compiling a
# release build (what CI's chroot test uses); the tarball's layout is the same.
#
#   claimsieve/bin/claimsieve          the program
#   claimsieve/pipelines/              default.yml, nightly.yml and the lexicons (found beside bin/)
#   claimsieve/scripts/                nightly.sh, systemd/, kubernetes/, slurm/, spark/, stages/
#   claimsieve/Containerfile, README.md, docs/
set -euo pipefail
cd "$(dirname "$0")/.."
config=release
[ "${1:-}" = "--debug" ] && config=debug
# SwiftPM leaves static Foundation's own libraries (CoreFoundation, its ICU, ...) out of the link
# (swiftlang/swift-package-manager#10564); name them, in one group so their order does not matter.
foundation="--start-group -lFoundation -lCoreFoundation -lFoundationInternationalization -lFoundationEssentials
  -l_FoundationICU -l_FoundationCShims -l_FoundationCollections -lswiftSynchronization -lswiftDispatch -ldispatch
  -lBlocksRuntime --end-group -lstdc++ -lm"
link=()
for flag in $foundation; do link+=(-Xlinker "$flag"); done
swift build -c "$config" --static-swift-stdlib --product claimsieve "${link[@]}" >&2
binary="$(swift build -c "$config" --static-swift-stdlib --show-bin-path)/claimsieve"

stage=dist/claimsieve
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/scripts" "$stage/docs"
strip -o "$stage/bin/claimsieve" "$binary"
cp -r pipelines "$stage/"
cp scripts/nightly.sh "$stage/scripts/"
cp -r scripts/systemd scripts/kubernetes scripts/slurm scripts/spark scripts/stages "$stage/scripts/"
cp README.md Containerfile "$stage/"
cp docs/*.md "$stage/docs/"
tarball="dist/claimsieve-linux-$(uname -m).tar.gz"
tar -czf "$tarball" -C dist claimsieve
echo "$(pwd)/$tarball"
