#!/bin/sh
# the counts of ended issues (tallies) are keyed by their dimension first
# (schema 8): a board of the whole store reads one dimension's rows -- at
# city scale 83,000 of 842,000 -- as one range, where before it read every
# row of the table for them (tests/bench/README); a subtree's are a range
# within it, and the triggers that keep the counts still find each row by
# its whole key.  On SQLite the table is its key (WITHOUT ROWID); on
# PostgreSQL the primary key is in the same order.  And the whole store's
# counts are kept beside them (tally_totals), which a board of the whole
# store reads
. "$(dirname "$0")/lib.sh"
store

if is_pg; then
	is "$(psql_sql "SELECT indexdef FROM pg_indexes WHERE tablename = 'tallies' AND indexname = 'tallies_pkey'" |
		sed 's/.*(\(.*\))$/\1/')" "dim, grid, key, status" \
		"PostgreSQL: the primary key of tallies, its dimension first"
fi

# ended: a store with issues rejected and closed
ended() {
	small_store
	export GRID_NOW='2014-01-06 10:00'
	for h in H001 H002 H003 H004 H005 H001; do
		issue-file -q --household $h --category 市容环境 --text "问题 $h" >/dev/null
	done
	issue-update -q --reject --reason 不属于政府职责 1 2 >/dev/null
	issue-update -q --resolve --note 已办 3 4 >/dev/null
	issue-update -q --close 3 >/dev/null
}

if ! is_pg; then
	like "$(sql "SELECT sql FROM sqlite_master WHERE name = 'tallies'")" \
		'PRIMARY KEY \(dim, grid, key, status\)\) WITHOUT ROWID$' \
		"tallies: keyed by dimension, grid, key and state, the table its key"
	# plan SQL: the details of SQLite's plan for SQL, joined by "; "
	plan() {
		sql "EXPLAIN QUERY PLAN $1" | sed 's/^[0-9|]*//' | tr '\n' ';'
	}
	p=$(plan "SELECT t.key, t.status, sum(t.n) FROM tallies t
		WHERE t.dim = 0 AND t.n > 0 GROUP BY t.key, t.status")
	like "$p" 'SEARCH t USING PRIMARY KEY \(dim=\?\)' \
		"the whole store's counts of a dimension: one range of the key"
	unlike "$p" 'SCAN' "not every row of the table"
	p=$(plan "SELECT t.grid, t.status, sum(t.n) FROM tallies t
		WHERE t.dim = 0 AND t.n > 0 AND t.grid >= '3713' AND t.grid < '3714'
		GROUP BY t.grid, t.status")
	like "$p" 'SEARCH t USING PRIMARY KEY \(dim=\? AND grid>\? AND grid<\?\)' \
		"a subtree's: a range within it"
	# what the triggers run (schema.c, TALLY_ADD and TALLY_SUB)
	p=$(plan "UPDATE tallies SET n = n - 1 WHERE grid = 'G' AND status = 'closed'
		AND ((dim = 0 AND key = '1') OR (dim = 1 AND key = 'U01')
		OR (dim = 2 AND key = 'c'))")
	is "$(printf '%s' "$p" | grep -o 'SEARCH tallies USING PRIMARY KEY (dim=? AND grid=? AND key=? AND status=?)' | wc -l | tr -d ' ')" 3 \
		"an issue leaving an ended state: each of its three rows by its whole key"
	unlike "$p" 'SCAN' "and no scan"
	run sql "INSERT INTO tallies (grid, dim, key, status, n) VALUES ('G', 0, '1', 'closed', 1)
		ON CONFLICT (grid, dim, key, status) DO UPDATE SET n = tallies.n + 1;
		INSERT INTO tallies (grid, dim, key, status, n) VALUES ('G', 0, '1', 'closed', 1)
		ON CONFLICT (grid, dim, key, status) DO UPDATE SET n = tallies.n + 1;
		SELECT n FROM tallies WHERE dim = 0 AND grid = 'G'"
	is "$rc.$out" "0.2" "the triggers' upsert names the key in its old order: one row, counted twice"

	# the upgrade from schema 7: a store whose tallies are keyed by grid first
	# (as migration 6 made them), with counts, keeps every count
	ended
	sql "CREATE TABLE t7 AS SELECT * FROM tallies; DROP TABLE tallies;
		DROP TABLE tally_totals;
		CREATE TABLE tallies (grid TEXT NOT NULL,
		  dim INTEGER NOT NULL CHECK (dim = 0 OR dim = 1 OR dim = 2),
		  key TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL,
		  PRIMARY KEY (grid, dim, key, status));
		INSERT INTO tallies SELECT * FROM t7; DROP TABLE t7;
		PRAGMA user_version = 7"
	before=$(sql 'SELECT grid, dim, key, status, n FROM tallies ORDER BY 1, 2, 3, 4')
	is "$(sql "SELECT sum(n) FROM tallies WHERE dim = 0")" 3 \
		"a store of schema 7 with counts: two rejected and one closed"
	run grid-init
	like "$rc.$err" "^0.*from schema 7 to" "grid-init upgrades it"
	is "$(sql 'SELECT grid, dim, key, status, n FROM tallies ORDER BY 1, 2, 3, 4')" \
		"$before" "every count kept"
	like "$(sql "SELECT sql FROM sqlite_master WHERE name = 'tallies'")" \
		'PRIMARY KEY \(dim, grid, key, status\)\) WITHOUT ROWID$' "keyed by dimension"
	is "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'tallies%'")" 1 \
		"no table left behind"
	is "$(sql "SELECT dim, key, status, n FROM tally_totals WHERE n > 0 ORDER BY 1, 2, 3")" \
		"$(sql "SELECT dim, key, status, sum(n) FROM tallies GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3")" \
		"the whole store's counts, the grids' summed"
	issue-update -q --close 4 >/dev/null
	is "$(sql "SELECT n FROM tallies WHERE dim = 0 AND status = 'closed'
		AND grid = (SELECT grid FROM issues WHERE id = 4)
		AND key = (SELECT CAST(rung AS TEXT) FROM issues WHERE id = 4)")" \
		"$(sql "SELECT count(*) FROM issues WHERE status = 'closed'
		AND grid = (SELECT grid FROM issues WHERE id = 4)
		AND rung = (SELECT rung FROM issues WHERE id = 4)")" \
		"the triggers count on into the new table"
	is "$(sql "SELECT n FROM tally_totals WHERE dim = 0 AND status = 'closed'
		AND key = (SELECT CAST(rung AS TEXT) FROM issues WHERE id = 4)")" \
		"$(sql "SELECT count(*) FROM issues WHERE status = 'closed'
		AND rung = (SELECT rung FROM issues WHERE id = 4)")" \
		"and into the whole store's"
	is "$(sql 'PRAGMA integrity_check')" ok "the file is sound"
fi

# a board of the whole store reads the whole store's counts (a few rows),
# a subtree's the grids' in it: told apart here by a count changed in the
# totals alone (on both stores)
ended
closed() {
	grid-top --once -o jsonl "$@" | jq -s '[.[] | .closed // 0] | add'
}
all=$(closed)
root=$(closed --grid "$(sql "SELECT code FROM grids WHERE parent IS NULL OR parent = '' LIMIT 1")")
is "$all" "$root" "the whole store and its root: the same closed count"
sql "UPDATE tally_totals SET n = n + 1000 WHERE dim = 0 AND status = 'closed'"
is "$(closed)" "$((all + 1000))" "the whole store's board: from tally_totals"
for by in unit category; do
	sql "UPDATE tally_totals SET n = n + 1000 WHERE dim = $([ $by = unit ] && echo 1 || echo 2) AND status = 'closed'"
	is "$(closed --by $by)" "$((all + 1000))" "--by $by: from tally_totals"
done
is "$(closed --by grid)" "$all" "--by grid: the grids' own counts"
is "$(closed --grid "$(sql "SELECT code FROM grids WHERE parent IS NULL OR parent = '' LIMIT 1")")" \
	"$root" "a subtree's board: the grids' own counts"
done_testing
