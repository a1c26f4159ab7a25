#!/bin/sh
# stats --month on a store of issues with their whole history (county: the
# 35,489 issues of Yishui's four months; city: 4,000,000 over three years),
# against the bare SQL aggregate of one month in the sqlite3 shell
# (the target, tests/bench/README: 0.3 s for a month on 4 million issues;
# the bare aggregate takes 0.2 s).  The store is built once by SQL
# (stats-fixture.sql, lib.sh's stats_store) and kept in
# $BENCH_DATA/SCALE/stats.db.
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
		measure stats --month "$m" -o tsv
		hsecs=$secs
		measure stats --month "$m" --by level -o tsv
		lsecs=$secs
		measure stats --month "$m" --by unit -o tsv
		usecs=$secs
		printf '%-7s %8d issues %9d events  %s  stats --month %5.2fs  --by level %5.2fs  --by unit %5.2fs | sqlite3 aggregate %5.2fs | ratio %s | of it the visited households %5.2fs\n' \
			"$s" "$issues" "$events" "$m" "$hsecs" "$lsecs" "$usecs" "$ysecs" "$(ratio "$hsecs" "$ysecs")" "$vsecs"
	done
done
