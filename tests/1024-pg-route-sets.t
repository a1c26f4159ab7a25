#!/bin/sh
# On PostgreSQL, issue-route --all writes each chunk's events by one
# statement that gives their ids itself (the largest plus the place in
# the chunk), under the lock the ids' trigger takes, so the trigger is
# not called for each event: at county scale it was half the events'
# INSERT.  What it writes stays what SQLite's store gets: the same rows
# printed, the same issues and the same events, id for id, over three
# chunks of 1,024 and a second run that routes nothing.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
export GRID_NOW='2013-09-30 15:00'
PG=$GRID_DB
LITE=$TMP/lite.db
N=2500
V=37139900101001

{
	printf 'grid,category,text\n'
	i=1
	while [ $i -le $N ]; do
		case $((i % 5)) in
		0) printf '%s,市容环境,井盖丢了%d\n' $V $i ;;
		1) printf '%s,其他,门口有人占道经营%d\n' $V $i ;;
		2) printf '%s,饮水安全,水管冻裂了%d\n' $V $i ;;
		3) printf '%s,其他,说不清的事%d\n' $V $i ;;
		*) printf '%s,道路交通,路面坑洼%d\n' $V $i ;;
		esac
		i=$((i + 1))
	done
} >"$TMP/issues.csv"

for db in "$PG" "$LITE"; do
	export GRID_DB=$db
	grid-init --no-summary
	for k in levels units grids cadres households rules calendar; do
		grid-import --no-summary "$k" "$EX/$k.csv" ||
			{ echo "Bail out! cannot import examples/$k.csv"; exit 1; }
	done
	issue-file --no-summary "$TMP/issues.csv" >/dev/null
done

# the server counts the calls of the store's functions from here on
GRID_DB=$PG
calls() {
	psql_sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions
	    WHERE funcname = 'gridkit_rowid'"
}
before=$(calls)

route() {
	GRID_DB=$1 PGOPTIONS='-c track_functions=pl' issue-route --all \
		>"$TMP/out$3.$2" 2>"$TMP/err$3.$2"
	echo $? >>"$TMP/out$3.$2"
}
route "$LITE" lite 1
route "$PG" pg 1
route "$LITE" lite 2
route "$PG" pg 2

like "$(cat "$TMP/err1.pg")" "issue-route: 2000 routed, 500 need adjudication" \
	"the first run routes the 2,000 the rules match"
same_as_lite out1 "its rows and exit code as on SQLite"
same_as_lite err1 "and its messages"
like "$(cat "$TMP/err2.pg")" "0 routed, 500 need adjudication" \
	"the second run routes nothing"
same_as_lite out2 "its rows and exit code as on SQLite"
is "$(calls)" "$before" "the ids' trigger is not called for the events routing writes"

q() {
	psql_sql "$1" >"$TMP/$2.pg"
	sqlite3 -separator '|' "$LITE" "$1" >"$TMP/$2.lite"
}
q "SELECT id, status, coalesce(unit, ''), coalesce(assist, ''),
    coalesce(cooperate, ''), CAST(round(coalesce(hours, 0) * 100) AS integer),
    coalesce(routed_at, 0), coalesce(due_at, 0), updated_at
    FROM issues ORDER BY id" issues
same_as_lite issues "the same issues, routed alike"
q "SELECT id, kind, coalesce(issue, 0), coalesce(status, ''), rung,
    coalesce(unit, ''), coalesce(due_at, 0), coalesce(detail, ''), prog
    FROM events ORDER BY id" events
same_as_lite events "the same events, id for id"
is "$(psql_sql "SELECT count(*) FROM events WHERE kind = 'routed'")" 2000 \
	"an event for each issue routed"

done_testing
