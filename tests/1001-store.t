#!/bin/sh
# the store: created only by grid-init, found by --db, GRID_DB or ./grid.db,
# foreign or newer files refused with exit 3, every change in the event log
. "$(dirname "$0")/lib.sh"

# a store on PostgreSQL is a database that is there, empty until grid-init
run grid-export units
is "$rc" 3 "a missing store exits 3"
if is_pg; then
	name="'postgresql://.*'"
	like "$err" "^grid-export: store $name is empty: run grid-init" \
		"and says how to make one"
	is "$(sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" 0 \
		"and creates no table"
else
	name="'.*grid.db'"
	like "$err" "^grid-export: no store $name: create it with grid-init" \
		"and says how to make one"
	test ! -e "$GRID_DB"
	ok $? "and creates no file"
fi

run grid-init
is "$rc" 0 "grid-init creates the store"
like "$err" "created store $name \\(schema [0-9]+\\)" "and says so"
pg_skip "SQLite's journal mode of the file" ||
	is "$(sql 'PRAGMA journal_mode')" "wal" "the store is in WAL mode"
run grid-init
is "$rc" 0 "grid-init on a current store"
like "$err" "is up to date" "changes nothing"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'init'")" 1 \
	"one init event"
is "$(sql "SELECT login FROM events WHERE kind = 'init'")" "$(id -un)" \
	"the event names the OS login"
is "$(sql "SELECT prog FROM events WHERE kind = 'init'")" "grid-init" \
	"and the program"

# where the store is: --db, then GRID_DB, then ./grid.db
grid-init --no-summary --db "$TMP/other.db"
printf 'code,name\nU1,一\n' >u.csv
grid-import --no-summary --db "$TMP/other.db" units u.csv
is "$(grid-export units -q --db "$TMP/other.db")" "U1" "--db names the store"
is "$(grid-export units -q)" "" "GRID_DB is not touched by --db"
mkdir cwd && (cd cwd && unset GRID_DB && grid-init --no-summary && test -f grid.db)
ok $? "without --db or GRID_DB the store is ./grid.db"

# files that are not (current) gridkit stores
sqlite3 "$TMP/foreign.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
run grid-init --db "$TMP/foreign.db"
is "$rc" 3 "grid-init refuses a foreign SQLite file"
like "$err" "not a gridkit store; not touching it" "and says so"
is "$(sqlite3 "$TMP/foreign.db" 'SELECT count(*) FROM sqlite_master')" 1 \
	"and leaves it alone"
run grid-export units --db "$TMP/foreign.db"
is "$rc" 3 "other programs refuse it too"
printf 'this is not a database, just text\n%.0s' $(seq 1 100) >"$TMP/text.db"
run grid-export units --db "$TMP/text.db"
is "$rc" 3 "a file that is not SQLite exits 3"
like "$err" "not a gridkit store" "and says so"
# a newer schema: on PostgreSQL the version gridkit_meta records, set
# for a moment on the store itself
if is_pg; then
	ver=$(sql "SELECT value FROM gridkit_meta WHERE key = 'user_version'")
	sql "UPDATE gridkit_meta SET value = '999' WHERE key = 'user_version'"
	newer=$GRID_DB
else
	cp "$GRID_DB" "$TMP/newer.db"
	sqlite3 "$TMP/newer.db" "PRAGMA user_version = 999"
	newer=$TMP/newer.db
fi
run grid-export units --db "$newer"
is "$rc" 3 "a newer schema exits 3"
like "$err" "schema 999, newer than this gridkit's" "and says so"
run grid-init --db "$newer"
is "$rc" 3 "grid-init does not downgrade"
is_pg && sql "UPDATE gridkit_meta SET value = '$ver' WHERE key = 'user_version'"
run grid-export units --db "$TMP"
is "$rc" 3 "a directory is not a store"

# a store being written waits, then gives up with exit 3; on PostgreSQL
# psql holds the units in SHARE mode (readers in, writers waiting), as
# 4009 does, and says when it holds them
if is_pg; then
	printf '%s\n' 'BEGIN;' 'LOCK TABLE units IN SHARE MODE;' "\\! touch $TMP/locked" \
		'SELECT pg_sleep(2);' 'ROLLBACK;' | psql -qAtX -d "$GRID_DB" >/dev/null &
else
(
	# hold the write lock for two seconds from another connection, and
	# say when it is held
	python3 - "$GRID_DB" "$TMP/locked" <<'EOP'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(2)
c.execute("ROLLBACK")
EOP
) &
fi
i=0
while [ ! -e "$TMP/locked" ] && [ $i -lt 400 ]; do
	sleep 0.05
	i=$((i + 1))
done
run env GRID_BUSY_TIMEOUT=300 grid-import units u.csv
is "$rc" 3 "a store locked past the timeout exits 3"
like "$err" "locked by another program" "and says so"
run grid-import units u.csv
is "$rc" 0 "with the default timeout it waits and goes on"
wait
is "$(grid-export units -q)" "U1" "the waiting import landed"

done_testing
