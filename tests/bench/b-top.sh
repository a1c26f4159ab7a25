#!/bin/sh
# grid-top: the cost of one frame (what each refresh reads, in one read
# transaction) on the scale's store of issues with their whole history
# (lib.sh's stats_store: about 10 % of the issues in hand at any month's
# end, as the targets ask; city 4,000,000 issues, 800,000 of them live),
# for the whole store, by grid and for one township.  A board runs for
# hours: one frame first to bring the store into the page cache, then the
# median of three.  The floor: the entries a frame counts, read in the
# sqlite3 shell without grouping them -- the live issues' index and the
# kept counts of the ended issues by rung (tally_totals); beside it, the
# same counts by plain SQL over the whole table (what a store without
# those would do)
. "$(dirname "$0")/lib.sh"

# med3 CMD...: the median wall time of three runs into $secs, the peak
# memory of the last into $rss
med3() {
	: >"$work/m"
	for _i in 1 2 3; do
		measure "$@"
		echo "$secs" >>"$work/m"
	done
	secs=$(median <"$work/m")
}

for s in $BENCH_SCALES; do
	stats_month "$s"
	now=$(TZ=CST-8 sqlite3 :memory: "SELECT strftime('%s', '$m-28 10:00') - 8 * 3600")
	n=$(sqlite3 "$db" 'SELECT count(*) FROM issues')
	live=$(sqlite3 "$db" "SELECT count(*) FROM issues
		WHERE status <> 'closed' AND status <> 'rejected'")
	town=$(sqlite3 "$db" 'SELECT code FROM grids WHERE depth = 2 ORDER BY code LIMIT 1')
	grid-top --once >/dev/null 2>&1
	med3 sqlite3 "$db" "SELECT count(*), max(rung), max(due_at) FROM issues
		WHERE status <> 'closed' AND status <> 'rejected';
		SELECT key, status, n FROM tally_totals WHERE dim = 0"
	ysecs=$secs
	measure sqlite3 "$db" "SELECT rung, status, count(*), sum(CASE WHEN
		(status = 'open' OR status = 'routed' OR status = 'accepted')
		AND due_at < $now THEN 1 ELSE 0 END) FROM issues GROUP BY rung, status"
	wsecs=$secs
	med3 grid-top --once
	printf '%-7s %8d issues %7d live  a frame, all grids  %6.3fs %5s MB | floor, its entries read %6.3fs | ratio %s | the counts by plain SQL %6.3fs\n' \
		"$s" "$n" "$live" "$secs" "$rss" "$ysecs" "$(ratio "$secs" "$ysecs")" "$wsecs"
	goal "grid-top, a frame" "$s" s "$secs" "$ysecs" le 0.25 "$rss"
	med3 grid-top --once --by grid
	printf '%-7s                                by grid             %6.3fs %5s MB\n' "$s" "$secs" "$rss"
	med3 grid-top --once --grid "$town"
	printf '%-7s                                one township        %6.3fs %5s MB\n' "$s" "$secs" "$rss"
done
