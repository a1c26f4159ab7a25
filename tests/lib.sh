# lib.sh - TAP helpers for the end-to-end tests (tests/NNNN-name.t).
# Source it first: every test runs in its own temporary directory with its
# own store ($GRID_DB), a fixed time zone and the programs under test first
# in PATH (tests/run.sh sets GK_BIN; by default the release bin/).
set -u

GK_ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${GK_BIN:=$GK_ROOT/bin}"
case $GK_BIN in /*) ;; *) GK_BIN=$GK_ROOT/$GK_BIN ;; esac
FIX=$GK_ROOT/tests/fixtures
EX=$GK_ROOT/examples
PATH=$GK_BIN:$PATH
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-t.XXXXXX")
T_PGDBS=
trap 'pg_drop; rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
# a POSIX TZ needs no tzdata: China Standard Time, UTC+8, no DST
TZ=CST-8
GRID_DB=$TMP/grid.db
export PATH TZ GRID_DB
unset GRID_NOW
T_N=0
T_FAILED=0

# ok STATUS NAME: passes when STATUS is 0
ok() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "#   got:" "$1" | sed '2,$s/^/#     /'
		printf '%s\n' "#   want:" "$2" | sed '2,$s/^/#     /'
	fi
}

# like GOT ERE NAME: GOT matches the extended regular expression
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "#   got:" "$1" "#   want a match for: $2" |
			sed '2,/^#   want/{/^#   want/!s/^/#     /}'
	fi
}

# unlike GOT ERE NAME: GOT does not match
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		printf '%s\n' "#   got:" "$1" "#   want no match for: $2"
	else
		ok 0 "$3"
	fi
}

# run CMD...: runs it, sets $out, $err (without the final newline) and $rc
run() {
	"$@" >"$TMP/.out" 2>"$TMP/.err"
	rc=$?
	out=$(cat "$TMP/.out")
	err=$(cat "$TMP/.err")
}

# runin INPUT CMD...: like run, with INPUT on stdin
runin() {
	_in=$1
	shift
	printf '%s' "$_in" | "$@" >"$TMP/.out" 2>"$TMP/.err"
	rc=$?
	out=$(cat "$TMP/.out")
	err=$(cat "$TMP/.err")
}

# sql QUERY: a direct query of the store, as an analyst would
sql() {
	sqlite3 -batch "$GRID_DB" "$@"
}

# pg_store: $GRID_DB becomes a fresh, empty database of the PostgreSQL
# cluster tests/run.sh started ($GK_PG_URI), dropped when the test ends;
# returns 1 and leaves $GRID_DB alone when there is no cluster, so that a
# test skips its PostgreSQL half:
#   if pg_store; then ...; else ok 0 "# SKIP no PostgreSQL (GK_PG_URI)"; fi
pg_store() {
	[ -n "${GK_PG_URI:-}" ] || return 1
	_db=gk_$(basename "$TMP" | tr -c 'a-zA-Z0-9\n' _ | tr 'A-Z' 'a-z')_$(($(echo "$T_PGDBS" | wc -w) + 1))
	psql -qAtX -d "$GK_PG_URI" -c "CREATE DATABASE $_db" >/dev/null ||
		{ echo "Bail out! cannot create database $_db"; exit 1; }
	T_PGDBS="$T_PGDBS $_db"
	GRID_DB=$(printf '%s' "$GK_PG_URI" |
		sed "s|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1$_db|")
	export GRID_DB
}

pg_drop() {
	for _db in $T_PGDBS; do
		psql -qAtX -d "$GK_PG_URI" \
			-c "DROP DATABASE IF EXISTS $_db WITH (FORCE)" >/dev/null 2>&1
	done
	T_PGDBS=
}

# psql_sql QUERY: a direct query of a PostgreSQL store ($GRID_DB), as an
# analyst would with psql: unaligned, '|' between columns, as sqlite3 shows
psql_sql() {
	psql -qAtX -d "$GRID_DB" -c "$@"
}

# store: a fresh store
store() {
	rm -f "$GRID_DB" "$GRID_DB-wal" "$GRID_DB-shm"
	grid-init --no-summary >/dev/null 2>&1 || { echo "Bail out! grid-init failed"; exit 1; }
}

# example_store: a fresh store loaded with examples/
example_store() {
	store
	for k in levels units grids cadres households; do
		grid-import "$k" "$EX/$k.csv" 2>/dev/null ||
			{ echo "Bail out! cannot import examples/$k.csv"; exit 1; }
	done
}

# small_store [HOUSEHOLD:CADRE ...]: a fresh store loaded with the small
# county of tests/fixtures/small, the households given paired with their
# cadres since 2013-06-01
small_store() {
	store
	for k in levels units grids cadres households; do
		grid-import --no-summary "$k" "$FIX/small/$k.csv" ||
			{ echo "Bail out! cannot import small/$k.csv"; exit 1; }
	done
	[ $# -eq 0 ] && return
	{
		echo household,cadre
		for p in "$@"; do
			echo "${p%%:*},${p#*:}"
		done
	} | GRID_NOW='2013-06-01' grid-import --no-summary pairs ||
		{ echo "Bail out! cannot pair"; exit 1; }
}

# at TIME CMD...: CMD run with GRID_NOW=TIME
at() {
	_t=$1
	shift
	GRID_NOW=$_t "$@"
}

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}
