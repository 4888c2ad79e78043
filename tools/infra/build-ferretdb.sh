#!/usr/bin/env bash
# Builds FerretDB 1.24.2 from the Go module proxy (see ../shared/docs/mongodb-compat.md) and caches the binary
# outside the work tree, so later runs (and fresh clones on the same machine) start in seconds.
# Prints the path of the binary on stdout.
#
# One patch, performance only (tools/infra/ferretdb-id-lookup.patch; docs/engineering-notes.md, "FerretDB scans the
# whole table for every lookup by _id"): the SQLite backend creates its unique `_id` index on the expression
# `_ferretdb_sjson->"_id"` but looks documents up with `_ferretdb_sjson->'$._id'`, which SQLite's planner does not match
# to that index, and it pushes `_id` down only when `_id` is the filter's only key. So every find, update and delete
# by `_id` scanned the whole table (60 ms at 5,000 documents; upstream reports the same on PostgreSQL:
# FerretDB/FerretDB#4646). The patch looks up with `->'_id'` (the same key for SQLite's JSON operator, and the index's
# own expression) and pushes a top-level `_id` (or one in a top-level `$and`) down whatever else the filter holds; the
# handler still applies the whole filter to what comes back, so results and atomicity are unchanged.
# It also pushes an ObjectID `_id` range (`$gt`/`$gte`/`$lt`/`$lte`) down to SQLite, with ORDER BY `_id` and LIMIT when
# the range is the whole filter and the sort is `{_id: ±1}`: the reporting ingest pages its source events with
# `find({_id: {$gt: last}}).sort({_id: 1}).limit(500)`, which scanned and sorted the whole table on every page
# (O(N²) for a first ingest). Measured with `node tools/bench/ferretdb-range-check.mjs` (one server built with each
# patch): 200,000 ObjectIDs, one page 6.5–11 s → median 42 ms (EXPLAIN: SCAN → SEARCH … USING INDEX), the same
# documents in the same order on every shape compared (mixed-type collections, extra filter keys, `$and`, both
# directions). General string `_id` ranges are not pushed down (JSON text order is not MongoDB's order for escaped
# strings), with one exception that is exact: a prefix range `{$gte: P, $lt: P'}` (P' = P with its last character
# raised by one, both plain printable ASCII), which the reporting store uses to read a day's deltas
# (`<province>:<day>:` … `<province>:<day>;`). And `_id: {$in: [strings or ObjectIDs]}` becomes an SQL `IN` on the
# index (the ingest's "which of these deltas are stored" read). Checked with `node tools/bench/ferretdb-in-prefix-check.mjs`
# against the build without them (same answers on escaping cases; at 100,000 ids a day's prefix 170 ms and a 500-id
# `$in` 150 ms, where a scan takes 11 s) and by apps/api/test/integration/ferretdb-id-lookup.int-spec.ts.
# The cached binary's name carries the patch's hash: editing the patch rebuilds it.
set -euo pipefail
VERSION=v1.24.2
PATCH="$(cd "$(dirname "$0")" && pwd)/ferretdb-id-lookup.patch"
PATCH_LEVEL=$(sha256sum "$PATCH" | cut -c1-8)
CACHE_DIR="${NSS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nong-san-so}"
BIN="$CACHE_DIR/ferretdb-$VERSION-$PATCH_LEVEL"
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
( cd "$WORK/src" && git apply -p1 "$PATCH" ) || { echo "build-ferretdb: $PATCH does not apply" >&2; exit 1; }
( cd "$WORK/src" && CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$BIN.tmp" ./cmd/ferretdb ) >&2
mv "$BIN.tmp" "$BIN"
echo "$BIN"
