#!/bin/sh
# grid-assign pair: every household of a freshly loaded county or city paired
# with the cadres of its grid (the target, tests/bench/README: 3.5 million
# households with 45,388 cadres in 10 s), then the same run again, which pairs
# nothing; beside it, the bare SQL that copies as many rows into pairs, as a
# yardstick of what the writes alone cost; the median of three runs each.  It is the floor: the five
# indexes of pairs are each read by a program (stats, grid-assign,
# visit-log), and loading the rows without them and building them after
# took longer at city scale (8.95 s + 7.39 s against 12.4 s,
# tests/bench/README)
. "$(dirname "$0")/lib.sh"

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	n=$(rows "$d/households.csv")
	c=$(rows "$d/cadres.csv")
	export GRID_DB=$work/a.db
	rm -f "$GRID_DB"*
	grid-init --no-summary
	for k in levels units grids cadres households; do
		grid-import --no-summary "$k" "$d/$k.csv"
	done
	cp "$GRID_DB" "$work/base.db"
	# three runs each, alternating, on fresh copies: the median of each
	# (one run of the floor alone took 9.3 to 15.5 s at city scale)
	: >"$work/ys"
	: >"$work/gs"
	: >"$work/gm"
	for i in 1 2 3; do
		cp "$work/base.db" "$work/y.db"
		measure sqlite3 "$work/y.db" "INSERT INTO pairs (household,
		    cadre, started_at) SELECT h.code, coalesce((SELECT
		    min(code) FROM cadres c WHERE c.grid = h.grid), 'C00001'), 0
		    FROM households h ORDER BY h.code"
		echo "$secs" >>"$work/ys"
		rm -f "$work/y.db"*
		rm -f "$GRID_DB"*
		cp "$work/base.db" "$GRID_DB"
		measure grid-assign pair
		echo "$secs" >>"$work/gs"
		echo "$rss" >>"$work/gm"
	done
	ysecs=$(median <"$work/ys")
	secs=$(median <"$work/gs")
	rss=$(sort -n "$work/gm" | tail -1)
	paired=$(($(wc -l <"$work/out") - 1))
	printf '%-7s %9d households %6d cadres  grid-assign pair %6.2fs %8s rows/s %5s MB, %d paired | bare INSERT ... SELECT %6.2fs | ratio %s\n' \
		"$s" "$n" "$c" "$secs" "$(rate "$n" "$secs")" "$rss" "$paired" \
		"$ysecs" "$(ratio "$secs" "$ysecs")"
	goal "grid-assign pair" "$s" s "$secs" "$ysecs" le 10 "$rss"
	measure grid-assign pair
	printf '%-7s again (nothing to pair) %6.2fs %5s MB\n' "$s" "$secs" "$rss"
done
