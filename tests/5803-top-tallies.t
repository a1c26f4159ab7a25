#!/bin/sh
# the counts of ended issues that grid-top reads (tallies, schema 6, and
# the whole store's, tally_totals, schema 8) stay equal to the issues
# themselves through every way an issue enters or
# leaves an ended state -- rejected, closed, a duplicate, reopened, moved
# by hand with SQL -- on SQLite and on PostgreSQL; and a board's closed and
# rejected counts are the issues' own
. "$(dirname "$0")/lib.sh"

q() {
	case $GRID_DB in
	postgres://* | postgresql://*) psql_sql "$1" ;;
	*) sql "$1" ;;
	esac
}

# the counts recomputed from the issues, one row per grid, dimension, key
# and state, and those kept; each side's rows missing from the other
ENDED="status IN ('closed', 'rejected')"
FRESH="SELECT grid, 0 AS dim, CAST(rung AS TEXT) AS key, status, count(*) AS n
	FROM issues WHERE $ENDED GROUP BY grid, rung, status
	UNION ALL SELECT grid, 1, coalesce(unit, ''), status, count(*)
	FROM issues WHERE $ENDED GROUP BY grid, coalesce(unit, ''), status
	UNION ALL SELECT grid, 2, category, status, count(*)
	FROM issues WHERE $ENDED GROUP BY grid, category, status"
KEPT="SELECT grid, dim, key, status, n FROM tallies WHERE n > 0"

same_counts() {
	_d=$(q "SELECT count(*) FROM (SELECT * FROM ($FRESH) f
		EXCEPT SELECT * FROM ($KEPT) k) a")
	_e=$(q "SELECT count(*) FROM (SELECT * FROM ($KEPT) k
		EXCEPT SELECT * FROM ($FRESH) f) b")
	_n=$(q "SELECT count(*) FROM issues WHERE $ENDED")
	is "$_d $_e" "0 0" "$1: the kept counts are the issues' ($_n ended)"
	# the whole store's, kept beside them (schema 8): each the sum of
	# the grids' counts
	_d=$(q "SELECT count(*) FROM (SELECT dim, key, status, sum(n) AS n
		FROM tallies GROUP BY dim, key, status HAVING sum(n) > 0
		EXCEPT SELECT dim, key, status, n FROM tally_totals
		WHERE n > 0) a")
	_e=$(q "SELECT count(*) FROM (SELECT dim, key, status, n
		FROM tally_totals WHERE n <> 0 EXCEPT SELECT dim, key, status,
		sum(n) FROM tallies GROUP BY dim, key, status) b")
	is "$_d $_e" "0 0" "$1: the whole store's counts are the grids' summed"
}

scenario() {
	small_store
	export GRID_NOW='2014-01-06 10:00'
	for i in 1 2 3 4 5 6 7 8; do
		case $i in
		[1-3]) h=H001 c=市容环境 ;;
		[4-6]) h=H003 c=道路交通 ;;
		*) h=H005 c=其他 ;;
		esac
		issue-file --no-summary --household $h --category $c \
			--text "问题$i" --at '2014-01-02 10:00' >/dev/null
	done
	issue-file --no-summary --grid 371399101 --category 社会救助 \
		--text 城关镇的问题 --at '2014-01-02 10:00' >/dev/null
	issue-route -q --to U01 --hours 5 1 2 4 >/dev/null 2>&1
	issue-route -q --to U02 --hours 5 5 6 >/dev/null 2>&1
	same_counts "filed and routed, none ended"
	is "$(q 'SELECT count(*) FROM tallies WHERE n > 0')" 0 "no counts yet"

	issue-update -q --reject --reason 不属于政府职责 3 7 >/dev/null
	same_counts "two rejected"
	issue-update -q --resolve --note 已办 1 2 4 >/dev/null
	issue-update -q --close 1 2 4 >/dev/null
	same_counts "three resolved, then closed"
	issue-update -q --duplicate-of 5 6 >/dev/null
	same_counts "a duplicate"
	issue-update -q --reopen 2 7 >/dev/null
	same_counts "a closed and a rejected one reopened"
	issue-update -q --resolve --note 又办了 2 >/dev/null
	issue-update -q --close 2 >/dev/null
	same_counts "closed again"
	# an administrator's hand in the store: a state, a unit, a grid and a
	# rung changed on ended issues, and one issue ended by SQL
	q "UPDATE issues SET unit = 'U02' WHERE id = 1" >/dev/null
	q "UPDATE issues SET rung = 2, grid = '371399102201' WHERE id = 4" >/dev/null
	q "UPDATE issues SET status = 'rejected' WHERE id = 2" >/dev/null
	q "UPDATE issues SET status = 'closed' WHERE id = 9" >/dev/null
	q "UPDATE issues SET category = '其他' WHERE id = 3" >/dev/null
	same_counts "changed by hand with SQL"

	closed=$(q "SELECT count(*) FROM issues WHERE status = 'closed'")
	rejected=$(q "SELECT count(*) FROM issues WHERE status = 'rejected'")
	for by in level grid unit category; do
		t=$(grid-top --once -o jsonl --by "$by" |
			jq -s '[.[] | select(.closed != null)] |
			"\(map(.closed) | add) \(map(.rejected) | add)"' -r)
		is "$t" "$closed $rejected" "grid-top --by $by: closed and rejected as the issues"
	done
}

scenario
if pg_store; then
	scenario
else
	for i in $(seq 1 19); do ok 0 "# SKIP no PostgreSQL (GK_PG_URI)"; done
fi
done_testing
