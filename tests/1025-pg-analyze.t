#!/bin/sh
# On PostgreSQL, a writer that changed 10,000 rows or more has the server
# sample again the tables whose rows it added or removed, so the program
# run next is planned on their new size (autovacuum comes later).  A
# table it only updated keeps its count of rows, and the server's
# autovacuum samples it in its own time: routing a county's issues spent
# a seventh of its time sampling all of them again.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
export GRID_NOW='2013-09-30 15:00'
N=10050
V=37139900101001
grid-init --no-summary
for k in levels units grids cadres households rules calendar; do
	grid-import --no-summary "$k" "$EX/$k.csv" ||
		{ echo "Bail out! cannot import examples/$k.csv"; exit 1; }
done
{
	printf 'grid,category,text\n'
	i=1
	while [ $i -le $N ]; do
		printf '%s,市容环境,井盖丢了%d\n' $V $i
		i=$((i + 1))
	done
} >"$TMP/issues.csv"

# the manual ANALYZEs of a table so far (autovacuum's are counted apart;
# the server counts one as it ends, not when the session does)
analyzed() {
	psql_sql "SELECT analyze_count FROM pg_stat_user_tables
	    WHERE relname = '$1' AND schemaname = current_schema()"
}

i0=$(analyzed issues) e0=$(analyzed events)
issue-file --no-summary "$TMP/issues.csv" >/dev/null
is "$(analyzed issues)" $((i0 + 1)) "filing 10,050 issues samples issues again"
is "$(analyzed events)" $((e0 + 1)) "and events, which it grew as much"

echo 1 | issue-route -q >/dev/null 2>&1
is "$(analyzed issues) $(analyzed events)" "$((i0 + 1)) $((e0 + 1))" \
	"routing one issue samples nothing"

issue-route --all -q >/dev/null 2>&1
is "$(psql_sql "SELECT count(*) FROM issues WHERE status = 'routed'")" $N \
	"routing the rest"
is "$(analyzed events)" $((e0 + 2)) "samples events, which it grew by 10,049"
is "$(analyzed issues)" $((i0 + 1)) "not issues, whose rows it only updated"

done_testing
