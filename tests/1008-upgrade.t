#!/bin/sh
# grid-init upgrades a store of schema 2 (tests/fixtures/schema2.sql: the
# small county, three issues, two escalations, a rating) to the current
# schema in one transaction: the issues, evaluations and accountability
# tables rebuilt the SQLite way with every row and every reference kept (3),
# the old accountability records now pending cases, the partial indexes on
# the states of istate.h, the indexes of few values gone and those of the
# live issues there (4), the offices (5); and the programs work on it
. "$(dirname "$0")/lib.sh"
# all of it is about the SQLite file
if [ "${GK_TEST_STORE:-}" = pg ]; then
	echo "1..0 # SKIP on PostgreSQL: the upgrade of an SQLite file of schema 2, its PRAGMA user_version and sqlite_master: a store on PostgreSQL starts at schema 3 (schema_pg_base) and has no older one to upgrade"
	exit 0
fi
sqlite3 -batch "$GRID_DB" <"$FIX/schema2.sql" || { echo "Bail out! cannot load"; exit 1; }
is "$(sql 'PRAGMA user_version')" 2 "a store of schema 2"
grid-init --no-summary --db "$TMP/fresh.db"
cur=$(sqlite3 "$TMP/fresh.db" 'PRAGMA user_version')
cols='id, at, prog, login, kind, issue, subject, status, rung, unit, due_at, detail'
before_issues=$(sql 'SELECT id, status, rung, rung_grid, unit, assist, due_at, escalations, filed_at, updated_at FROM issues ORDER BY id')
before_events=$(sql "SELECT $cols FROM events WHERE"' kind <> '"'upgrade'"' ORDER BY id')

run grid-init
is "$rc" 0 "grid-init upgrades it"
like "$err" "upgraded store .* from schema 2 to $cur" "and says so"
is "$(sql 'PRAGMA user_version')" "$cur" "to the current schema, $cur"
is "$(sql 'SELECT id, status, rung, rung_grid, unit, assist, due_at, escalations, filed_at, updated_at FROM issues ORDER BY id')" \
	"$before_issues" "every issue as it was"
is "$(sql "SELECT $cols FROM events WHERE"' kind <> '"'upgrade'"' ORDER BY id')" "$before_events" \
	"every event as it was"
is "$(sql 'SELECT count(*) FROM pragma_foreign_key_check')" 0 "no reference broken"
is "$(sql "SELECT id, issue, status, coalesce(holder_cadre, '-'), coalesce(holder_unit, '-'), rung, coalesce(grid, '-'), datetime(opened_at, 'unixepoch', '+8 hours'), hours_over, coalesce(decided_at, '-') FROM accountability ORDER BY id")" \
"1|1|pending|C005|-|0|-|2013-07-05 02:00:00|17.0|-
2|3|pending|C004|U02|3|371399101202|2013-07-05 02:00:00|81.0|-" \
	"the accountability records are pending cases, their holders kept"
is "$(sql "SELECT id, issue, kind, value, coalesce(unit, '-'), coalesce(grid, '-') FROM evaluations")" \
	"1|3|rating|4|U02|-" "the rating kept"
is "$(sql "SELECT referrals, coalesce(owner, '-'), coalesce(cooperate, '-') FROM issues WHERE id = 3")" \
	"0|-|-" "the new columns empty"
is "$(sql "SELECT sql FROM sqlite_master WHERE name = 'issues_due'")" \
	"CREATE INDEX issues_due ON issues(due_at)  WHERE (status = 'open' OR status = 'routed' OR status = 'accepted')" \
	"the open deadlines' index, on the states on the clock (7: equalities, not IN)"
is "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'issues' AND name LIKE 'issues_%'")" 10 \
	"all ten indexes of issues back"
is "$(sql "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE name IN ('issues_status', 'issues_rung', 'issues_category') ORDER BY name)")" \
	"" "none of the indexes of a few values over the whole table"
is "$(sql "SELECT sql FROM sqlite_master WHERE name = 'issues_live'")" \
	"CREATE INDEX issues_live ON issues(status, id, filed_at, updated_at,  due_at, rung, grid, unit, category)  WHERE (status <> 'closed' AND status <> 'rejected')" \
	"the live issues' index, on the live states"
is "$(sql "SELECT sql FROM sqlite_master WHERE name = 'issues_rung_grid'")" \
	"CREATE INDEX issues_rung_grid ON issues(rung_grid)  WHERE rung_grid IS NOT NULL  AND (status = 'open' OR status = 'routed' OR status = 'accepted' OR status = 'parked')" \
	"the rungs' index, on the states in hand"
# 7: the CHECKs of more than two values are equalities too, the rest of
# each table's text as it was
for t in issues accountability evaluations tallies; do
	is "$(sql "SELECT sql FROM sqlite_master WHERE name = '$t'" |
		grep -Ec 'IN \([^)]*,[^)]*,[^)]*\)')" 0 \
		"$t: no IN list of three"
done
like "$(sql "SELECT sql FROM sqlite_master WHERE name = 'issues'")" \
	"CHECK \\(status = 'open' OR status = 'routed' OR status = 'accepted' OR status = 'parked' OR status = 'resolved' OR status = 'closed' OR status = 'rejected'\\)" \
	"the states of issues, every one"
is "$(sql 'PRAGMA integrity_check')" ok "the file is sound"
st=$(sql "SELECT status FROM issues WHERE id = 1")
run sqlite3 "$GRID_DB" "UPDATE issues SET status = 'lost' WHERE id = 1"
is "$(sql "SELECT status FROM issues WHERE id = 1")" "$st" \
	"another connection still cannot set a state there is not"
like "$err" "CHECK constraint failed" "the CHECK refuses it"
run sqlite3 "$GRID_DB" "UPDATE accountability SET status = 'lost' WHERE id = 1"
like "$rc.$err" "1.*CHECK constraint failed" "nor a case's"
is "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'households_head'")" 1 \
	"the heads' index"
is "$(sql "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_new'")" 0 "no table left behind"

# the programs on the upgraded store
export GRID_NOW='2013-07-06 09:00'
run accountability -o csv
is "$out" "case,issue,status,holder,opened_at,people,units,outcome,reason
1,1,pending,C005,2013-07-05 02:00:00,,,,
2,3,pending,U02,2013-07-05 02:00:00,,,," "accountability lists them"
run accountability --confirm 2 --outcome 约谈
is "$rc" 0 "and confirms one against its holder"
is "$(sql 'SELECT unit FROM accountability_units WHERE "case" = 2')" U02 "the unit held to account"
run issue-update --park --reason 资金 3
is "$rc.$out" "0.id	status
3	parked" "a routed issue can be parked"
run issue-update --refer-up --reason 超出权限 2
is "$rc" 0 "an open one referred up"
run grid-init
is "$rc" 0 "grid-init again: nothing to do"
is "$(sql 'PRAGMA user_version')" "$cur" "still schema $cur"

# a store whose events name an issue that is not there: the upgrade would
# carry the broken reference over; it is refused, and nothing changes
B=$TMP/broken.db
sqlite3 -batch "$B" <"$FIX/schema2.sql"
sqlite3 -batch "$B" "INSERT INTO events (at, prog, login, kind, issue)
	VALUES (0, 'x', 'x', 'note', 999)"
run grid-init --db "$B"
is "$rc" 3 "a store with a broken reference: exit 3"
like "$err" "rows would refer to issues or cases that are not there .*not upgraded, nothing changed" "says so"
is "$(sqlite3 "$B" 'PRAGMA user_version')" 2 "still schema 2"
is "$(sqlite3 "$B" "SELECT count(*) FROM sqlite_master WHERE name = 'accountability_people'")" 0 \
	"nothing of schema 3 in it"

done_testing
