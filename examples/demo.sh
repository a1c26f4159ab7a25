#!/bin/sh
# demo.sh - what `make demo` shows: the example county loaded into a store,
# a month of its problems filed, routed, handled and escalated night by
# night, and the monthly report.  The store is demo.db at the top of the
# tree (DEMO_DB to put it elsewhere); run it again to start afresh.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/examples
PATH=$top/bin:$PATH
GRID_DB=${DEMO_DB:-$top/demo.db}
# China Standard Time, without needing tzdata
TZ=${TZ:-CST-8}
export PATH GRID_DB TZ
say() { printf '\n== %s\n' "$*"; }

rm -f "$GRID_DB" "$GRID_DB-wal" "$GRID_DB-shm" "$GRID_DB-journal"
say "the store: $GRID_DB"
grid-init
for k in levels units grids cadres households rules calendar; do
	grid-import "$k" "$ex/$k.csv"
done

say "every household paired with a cadre of its village (about 30 each)"
GRID_NOW="2013-06-30 09:00" grid-assign pair >/dev/null

say "July 2013, day by day: file the day's problems, route them, handle some, escalate at night"
for d in $(seq 1 31); do
	day=$(printf '2013-07-%02d' "$d")
	export GRID_NOW="$day 18:00"
	awk -F, -v day="$day" 'NR == 1 || index($8, day) == 1' "$ex/issues.csv" |
		issue-file --no-summary | issue-route -q >/dev/null 2>&1 || :
	# the units answer a third of what they hold; the cadres settle some
	issue-list --status routed -q | awk 'NR % 3 == 0' |
		issue-update --accept --resolve --note "已办结，已电话回复" -q >/dev/null || :
	issue-list --status open --level 0 -q | awk 'NR % 2 == 0' |
		issue-update --resolve --note "联系干部当场解决" -q >/dev/null || :
	# the residents answer on the cadres' next visit: most are satisfied
	# and the issue is closed, some are not and it goes back to its unit
	GRID_NOW="$day 20:00" issue-list --status resolved -q | awk 'NR % 5 != 0' |
		GRID_NOW="$day 20:00" issue-update --close --feedback satisfied --rate-unit 5 -q >/dev/null || :
	GRID_NOW="$day 20:00" issue-list --status resolved -q | awk 'NR % 2 == 0' |
		GRID_NOW="$day 20:00" issue-update --feedback unsatisfied -q >/dev/null || :
	GRID_NOW="$day 23:00" escalate --no-summary >/dev/null
done

say "the cadres' July visits, from their spreadsheet: one household in three"
grid-export pairs -o tsv | awk -F'\t' 'NR == 1 { print "cadre,household,at"; next }
	NR % 3 == 0 { printf "%s,%s,2013-07-%02d 10:00\n", $2, $1, 1 + NR % 28 }' |
	GRID_NOW="2013-08-01 09:00" grid-import visits
unset GRID_NOW

say "the monthly report"
stats --month 2013-07 -o table
say "where problems were solved"
stats --month 2013-07 --by level -o table
say "the departments"
stats --month 2013-07 --by unit -o table
say "the echo wall of one village (names masked, private matters left out)"
v=$(issue-list --since 2013-07-01 --until 2013-07-31 -o tsv |
	awk -F'\t' 'NR == 2 { print $5 }')
echo-wall "$v" --month 2013-07 -o table | head -12
say "the store stays: try  GRID_DB=$GRID_DB issue-list --overdue  or  grid-top"
