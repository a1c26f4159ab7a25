#!/bin/sh
# Many offices on one store (gridkit(7), "Many offices").  On SQLite, one
# file one office: grid-import offices keeps the record of who is who, the
# event log's role is NULL, and nothing else changes.  On PostgreSQL:
# twelve township offices, each a database role tied to its township, file
# and update issues all at once while two escalate runs go through the
# night; afterwards every count is exact (nothing lost, nothing escalated
# twice, no row printed twice) and no program said a word on stderr.  And
# an office is refused another township's issue, by the programs and by
# psql alike.
. "$(dirname "$0")/lib.sh"

# refused: the command failed
refused() {
	ok "$([ "$rc" -ne 0 ]; echo $?)" "$1"
}

# --- SQLite: the offices kind ------------------------------------------
small_store
printf 'login,grid,unit\ntown_a,371399101,\nclerk_u1,,U01\nboth,371399101201,U02\n' >o.csv
run grid-import offices o.csv
is "$rc:$err" "0:grid-import: o.csv: 3 read, 3 added, 0 updated, 0 unchanged, 0 rejected" \
	"grid-import offices adds a row a line"
is "$(sql "SELECT login, coalesce(grid, '-'), coalesce(unit, '-') FROM offices ORDER BY login")" \
"both|371399101201|U02
clerk_u1|-|U01
town_a|371399101|-" "tied to a grid, a unit, or both"
run grid-import offices o.csv
is "$rc:$err" "0:grid-import: o.csv: 3 read, 0 added, 0 updated, 3 unchanged, 0 rejected" \
	"the same file again changes nothing"
run grid-export offices -o csv
is "$rc:$out" "0:login,grid,unit
both,371399101201,U02
clerk_u1,,U01
town_a,371399101," "grid-export offices: the rows grid-import reads, by login"
grid-export offices -o csv >back.csv
run grid-import --replace offices back.csv
is "$rc:$err" "0:grid-import: back.csv: 3 read, 0 added, 0 updated, 3 unchanged, 0 rejected" \
	"an export fed back changes nothing"
run grid-export offices --grid 371399101
is "$rc" 2 "offices are not limited to a grid"
run sh -c 'grid-export offices --grid 371399101 | grid-import --replace offices'
is "$rc" 1 "an export that failed, piped into --replace: exit 1"
is "$(sql "SELECT count(*) FROM offices")" 3 "and no office taken out"
printf 'login,grid,unit\nTown A,371399101,\nx,,\ny,999,\nz,,U99\ntown_b,371399102,\ntown_b,371399102,\npg_x,371399,\n%s,371399,\n\001\377,371399,\n' \
	"$(printf 'a%.0s' $(seq 64))" >bad.csv
run grid-import offices bad.csv
is "$rc" 1 "bad rows: exit 1"
is "$err" "grid-import: bad.csv:2: login 'Town A': is not a login (lowercase letters, digits and '_', starting with a letter or '_')
grid-import: bad.csv:3: an office needs a grid, a unit or both
grid-import: bad.csv:4: grid '999' does not exist
grid-import: bad.csv:5: unit 'U99' does not exist
grid-import: bad.csv:7: office 'town_b' of grid '371399102' and unit '' comes twice in this batch (first on line 6)
grid-import: bad.csv:8: login 'pg_x': is PostgreSQL's own (pg_...)
grid-import: bad.csv:9: login 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…': is longer than 63 characters
grid-import: bad.csv:10: 'login' is not valid UTF-8 (byte 2); a file saved by Excel on Chinese Windows needs --encoding gb18030
grid-import: bad.csv: 9 read, 1 added, 0 updated, 0 unchanged, 8 rejected" \
	"each bad row named by its line, the good one in"
printf 'login,grid,unit\ntown_b,371399102,\n' >keep.csv
run grid-import --replace offices keep.csv
is "$rc" 0 "--replace: the file is the whole set"
like "$err" "3 offices not in the batch taken out \(--replace\)" "the others taken out"
is "$(sql "SELECT login FROM offices")" "town_b" "one office left"
is "$(sql "SELECT subject || ' ' || detail FROM events WHERE kind = 'update' AND subject LIKE 'office %' ORDER BY id")" \
'office both {"removed":{"grid":"371399101201","unit":"U02"}}
office clerk_u1 {"removed":{"grid":null,"unit":"U01"}}
office town_a {"removed":{"grid":"371399101","unit":null}}' \
	"each taken out with an event"
run grid-import --replace grids "$FIX/small/grids.csv"
is "$rc" 2 "--replace goes with rules and offices alone"
# one file, one office: the table is a record, and nothing is refused
export GRID_NOW='2013-07-01 09:00'
run issue-file --household H001 --category 道路 --text 坑
is "$rc:$out" "0:1" "on SQLite an issue outside every office is filed"
run issue-update --note 看过 1
is "$rc" 0 "and updated"
pg_skip "the event log's role is the database role there (below)" ||
	is "$(sql "SELECT count(*) FROM events WHERE role IS NOT NULL")" 0 \
		"the event log's role is NULL on SQLite"
unset GRID_NOW

# --- PostgreSQL ----------------------------------------------------------
if ! pg_store; then
	ok 0 "# SKIP no PostgreSQL (GK_PG_URI)"
	done_testing
	exit
fi
ADMIN=$GRID_DB
db=$(printf '%s' "$ADMIN" | sed 's|^postgres[a-z]*://[^/?]*/\([^?]*\).*|\1|')
# an office's URI: the same database as the role $1
as() {
	printf '%s' "$ADMIN" | sed "s/user=[^&]*/user=$1/"
}
N=6
TOWNS="01 02 03 04 05 06 07 08 09 10 11 12"
# the county: a root, twelve townships, a village each with a household
# (not paired: an issue starts on the village's rung)
{
	echo code,name,parent
	echo 371399,清河县,
	for t in $TOWNS; do
		echo "3713991$t,镇$t,371399"
		echo "3713991${t}201,村$t,3713991$t"
	done
} >grids.csv
{
	echo code,head,grid
	for t in $TOWNS; do echo "H$t,户$t,3713991${t}201"; done
} >households.csv
{
	echo login,grid,unit
	for t in $TOWNS; do echo "${db}_t$t,3713991$t,"; done
} >offices.csv

run grid-init
is "$rc" 0 "grid-init creates the store on the server"
is "$(psql_sql "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'gridkit_clerk'")" f \
	"and the group role of the offices"
for f in levels:"$FIX/small/levels.csv" units:"$FIX/small/units.csv" \
    grids:grids.csv households:households.csv; do
	grid-import --no-summary "${f%%:*}" "${f#*:}" ||
		{ echo "Bail out! cannot import ${f%%:*}"; exit 1; }
done
run grid-import offices offices.csv
is "$rc:$err" "0:grid-import: offices.csv: 12 read, 12 added, 0 updated, 0 unchanged, 0 rejected" \
	"the admin imports the twelve offices"
is "$(grid-export offices -o csv | sed 1d | sort | tr '\n' ' ')" \
	"$(sed 1d offices.csv | sort | tr '\n' ' ')" "grid-export offices gives them back"
for t in $TOWNS; do
	psql_sql "CREATE ROLE ${db}_t$t LOGIN IN ROLE gridkit_clerk" || echo "# no role $t"
done
psql_sql "CREATE ROLE ${db}_none LOGIN IN ROLE gridkit_clerk"
run grid-init
is "$rc" 0 "grid-init again: the offices' rights set again, nothing else"

# the race: twelve offices, each filing N issues and noting each; two
# escalate runs four times each, at a time when every issue is overdue
export GRID_NOW='2013-07-01 09:00'
for t in $TOWNS; do
	(
		export GRID_DB="$(as "${db}_t$t")"
		i=1
		while [ $i -le $N ]; do
			id=$(issue-file --household "H$t" --category 道路 \
			    --text "镇$t 第$i件") || echo "issue-file: exit $?" >&2
			echo "$id"
			issue-update -q --note "看过 $i" "$id" ||
				echo "issue-update: exit $?" >&2
			i=$((i + 1))
		done
	) >"race.$t.out" 2>"race.$t.err" &
done
# and the city's hotline, the administrator, files a batch from a pipe
# twice: one issue in each township a time
(
	for n in 1 2; do
		{
			echo household,category,text
			for t in $TOWNS; do echo "H$t,热线,热线$n 镇$t"; done
		} | issue-file -q --no-summary || echo "issue-file: exit $?" >&2
	done
) >hotline.out 2>hotline.err &
for e in 1 2; do
	(
		for n in 1 2 3 4; do
			GRID_NOW='2013-08-01 09:00' escalate --no-summary -q ||
				echo "escalate: exit $?" >&2
		done
	) >"esc.$e.out" 2>"esc.$e.err" &
done
wait
GRID_NOW='2013-08-01 09:00' escalate --no-summary -q >esc.last.out 2>esc.last.err ||
	echo "escalate: exit $?" >>esc.last.err
unset GRID_NOW

is "$(cat race.*.err esc.*.err hotline.err)" "" "no error, no message on any stderr"
offices=$((12 * N))
total=$((offices + 24))
is "$(psql_sql "SELECT count(*) FROM issues")" $total "every issue filed is there"
is "$(psql_sql "SELECT count(*) FROM issues GROUP BY substr(grid, 1, 9) HAVING count(*) <> $N + 2")" "" \
	"$N of its office and 2 of the hotline in each township"
is "$(sort -n hotline.out | uniq | wc -l):$(psql_sql "SELECT count(*) FROM issues WHERE category = '热线'")" 24:24 \
	"the hotline's 24 ids printed once each"
for t in $TOWNS; do
	lines=$(wc -l <"race.$t.out")
	[ "$lines" -eq $((2 * N)) ] || echo "# office $t printed $lines lines"
done >race.lines
is "$(cat race.lines)" "" "each office printed each id twice (filed, noted): none lost, none twice"
is "$(cat race.*.out | sort -n | uniq -c | awk '$1 != 2' | wc -l)" 0 \
	"every id printed by its filing and its note"
is "$(psql_sql "SELECT kind || ' ' || count(*) FROM events WHERE issue IS NOT NULL GROUP BY kind ORDER BY kind")" \
"escalated $total
filed $total
note $offices" "events: one filing and one escalation an issue, a note on each office's"
is "$(psql_sql "SELECT count(*) FROM issues i WHERE (SELECT count(*) FROM events e WHERE e.issue = i.id AND e.kind = 'escalated') <> 1 OR (SELECT count(*) FROM events e WHERE e.issue = i.id AND e.kind = 'note') <> CASE WHEN i.category = '热线' THEN 0 ELSE 1 END OR (SELECT min(e.id) FROM events e WHERE e.issue = i.id) <> (SELECT e.id FROM events e WHERE e.issue = i.id AND e.kind = 'filed')")" 0 \
	"each issue: filed first, noted once (the offices'), escalated once"
is "$(psql_sql "SELECT count(*) || ' ' || count(DISTINCT issue) FROM accountability")" "$total $total" \
	"one accountability case an issue: none escalated twice"
is "$(cat esc.*.out | sort -n | uniq -d)" "" "no issue printed by two escalate runs"
is "$(cat esc.*.out | wc -l)" $total "and every escalation printed once"
is "$(psql_sql "SELECT count(*) FROM issues WHERE rung <> 2 OR escalations <> 1")" 0 \
	"each one rung up, from its village to its township"
is "$(psql_sql "SELECT count(*) FROM events e JOIN issues i ON i.id = e.issue WHERE e.kind IN ('filed', 'note') AND i.category <> '热线' AND e.role <> '${db}_t' || substr(i.grid, 8, 2)")" 0 \
	"the log records each office's role on its filings and notes"
is "$(psql_sql "SELECT DISTINCT e.role FROM events e JOIN issues i ON i.id = e.issue WHERE e.kind = 'escalated' OR i.category = '热线'")" gridkit \
	"and the admin's on the escalations and the hotline's filings"

# another township's issue: refused by the programs and by the database
T1=$(as "${db}_t01")
other=$(psql_sql "SELECT min(id) FROM issues WHERE grid = '371399102201'")
before=$(psql_sql "SELECT count(*) FROM events")
run issue-update --db "$T1" --note 越权 "$other"
is "$rc" 1 "an office updating another township's issue: exit 1, as a refused action"
is "$err" "issue-update: issue $other is another office's (grid 371399102201): role '${db}_t01' may change only the issues of its own grids and units" \
	"saying whose it is"
mine=$(psql_sql "SELECT min(id) FROM issues WHERE grid = '371399101201'")
run issue-update --db "$T1" --note 看 "$mine" "$other"
is "$rc:$out" "1:id	status
$mine	open" "its own issue in the same run is done"
# an office ends its own issue: the board's counts (tallies, written by a
# trigger as the tables' owner) follow, and the office cannot write them
run issue-update --db "$T1" --reject --reason 不属于政府职责 "$mine"
is "$rc" 0 "an office rejects its own issue"
is "$(psql_sql "SELECT sum(n) FROM tallies WHERE status = 'rejected' AND dim = 0")" 1 \
	"the board's count of rejected issues follows"
is "$(psql_sql "SELECT sum(n) FROM tally_totals WHERE status = 'rejected' AND dim = 0")" 1 \
	"and the whole store's (tally_totals, written by a trigger on tallies)"
run psql -qAtX -d "$T1" -c "UPDATE tallies SET n = 0"
refused "psql as the office: the board's counts cannot be written"
run psql -qAtX -d "$T1" -c "UPDATE tally_totals SET n = 0"
refused "nor the whole store's"
run psql -qAtX -d "$T1" -c "SELECT sum(n) FROM tally_totals WHERE status = 'rejected'"
is "$rc:$out" "0:3" "but the office reads them, for its board (a count by rung, unit and category)"
run issue-file --db "$T1" --household H02 --category 道路 --text 越权
is "$rc" 1 "filing in another township: refused"
like "$err" "grid '371399102201' is another office's" "saying so"
run issue-update --db "$(as "${db}_none")" --note 看 "$mine"
is "$rc" 1 "a clerk with no office changes nothing"
is "$(psql_sql "SELECT count(*) FROM events")" $((before + 2)) "only the office's own note and rejection were written"
# a batch from the office: its own rows filed, the others refused by
# their lines, as one by one
runin 'household,grid,category,text
H02,,道路,越权
H01,,道路,本镇
,371399102201,道路,越权
,371399101201,道路,本村
' issue-file --db "$T1" --no-summary
is "$rc:$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1:2 "a batch from an office: exit 1, its two filed"
is "$err" "issue-file: stdin:2: grid '371399102201' is another office's: role '${db}_t01' may file issues only in its own grids
issue-file: stdin:4: grid '371399102201' is another office's: role '${db}_t01' may file issues only in its own grids" \
	"the other township's two refused by their lines"
is "$(psql_sql "SELECT count(*) FROM issues WHERE text IN ('本镇', '本村') AND grid LIKE '371399101%'")" 2 \
	"its own two in the store"
is "$(psql_sql "SELECT count(*) FROM issues WHERE text = '越权'")" 0 "the others not"
run psql -qAtX -d "$T1" -c "UPDATE issues SET status = 'closed' WHERE id = $other"
refused "psql as the office: an UPDATE of another township's issue fails"
like "$err" "issue $other is another office's" "with the database's reason"
run psql -qAtX -d "$T1" -c "UPDATE issues SET grid = '371399101201' WHERE id = $other"
refused "nor can it take the issue by moving it into its township"
run psql -qAtX -d "$T1" -c "CREATE TEMP TABLE offices (login text, grid text, unit text)" \
	-c "INSERT INTO offices VALUES (current_user, '371399', NULL)" \
	-c "CREATE TEMP TABLE issues (id int)" \
	-c "UPDATE public.issues SET status = 'closed' WHERE id = $other"
like "$err" "issue $other is another office's" \
	"nor with temporary tables named offices and issues in its session"
run psql -qAtX -d "$T1" -c "INSERT INTO issues (grid, category, text, rung, filed_at, updated_at) VALUES ('371399102201', 'x', 'x', 3, 0, 0)"
refused "nor file one there by hand"
like "$err" "row-level security" "row-level security says no"
run psql -qAtX -d "$T1" -c "INSERT INTO events (at, prog, login, kind, role) VALUES (0, 'x', 'x', 'note', 'gridkit')"
refused "nor write an event as another role"
run psql -qAtX -d "$T1" -c "DELETE FROM issues WHERE id = $other"
refused "nor delete an issue"
is "$(psql_sql "SELECT status || ' ' || grid FROM issues WHERE id = $other")" "open 371399102201" \
	"the issue is as it was"
run psql -qAtX -d "$T1" -c "UPDATE issues SET answer = 'x' WHERE id = $mine"
is "$rc" 0 "psql as the office may change its own issue"
is "$(psql -qAtX -d "$T1" -c "SELECT count(*) FROM issues")" $((total + 2)) \
	"and reads every issue (reports are city-wide)"

# visits: an office logs those of its grids' households, or of its units'
# cadres; another township's visit is refused by visit-log, grid-import
# and the database alike
printf 'code,name,unit,grid\nC01,甲,U01,371399101201\nC02,乙,U02,371399102201\n' >cadres.csv
grid-import --no-summary cadres cadres.csv
printf 'household,cadre\nH01,C01\nH02,C02\n' >pairs.csv
GRID_NOW='2013-06-01 09:00' grid-import --no-summary pairs pairs.csv
printf 'login,grid,unit\n%s_u2,,U02\n' "$db" >u2.csv
grid-import --no-summary offices u2.csv
psql_sql "CREATE ROLE ${db}_u2 LOGIN IN ROLE gridkit_clerk"
export GRID_NOW='2013-07-02 09:00'
run visit-log --db "$T1" C01 H01
is "$rc" 0 "an office logs a visit to a household of its township"
run visit-log --db "$T1" C02 H02
is "$rc" 1 "another township's household, by another unit's cadre: refused"
is "$err" "visit-log: household 'H02' is another office's (grid 371399102201) and cadre 'C02' of unit 'U02' too: role '${db}_t01' may log only the visits of its own grids' households and its own units' cadres" \
	"saying whose they are"
printf 'cadre,household,at\nC01,H01,2013-07-01 10:00\nC02,H02,2013-07-01 10:00\n' >visits.csv
run grid-import --db "$T1" visits visits.csv
is "$rc" 1 "grid-import visits as the office: the other's row rejected"
like "$err" "visits.csv:3: household 'H02' is another office's" "by its line"
run visit-log --db "$(as "${db}_u2")" C02 H02
is "$rc" 0 "the cadre's own unit's office logs it"
run psql -qAtX -d "$T1" -c "INSERT INTO visits (cadre, household, at) VALUES ('C02', 'H02', 1372640400)"
refused "psql as the office: a visit of another township's household fails"
like "$err" "row-level security" "row-level security says no"
is "$(psql_sql "SELECT cadre || ' ' || household FROM visits ORDER BY id")" "C01 H01
C01 H01
C02 H02" "the visits of the offices that may log them, no other"
unset GRID_NOW

pg_drop
for t in $TOWNS none u2; do
	psql -qAtX -d "$GK_PG_URI" -c "DROP ROLE IF EXISTS ${db}_t$t" >/dev/null 2>&1
done
done_testing
