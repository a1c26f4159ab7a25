#!/bin/sh
# stats --month on a store of issues with their whole history (county: the
# 35,489 issues of Yishui's four months; city: 4,000,000 over three years),
# against its floor, the families of its figures each by its bare query in
# the sqlite3 shell (the target, tests/bench/README: 0.3 s for a month on
# 4 million issues), and one bare aggregate of the month's issues.  The
# store is built once by SQL (stats-fixture.sql, lib.sh's stats_store) and
# kept in $BENCH_DATA/SCALE/stats.db.
. "$(dirname "$0")/lib.sh"

# the months: the last full month of the fixture (a report run when the
# month is over) and one a year and a half earlier (a report run again
# long after, with all that changed since)
for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	case $s in
	city) recent=2015-11 old=2014-06 ;;
	*) recent=2013-05 old=2013-03 ;;
	esac
	stats_store "$s"
	db=$GRID_DB
	issues=$(sqlite3 "$db" 'SELECT count(*) FROM issues')
	events=$(sqlite3 "$db" 'SELECT count(*) FROM events')
	for m in $recent $old; do
		lo=$(TZ=CST-8 sqlite3 :memory: "SELECT strftime('%s', '$m-01') - 8 * 3600")
		hi=$(TZ=CST-8 sqlite3 :memory: "SELECT strftime('%s', '$m-01', '+1 month') - 8 * 3600")
		# the yardstick: one month's issues grouped, over the index on filed_at
		measure sqlite3 "$db" "SELECT status, rung, count(*),
			sum(resolved_at <= due_at) FROM issues
			WHERE filed_at >= $lo AND filed_at < $hi GROUP BY 1, 2"
		ysecs=$secs
		# what visit coverage alone costs: the households visited in
		# the month, counted once each
		measure sqlite3 "$db" "SELECT count(*) FROM (SELECT household
			FROM visits WHERE at >= $lo AND at < $hi GROUP BY household)"
		vsecs=$secs
		# the floor of the report: each family of its figures by its
		# bare query, in one sqlite3 run -- the month's filings, its
		# resolutions with each issue's filing time (for the hours),
		# its acts by kind, the issues open now and filed before its
		# end (over the index of the live issues, named by its own
		# condition; the planner takes the table's filed_at otherwise,
		# 1.6 s at city scale), its feedback, the households visited
		# in it
		measure sqlite3 "$db" "
			SELECT count(*), sum(status IN ('resolved', 'closed')
			AND resolved_at < $hi) FROM issues
			WHERE filed_at >= $lo AND filed_at < $hi;
			SELECT count(*), sum(r.at - i.filed_at),
			sum(r.due_at IS NULL OR r.at <= r.due_at)
			FROM events r JOIN issues i ON i.id = r.issue
			WHERE r.kind = 'resolved' AND r.at >= $lo AND r.at < $hi;
			SELECT kind, count(*) FROM events WHERE kind IN ('routed',
			'closed', 'rejected', 'reopened', 'escalated', 'referred')
			AND at >= $lo AND at < $hi GROUP BY kind;
			SELECT count(*) FROM issues WHERE status IN ('open',
			'routed', 'accepted', 'parked', 'resolved')
			AND status IN ('open', 'routed', 'accepted')
			AND filed_at < $hi;
			SELECT kind, value, count(*) FROM evaluations
			WHERE at >= $lo AND at < $hi GROUP BY 1, 2;
			SELECT count(DISTINCT household) FROM visits
			WHERE at >= $lo AND at < $hi"
		fsecs=$secs
		fvisited=$(tail -1 "$work/out")
		measure stats --month "$m" -o jsonl
		hsecs=$secs hrss=$rss
		# the same count of households visited, or the floor is not one
		visited=$(sed 's/.*"visited":\([0-9]*\).*/\1/' "$work/out")
		[ "$visited" = "$fvisited" ] ||
			echo "bench: stats says $visited households visited, the floor $fvisited" >&2
		measure stats --month "$m" --by level -o tsv
		lsecs=$secs
		measure stats --month "$m" --by unit -o tsv
		usecs=$secs
		printf '%-7s %8d issues %9d events  %s  stats --month %5.2fs %3d MB  --by level %5.2fs  --by unit %5.2fs | floor, the figures by bare SQL %5.2fs (of it the visited households %5.2fs)  ratio %s | one aggregate %5.2fs\n' \
			"$s" "$issues" "$events" "$m" "$hsecs" "$hrss" "$lsecs" "$usecs" "$fsecs" "$vsecs" "$(ratio "$hsecs" "$fsecs")" "$ysecs"
		goal "stats --month $m" "$s" s "$hsecs" "$fsecs" le 0.3 "$hrss"
	done
done
