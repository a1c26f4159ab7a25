#!/bin/sh
# On PostgreSQL a table that grows from almost nothing within one run is
# not read whole again for every row.  The server plans a statement it is
# sent again and again (a new issue's id, the reference from its event to
# it) once a session, and keeps that plan until the table's statistics
# change; a plan made when the table was empty reads the whole table, so
# filing N issues into a store whose statistics say "no issues" (ANALYZE
# right after the households import, or an admin's vacuumdb --analyze)
# read N * N / 2 rows: a county's 35,000 issues took six minutes instead
# of ten seconds.  Here: the rows read by whole-table scans of issues and
# events while 3,000 issues are filed stay far below that square, and
# the issues are numbered 1 to 3,000 as ever.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
export GRID_NOW='2013-07-01 09:00'
N=3000

grid-init --no-summary
small_base
grid-import --no-summary households "$FIX/small/households.csv"
psql_sql "ANALYZE" >/dev/null
is "$(psql_sql "SELECT reltuples FROM pg_class WHERE relname = 'issues'")" 0 \
	"the statistics say the store has no issues"

# the server's counters of a table; a session's are in once it has ended
seq_read() {
	psql_sql "SELECT coalesce(sum(seq_tup_read), 0), coalesce(sum(n_tup_ins), 0)
	    FROM pg_stat_user_tables WHERE relname IN ('issues', 'events')"
}
# settle COUNTER N: wait (10 s at most) until the readings of COUNTER
# ("read|inserted") show N rows inserted since $before; the last in $after
settle() {
	t=0
	while :; do
		after=$($1)
		[ $((${after#*|} - ${before#*|})) -ge $2 ] && break
		t=$((t + 1))
		[ $t -lt 100 ] || break
		sleep 0.1
	done
}
before=$(seq_read)
{
	printf 'household,category,text\n'
	i=0
	while [ $i -lt $N ]; do
		printf 'H00%d,供水,停水三天了\n' $((i % 5 + 1))
		i=$((i + 1))
	done
} | issue-file --no-summary >"$TMP/ids"
is "$(wc -l <"$TMP/ids" | tr -d ' ')" $N "$N issues filed"
is "$(sed -n '1p;$p' "$TMP/ids" | tr '\n' ' ')" "1 $N " "numbered 1 to $N"
# wait for the counters of issue-file's session (at least one insert
# into each table per issue)
settle seq_read $((2 * N))
ok "$([ $((${after#*|} - ${before#*|})) -ge $((2 * N)) ] && echo 0 || echo 1)" \
	"the server counted issue-file's rows (so the count below is real)"
read_rows=$((${after%|*} - ${before%|*}))
echo "# rows read by whole-table scans of issues and events: $read_rows"
ok "$([ $read_rows -lt $((N * N / 20)) ] && echo 0 || echo 1)" \
	"far fewer rows read whole than N * N / 2 (read $read_rows)"

# The same for pairs: the first pairing of N households into a store whose
# statistics say "no pairs".  grid-assign wrote them by one INSERT ...
# SELECT from a temporary table, one statement, which the server could not
# plan anew as pairs grew: the next id was read by a full scan of the
# primary key's index, N * N / 2 entries (a county's 337,000 households
# did not pair in 300 s; 11 s now).
{
	printf 'code,head,grid\n'
	i=0
	while [ $i -lt $N ]; do
		printf 'P%05d,户主,371399101201\n' $i
		i=$((i + 1))
	done
} | grid-import --no-summary households
psql_sql "ANALYZE" >/dev/null
is "$(psql_sql "SELECT reltuples FROM pg_class WHERE relname = 'pairs'")" 0 \
	"the statistics say the store has no pairs"
idx_read() {
	psql_sql "SELECT coalesce(sum(s.idx_tup_read), 0) || '|' ||
	    (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'pairs')
	    FROM pg_stat_user_indexes s WHERE s.relname = 'pairs'"
}
before=$(idx_read)
# the households read through a cursor, a batch at a time, not fetched
# whole into grid-assign's memory (a city's 3.5 million: 292 MB); the
# server logs its statements for this run (tests/pg.sh keeps the log
# beside the socket)
log=$(printf '%s\n' "$GK_PG_URI" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')/server.log
logged=$(wc -l <"$log" 2>/dev/null || echo 0)
calls() {
	psql_sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions
	    WHERE funcname = 'gridkit_rowid'"
}
calls0=$(calls)
PGOPTIONS='-c log_statement=all -c track_functions=pl' run grid-assign -q pair
is "$rc" 0 "grid-assign pair: exit 0"
if [ -r "$log" ]; then
	tail -n +$((logged + 1)) "$log" | grep -c 'DECLARE [a-z0-9]* NO SCROLL CURSOR FOR SELECT h.code, h.grid FROM households' >"$TMP/declared"
	is "$(cat "$TMP/declared")" 1 "the households read through a cursor"
else
	ok 0 "# SKIP the server's log is not at $log"
fi
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" $((N + 5)) "$N and the small county's 5 paired"
settle idx_read $N
ok "$([ $((${after#*|} - ${before#*|})) -ge $N ] && echo 0 || echo 1)" \
	"the server counted grid-assign's pairs (so the count below is real)"
read_rows=$((${after%|*} - ${before%|*}))
echo "# index entries of pairs read: $read_rows"
ok "$([ $read_rows -lt $((N * N / 20)) ] && echo 0 || echo 1)" \
	"far fewer index entries read than N * N / 2 (read $read_rows)"
is "$(psql_sql "SELECT min(id) || ' ' || max(id) FROM pairs")" "1 $((N + 5))" \
	"the pairs numbered 1 to $((N + 5))"
# their ids given by the statements that write them, not by the ids'
# trigger, a plpgsql call a pair (a quarter of a county's pairing)
is "$(calls)" "$((calls0 + 1))" \
	"the ids' trigger called once, for the pairing's event, not for each pair"

done_testing
