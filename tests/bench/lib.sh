# lib.sh - helpers for the benchmarks (tests/bench/b-*.sh); source it.
# measure LABEL CMD...: runs CMD, prints nothing, sets $secs (wall time) and
# $rss (peak resident memory in MB) from GNU time or /proc.
set -eu
work=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# wall seconds and peak RSS of a command, whose output goes to $work/out
measure() {
	/usr/bin/env time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
		echo "bench: failed: $*" >&2
		tail -5 "$work/err" >&2
		return 1
	}
	secs=$(cut -d' ' -f1 "$work/time")
	rss=$(awk '{ printf "%.0f", $2 / 1024 }' "$work/time")
}

# goal WORKLOAD SCALE UNIT VALUE FLOOR CMP TARGET MB: one row of the table
# of targets that run.sh prints at the end (tests/bench/README, "The
# targets"): gridkit's VALUE beside its FLOOR ("-" for none) in UNIT (s:
# seconds, /s: a rate, x: a ratio), the TARGET it must be le (at most) or
# ge (at least), and its peak memory in MB.  Nothing when a b-*.sh runs
# alone, without run.sh
goal() {
	[ -n "${BENCH_GOALS:-}" ] || return 0
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_GOALS"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

rate() {
	awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'
}

rows() {
	_n=$(wc -l <"$1")
	# an empty output has no header either
	echo $((_n > 0 ? _n - 1 : 0))
}

# lean DB KEEP...: the floor's schema for a yardstick (tests/bench/README:
# a yardstick is the least the job needs, not gridkit's schema replayed):
# every index of issues, events and accountability dropped from DB but
# those named
lean() {
	_db=$1
	shift
	_keep=$(for _k in "$@"; do printf "'%s', " "$_k"; done)
	sqlite3 "$_db" "SELECT 'DROP INDEX \"' || name || '\";' FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('issues', 'events', 'accountability')
		AND name NOT IN (${_keep}'')" | sqlite3 "$_db" >/dev/null
}

# median: the middle one of the numbers on the standard input, one a line
median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# stats_month SCALE: the scale's store of issues with their history
# (stats_store), $m the last full month of its fixture (city 2015-11,
# county 2013-05), GRID_NOW late in that month, $db the store
stats_month() {
	case $1 in
	city) m=2015-11 ;;
	*) m=2013-05 ;;
	esac
	stats_store "$1"
	db=$GRID_DB
	export GRID_NOW="$m-28 10:00"
}

# stats_store SCALE: the store of the scale's issues with their whole
# history (stats-fixture.sql: county 35,489 issues over four months, city
# 4,000,000 over three years), built once into $BENCH_DATA/SCALE/stats.db
# and built again when the fixture changed or the programs' schema is
# another than the store's; sets GRID_DB to it
stats_store() {
	_here=$(cd "$(dirname "$0")" && pwd)
	_d=$BENCH_DATA/$1
	case $1 in
	city) _n=4000000 _t0=2013-01-01 _days=1095 ;;
	*) _n=35489 _t0=2013-03-01 _days=122 ;;
	esac
	_db=$_d/stats.db
	export GRID_DB=$_db
	rm -f "$work/v.db"
	grid-init --no-summary --db "$work/v.db"
	_v=$(sqlite3 "$work/v.db" 'PRAGMA user_version')
	if [ ! -f "$_db.done" ] || [ "$_here/stats-fixture.sql" -nt "$_db.done" ] ||
	    [ "$(cat "$_db.done")" != "schema $_v" ]; then
		echo "bench: building $1 store of $_n issues in $_db" >&2
		rm -f "$_db" "$_db"-* "$_db.done"
		grid-init --no-summary
		for _k in levels units grids cadres households; do
			grid-import --no-summary "$_k" "$_d/$_k.csv"
		done
		sqlite3 "$_db" "SELECT sql || ';' FROM sqlite_master
			WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN
			('issues', 'events', 'accountability', 'evaluations',
			'visits', 'pairs')" >"$work/idx.sql"
		_t=$(TZ=CST-8 sqlite3 :memory: "SELECT strftime('%s', '$_t0') - 8 * 3600")
		{
			echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			echo "PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY;"
			echo "CREATE TEMP TABLE fx_param AS SELECT $_n AS n, $_t AS t0, $_days * 86400 AS span;"
			cat "$_here/stats-fixture.sql" "$work/idx.sql"
			echo "PRAGMA journal_mode = WAL;"
		} | sqlite3 "$_db" >/dev/null
		echo "schema $_v" >"$_db.done"
	fi
}
