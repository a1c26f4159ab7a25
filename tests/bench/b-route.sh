#!/bin/sh
# issue-file and issue-route: file the scale's issues (1 million in the
# city) from one CSV batch, then route every open one against its rules (200
# generated ones: PCRE2, JIT).  The targets (tests/bench/README):
# >= 100,000 issues filed and >= 200,000 routed a second.  Beside each, the
# floor: the least the job needs, as bare SQL on a copy of the store that
# keeps its indexes, each of which some program's queries read (make
# index-readers): for filing, the sqlite3 shell's .import of the same CSV
# and one INSERT ... SELECT each of the issues (each at its holder, with
# its rung's hours and a deadline, as gridkit files it) and of their
# events; for routing, the bare SQL that sets as
# many issues routed and logs as many events in one statement each, with
# no rules at all.  And for comparison only ("keys only", no verdict),
# the same bare SQL on a copy without the secondary indexes of issues and
# events: what the rows alone cost.
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
	cp "$GRID_DB" "$work/w.db"
	lean "$work/x.db"
	measure issue-file --no-summary "$d/issues.csv"
	fsecs=$secs
	frss=$rss
	filed=$(wc -l <"$work/out")
	# the rows filing writes: each issue at its holder, the household's
	# current cadre, if active, on the contact rung (0), else its grid on the
	# grid's rung, with that rung's hours and a deadline (the hours
	# added as seconds: the calendar's working time is gridkit's work,
	# not the rows'); without them the floor wrote no entry of
	# issues_cadre, issues_rung_grid or events_due, which gridkit must
	file="INSERT INTO issues (ref, household, grid, category, text, source,
	      reporter, private, status, rung, rung_grid, cadre, hours,
	      filed_at, due_at, updated_at)
	    SELECT ref, household, t.grid, category, text, source, reporter,
	      private, 'open', rung, CASE WHEN cadre IS NULL THEN t.grid END,
	      cadre, l.hours, filed, filed + CAST(l.hours * 3600 AS INTEGER),
	      1388624400
	    FROM (SELECT nullif(s.ref, '') AS ref,
	      nullif(s.household, '') AS household,
	      coalesce(h.grid, s.grid) AS grid, s.category, s.text, s.source,
	      nullif(s.reporter, '') AS reporter, s.private, k.code AS cadre,
	      CASE WHEN k.code IS NULL THEN g.depth ELSE 0 END AS rung,
	      unixepoch(s.filed_at, '-8 hours') AS filed
	    FROM src s LEFT JOIN households h ON h.code = s.household
	    LEFT JOIN grids g ON g.code = coalesce(h.grid, s.grid)
	    LEFT JOIN pairs p ON p.household = h.code AND p.ended_at IS NULL
	    LEFT JOIN cadres k ON k.code = p.cadre AND k.status = 'active')
	      AS t LEFT JOIN levels l ON l.depth = t.rung;
	    INSERT INTO events (at, prog, login, kind, issue, status, rung,
	      unit, due_at) SELECT filed_at, 'sqlite3', 'bench', 'filed', id,
	      status, rung, unit, due_at FROM issues"
	measure sqlite3 "$work/x.db" ".import --csv $d/issues.csv src" "$file"
	xsecs=$secs
	rm -f "$work/x.db"*
	# the same with every index of the store, which its readers need
	# (a household's issues, a cadre's, a subtree's, the live ones, the
	# deadlines, the events of an issue)
	measure sqlite3 "$work/w.db" ".import --csv $d/issues.csv src" "$file"
	isecs=$secs
	rm -f "$work/w.db"*
	cp "$GRID_DB" "$work/y.db"
	cp "$GRID_DB" "$work/z.db"
	# the floor: no index on issues and events but their keys
	lean "$work/y.db"
	# the floor's writes set every open issue routed, those no rule
	# matches too: its rate is of as many as it writes
	nopen=$(sqlite3 "$work/y.db" "SELECT count(*) FROM issues
	    WHERE status = 'open'")
	# exit 1: some issues need adjudication (no rule matches them)
	measure sh -c 'issue-route --all -q; [ $? -le 1 ]'
	routed=$(wc -l <"$work/out")
	rsecs=$secs
	rrss=$rss
	bare="UPDATE issues SET status = 'routed',
	    unit = 'U01', assist = NULL, hours = 24, routed_at = 1388624400,
	    due_at = 1388710800, updated_at = 1388624400 WHERE status = 'open';
	    INSERT INTO events (at, prog, login, kind, issue, status, rung,
	      unit, due_at) SELECT 1388624400, 'sqlite3', 'bench', 'routed', id,
	      status, rung, unit, due_at FROM issues WHERE status = 'routed'"
	measure sqlite3 "$work/y.db" "$bare"
	ysecs=$secs
	# the same writes keeping the indexes the store's readers need: a
	# routing moves the entries of issues_live (the board, stats, route
	# --all), issues_due (escalate), issues_unit (a unit's issues) and
	# issues_rung_grid (a holder's), and adds the event's to events_issue
	# (an issue's history), events_kind and events_due (stats); the
	# others it does not touch
	measure sqlite3 "$work/z.db" "$bare"
	zsecs=$secs
	rm -f "$work/y.db"* "$work/z.db"*
	printf '%-7s %8d issues %3d rules %7d paired  issue-file %6.2fs %8s/s %4s MB | .import + INSERT, the floor (the store'"'"'s indexes) %6.2fs, keys only %6.2fs | ratio %s\n' \
		"$s" "$n" "$r" "$pairs" "$fsecs" "$(rate "$filed" "$fsecs")" \
		"$frss" "$isecs" "$xsecs" "$(ratio "$fsecs" "$isecs")"
	printf '%-7s %8s        %3s       %7s         issue-route %6.2fs %8s/s %4s MB, %d routed | bare UPDATE+INSERT of %d, the floor (the store'"'"'s indexes) %6.2fs %8s/s, keys only %6.2fs %8s/s\n' \
		"$s" "" "" "" "$rsecs" "$(rate "$routed" "$rsecs")" "$rrss" \
		"$routed" "$nopen" "$zsecs" "$(rate "$nopen" "$zsecs")" \
		"$ysecs" "$(rate "$nopen" "$ysecs")"
	# the floor is the one with the store's indexes; beside it, for
	# comparison only, what the rows and keys alone cost
	goal issue-file "$s" /s "$(rate "$filed" "$fsecs")" \
		"$(rate "$filed" "$isecs")" ge 100000 "$frss"
	goal "  keys only" "$s" /s "$(rate "$filed" "$fsecs")" \
		"$(rate "$filed" "$xsecs")" ge - "$frss"
	goal issue-route "$s" /s "$(rate "$routed" "$rsecs")" \
		"$(rate "$nopen" "$zsecs")" ge 200000 "$rrss"
	goal "  keys only" "$s" /s "$(rate "$routed" "$rsecs")" \
		"$(rate "$nopen" "$ysecs")" ge - "$rrss"
done
