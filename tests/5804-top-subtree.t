#!/bin/sh
# grid-top --once --grid: a subtree's overdue issues and latest events are
# the whole store's, those of the subtree alone, whichever way they are
# read (a big subtree's among the newest events, a small one's through its
# issues, the first way falling back on the second when the newest events
# hold too few): every grid, limits from 1 up, the cut said the same
. "$(dirname "$0")/lib.sh"
small_store

# 南村 and 新城镇 busy early and quiet since; 东关村 busy late, most of it
# routed and some resolved, so that the newest events are all its own
{
	echo household,grid,category,text,source,reporter,private,filed_at,ref
	n=1
	while [ $n -le 10 ]; do
		echo ",371399102201,市容环境,南村第${n}处垃圾,patrol,,0,2014-01-01 0$((n % 10)):00,"
		n=$((n + 1))
	done
	echo ",371399102,道路交通,新城镇集市车辆乱停,patrol,,0,2014-01-01 11:00,"
	echo ",371399101202,治安,西关村有人聚众赌博,patrol,,0,2014-01-02 09:00,"
	echo ",371399101,道路交通,城关镇集市车辆乱停乱放,patrol,,0,2013-12-01 10:00,"
	n=1
	while [ $n -le 60 ]; do
		echo ",371399101201,市容环境,东关村第${n}处垃圾,patrol,,0,2014-01-03 $((10 + n % 10)):$((10 + n % 50)),"
		n=$((n + 1))
	done
} >"$TMP/issues.csv"
GRID_NOW='2014-01-04' issue-file --no-summary "$TMP/issues.csv" >/dev/null
is "$(sql 'SELECT count(*) FROM issues')" 73 "73 issues filed"
sql "SELECT id FROM issues WHERE grid = '371399101201' ORDER BY id" |
	sed -n '1,40p' | GRID_NOW='2014-01-05' issue-route -q --to U01 --hours 5 \
	>/dev/null 2>&1
sql "SELECT id FROM issues WHERE grid = '371399101201' ORDER BY id" |
	sed -n '1,15p' | GRID_NOW='2014-01-06' issue-update -q --resolve --note 已办 \
	>/dev/null 2>&1
[ "$(sql 'SELECT count(*) FROM events')" -gt 120 ]
ok $? "more than 120 events"

export GRID_NOW='2014-01-08 10:00'
T='	'
grid-top --once --panel overdue -o tsv --limit 100000 >"$TMP/overdue" 2>/dev/null
grid-top --once --panel latest -o tsv --limit 100000 >"$TMP/latest" 2>/dev/null
[ "$(wc -l <"$TMP/overdue")" -gt 20 ]
ok $? "the whole store: more than 20 overdue"

# the rows of a whole-store panel ($1) in the subtree of grid $2, up to $3,
# and the line that says the list is cut
expect() {
	sql "SELECT g.code FROM grids g, grids p WHERE p.code = '$2'
	    AND substr(g.path, 1, length(p.path)) = p.path" >"$TMP/codes"
	awk -F"$T" -v lim="$3" 'NR == FNR { in_sub[$1] = 1; next }
	    FNR == 1 { print; next }
	    in_sub[$6] { if (++n <= lim) print; else cut = 1 }
	    END { if (cut) print "cut" }' "$TMP/codes" "$TMP/$1"
}

for g in 371399 371399101 371399101201 371399101202 371399102 371399102201; do
	for lim in 1 2 3 7 12 50 1000; do
		for p in overdue latest; do
			run grid-top --once --grid "$g" --panel $p -o tsv --limit $lim
			got=$out
			[ -n "$err" ] && got="$out
cut"
			is "$got" "$(expect $p "$g" $lim)" "--grid $g --panel $p --limit $lim"
		done
	done
done

done_testing
