#!/bin/sh
# a rung that levels gives no hours: no deadline there, said every time an
# issue is sent there; store errors exit 3 with nothing written; usage
# errors exit 2; a long list of issues flagged at the root is cut short
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store
# no depth 2 (乡镇) in levels
printf 'depth,name,hours\n0,联系干部,72\n1,县,480\n3,村,120\n' >levels.csv
grid-import --no-summary levels levels.csv
for k in units grids cadres households; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --grid 371399101202 --category 其他 --text a >/dev/null
issue-file --no-summary --grid 371399101201 --category 其他 --text b >/dev/null
issue-file --no-summary --grid 371399102 --category 其他 --text c >/dev/null
is "$(sql "SELECT id, rung, CASE WHEN due_at IS NULL THEN 1 ELSE 0 END FROM issues ORDER BY id")" "1|3|0
2|3|0
3|2|1" "filed on a rung without hours: no deadline"

export GRID_NOW='2013-07-10 02:00'
run escalate --dry-run --no-summary
is "$err" "escalate: depth 2 has no hours in levels: 2 issues would go up there with no deadline, to go no higher (add the level with grid-import levels)" \
	"--dry-run: the warning says what would happen, even with --no-summary"
run escalate --no-summary
is "$rc" 0 "exit 0: it ran"
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit\n1\t村\tdepth 2\t\tC004\t\n2\t村\tdepth 2\t\tC003\t')" \
	"the rows: a level no one named is 'depth 2', and no deadline"
is "$err" "escalate: depth 2 has no hours in levels: 2 issues went up there with no deadline, to go no higher (add the level with grid-import levels)" \
	"the warning"
is "$(sql "SELECT count(*) FROM issues WHERE due_at IS NULL")" 3 "no deadline"
run env GRID_NOW='2014-07-10 02:00' escalate
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "they go no higher, a year later"

# with the level added, a re-routed issue gets a deadline and goes on
printf 'depth,name,hours\n2,乡镇,240\n' >more.csv
grid-import --no-summary levels more.csv
GRID_NOW='2014-07-10 09:00' issue-update -q --resolve 1 >/dev/null
GRID_NOW='2014-07-10 09:00' issue-update -q --reopen 1 >/dev/null
is "$(sql "SELECT datetime(due_at, 'unixepoch', '+8 hours') FROM issues WHERE id = 1")" \
	"2014-07-20 09:00:00" "once the level has hours, a reopened issue has a deadline"
run env GRID_NOW='2014-07-21 02:00' escalate -q
is "$out" 1 "and goes on up, to the county"

# store errors: exit 3, nothing written
sql "UPDATE issues SET due_at = 0 WHERE id IN (2, 3)"
# another program holds the write lock: the sqlite3 shell in a transaction
# on a file; on PostgreSQL psql holding the issues in SHARE mode, which
# lets readers in and keeps writers waiting, as SQLite's lock does
hash=$(store_hash)
if is_pg; then
	(echo 'BEGIN; LOCK TABLE issues IN SHARE MODE;'; sleep 3; echo 'ROLLBACK;') |
		psql -qAtX -d "$GRID_DB" &
	name="'postgresql://.*'"
else
	(echo 'BEGIN IMMEDIATE; INSERT INTO units (code, name) VALUES ("X", "x");'; sleep 3; echo 'ROLLBACK;') |
		sqlite3 "$GRID_DB" &
	name="'.*grid.db'"
fi
lock=$!
sleep 0.5
run env GRID_BUSY_TIMEOUT=300 GRID_NOW='2014-07-22 02:00' escalate
is "$rc" 3 "a store locked past the timeout: exit 3"
like "$err" "^escalate: store $name is locked by another program; gave up waiting" \
	"says so"
is "$out" "" "no rows"
run env GRID_BUSY_TIMEOUT=300 GRID_NOW='2014-07-22 02:00' escalate --warn 24 -q
is "$rc.$out" "0.2
3" "--warn only reads: it runs while another program writes"
wait $lock
is "$(store_hash)" "$hash" "nothing was written"
run env GRID_NOW='2014-07-22 02:00' escalate -q
is "$rc.$out" "0.2
3" "once the lock is gone, it runs"

run escalate --db "$TMP/none.db"
is "$rc" 3 "no store: exit 3"
like "$err" "no store '.*none.db'" "says so"
test ! -e "$TMP/none.db"
ok $? "and creates none"
echo 'not a store' >bad.db
run escalate --db bad.db
is "$rc" 3 "not a store: exit 3"

# usage
run escalate extra
is "$rc" 2 "an operand: a usage error"
like "$err" "unexpected argument 'extra'" "says which"
run escalate -o xml
is "$rc" 2 "an unknown output mode: a usage error"

# a long list of issues flagged at the root is cut short
for i in $(seq 1 12); do
	GRID_NOW='2014-01-01 09:00' issue-file --no-summary --grid 371399 --category 其他 --text "r$i" >/dev/null
done
run env GRID_NOW='2015-01-01 02:00' escalate
is "$err" "escalate: 0 escalated, 15 flagged at the root (1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 5 more), 0 overdue at the root from before" \
	"ten ids, and how many more"

done_testing
