#!/bin/sh
# The two stores side by side: the same programs on the same data, on an
# SQLite file and on a PostgreSQL database, each beside its database's own
# floor -- the sqlite3 shell's .import and psql's \copy into a bare table,
# sqlite3 -json and psql's COPY of the rows as JSON.  Workloads: import the
# households, file the issues from one CSV, route every open one, escalate
# the overdue, a month's report, export the households as JSON lines;
# then the households piped into fresh stores.
# The server is $BENCH_PG_URI when set (a database this script may create
# databases beside), else a throwaway cluster of tests/pg.sh (fsync off,
# as SQLite's WAL with synchronous NORMAL does not sync each commit).
# PostgreSQL's big import goes in by COPY (sql_load); the households are
# imported twice, the second time unchanged (tests/bench/README).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${BENCH_PG_URI:-}" ]; then
	uri=$BENCH_PG_URI
else
	command -v psql >/dev/null 2>&1 || { echo "b-pg: no psql; skipped"; exit 0; }
	pgdir=$(mktemp -d /tmp/gridkit-bench-pg.XXXXXX)
	rmdir "$pgdir"
	trap '"$here/../pg.sh" stop "$pgdir" 2>/dev/null; rm -rf "$work"' EXIT
	uri=$("$here/../pg.sh" start "$pgdir") || { echo "b-pg: no cluster"; exit 1; }
fi
# the URI of database $1 on the same server
dburi() {
	printf '%s' "$uri" | sed "s|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1$1|"
}
newdb() {
	psql -qAtX -d "$uri" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
	psql -qAtX -d "$uri" -c "CREATE DATABASE $1" >/dev/null
	dburi "$1"
}

line() {
	printf '%-7s %-28s sqlite %7.2fs %4s MB | postgresql %7.2fs %4s MB | pg/sqlite %s\n' \
		"$s" "$1" "$2" "$3" "$4" "$5" "$(ratio "$4" "$2")"
}

# stores: a fresh SQLite store ($lite) and PostgreSQL database ($pg), each
# with the levels, units, grids and cadres of scale $s
stores() {
	rm -f "$lite"*
	pg=$(newdb "gk_bench_$s")
	for db in "$lite" "$pg"; do
		GRID_DB=$db grid-init --no-summary
		for k in levels units grids cadres; do
			GRID_DB=$db grid-import --no-summary "$k" "$d/$k.csv"
		done
	done
}

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	nh=$(rows "$d/households.csv")
	ni=$(rows "$d/issues.csv")
	lite=$work/s.db
	export GRID_NOW='2014-01-02 09:00'
	stores

	# the floors of the import
	rm -f "$work/y.db"*
	measure sqlite3 "$work/y.db" -cmd 'PRAGMA journal_mode=WAL' -cmd '.mode csv' \
		".import $d/households.csv households"
	ylite=$secs
	ydb=$(newdb "gk_bench_${s}_bare")
	psql -qAtX -d "$ydb" -c "CREATE TABLE households (code text, head text,
	    grid text, id_number text, phone text, address text, members text,
	    tags text)"
	cols=$(head -1 "$d/households.csv")
	measure psql -qAtX -d "$ydb" -c "\\copy households ($cols) FROM '$d/households.csv' CSV HEADER"
	ypg=$secs

	GRID_DB=$lite measure grid-import --no-summary households "$d/households.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-import --no-summary households "$d/households.csv"
	line "grid-import households" "$ls" "$lr" "$secs" "$rss"
	goal "grid-import households, pg" "$s" s "$secs" "$ypg" le 1.2x "$rss"
	pfirst=$secs
	printf '%-7s %-28s %d rows; floors: sqlite3 .import %.2fs, psql \\copy %.2fs\n' \
		"$s" "" "$nh" "$ylite" "$ypg"
	GRID_DB=$lite measure grid-import --no-summary households "$d/households.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-import --no-summary households "$d/households.csv"
	line "  again, unchanged" "$ls" "$lr" "$secs" "$rss"
	goal "  re-import, unchanged, pg" "$s" s "$secs" "$pfirst" le 1x "$rss"
	for db in "$lite" "$pg"; do
		GRID_DB=$db grid-import --no-summary rules "$d/rules.csv"
	done

	GRID_DB=$lite measure issue-file --no-summary "$d/issues.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure issue-file --no-summary "$d/issues.csv"
	line "issue-file ($ni)" "$ls" "$lr" "$secs" "$rss"
	goal "issue-file, pg" "$s" /s "$(rate "$(wc -l <"$work/out")" "$secs")" \
		- ge 100000 "$rss"

	# exit 1: some issues need adjudication (no rule matches them)
	GRID_DB=$lite measure sh -c 'issue-route --all -q; [ $? -le 1 ]'
	ls=$secs lr=$rss n=$(wc -l <"$work/out")
	GRID_DB=$pg measure sh -c 'issue-route --all -q; [ $? -le 1 ]'
	line "issue-route --all ($n)" "$ls" "$lr" "$secs" "$rss"
	goal "issue-route, pg" "$s" /s "$(rate "$(wc -l <"$work/out")" "$secs")" \
		- ge 200000 "$rss"

	# three days on, the routed issues' first deadlines have passed
	GRID_NOW='2014-01-05 02:00' GRID_DB=$lite measure escalate -q
	ls=$secs lr=$rss n=$(wc -l <"$work/out")
	GRID_NOW='2014-01-05 02:00' GRID_DB=$pg measure escalate -q
	line "escalate ($n)" "$ls" "$lr" "$secs" "$rss"

	GRID_DB=$lite measure stats --month 2014-01
	ls=$secs lr=$rss
	cp "$work/out" "$work/stats.lite"
	GRID_DB=$pg measure stats --month 2014-01
	line "stats --month" "$ls" "$lr" "$secs" "$rss"
	cmp -s "$work/out" "$work/stats.lite" || echo "b-pg: $s: the two stores' reports differ" >&2

	GRID_DB=$lite measure grid-export -o jsonl households
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-export -o jsonl households
	line "grid-export -o jsonl ($nh)" "$ls" "$lr" "$secs" "$rss"
	psecs=$secs prss=$rss
	measure sqlite3 -json "$lite" 'SELECT * FROM households'
	ylite=$secs
	measure psql -qAtX -d "$pg" -c "\\copy (SELECT row_to_json(h) FROM households h) TO STDOUT"
	printf '%-7s %-28s floors: sqlite3 -json %.2fs, psql \\copy json %.2fs\n' \
		"$s" "" "$ylite" "$secs"
	goal "grid-export -o jsonl, pg" "$s" /s "$(rate "$nh" "$psecs")" \
		"$(rate "$nh" "$secs")" ge 500000 "$prss"
	goal "  beside psql \\copy json" "$s" s "$psecs" "$secs" le 1.5x "$prss"

	# the households piped in (a clerk's iconv ... | grid-import) into
	# fresh stores: as fast as the file named at the top
	stores
	pipe='cat "$1" | grid-import --no-summary households'
	GRID_DB=$lite measure sh -c "$pipe" sh "$d/households.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure sh -c "$pipe" sh "$d/households.csv"
	line "  piped in" "$ls" "$lr" "$secs" "$rss"
	psql -qAtX -d "$uri" -c "DROP DATABASE gk_bench_${s}_bare WITH (FORCE)" >/dev/null
	psql -qAtX -d "$uri" -c "DROP DATABASE gk_bench_$s WITH (FORCE)" >/dev/null
done
