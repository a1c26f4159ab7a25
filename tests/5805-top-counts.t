#!/bin/sh
# grid-top's counts of the issues in hand and resolved (counted by the
# program on SQLite, by the database on PostgreSQL) are the issues' own:
# every grouping, the whole store and every grid's subtree, each state
# and the overdue, against a plain GROUP BY of the issues
. "$(dirname "$0")/lib.sh"
small_store

{
	echo household,grid,category,text,source,reporter,private,filed_at,ref
	n=1
	for g in 371399102201 371399102 371399101202 371399101 371399101201 \
	    371399101201 371399101202 371399102201; do
		for c in 市容环境 道路交通 治安; do
			echo ",$g,$c,第${n}处问题,patrol,,0,2014-01-0$((1 + n % 3)) 0$((n % 10)):00,"
			n=$((n + 1))
		done
	done
} >"$TMP/issues.csv"
GRID_NOW='2014-01-04' issue-file --no-summary "$TMP/issues.csv" >/dev/null
is "$(sql 'SELECT count(*) FROM issues')" 24 "24 issues filed"
sql 'SELECT id FROM issues ORDER BY id' | sed -n '1,16p' |
	GRID_NOW='2014-01-05' issue-route -q --to U01 --hours 5 >/dev/null 2>&1
sql 'SELECT id FROM issues ORDER BY id' | sed -n '3,8p' |
	GRID_NOW='2014-01-06' issue-update -q --resolve --note 已办 >/dev/null 2>&1
sql 'SELECT id FROM issues ORDER BY id' | sed -n '9,10p' |
	GRID_NOW='2014-01-06' issue-update -q --accept >/dev/null 2>&1
sql 'SELECT id FROM issues ORDER BY id' | sed -n '11,11p' |
	GRID_NOW='2014-01-06' issue-update -q --park --note 待查 >/dev/null 2>&1
[ "$(sql "SELECT count(DISTINCT status) FROM issues")" -ge 4 ]
ok $? "four states or more among them"

export GRID_NOW='2014-01-08 10:00'
now=$(TZ=CST-8 date -d '2014-01-08 10:00' +%s)
[ "$(sql "SELECT count(*) FROM issues WHERE status IN ('open', 'routed',
    'accepted') AND due_at < $now")" -gt 0 ]
ok $? "some overdue"
LIVE="('open', 'routed', 'accepted', 'parked', 'resolved')"
N() { echo "sum(CASE WHEN i.status = '$1' THEN 1 ELSE 0 END)"; }
COLS="$(N open), $(N routed), $(N accepted), $(N parked), $(N resolved),
	sum(CASE WHEN i.status IN ('open', 'routed', 'accepted')
	AND i.due_at < $now THEN 1 ELSE 0 END)"

# the issues of grid $1's subtree (all for none), grouped by $2
expect() {
	if [ -n "$1" ]; then
		scope="s.code = '$1'"
		child="c.parent = '$1'"
	else
		scope="s.parent IS NULL"
		child="c.parent IS NULL"
	fi
	case $2 in
	level) key="CAST(i.rung AS TEXT)" ;;
	unit) key="coalesce(i.unit, '')" ;;
	category) key="i.category" ;;
	grid) key="coalesce((SELECT c.code FROM grids c WHERE $child
		AND substr(g.path, 1, length(c.path)) = c.path), '$1')" ;;
	esac
	sql "SELECT $key, $COLS FROM issues i JOIN grids g ON g.code = i.grid
	    WHERE i.status IN $LIVE AND EXISTS (SELECT 1 FROM grids s
	    WHERE $scope AND substr(g.path, 1, length(s.path)) = s.path)
	    GROUP BY $key" | tr '|' '\t' | sort
}

# the counts panel's rows with an issue in hand or resolved: key, the five
# states, overdue
got() {
	if [ "$2" = category ]; then f=2; else f=3; fi
	grid-top --once --panel counts --by "$2" -o tsv ${1:+--grid "$1"} |
		awk -F'\t' -v f=$f 'NR > 1 && $f + $(f+1) + $(f+2) + $(f+3) + $(f+4) > 0 {
		    print $1 "\t" $f "\t" $(f+1) "\t" $(f+2) "\t" $(f+3) "\t" \
		    $(f+4) "\t" $(f+7) }' | sort
}

for g in "" 371399 371399101 371399101201 371399101202 371399102 \
    371399102201; do
	for by in level grid unit category; do
		want=$(expect "$g" $by)
		[ -n "$want" ]
		ok $? "${g:-all} by $by: issues to count"
		is "$(got "$g" $by)" "$want" "${g:-all} by $by: the counts"
	done
done

done_testing
