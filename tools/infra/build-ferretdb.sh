#!/usr/bin/env bash
# Builds FerretDB 1.24.2 from the Go module proxy (see ../shared/docs/mongodb-compat.md) and caches the binary
# outside the work tree, so later runs (and fresh clones on the same machine) start in seconds.
# Prints the path of the binary on stdout.
set -euo pipefail
VERSION=v1.24.2
CACHE_DIR="${NSS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nong-san-so}"
BIN="$CACHE_DIR/ferretdb-$VERSION"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$CACHE_DIR"
# One build at a time (parallel checkouts or test runs on one machine share the cache): wait for the other one.
exec 9>"$CACHE_DIR/.build.lock"
flock 9
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null 2>&1 || { echo "build-ferretdb: Go is required (not found on PATH or /usr/local/go/bin)" >&2; exit 1; }
mkdir -p "$CACHE_DIR"
echo "build-ferretdb: building FerretDB $VERSION (first run only, takes a few minutes)…" >&2
SRC_DIR=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$SRC_DIR" ] || { echo "build-ferretdb: module download failed" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
cp -R "$SRC_DIR/." "$WORK/src"
chmod -R u+w "$WORK/src"
# The module zip lacks build/version/version.txt (git-ignored upstream), and the binary panics without it.
mkdir -p "$WORK/src/build/version"
echo "$VERSION" > "$WORK/src/build/version/version.txt"
( cd "$WORK/src" && CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$BIN.tmp" ./cmd/ferretdb ) >&2
mv "$BIN.tmp" "$BIN"
echo "$BIN"
