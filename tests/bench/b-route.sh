#!/bin/sh
# issue-file and issue-route: file the scale's issues (1 million in the
# city) from one CSV batch, then route every open one against its rules (200
# generated ones: PCRE2, JIT).  The targets (tests/bench/README):
# >= 100,000 issues filed and >= 200,000 routed a second.  Beside each, the
# yardstick of what the writes alone cost, on a copy without the secondary
# indexes of issues and events (the floor): for filing, the sqlite3
# shell's .import of the same CSV and one INSERT ... SELECT each of the
# issues (their grid from the household) and of their events; for
# routing, the bare SQL that sets as many issues routed and logs as many
# events in one statement each, with no rules at all.
. "$(dirname "$0")/lib.sh"

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	n=$(rows "$d/issues.csv")
	r=$(rows "$d/rules.csv")
	export GRID_DB=$work/r.db GRID_NOW='2014-01-02 09:00'
	rm -f "$GRID_DB"*
	grid-init --no-summary
	for k in levels units grids cadres households rules; do
		grid-import --no-summary "$k" "$d/$k.csv"
	done
	pairs=$(sqlite3 "$GRID_DB" "INSERT INTO pairs (household, cadre, started_at)
	    SELECT h.code, c.code, 0 FROM households h JOIN cadres c
	    ON c.grid = h.grid AND c.code = (SELECT min(code) FROM cadres
	      WHERE grid = h.grid) WHERE h.id % 2 = 0; SELECT changes()")
	cp "$GRID_DB" "$work/x.db"
	lean "$work/x.db"
	measure issue-file --no-summary "$d/issues.csv"
	fsecs=$secs
	frss=$rss
	filed=$(wc -l <"$work/out")
	measure sqlite3 "$work/x.db" ".import --csv $d/issues.csv src" \
	    "INSERT INTO issues (ref, household, grid, category, text, source,
	      reporter, private, status, rung, filed_at, updated_at)
	    SELECT nullif(s.ref, ''), nullif(s.household, ''),
	      coalesce(h.grid, s.grid), s.category, s.text, s.source,
	      nullif(s.reporter, ''), s.private, 'open', 0,
	      unixepoch(s.filed_at, '-8 hours'), 1388624400
	    FROM src s LEFT JOIN households h ON h.code = s.household;
	    INSERT INTO events (at, prog, login, kind, issue, status, rung,
	      unit, due_at) SELECT filed_at, 'sqlite3', 'bench', 'filed', id,
	      status, rung, unit, due_at FROM issues"
	xsecs=$secs
	rm -f "$work/x.db"*
	cp "$GRID_DB" "$work/y.db"
	# the floor: no index on issues and events but their keys
	lean "$work/y.db"
	# exit 1: some issues need adjudication (no rule matches them)
	measure sh -c 'issue-route --all -q; [ $? -le 1 ]'
	routed=$(wc -l <"$work/out")
	rsecs=$secs
	rrss=$rss
	measure sqlite3 "$work/y.db" "UPDATE issues SET status = 'routed',
	    unit = 'U01', assist = NULL, hours = 24, routed_at = 1388624400,
	    due_at = 1388710800, updated_at = 1388624400 WHERE status = 'open';
	    INSERT INTO events (at, prog, login, kind, issue, status, rung,
	      unit, due_at) SELECT 1388624400, 'sqlite3', 'bench', 'routed', id,
	      status, rung, unit, due_at FROM issues WHERE status = 'routed'"
	ysecs=$secs
	printf '%-7s %8d issues %3d rules %7d paired  issue-file %6.2fs %8s/s %4s MB | .import + INSERT, lean %6.2fs | ratio %s\n' \
		"$s" "$n" "$r" "$pairs" "$fsecs" "$(rate "$filed" "$fsecs")" \
		"$frss" "$xsecs" "$(ratio "$fsecs" "$xsecs")"
	printf '%-7s %8s        %3s       %7s         issue-route %6.2fs %8s/s %4s MB, %d routed | bare UPDATE+INSERT, lean %6.2fs | ratio %s\n' \
		"$s" "" "" "" "$rsecs" "$(rate "$routed" "$rsecs")" "$rrss" \
		"$routed" "$ysecs" "$(ratio "$rsecs" "$ysecs")"
	goal issue-file "$s" /s "$(rate "$filed" "$fsecs")" \
		"$(rate "$filed" "$xsecs")" ge 100000 "$frss"
	goal issue-route "$s" /s "$(rate "$routed" "$rsecs")" \
		"$(rate "$routed" "$ysecs")" ge 200000 "$rrss"
done
