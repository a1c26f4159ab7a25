#!/bin/sh
# output is trusted by the next program: a writer prints a row only once
# the change behind it is committed, so `prog | head` and kill -9 never hand
# on an id whose change was rolled back (issue-route, issue-update,
# issue-file, escalate; spool.h)
. "$(dirname "$0")/lib.sh"
small_store
printf 'order,category,unit,hours\n1,治安,U01,24\n' | grid-import --no-summary rules

# N open issues, written by the sqlite3 shell as the bench does
issues() {
	now=$(date -d '2013-08-01 02:00' +%s)
	sql "WITH RECURSIVE k(i) AS (SELECT $1 UNION ALL SELECT i + 1 FROM k WHERE i < $2)
	INSERT INTO issues (id, grid, category, text, status, rung, rung_grid, hours,
	  filed_at, due_at, updated_at)
	SELECT i, '371399101201', '治安', 'issue ' || i, 'open', 3, '371399101201',
	  120, $now - 10 * 86400, $now - 3600, $now - 10 * 86400 FROM k"
}
export GRID_NOW='2013-08-01 09:00'
issues 1 5000

# | head: the reader goes away after three lines, the run still commits
issue-route --all 2>/dev/null | head -3 >head.out
is "$(sed 1d head.out | wc -l)" 2 "issue-route | head -3: two ids (and the header)"
is "$(sql "SELECT count(*) FROM issues WHERE status = 'routed'")" 5000 \
	"and every issue of the run is routed, not 0"
is "$(sql "SELECT count(*) FROM issues WHERE status = 'routed' AND id IN ($(sed 1d head.out | cut -f1 | paste -sd,))")" 2 \
	"the ids printed among them"
seq 1 5000 | issue-update --accept 2>/dev/null | head -3 >head.out
is "$(sql "SELECT count(*) FROM issues WHERE status = 'accepted'")" 5000 \
	"issue-update | head -3: every issue accepted"

# kill -9 of a big run as soon as ids reach the pipe: every id that did is
# in the store (a line cut by the kill is not an id)
ids() {
	if [ -n "$(tail -c1 "$1")" ]; then sed '$d' "$1"; else cat "$1"; fi |
		cut -f1 | awk '/^[0-9]+$/'
}
# in FILE WHERE: how many of the ids in FILE the store has WHERE
in_store() {
	ids "$1" >"$1.ids"
	if is_pg; then
		printf '%s\n' "CREATE TEMP TABLE t (id BIGINT);" "\\copy t FROM '$1.ids'" \
			"SELECT count(*) FROM issues WHERE id IN (SELECT id FROM t) AND $2;" |
			psql -qAtX -v ON_ERROR_STOP=1 -d "$GRID_DB"
		return
	fi
	printf '%s\n' "CREATE TEMP TABLE t (id INTEGER);" ".import $1.ids t" \
		"SELECT count(*) FROM issues WHERE id IN (SELECT id FROM t) AND $2;" |
		sqlite3 -batch "$GRID_DB"
}
killed() {
	# $1: the output file; the program runs as $pid
	i=0
	while [ ! -s "$1" ] && kill -0 $pid 2>/dev/null && [ $i -lt 3000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
}
issues 5001 30000
issue-route --all -q >route.out 2>/dev/null &
pid=$!
killed route.out
n=$(ids route.out | wc -l)
ok $((n == 0)) "issue-route killed: ids reached the pipe ($n)"
is "$(in_store route.out "status = 'routed'")" "$n" \
	"every id printed is routed"

seq 5001 10000 | issue-update --accept >update.out 2>/dev/null &
pid=$!
killed update.out
n=$(ids update.out | wc -l)
ok $((n == 0)) "issue-update killed: ids reached the pipe"
is "$(in_store update.out "status = 'accepted'")" "$n" \
	"every id printed is accepted"

awk 'BEGIN { print "grid,category,text"
	for (i = 1; i <= 12000; i++) print "371399101201,治安,夜里有人撬门 " i }' >file.csv
issue-file -q file.csv >file.out 2>/dev/null &
pid=$!
killed file.out
n=$(ids file.out | wc -l)
ok $((n == 0)) "issue-file killed: ids reached the pipe"
is "$(in_store file.out "text LIKE '夜里有人撬门 %'")" "$n" \
	"every id printed is filed"

# escalate commits a chunk at a time: each chunk's ids go out after it
sql "UPDATE issues SET status = 'open', due_at = due_at - 86400 * 30"
GRID_NOW='2013-08-01 02:00' escalate -q --no-summary >esc.out 2>/dev/null &
pid=$!
killed esc.out
n=$(ids esc.out | wc -l)
ok $((n == 0)) "escalate killed: ids reached the pipe"
is "$(in_store esc.out "escalations = 1")" "$n" \
	"every id printed is escalated"
pg_skip "SQLite's PRAGMA integrity_check of the file" ||
	is "$(sql 'PRAGMA integrity_check')" ok "the store is intact"

done_testing
