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

# sql QUERY: a direct query of the store, as an analyst would: sqlite3 on
# a file, psql on a PostgreSQL store (unaligned, '|' between columns, as
# sqlite3 shows), with the test-only functions of sqlite_shim (pg_shim) on
# the search path of this one query, never of the programs under test.  On
# PostgreSQL a query that fails is remembered, and fails the test at
# done_testing: a check of SQLite's dialect must not pass by comparing
# nothing with nothing
sql() {
	if is_pg; then
		psql -qAtX -v ON_ERROR_STOP=1 -d "$GRID_DB" \
			-c "SET search_path TO public, sqlite_shim" -c "$1" ||
			{ _rc=$?; printf '%s\n' "$1" >>"$TMP/.sqlerr"; return $_rc; }
	else
		sqlite3 -batch "$GRID_DB" "$@"
	fi
}

# store_hash: a digest of the store's content, to tell that nothing was
# written: sqlite3's .sha3sum, or on PostgreSQL a digest of the data of a
# pg_dump of the store's schema (without the random key of its \restrict)
store_hash() {
	if is_pg; then
		pg_dump --data-only --schema=public -d "$GRID_DB" 2>/dev/null |
			grep -Ev '^\\(un)?restrict ' | sha1sum
	else
		sql '.sha3sum'
	fi
}

# store_bytes: the bytes of the store on disk, to tell that a writer is
# writing: the file and its -wal, or on PostgreSQL the database's size
# (the pages of a transaction not yet committed count too)
store_bytes() {
	if is_pg; then
		psql -qAtX -d "$GRID_DB" -c 'SELECT pg_database_size(current_database())'
	else
		echo $(($(stat -c %s "$GRID_DB" 2>/dev/null || echo 0) + \
			$(stat -c %s "$GRID_DB-wal" 2>/dev/null || echo 0)))
	fi
}

# store_save FILE: a copy of the store kept as FILE; store_restore FILE:
# the store as it was kept.  On PostgreSQL the copy is a database made
# from the store as a template, and the store becomes a fresh database
# made from the copy
store_save() {
	if is_pg; then
		_saved=$(pg_new_db)
		psql -qAtX -d "$GK_PG_URI" -c "CREATE DATABASE $_saved TEMPLATE $(pg_dbname)" >/dev/null ||
			{ echo "Bail out! cannot save $GRID_DB"; exit 1; }
		T_PGDBS="$T_PGDBS $_saved"
		echo "$_saved" >"$1"
	else
		cp "$GRID_DB" "$1"
	fi
}
store_restore() {
	if is_pg; then
		_db=$(pg_new_db)
		psql -qAtX -d "$GK_PG_URI" -c "CREATE DATABASE $_db TEMPLATE $(cat "$1")" >/dev/null ||
			{ echo "Bail out! cannot restore $1"; exit 1; }
		T_PGDBS="$T_PGDBS $_db"
		pg_use "$_db"
	else
		cp "$1" "$GRID_DB"
		rm -f "$GRID_DB-wal" "$GRID_DB-shm"
	fi
}

# is_pg: the store of this test ($GRID_DB) is a PostgreSQL database
is_pg() {
	case $GRID_DB in postgres://* | postgresql://*) return 0 ;; esac
	return 1
}

# pg_skip REASON: with GK_TEST_STORE=pg, passes one check as skipped (the
# plan stays the same on both stores) and returns 0; else returns 1, so
#   pg_skip "an SQLite file's mode" || { ...the check... }
pg_skip() {
	[ "${GK_TEST_STORE:-}" = pg ] || return 1
	ok 0 "# SKIP on PostgreSQL: $1"
}

# pg_store: $GRID_DB becomes a fresh, empty database of the PostgreSQL
# cluster tests/run.sh started ($GK_PG_URI), dropped when the test ends;
# returns 1 and leaves $GRID_DB alone when there is no cluster, so that a
# test skips its PostgreSQL half:
#   if pg_store; then ...; else ok 0 "# SKIP no PostgreSQL (GK_PG_URI)"; fi
pg_store() {
	[ -n "${GK_PG_URI:-}" ] || return 1
	_db=$(pg_new_db)
	psql -qAtX -d "$GK_PG_URI" -c "CREATE DATABASE $_db" >/dev/null ||
		{ echo "Bail out! cannot create database $_db"; exit 1; }
	T_PGDBS="$T_PGDBS $_db"
	pg_use "$_db"
	pg_shim
}

# pg_store_or_skip: pg_store, or the test skipped whole when there is no
# cluster (GK_PG_URI), for a test about PostgreSQL alone
pg_store_or_skip() {
	pg_store && return 0
	ok 0 "# SKIP no PostgreSQL cluster (GK_PG_URI)"
	done_testing
	exit 0
}

# pg_new_db: the name of the test's next database, numbered in a file so
# that a subshell's are new too
pg_new_db() {
	_n=$(($(cat "$TMP/.pgdbs" 2>/dev/null || echo 0) + 1))
	echo "$_n" >"$TMP/.pgdbs"
	echo "gk_$(basename "$TMP" | tr -c 'a-zA-Z0-9\n' _ | tr 'A-Z' 'a-z')_$_n"
}

# pg_use DB: $GRID_DB becomes the cluster's database DB
pg_use() {
	GRID_DB=$(printf '%s' "$GK_PG_URI" |
		sed "s|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1$1|")
	export GRID_DB
}

# pg_dbname: the name of the database $GRID_DB names
pg_dbname() {
	printf '%s' "$GRID_DB" | sed 's|^postgres[a-z]*://[^/?]*/\([^?]*\).*|\1|'
}

# pg_shim: the few SQLite functions the tests' own queries use, for
# sql() on PostgreSQL, in a schema of their own (sqlite_shim) that only
# sql() puts on its search path: the programs under test never see them,
# and grid-init looks at its own schema only
pg_shim() {
	psql -qAtX -v ON_ERROR_STOP=1 -d "$GRID_DB" >/dev/null <<'EOF' ||
CREATE SCHEMA sqlite_shim;
-- datetime(epoch, 'unixepoch' [, '+N hours' | '-N hours'])
CREATE FUNCTION sqlite_shim.datetime(t bigint, unit text, shift text DEFAULT '0 hours')
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT to_char(to_timestamp(t) AT TIME ZONE 'UTC' + shift::interval,
	    'YYYY-MM-DD HH24:MI:SS') $$;
CREATE FUNCTION sqlite_shim.datetime(t double precision, unit text, shift text DEFAULT '0 hours')
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT sqlite_shim.datetime(t::bigint, unit, shift) $$;
-- strftime('%s', 'YYYY-MM-DD[ HH:MM[:SS]]' [, '+N hours'])
CREATE FUNCTION sqlite_shim.strftime(fmt text, t text, shift text DEFAULT '0 hours')
RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT extract(epoch FROM (t::timestamp + shift::interval)
	    AT TIME ZONE 'UTC')::bigint $$;
-- group_concat(x [, sep])
CREATE FUNCTION sqlite_shim.gc_step(acc text, x anyelement, sep text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x IS NULL THEN acc WHEN acc IS NULL THEN x::text
	    ELSE acc || sep || x::text END $$;
CREATE FUNCTION sqlite_shim.gc_step(acc text, x anyelement)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT sqlite_shim.gc_step(acc, x, ',') $$;
CREATE AGGREGATE sqlite_shim.group_concat(anyelement, text)
	(sfunc = sqlite_shim.gc_step, stype = text);
CREATE AGGREGATE sqlite_shim.group_concat(anyelement)
	(sfunc = sqlite_shim.gc_step, stype = text);
-- printf('%.Nf', x): a real as SQLite shows it, N decimals
CREATE FUNCTION sqlite_shim.printf(fmt text, x double precision)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF fmt !~ '^%\.[0-9]f$' THEN
		RAISE EXCEPTION USING MESSAGE = 'sqlite_shim.printf: only %.Nf, not ' || fmt;
	END IF;
	RETURN round(coalesce(x, 0)::numeric, substr(fmt, 3, 1)::int)::text;
END $$;
-- json_extract(json, '$.key')
CREATE FUNCTION sqlite_shim.json_extract(j text, path text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT j::jsonb ->> substr(path, 3) $$;
EOF
		{ echo "Bail out! cannot make sqlite_shim in $GRID_DB"; exit 1; }
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

# pg_count_inserts TABLE: from now on the server counts the statements
# that insert into TABLE (a statement trigger of the test's own, in the
# store of $GRID_DB); pg_counted prints the count
pg_count_inserts() {
	psql_sql "CREATE TABLE t_stmts (n bigint NOT NULL);
	    INSERT INTO t_stmts VALUES (0);
	    CREATE FUNCTION t_count() RETURNS trigger LANGUAGE plpgsql AS
	      \$\$ BEGIN UPDATE t_stmts SET n = n + 1; RETURN NULL; END \$\$;
	    CREATE TRIGGER t_count AFTER INSERT ON $1
	      FOR EACH STATEMENT EXECUTE FUNCTION t_count();" >/dev/null
}
pg_counted() {
	psql_sql "SELECT n FROM t_stmts"
}

# same_as_lite NAME WHAT: $TMP/NAME.lite and $TMP/NAME.pg, the outputs of
# one step on an SQLite store and on a PostgreSQL one, are the same byte
# for byte (else their first differences are shown)
same_as_lite() {
	cmp -s "$TMP/$1.lite" "$TMP/$1.pg"
	_rc=$?
	[ $_rc -eq 0 ] || diff "$TMP/$1.lite" "$TMP/$1.pg" | head -6 | sed 's/^/# /'
	ok $_rc "$2"
}

# store: a fresh store (with GK_TEST_STORE=pg, a fresh database)
store() {
	if is_pg; then
		pg_store || { echo "Bail out! no GK_PG_URI"; exit 1; }
	fi
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

# small_base: the store $GRID_DB (made already) loaded with the small
# county of tests/fixtures/small but its households
small_base() {
	for k in levels units grids cadres; do
		grid-import --no-summary "$k" "$FIX/small/$k.csv" ||
			{ echo "Bail out! cannot import small/$k.csv"; exit 1; }
	done
}

# small_store [HOUSEHOLD:CADRE ...]: a fresh store loaded with the small
# county of tests/fixtures/small, the households given paired with their
# cadres since 2013-06-01
small_store() {
	store
	small_base
	grid-import --no-summary households "$FIX/small/households.csv" ||
		{ echo "Bail out! cannot import small/households.csv"; exit 1; }
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

# GK_TEST_STORE=pg: every test on a fresh PostgreSQL database, as $GRID_DB
if [ "${GK_TEST_STORE:-}" = pg ]; then
	pg_store || { echo "Bail out! GK_TEST_STORE=pg and no GK_PG_URI"; exit 1; }
fi

done_testing() {
	if [ -s "$TMP/.sqlerr" ]; then
		ok 1 "every query of the test ran"
		sed 's/^/#   /' "$TMP/.sqlerr"
	fi
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}
