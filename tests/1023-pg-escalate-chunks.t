#!/bin/sh
# On PostgreSQL, escalate takes a chunk of overdue issues a few statements
# at a time, not four statements an issue (a city's 245,895 overdue took
# 120 s).  What it does stays what escalating them one by one does: the
# same input on an SQLite store gives the same rows printed, the same
# summary, the same issues, cases and events, over two nights -- issues
# moved up, issues at the root flagged, flagged ones left, an issue of a
# household's cadre, one in a unit's hands.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
export GRID_NOW='2013-06-01 09:00'
PG=$GRID_DB
LITE=$TMP/lite.db
N=700

{
	printf 'household,grid,category,text,filed_at\n'
	i=1
	while [ $i -le $N ]; do
		case $((i % 7)) in
		0) printf ',371399,供水,县里的事%d,2013-05-0%d 08:00\n' $i $((i % 9 + 1)) ;;
		1) printf ',371399101,路灯,镇里的事%d,2013-05-1%d 08:00\n' $i $((i % 9)) ;;
		*) printf 'H00%d,,供水,第%d户停水,2013-05-2%d 08:00\n' \
			$((i % 5 + 1)) $i $((i % 9)) ;;
		esac
		i=$((i + 1))
	done
} >"$TMP/issues.csv"

for db in "$PG" "$LITE"; do
	export GRID_DB=$db
	grid-init --no-summary
	small_base
	grid-import --no-summary households "$FIX/small/households.csv"
	printf 'household,cadre\nH001,C003\nH003,C004\n' |
		GRID_NOW='2013-05-01' grid-import --no-summary pairs
	issue-file --no-summary "$TMP/issues.csv" >/dev/null
	# one in a unit's hands, due like the rest
	issue-route --no-summary --to U02 3 >/dev/null
done
GRID_DB=$PG
pg_count_inserts accountability

night() {
	GRID_DB=$1 GRID_NOW=$3 escalate >"$TMP/out$4.$2" 2>"$TMP/err$4.$2"
	echo $? >>"$TMP/out$4.$2"
}
night "$LITE" lite '2013-07-01 02:00' 1
night "$PG" pg '2013-07-01 02:00' 1
night "$LITE" lite '2013-09-01 02:00' 2
night "$PG" pg '2013-09-01 02:00' 2

like "$(cat "$TMP/err1.pg")" "[1-9][0-9]* escalated, [1-9][0-9]* flagged at the root" \
	"the first night: issues escalated and flagged"
like "$(cat "$TMP/err2.pg")" "[1-9][0-9]* overdue at the root from before" \
	"the second night: the flagged left as they are"
same_as_lite out1 "the first night's rows and exit code as on SQLite"
same_as_lite err1 "and its summary"
same_as_lite out2 "the second night's rows and exit code as on SQLite"
same_as_lite err2 "and its summary"

q() {
	psql_sql "$1" >"$TMP/$2.pg"
	sqlite3 -separator '|' "$LITE" "$1" >"$TMP/$2.lite"
}
q "SELECT id, rung, coalesce(rung_grid, ''), coalesce(due_at, 0),
    CAST(round(coalesce(hours, 0) * 100) AS integer), at_root, escalations,
    updated_at FROM issues ORDER BY id" issues
same_as_lite issues "the same issues, rung for rung"
q "SELECT id, issue, status, opened_at, rung, coalesce(grid, ''),
    coalesce(holder_cadre, ''), coalesce(holder_unit, ''), due_at,
    CAST(round(hours_over * 100) AS integer) FROM accountability ORDER BY id" cases
same_as_lite cases "the same cases, in the same order"
q "SELECT id, kind, coalesce(issue, 0), coalesce(status, ''), coalesce(rung, -1),
    coalesce(unit, ''), coalesce(due_at, 0), coalesce(detail, '')
    FROM events WHERE kind IN ('escalated', 'flagged') ORDER BY id" events
same_as_lite events "the same events, in the same order"

cases=$(wc -l <"$TMP/cases.pg" | tr -d ' ')
stmts=$(pg_counted)
echo "# statements opening cases for $cases cases: $stmts"
ok "$([ "$cases" -gt 300 ] && [ "$stmts" -le 4 ] && echo 0 || echo 1)" \
	"a statement a night's chunk, not one a case ($stmts for $cases)"

done_testing
