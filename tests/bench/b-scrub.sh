#!/bin/sh
# what the scrubber of free text costs (scrub.h): grid-export issues with
# the text, answers and reasons scrubbed (the default) against --reveal
# (as typed), on the generated issues as they are and on the same issues
# each carrying a phone number to mask ("联系电话138 0013 8000"), so every
# row is masked; and issue-list, which scrubs its text column.  First the
# scrubber alone (tests/bench/scrub.c), on the generated texts and on the
# corpus of tests/fixtures/scrub-corpus.tsv, texts a second
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
cc -O2 -std=c11 -D_DEFAULT_SOURCE -I"$root/lib/core" -o "$work/scrub" \
	"$(dirname "$0")/scrub.c" "$root/obj/libgridkit.a"
awk -F '\t' '$1 == "leak" || $1 == "keep" { print $3 }' \
	"$root/tests/fixtures/scrub-corpus.tsv" >"$work/corpus.txt"
awk -F '\t' '$1 == "leak" { print $3 }' \
	"$root/tests/fixtures/scrub-corpus.tsv" >"$work/leaks.txt"
printf 'scrub alone: corpus (numbers, lookalikes) %9s texts/s, its numbers only %9s texts/s\n' \
	"$("$work/scrub" "$work/corpus.txt" 2000)" "$("$work/scrub" "$work/leaks.txt" 2000)"

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	export GRID_DB=$work/g.db GRID_NOW=2014-01-01
	rm -f "$GRID_DB"*
	grid-init --no-summary
	for k in levels units grids cadres households; do
		grid-import --no-summary "$k" "$d/$k.csv"
	done
	issue-file --no-summary "$d/issues.csv" >/dev/null
	for v in plain phones; do
		[ $v = phones ] && sqlite3 "$GRID_DB" \
			"UPDATE issues SET text = text || '联系电话138 0013 8000'"
		n=$(sqlite3 "$GRID_DB" 'SELECT count(*) FROM issues')
		if [ $v = plain ]; then
			sqlite3 "$GRID_DB" 'SELECT text FROM issues' >"$work/texts.txt"
			printf '%-7s scrub alone: the generated texts %9s texts/s\n' \
				"$s" "$("$work/scrub" "$work/texts.txt" 20)"
		fi
		measure grid-export issues -o tsv --reveal
		ysecs=$secs
		measure grid-export issues -o tsv
		printf '%-7s %-6s %7d issues  grid-export issues scrubbed %6.2fs %9s rows/s | --reveal %6.2fs %9s rows/s | ratio %s\n' \
			"$s" "$v" "$n" "$secs" "$(rate "$n" "$secs")" "$ysecs" "$(rate "$n" "$ysecs")" "$(ratio "$secs" "$ysecs")"
		measure issue-list -o tsv --reveal
		ysecs=$secs
		measure issue-list -o tsv
		printf '%-7s %-6s %7d issues  issue-list scrubbed         %6.2fs %9s rows/s | --reveal %6.2fs %9s rows/s | ratio %s\n' \
			"$s" "$v" "$n" "$secs" "$(rate "$n" "$secs")" "$ysecs" "$(rate "$n" "$ysecs")" "$(ratio "$secs" "$ysecs")"
	done
done
