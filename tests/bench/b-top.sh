#!/bin/sh
# grid-top: the cost of one frame (what each refresh reads, in one read
# transaction) on a store of a year's issues, for the whole store and for
# one township, against the bare SQL of its biggest query, the counts by
# rung and status, in the sqlite3 shell
. "$(dirname "$0")/lib.sh"

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	export GRID_DB=$work/g.db
	rm -f "$GRID_DB"*
	grid-init --no-summary
	for k in levels units grids cadres households rules calendar; do
		[ -f "$d/$k.csv" ] && grid-import --no-summary "$k" "$d/$k.csv"
	done
	GRID_NOW='2014-01-01' issue-file --no-summary "$d/issues.csv" >"$work/ids"
	GRID_NOW='2014-01-01' issue-route -q <"$work/ids" >/dev/null 2>&1 || true
	export GRID_NOW='2014-01-06 10:00'
	n=$(sqlite3 "$GRID_DB" 'SELECT count(*) FROM issues')
	town=$(sqlite3 "$GRID_DB" 'SELECT code FROM grids WHERE depth = 2 ORDER BY code LIMIT 1')
	measure sqlite3 "$GRID_DB" "SELECT rung, status, count(*), sum(CASE WHEN status IN ('open', 'routed', 'accepted') AND due_at < 1388973600 THEN 1 ELSE 0 END) FROM issues GROUP BY rung, status"
	ysecs=$secs
	measure grid-top --once
	printf '%-7s %8d issues  a frame, all grids     %6.3fs %5s MB | sqlite3 counts %6.3fs | ratio %s\n' \
		"$s" "$n" "$secs" "$rss" "$ysecs" "$(ratio "$secs" "$ysecs")"
	goal "grid-top, a frame" "$s" s "$secs" "$ysecs" le 0.25 "$rss"
	measure grid-top --once --by grid
	printf '%-7s                  by grid                 %6.3fs\n' "$s" "$secs"
	measure grid-top --once --grid "$town"
	printf '%-7s                  one township            %6.3fs\n' "$s" "$secs"
done
