#!/bin/sh
# issue-file's batch on SQLite files without the trigger that counts an
# issue inserted already ended (tallies_file: a trigger on INSERT makes
# SQLite keep a statement journal for every row; a batch files open issues
# only, which it never counts): it lifts it inside its transaction and puts
# it back before the commit.  Whatever the batch's end -- committed, a dry
# run, refused whole by --strict -- the store's schema is as it was, and
# an ended issue inserted by hand afterwards is counted
. "$(dirname "$0")/lib.sh"

schema() {
	sql "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
}

small_store
export GRID_NOW='2014-01-06 10:00'
cat >batch.csv <<'EOF'
household,grid,category,text,source
H001,,市容环境,门口占道,hotline
,371399102201,社会救助,申请低保,walk-in
H999,,治安,no such household,
H003,,道路交通,路灯坏了,visit
EOF
printf 'household,grid,category,text\nH001,,治安,x\nH999,,治安,y\n' >bad.csv

if is_pg; then
	trig="SELECT tgname FROM pg_trigger WHERE tgrelid = 'issues'::regclass
		AND NOT tgisinternal ORDER BY tgname"
	before=$(sql "$trig")
	run issue-file batch.csv
	is "$rc.$out" "$(printf '1.1\n2\n3')" "PostgreSQL: the batch files its good rows"
	is "$(sql "$trig")" "$before" "PostgreSQL: the triggers on issues as they were"
	for i in $(seq 1 6); do ok 0 "# SKIP SQLite's statement journal"; done
	done_testing
	exit
fi

before=$(schema)
v0=$(sql 'PRAGMA schema_version')
like "$before" "tallies_file" "the store counts an issue inserted ended"

run issue-file batch.csv
is "$rc.$out" "$(printf '1.1\n2\n3')" "the batch files its good rows, one refused (exit 1)"
is "$(schema)" "$before" "the schema as it was after the batch"
v1=$(sql 'PRAGMA schema_version')
ok "$([ "$v1" -gt "$v0" ]; echo $?)" "the batch's transaction lifted the trigger and put it back ($v0 -> $v1)"

# the batch's events: one 'filed' event an issue, as issue-file writes
# for one issue given in options, in the order of the issues, before the
# batch's summary
issue-file --no-summary --household H005 --category 治安 --text 一件 >/dev/null
ev="SELECT e.at = i.filed_at, e.prog, e.login = '$(id -un)', e.kind,
	e.status, e.rung = i.rung, e.unit IS NULL, e.due_at IS i.due_at,
	e.detail IS NULL, e.role IS NULL FROM events e JOIN issues i ON i.id = e.issue
	WHERE e.kind = 'filed'"
is "$(sql "$ev AND i.id <= 3 ORDER BY e.id")" "$(sql "$ev AND i.id = 4")
$(sql "$ev AND i.id = 4")
$(sql "$ev AND i.id = 4")" "a batch's 'filed' events are as one filed alone writes it"
is "$(sql "SELECT group_concat(issue) FROM (SELECT issue FROM events
	WHERE kind = 'filed' ORDER BY id)")" "1,2,3,4" "one an issue, in the issues' order"
is "$(sql "SELECT count(*) FROM events WHERE issue IS NULL AND id BETWEEN
	(SELECT min(id) FROM events WHERE issue = 1) AND
	(SELECT max(id) FROM events WHERE issue = 3)")" 0 \
	"the batch's summary comes after its issues' events"

run issue-file --dry-run batch.csv
is "$(schema).$(sql 'SELECT count(*) FROM issues')" "$before.4" \
	"--dry-run: nothing filed, the schema as it was"

run issue-file --strict bad.csv
is "$rc.$(schema).$(sql 'SELECT count(*) FROM issues')" "1.$before.4" \
	"--strict with a bad row: nothing filed, the schema as it was"

# an administrator's hand: an issue inserted already closed is counted
sql "INSERT INTO issues (grid, category, text, status, rung, filed_at,
	updated_at, closed_at) VALUES ('371399102201', '治安', '旧案', 'closed',
	3, 0, 0, 0)"
is "$(sql "SELECT dim, key, n FROM tallies WHERE grid = '371399102201'
	AND status = 'closed' ORDER BY dim")" "0|3|1
1||1
2|治安|1" "an issue inserted closed after the batches is counted by rung, unit and category"

# the trigger is back for the next batch too: it files as the first did
run issue-file batch.csv
is "$rc.$(schema)" "1.$before" "a second batch: the schema as it was"

done_testing
