#!/bin/sh
# grid-export households -o jsonl against sqlite3 -json on the same store
# (the target, tests/bench/README: >= 500k rows/s, within 1.5x of
# sqlite3 -json, streaming)
. "$(dirname "$0")/lib.sh"

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	export GRID_DB=$work/g.db
	rm -f "$GRID_DB"*
	grid-init --no-summary
	for k in levels units grids cadres households; do
		grid-import --no-summary "$k" "$d/$k.csv"
	done
	n=$(sqlite3 "$GRID_DB" 'SELECT count(*) FROM households')
	measure sqlite3 -json "$GRID_DB" 'SELECT code, head, grid, id_number, phone, address, members, tags FROM households ORDER BY id'
	ysecs=$secs
	measure grid-export households -o jsonl --reveal
	printf '%-7s %9d rows  grid-export -o jsonl %6.2fs %8s rows/s %5s MB | sqlite3 -json %6.2fs | ratio %s\n' \
		"$s" "$n" "$secs" "$(rate "$n" "$secs")" "$rss" "$ysecs" "$(ratio "$secs" "$ysecs")"
	goal "grid-export -o jsonl" "$s" /s "$(rate "$n" "$secs")" \
		"$(rate "$n" "$ysecs")" ge 500000 "$rss"
	goal "  beside sqlite3 -json" "$s" s "$secs" "$ysecs" le 1.5x "$rss"
	measure grid-export households -o jsonl
	printf '%-7s masked  grid-export -o jsonl %6.2fs %8s rows/s\n' "$s" "$secs" "$(rate "$n" "$secs")"
	measure grid-export households -o csv --reveal
	printf '%-7s         grid-export -o csv   %6.2fs %8s rows/s\n' "$s" "$secs" "$(rate "$n" "$secs")"
done
