#!/bin/sh
# echo-wall, one village at a time (as its man page runs it, once a
# village): five villages of the scale's store of issues (lib.sh's
# stats_store), the median, against the floor, the sqlite3 shell reading
# the same village's rows for the month (the target, tests/bench/README:
# <= 50 ms a village).  Every head's name of the store stays masked: the
# wall looks up only the heads its texts may name (households_head).
. "$(dirname "$0")/lib.sh"

for s in $BENCH_SCALES; do
	stats_month "$s"
	lo=$(TZ=CST-8 sqlite3 :memory: "SELECT strftime('%s', '$m-01') - 8 * 3600")
	hi=$(TZ=CST-8 sqlite3 :memory: "SELECT strftime('%s', '$m-01', '+1 month') - 8 * 3600")
	# five villages, spread over the tree, each with issues
	villages=$(sqlite3 "$db" "SELECT code FROM (SELECT g.code,
		row_number() OVER (ORDER BY g.code) AS k FROM grids g
		WHERE NOT EXISTS (SELECT 1 FROM grids c WHERE c.parent = g.code)
		AND EXISTS (SELECT 1 FROM issues i WHERE i.grid = g.code))
		WHERE k % 97 = 1 LIMIT 5")
	: >"$work/g" >"$work/y"
	rows=0
	for v in $villages; do
		measure echo-wall --month "$m" -o tsv "$v"
		echo "$secs" >>"$work/g"
		grss=$rss
		rows=$((rows + $(rows "$work/out")))
		measure sqlite3 "$db" "SELECT i.id, h.head, i.category, i.text,
			i.filed_at, i.status, i.answer, i.resolved_at FROM issues i
			LEFT JOIN households h ON h.code = i.household
			WHERE i.grid = '$v' AND i.private = 0 AND i.filed_at < $hi
			AND (i.status IN ('open', 'routed', 'accepted', 'parked')
			OR coalesce(i.resolved_at, i.rejected_at, i.closed_at) >= $lo)"
		echo "$secs" >>"$work/y"
	done
	g=$(median <"$work/g")
	y=$(median <"$work/y")
	printf '%-7s echo-wall one village (median of 5, %d rows in all) %6.3fs %4s MB | sqlite3 the rows alone %6.3fs | ratio %s\n' \
		"$s" "$rows" "$g" "$grss" "$y" "$(ratio "$g" "$y")"
	goal "echo-wall, one village" "$s" s "$g" "$y" le 0.05 "$grss"
done
