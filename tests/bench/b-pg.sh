#!/bin/sh
# The two stores side by side: the same programs on the same data, on an
# SQLite file and on a PostgreSQL database, each beside its database's own
# floor -- the sqlite3 shell's .import and psql's \copy into a bare table,
# sqlite3 -json and psql's COPY of the rows as JSON, and for filing,
# routing, escalation and pairing the bare SQL on a copy of the database
# (b-route's, b-escalate's, b-assign's).  Workloads: import the
# households, file the issues from one CSV, route every open one,
# escalate the overdue, a month's report, export the households as JSON
# lines, pair every household; then the
# households piped into fresh stores.
# The server is $BENCH_PG_URI when set (a database this script may create
# databases beside), else a throwaway cluster of tests/pg.sh (fsync off,
# as SQLite's WAL with synchronous NORMAL does not sync each commit).
# PostgreSQL's big import goes in by COPY (sql_load); the households are
# imported twice, the second time unchanged (tests/bench/README).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${BENCH_PG_URI:-}" ]; then
	uri=$BENCH_PG_URI
else
	command -v psql >/dev/null 2>&1 || { echo "b-pg: no psql; skipped"; exit 0; }
	pgdir=$(mktemp -d /tmp/gridkit-bench-pg.XXXXXX)
	rmdir "$pgdir"
	trap '"$here/../pg.sh" stop "$pgdir" 2>/dev/null; rm -rf "$work"' EXIT
	uri=$("$here/../pg.sh" start "$pgdir") || { echo "b-pg: no cluster"; exit 1; }
fi
# DROP DATABASE IF EXISTS says nothing of a database that is not there
export PGOPTIONS='-c client_min_messages=warning'
# the URI of database $1 on the same server
dburi() {
	printf '%s' "$uri" | sed "s|^\(postgres[a-z]*://[^/?]*/\)[^?]*|\1$1|"
}
newdb() {
	drop_db "$1"
	psql -qAtX -d "$uri" -c "CREATE DATABASE $1" >/dev/null
	dburi "$1"
}

# a copy of database $1 named $2 (nobody may be connected to $1), made
# by copying its files (PostgreSQL 15's default writes the whole copy to
# the log), and the server's autovacuum kept off its tables while it
# lives; its URI
copydb() {
	drop_db "$2"
	psql -qAtX -d "$uri" -c "CREATE DATABASE $2 TEMPLATE $1
	    STRATEGY FILE_COPY" >/dev/null 2>&1 ||
		psql -qAtX -d "$uri" -c "CREATE DATABASE $2 TEMPLATE $1" >/dev/null
	psql -qAtX -d "$(dburi "$2")" -c "DO \$\$ DECLARE t text; BEGIN
	    FOR t IN SELECT relname FROM pg_stat_user_tables LOOP
	      EXECUTE format('ALTER TABLE %I SET (autovacuum_enabled = off)', t);
	    END LOOP; END \$\$" >/dev/null
	dburi "$2"
}
drop_db() {
	psql -qAtX -d "$uri" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
}

line() {
	printf '%-7s %-28s sqlite %7.2fs %4s MB | postgresql %7.2fs %4s MB | pg/sqlite %s\n' \
		"$s" "$1" "$2" "$3" "$4" "$5" "$(ratio "$4" "$2")"
}

# stores: a fresh SQLite store ($lite) and PostgreSQL database ($pg), each
# with the levels, units, grids and cadres of scale $s
stores() {
	rm -f "$lite"*
	pg=$(newdb "gk_bench_$s")
	for db in "$lite" "$pg"; do
		GRID_DB=$db grid-init --no-summary
		for k in levels units grids cadres; do
			GRID_DB=$db grid-import --no-summary "$k" "$d/$k.csv"
		done
	done
}

for s in $BENCH_SCALES; do
	d=$BENCH_DATA/$s
	nh=$(rows "$d/households.csv")
	ni=$(rows "$d/issues.csv")
	lite=$work/s.db
	export GRID_NOW='2014-01-02 09:00'
	stores

	# the floors of the import
	rm -f "$work/y.db"*
	measure sqlite3 "$work/y.db" -cmd 'PRAGMA journal_mode=WAL' -cmd '.mode csv' \
		".import $d/households.csv households"
	ylite=$secs
	ydb=$(newdb "gk_bench_${s}_bare")
	psql -qAtX -d "$ydb" -c "CREATE TABLE households (code text, head text,
	    grid text, id_number text, phone text, address text, members text,
	    tags text)"
	cols=$(head -1 "$d/households.csv")
	measure psql -qAtX -d "$ydb" -c "\\copy households ($cols) FROM '$d/households.csv' CSV HEADER"
	ypg=$secs

	# the floor of the whole job (b-import's "with its indexes"): psql's
	# \copy straight into the store's households, on a copy of the
	# database as gridkit finds it, the ids from a sequence (the ids'
	# trigger is not called for a row given one); the indexes that are
	# not unique and the reference to grids dropped before and made
	# after the rows, as grid-import makes them; the two unique indexes
	# (the id, the code) kept, as grid-import keeps them
	idb=$(copydb "gk_bench_$s" "gk_bench_${s}_idx")
	q() { psql -qAtX -d "$idb" -c "$1"; }
	of="schemaname = current_schema() AND tablename = 'households'
	    AND indexdef NOT LIKE 'CREATE UNIQUE%'"
	fk="conrelid = 'households'::regclass AND contype = 'f'"
	{
		echo 'BEGIN;'
		echo 'CREATE SEQUENCE floor_ids;'
		echo "ALTER TABLE households ALTER id SET DEFAULT nextval('floor_ids');"
		q "SELECT 'DROP INDEX ' || quote_ident(indexname) || ';'
		    FROM pg_indexes WHERE $of"
		q "SELECT 'ALTER TABLE households DROP CONSTRAINT ' ||
		    quote_ident(conname) || ';' FROM pg_constraint WHERE $fk"
		printf '\\copy households (%s) FROM '"'%s'"' CSV HEADER\n' \
			"$(head -1 "$d/households.csv")" "$d/households.csv"
		q "SELECT indexdef || ';' FROM pg_indexes WHERE $of"
		q "SELECT 'ALTER TABLE households ADD CONSTRAINT ' ||
		    quote_ident(conname) || ' ' || pg_get_constraintdef(oid) || ';'
		    FROM pg_constraint WHERE $fk"
		echo 'ALTER TABLE households ALTER id DROP DEFAULT;'
		echo 'DROP SEQUENCE floor_ids;'
		echo 'COMMIT;'
	} >"$work/idx.sql"
	measure psql -qAtX -v ON_ERROR_STOP=1 -d "$idb" -f "$work/idx.sql"
	yidx=$secs
	drop_db "gk_bench_${s}_idx"

	GRID_DB=$lite measure grid-import --no-summary households "$d/households.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-import --no-summary households "$d/households.csv"
	line "grid-import households" "$ls" "$lr" "$secs" "$rss"
	goal "grid-import households, pg" "$s" s "$secs" "$ypg" le 1.2x "$rss"
	goal "  with its indexes, pg" "$s" s "$secs" "$yidx" le \
		"$(awk -v y="$ypg" 'BEGIN { printf "%.2f", 1.2 * y }')" "$rss"
	pfirst=$secs
	printf '%-7s %-28s %d rows; floors: sqlite3 .import %.2fs, psql \\copy %.2fs, with its indexes %.2fs\n' \
		"$s" "" "$nh" "$ylite" "$ypg" "$yidx"
	GRID_DB=$lite measure grid-import --no-summary households "$d/households.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-import --no-summary households "$d/households.csv"
	line "  again, unchanged" "$ls" "$lr" "$secs" "$rss"
	goal "  re-import, unchanged, pg" "$s" s "$secs" "$pfirst" le 1x "$rss"
	for db in "$lite" "$pg"; do
		GRID_DB=$db grid-import --no-summary rules "$d/rules.csv"
	done

	# The floors of filing, routing and pairing run on a copy of the
	# database as gridkit finds it, with its indexes and triggers (as
	# b-route's and b-assign's do), before gridkit's run, and dropped
	# before gridkit runs, so that the server has nothing else to do.
	# Filing: psql's \copy of the CSV and one INSERT ... SELECT each of
	# the issues and of their events, each issue at its holder with its
	# rung's hours and a deadline as b-route's floor writes them,
	# their ids given set-wise: the store's trigger that gives the next
	# id reads the largest by a plan the session makes once, and one made
	# while issues was empty reads every row for every row (schema.c,
	# pg_rowid; 106 s for the county's 35,489 issues), which gridkit's
	# driver makes anew as the rows grow and one statement cannot
	cat >"$work/file.sql" <<-EOF
	CREATE TEMP TABLE src (household text, grid text, category text,
	  text text, source text, reporter text, private text, filed_at text,
	  ref text);
	\\copy src FROM '$d/issues.csv' CSV HEADER
	INSERT INTO issues (id, ref, household, grid, category, text, source,
	  reporter, private, status, rung, rung_grid, cadre, hours, filed_at,
	  due_at, updated_at)
	SELECT (SELECT coalesce(max(id), 0) FROM issues) + row_number() OVER (),
	  ref, household, t.grid, category, text, source, reporter, private,
	  'open', rung, CASE WHEN cadre IS NULL THEN t.grid END, cadre,
	  l.hours, filed, filed + (l.hours * 3600)::bigint, 1388624400
	FROM (SELECT nullif(s.ref, '') AS ref,
	  nullif(s.household, '') AS household,
	  coalesce(h.grid, nullif(s.grid, '')) AS grid, s.category, s.text,
	  s.source, nullif(s.reporter, '') AS reporter,
	  s.private::int AS private, k.code AS cadre,
	  CASE WHEN k.code IS NULL THEN g.depth ELSE 0 END AS rung,
	  extract(epoch FROM s.filed_at::timestamp
	    - interval '8 hours')::bigint AS filed
	FROM src s LEFT JOIN households h ON h.code = s.household
	LEFT JOIN grids g ON g.code = coalesce(h.grid, nullif(s.grid, ''))
	LEFT JOIN pairs p ON p.household = h.code AND p.ended_at IS NULL
	LEFT JOIN cadres k ON k.code = p.cadre AND k.status = 'active') AS t
	LEFT JOIN levels l ON l.depth = t.rung;
	INSERT INTO events (id, at, prog, login, kind, issue, status, rung,
	  unit, due_at) SELECT (SELECT coalesce(max(id), 0) FROM events)
	  + row_number() OVER (ORDER BY id), filed_at, 'psql', 'bench', 'filed',
	  id, status, rung, unit, due_at FROM issues;
	EOF
	fdb=$(copydb "gk_bench_$s" "gk_bench_${s}_file")
	measure psql -qAtX -v ON_ERROR_STOP=1 -d "$fdb" -f "$work/file.sql"
	fsecs=$secs
	drop_db "gk_bench_${s}_file"
	GRID_DB=$lite measure issue-file --no-summary "$d/issues.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure issue-file --no-summary "$d/issues.csv"
	line "issue-file ($ni)" "$ls" "$lr" "$secs" "$rss"
	filed=$(wc -l <"$work/out")
	printf '%-7s %-28s floor: psql \\copy + INSERT %.2fs, %s/s\n' "$s" "" \
		"$fsecs" "$(rate "$filed" "$fsecs")"
	goal "issue-file, pg" "$s" /s "$(rate "$filed" "$secs")" \
		"$(rate "$filed" "$fsecs")" ge 100000 "$rss"

	# Routing, as b-route's: every open issue set routed and an event
	# each, in one statement each, no rules; its rate is of as many as
	# it writes
	rdb=$(copydb "gk_bench_$s" "gk_bench_${s}_route")
	nopen=$(psql -qAtX -d "$rdb" -c "SELECT count(*) FROM issues
	    WHERE status = 'open'")
	measure psql -qAtX -v ON_ERROR_STOP=1 -d "$rdb" -c "UPDATE issues SET
	    status = 'routed', unit = 'U01', assist = NULL, hours = 24,
	    routed_at = 1388624400, due_at = 1388710800,
	    updated_at = 1388624400 WHERE status = 'open'" -c "INSERT INTO
	    events (id, at, prog, login, kind, issue, status, rung, unit,
	    due_at) SELECT (SELECT coalesce(max(id), 0) FROM events)
	    + row_number() OVER (ORDER BY id), 1388624400, 'psql', 'bench',
	    'routed', id, status, rung, unit, due_at FROM issues
	    WHERE status = 'routed'"
	fsecs=$secs
	drop_db "gk_bench_${s}_route"
	# exit 1: some issues need adjudication (no rule matches them)
	GRID_DB=$lite measure sh -c 'issue-route --all -q; [ $? -le 1 ]'
	ls=$secs lr=$rss n=$(wc -l <"$work/out")
	GRID_DB=$pg measure sh -c 'issue-route --all -q; [ $? -le 1 ]'
	line "issue-route --all ($n)" "$ls" "$lr" "$secs" "$rss"
	printf '%-7s %-28s floor: bare UPDATE + INSERT of %d %.2fs, %s/s\n' \
		"$s" "" "$nopen" "$fsecs" "$(rate "$nopen" "$fsecs")"
	goal "issue-route, pg" "$s" /s "$(rate "$(wc -l <"$work/out")" "$secs")" \
		"$(rate "$nopen" "$fsecs")" ge 200000 "$rss"

	# three days on, the routed issues' first deadlines have passed.
	# The floor, as b-escalate's: the bare writes of the overdue (a case
	# each, the issue a rung up with a new deadline, an event each), the
	# ids given set-wise, on a copy of the database as escalate finds it
	t=$(date -d '2014-01-05 02:00' +%s)
	over="(status = 'open' OR status = 'routed' OR status = 'accepted')
	  AND due_at < $t AND at_root = 0"
	cat >"$work/esc.sql" <<-EOF
	BEGIN;
	CREATE TEMP TABLE o AS SELECT id FROM issues WHERE $over;
	INSERT INTO accountability (id, issue, status, opened_at, rung, grid,
	  holder_cadre, holder_unit, due_at, hours_over)
	  SELECT (SELECT coalesce(max(id), 0) FROM accountability)
	    + row_number() OVER (ORDER BY id), id, 'pending', $t, rung,
	    rung_grid, cadre, unit, due_at, ($t - due_at) / 3600.0
	  FROM issues WHERE id IN (SELECT id FROM o);
	UPDATE issues SET rung = rung + 1, due_at = $t + 86400,
	  escalations = escalations + 1, updated_at = $t
	  WHERE id IN (SELECT id FROM o);
	INSERT INTO events (id, at, prog, login, kind, issue, status, rung,
	  unit, due_at, detail)
	  SELECT (SELECT coalesce(max(id), 0) FROM events)
	    + row_number() OVER (ORDER BY id), $t, 'psql', 'bench',
	    'escalated', id, status, rung, unit, due_at, '{}'
	  FROM issues WHERE id IN (SELECT id FROM o);
	COMMIT;
	EOF
	edb=$(copydb "gk_bench_$s" "gk_bench_${s}_esc")
	nover=$(psql -qAtX -d "$edb" -c "SELECT count(*) FROM issues WHERE $over")
	measure psql -qAtX -v ON_ERROR_STOP=1 -d "$edb" -f "$work/esc.sql"
	fsecs=$secs
	drop_db "gk_bench_${s}_esc"
	GRID_NOW='2014-01-05 02:00' GRID_DB=$lite measure escalate -q
	ls=$secs lr=$rss n=$(wc -l <"$work/out")
	GRID_NOW='2014-01-05 02:00' GRID_DB=$pg measure escalate -q
	line "escalate ($n)" "$ls" "$lr" "$secs" "$rss"
	printf '%-7s %-28s floor: bare writes of %d overdue %.2fs\n' \
		"$s" "" "$nover" "$fsecs"
	# the target is b-escalate's, 1 s for 40,000 overdue, here as a
	# rate: at least 40,000 a second
	goal "escalate, pg" "$s" /s "$(rate "$n" "$secs")" \
		"$(rate "$nover" "$fsecs")" ge 40000 "$rss"

	GRID_DB=$lite measure stats --month 2014-01
	ls=$secs lr=$rss
	cp "$work/out" "$work/stats.lite"
	GRID_DB=$pg measure stats --month 2014-01
	line "stats --month" "$ls" "$lr" "$secs" "$rss"
	cmp -s "$work/out" "$work/stats.lite" || echo "b-pg: $s: the two stores' reports differ" >&2

	GRID_DB=$lite measure grid-export -o jsonl households
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-export -o jsonl households
	line "grid-export -o jsonl ($nh)" "$ls" "$lr" "$secs" "$rss"
	psecs=$secs prss=$rss
	measure sqlite3 -json "$lite" 'SELECT * FROM households'
	ylite=$secs
	measure psql -qAtX -d "$pg" -c "\\copy (SELECT row_to_json(h) FROM households h) TO STDOUT"
	printf '%-7s %-28s floors: sqlite3 -json %.2fs, psql \\copy json %.2fs\n' \
		"$s" "" "$ylite" "$secs"
	goal "grid-export -o jsonl, pg" "$s" /s "$(rate "$nh" "$psecs")" \
		"$(rate "$nh" "$secs")" ge 500000 "$prss"
	goal "  beside psql \\copy json" "$s" s "$psecs" "$secs" le 1.5x "$prss"

	# every household paired; the floor as b-assign's, the ids given
	# set-wise as the filing floor's are, on a copy as above
	adb=$(copydb "gk_bench_$s" "gk_bench_${s}_pair")
	measure psql -qAtX -v ON_ERROR_STOP=1 -d "$adb" -c "INSERT INTO pairs
	    (id, household, cadre, started_at) SELECT (SELECT coalesce(max(id),
	    0) FROM pairs) + row_number() OVER (ORDER BY h.code), h.code,
	    coalesce((SELECT min(code) FROM cadres c WHERE c.grid = h.grid),
	    'C00001'), 0 FROM households h ORDER BY h.code"
	fsecs=$secs
	drop_db "gk_bench_${s}_pair"
	GRID_DB=$lite measure grid-assign pair
	ls=$secs lr=$rss
	GRID_DB=$pg measure grid-assign pair
	line "grid-assign pair ($nh)" "$ls" "$lr" "$secs" "$rss"
	printf '%-7s %-28s floor: INSERT ... SELECT %.2fs\n' "$s" "" "$fsecs"
	goal "grid-assign pair, pg" "$s" s "$secs" "$fsecs" le 10 "$rss"

	# the households piped in (a clerk's iconv ... | grid-import) into
	# fresh stores: as fast as the file named at the top
	stores
	pipe='cat "$1" | grid-import --no-summary households'
	GRID_DB=$lite measure sh -c "$pipe" sh "$d/households.csv"
	ls=$secs lr=$rss
	GRID_DB=$pg measure sh -c "$pipe" sh "$d/households.csv"
	line "  piped in" "$ls" "$lr" "$secs" "$rss"
	drop_db "gk_bench_${s}_bare"
	drop_db "gk_bench_$s"
done
