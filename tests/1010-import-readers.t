#!/bin/sh
# a big import never locks readers out: the store stays in WAL mode, and
# issue-list, stats and an analyst's sqlite3 (psql on PostgreSQL) succeed
# all through it
. "$(dirname "$0")/lib.sh"
small_store
n=25000
awk -v n=$n 'BEGIN {
	print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 1; i <= n; i++)
		printf "K%07d,户主%d,371399101201,,139%08d,东关村%d号,%d,\n", i, i, i, i, i % 7 + 1
}' >big.csv
# a reader waits 2 s at most for a lock (sqlite3: not at all; psql 2 s)
reader() {
	case $1 in
	analyst)
		if is_pg; then
			PGOPTIONS='-c lock_timeout=2000' psql -qAtX -v ON_ERROR_STOP=1 \
				-d "$GRID_DB" -c 'SELECT count(*) FROM units'
		else
			sqlite3 -batch "$GRID_DB" 'SELECT count(*) FROM units'
		fi
		;;
	*) GRID_BUSY_TIMEOUT=2000 "$1" -o tsv ;;
	esac
}
# twice: into an empty table (indexes built after the load), and again
# over the rows it loaded
for pass in first second; do
	[ $pass = second ] && sed -i 's/户主/新户主/' big.csv
	grid-import --no-summary households big.csv 2>import.err &
	pid=$!
	reads=0 failed=0 during=0
	while kill -0 $pid 2>/dev/null; do
		for r in issue-list stats analyst; do
			if ! reader $r >/dev/null 2>>reads.err; then
				failed=$((failed + 1))
			fi
			reads=$((reads + 1))
		done
		kill -0 $pid 2>/dev/null && during=$((during + 1))
		# (the journal mode is the SQLite file's)
		is_pg || [ "$(sql 'PRAGMA journal_mode' 2>/dev/null)" = wal ] ||
			failed=$((failed + 1))
	done
	wait $pid
	is "$?" 0 "the $pass import succeeds"
	ok $((during == 0)) "the $pass import: readers ran while it wrote ($reads reads)"
	is "$failed" 0 "the $pass import: every read succeeded$(is_pg || echo ', the store in WAL mode')"
done
unlike "$(cat reads.err)" "locked" "no reader found the store locked"
is "$(sql "SELECT count(*) FROM households WHERE head LIKE '新户主%'")" $n "every row landed"
pg_skip "SQLite's journal mode of the file" ||
	is "$(sql 'PRAGMA journal_mode')" wal "the store is in WAL mode"

done_testing
