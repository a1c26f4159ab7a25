#!/bin/sh
# escalate on a store of many issues: 1% of them overdue, and the same store
# at a time when none is (the target, tests/bench/README: cost follows the
# overdue count, not the
# table size; <= 1 s for 4 million issues with 1% overdue).  Beside them:
# a second run the same night (nothing left to do), and the sqlite3 shell
# doing the bare writes of the 1% run (one UPDATE, one INSERT ... SELECT
# into accountability, the pending cases, and one into events) as the
# yardstick, on a copy with every index of the store, each of which some
# program's queries read (make index-readers): the floor; and for
# comparison only (no verdict), the same bare writes on a copy with only
# the index those writes themselves need (the partial index of open
# deadlines).
#
# The issues are not filed one by one: after grid-import of the scale's
# tree, cadres and households, one INSERT ... SELECT over a recursive CTE
# in the sqlite3 shell writes them, with their indexes dropped and built
# again afterwards, and one 'filed' event each.  The rows are what gridkit
# writes: 90% closed, 10% open, routed or accepted (the share of the
# issue's "realistic" fixture; until 2026-12-07 the code made it 5%), two
# thirds of those whose household has a cadre on the cadre's rung (with
# the pair), the rest at their grid or its parent; 1% of all due before
# T0 (every tenth open one, of each status, spread through the table, the
# worst case for page writes), the other open ones due after it.
#   BENCH_ISSUES=N overrides the number of issues (default: county 400,000,
#   city 4,000,000)
. "$(dirname "$0")/lib.sh"

T0='2015-06-30 02:00'
t0=$(date -d "$T0" +%s)

# build N: a store of N issues in $GRID_DB
build() {
	n=$1
	grid-init --no-summary
	for k in levels units grids cadres households; do
		grid-import --no-summary "$k" "$d/$k.csv"
	done
	nu=$(sqlite3 "$GRID_DB" 'SELECT count(*) FROM units')
	drop=$(sqlite3 "$GRID_DB" "SELECT 'DROP INDEX ' || name || ';'
		FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('issues', 'events', 'pairs')")
	make=$(sqlite3 "$GRID_DB" "SELECT sql || ';' FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ('issues', 'events', 'pairs')")
	sqlite3 "$GRID_DB" >/dev/null <<-EOF
	PRAGMA journal_mode = DELETE;
	PRAGMA synchronous = OFF;
	PRAGMA cache_size = -262144;
	BEGIN;
	$drop
	CREATE TEMP TABLE hc (n INTEGER PRIMARY KEY, code TEXT, grid TEXT,
	  depth INTEGER, parent TEXT, cadre TEXT);
	INSERT INTO hc (code, grid, depth, parent, cadre)
	  SELECT h.code, h.grid, g.depth, g.parent,
	    (SELECT min(c.code) FROM cadres c WHERE c.grid = h.grid
	     AND c.status = 'active')
	  FROM households h JOIN grids g ON g.code = h.grid ORDER BY h.id;
	INSERT INTO pairs (household, cadre, started_at)
	  SELECT code, cadre, $t0 - 400 * 86400 FROM hc WHERE cadre IS NOT NULL;
	CREATE TEMP TABLE cats (k INTEGER PRIMARY KEY, name TEXT);
	INSERT INTO cats (name) VALUES ('市容环境'), ('道路交通'), ('饮水安全'),
	  ('社会救助'), ('治安'), ('邻里纠纷'), ('土地纠纷'), ('劳动就业'),
	  ('违法建设'), ('占道经营'), ('食品安全'), ('医疗卫生'), ('房屋安全');
	WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k
	  WHERE i < $n - 1),
	s AS (SELECT i, i >= $n - $n / 10 AS open,
	  1 + (i * 7919) % (SELECT count(*) FROM hc) AS h,
	  CASE WHEN i < $n - $n / 10 THEN NULL
	       WHEN i % 10 = 0 THEN $t0 - 3600 - (i * 37) % (4 * 86400)
	       ELSE $t0 + 3600 + (i * 37) % (4 * 86400)
	  END AS due
	  FROM k),
	r AS (SELECT s.*, hc.code AS hh, hc.grid, hc.parent, hc.depth,
	  CASE WHEN open AND hc.cadre IS NOT NULL AND i / 10 % 3 <> 0
	    THEN hc.cadre END AS cadre,
	  CASE WHEN NOT open THEN 'closed'
	    WHEN i / 10 % 4 = 1 THEN 'routed' WHEN i / 10 % 4 = 2 THEN 'accepted'
	    ELSE 'open' END AS status,
	  (SELECT name FROM cats WHERE k = 1 + i % 13) AS category,
	  CASE WHEN NOT open THEN $t0 - 3 * 365 * 86400
	    + (i * (3 * 365 * 86400 - 30 * 86400)) / $n
	    ELSE due - 5 * 86400 END AS filed
	  FROM s JOIN hc ON hc.n = s.h)
	INSERT INTO issues (id, household, grid, category, text, source,
	  private, status, rung, rung_grid, cadre, unit, hours, filed_at,
	  routed_at, accepted_at, resolved_at, closed_at, due_at, escalations,
	  updated_at)
	SELECT i + 1, hh, grid, category,
	  category || '：第' || i || '号诉求，居民反映情况属实，请尽快处理并答复',
	  CASE i % 4 WHEN 0 THEN 'visit' WHEN 1 THEN 'hotline' WHEN 2
	    THEN 'patrol' ELSE 'walk-in' END,
	  i % 17 = 0, status,
	  CASE WHEN cadre IS NOT NULL THEN 0
	    WHEN i % 7 = 0 AND parent IS NOT NULL THEN depth - 1
	    ELSE depth END,
	  CASE WHEN cadre IS NOT NULL THEN NULL
	    WHEN i % 7 = 0 AND parent IS NOT NULL THEN parent
	    ELSE grid END,
	  cadre,
	  CASE WHEN status IN ('closed', 'routed', 'accepted')
	    THEN printf('U%02d', 1 + i % $nu) END,
	  72, filed,
	  CASE WHEN status IN ('closed', 'routed', 'accepted')
	    THEN filed + 3600 END,
	  CASE WHEN status IN ('closed', 'accepted') THEN filed + 7200 END,
	  CASE WHEN status = 'closed' THEN filed + 86400 END,
	  CASE WHEN status = 'closed' THEN filed + 3 * 86400 END,
	  CASE WHEN status = 'closed' THEN filed + 72 * 3600 ELSE due END,
	  CASE WHEN cadre IS NULL AND i % 7 = 0 AND parent IS NOT NULL
	    THEN 1 ELSE 0 END,
	  CASE WHEN status = 'closed' THEN filed + 3 * 86400 ELSE filed END
	FROM r;
	INSERT INTO events (at, prog, login, kind, issue, status, rung, unit,
	  due_at)
	  SELECT filed_at, 'issue-file', 'bench', 'filed', id, status, rung,
	    unit, due_at FROM issues ORDER BY id;
	$make
	COMMIT;
	PRAGMA journal_mode = WAL;
	ANALYZE;
	EOF
}

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	case $s in city) n=4000000 ;; *) n=400000 ;; esac
	n=${BENCH_ISSUES:-$n}
	export GRID_DB=$work/e.db
	rm -f "$GRID_DB"*
	build "$n"
	over=$(sqlite3 "$GRID_DB" "SELECT count(*) FROM issues
		WHERE (status = 'open' OR status = 'routed' OR status = 'accepted')
		AND due_at < $t0")
	cp "$GRID_DB" "$work/copy.db"
	cp "$GRID_DB" "$work/full.db"
	# the floor: the open deadlines' index, nothing else on issues,
	# events and accountability
	lean "$work/copy.db" issues_due

	# none overdue: a night before any deadline
	measure env GRID_NOW="$(date -d "$T0 5 days ago" '+%Y-%m-%d %H:%M')" \
		escalate --no-summary
	zsecs=$secs
	zn=$(rows "$work/out")
	measure env GRID_NOW="$T0" escalate --no-summary
	osecs=$secs
	on=$(rows "$work/out")
	orss=$rss
	measure env GRID_NOW="$T0" escalate --no-summary
	asecs=$secs

	# the yardstick: the same writes as bare SQL on the lean copy; its
	# condition in the words of the index's (schema 7: equalities joined by
	# OR), or SQLite reads the whole table instead
	bare="PRAGMA synchronous = NORMAL;
		BEGIN;
		CREATE TEMP TABLE o AS SELECT id FROM issues
		  WHERE (status = 'open' OR status = 'routed'
		    OR status = 'accepted')
		  AND due_at < $t0 AND at_root = 0;
		INSERT INTO accountability (issue, status, opened_at, rung,
		  grid, holder_cadre, holder_unit, due_at, hours_over)
		  SELECT id, 'pending', $t0, rung, rung_grid, cadre, unit,
		    due_at, ($t0 - due_at) / 3600.0 FROM issues WHERE id IN o;
		UPDATE issues SET rung = rung + 1, due_at = $t0 + 86400,
		  escalations = escalations + 1, updated_at = $t0
		  WHERE id IN o;
		INSERT INTO events (at, prog, login, kind, issue, status, rung,
		  unit, due_at, detail)
		  SELECT $t0, 'sqlite3', 'bench', 'escalated', id, status, rung,
		    unit, due_at, '{}' FROM issues WHERE id IN o;
		COMMIT;"
	measure sqlite3 "$work/copy.db" "$bare"
	ysecs=$secs
	# the same writes keeping the indexes the store's readers need (an
	# escalation moves the entries of issues_due, issues_live and
	# issues_rung_grid, and adds those of a case and an event)
	measure sqlite3 "$work/full.db" "$bare"
	fsecs=$secs
	printf '%-7s %9d issues  escalate: 0%% overdue %6.2fs (%d rows) | 1%% overdue (%d) %6.2fs (%d rows) %5s MB | again %6.2fs | sqlite3 bare writes, the floor (the store'"'"'s indexes) %6.2fs, keys + issues_due %6.2fs | ratio %s\n' \
		"$s" "$n" "$zsecs" "$zn" "$over" "$osecs" "$on" "$orss" "$asecs" \
		"$fsecs" "$ysecs" "$(ratio "$osecs" "$fsecs")"
	# the floor is the one with the store's indexes; beside it, for
	# comparison only, the writes with the deadlines' index alone
	goal "escalate, 1 % overdue" "$s" s "$osecs" "$fsecs" le 1 "$orss"
	goal "  keys + issues_due" "$s" s "$osecs" "$ysecs" le - "$orss"
	rm -f "$GRID_DB"* "$work/copy.db"* "$work/full.db"*
done
