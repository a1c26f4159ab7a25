#!/bin/sh
# grid-import households against the sqlite3 shell's .import of the same
# file into a bare table (the target, tests/bench/README: within 1.2x,
# validating and indexing, memory flat in the file size)
. "$(dirname "$0")/lib.sh"

# store: a fresh store $GRID_DB with the levels, units, grids and cadres
# of scale $s
store() {
	rm -f "$GRID_DB"*
	grid-init --no-summary
	for k in levels units grids cadres; do
		grid-import --no-summary "$k" "$d/$k.csv"
	done
}

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	n=$(rows "$d/households.csv")
	rm -f "$work/y.db"*
	measure sqlite3 "$work/y.db" -cmd '.mode csv' ".import $d/households.csv households"
	ysecs=$secs
	yrss=$rss
	rm -f "$work/y.db"*
	measure sqlite3 "$work/y.db" -cmd 'PRAGMA journal_mode=WAL' -cmd '.mode csv' ".import $d/households.csv households"
	wsecs=$secs
	export GRID_DB=$work/g.db
	store
	measure grid-import --no-summary households "$d/households.csv"
	printf '%-7s %9d rows  grid-import %6.2fs %8s rows/s %5s MB | sqlite3 .import %6.2fs %5s MB (WAL %6.2fs) | ratio %s (WAL %s)\n' \
		"$s" "$n" "$secs" "$(rate "$n" "$secs")" "$rss" "$ysecs" "$yrss" "$wsecs" \
		"$(ratio "$secs" "$ysecs")" "$(ratio "$secs" "$wsecs")"
	goal "grid-import households" "$s" s "$secs" "$ysecs" le 1.2x "$rss"
	first=$secs
	measure grid-import --no-summary households "$d/households.csv"
	printf '%-7s re-import (all unchanged) %6.2fs %8s rows/s %5s MB\n' "$s" "$secs" "$(rate "$n" "$secs")" "$rss"
	# its floor: the first import
	goal "  re-import, unchanged" "$s" s "$secs" "$first" le 1x "$rss"
	# the same file piped in, as a clerk's iconv ... | grid-import does:
	# as fast as the file named (it is copied to $TMPDIR and sized)
	store
	measure sh -c 'cat "$1" | grid-import --no-summary households' sh "$d/households.csv"
	printf '%-7s piped in (cat | grid-import) %6.2fs %8s rows/s %5s MB\n' "$s" "$secs" "$(rate "$n" "$secs")" "$rss"
done
