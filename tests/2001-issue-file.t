#!/bin/sh
# issue-file: one issue from the flags, many from CSV and JSON Lines on
# stdin; the new ids one a line on stdout; the grid from the household; the
# starting rung by the ladder (the paired active cadre, else the grid) and
# its deadline; bad rows named by line while the good ones are kept; a ref
# in the store already is skipped and reported, so a batch can run twice
. "$(dirname "$0")/lib.sh"
S=$FIX/small
small_store H001:C005 H003:C004
# C004 has left but H003's pair stayed (as in a store from before
# grid-import handed a leaver's households on, tests/1013): an issue no
# longer starts with C004
sql "UPDATE cadres SET status = 'left' WHERE code = 'C004'"
issue() {
	sql "SELECT id, coalesce(ref, '-'), coalesce(household, '-'), grid, status, rung,
	    coalesce(rung_grid, '-'), coalesce(cadre, '-'), printf('%.1f', hours),
	    datetime(filed_at, 'unixepoch', '+8 hours'),
	    datetime(due_at, 'unixepoch', '+8 hours')
	    FROM issues WHERE id = $1"
}
export GRID_NOW='2013-07-01 09:00'

# the flags form; no calendar: plain hours (联系干部 72, 村 120, 乡镇 240, 县 480)
run issue-file --household H001 --category 治安 --text '夜里有人撬门' \
	--source visit --reporter C005
is "$rc.$out.$err" "0.1." "a paired household: id 1 on stdout, nothing on stderr"
is "$(issue 1)" "1|-|H001|371399101201|open|0|-|C005|72.0|2013-07-01 09:00:00|2013-07-04 09:00:00" \
	"its grid is the household's; it starts with the paired cadre, 72 hours"
is "$(sql "SELECT category, text, source, reporter, private FROM issues WHERE id = 1")" \
	"治安|夜里有人撬门|visit|C005|0" "category, text, source, reporter as given"
is "$(sql "SELECT kind, issue, prog, status, rung, datetime(at, 'unixepoch', '+8 hours'), coalesce(detail, '-') FROM events WHERE issue = 1")" \
	"filed|1|issue-file|open|0|2013-07-01 09:00:00|-" "one event: filed"

run issue-file --household H002 --category 市容环境 --text '垃圾没人清运'
is "$out" 2 "an unpaired household: id 2"
is "$(issue 2)" "2|-|H002|371399101201|open|3|371399101201|-|120.0|2013-07-01 09:00:00|2013-07-06 09:00:00" \
	"starts at the household's village (rung 3), 120 hours"
run issue-file --household H003 --category 市容环境 --text '路灯坏了'
is "$(issue 3)" "3|-|H003|371399101202|open|3|371399101202|-|120.0|2013-07-01 09:00:00|2013-07-06 09:00:00" \
	"a household whose cadre has left starts at its village, not with the cadre"
run issue-file --grid 371399101 --category 道路交通 --text '集市车辆乱停乱放' \
	--source patrol --at '2013-06-30 15:30' --ref 'P-0001' --private
is "$out" 4 "a grid, no household: id 4"
is "$(issue 4)" "4|P-0001|-|371399101|open|2|371399101|-|240.0|2013-06-30 15:30:00|2013-07-10 15:30:00" \
	"starts at the grid's own rung (乡镇, 240 hours from --at); the ref kept"
is "$(sql "SELECT private, datetime(at, 'unixepoch', '+8 hours') FROM issues JOIN events ON events.issue = issues.id WHERE issues.id = 4")" \
	"1|2013-06-30 15:30:00" "--private is kept; the filed event is at --at"
run issue-file --household H001 --grid 371399101201 --category 治安 --text 'x'
is "$out" 5 "--grid that agrees with the household is fine"

# the flags form refused: exit 1, nothing filed
n=$(sql 'SELECT count(*) FROM issues')
run issue-file --household H999 --category 治安 --text 'x'
is "$rc.$out" "1." "a household that does not exist: exit 1, no id"
is "$err" "issue-file: household 'H999' does not exist" "says which"
run issue-file --household H001 --grid 371399 --category 治安 --text 'x'
is "$rc.$err" "1.issue-file: household 'H001' is in grid '371399101201', not '371399'" \
	"a grid that contradicts the household"
run issue-file --grid 999 --category 治安 --text 'x'
is "$rc.$err" "1.issue-file: grid '999' does not exist" "a grid that does not exist"
run issue-file --grid 371399 --category 治安 --text 'x' --reporter C999
is "$rc.$err" "1.issue-file: reporter 'C999' is not a cadre" "a reporter who is not a cadre"
run issue-file --grid 371399 --category 治安 --text 'x' --at 2013-07-02
is "$rc.$err" "1.issue-file: filed_at '2013-07-02' is in the future" "--at in the future"
run issue-file --grid 371399 --category 治安 --text 'x' --at 'last week'
is "$rc.$err" "1.issue-file: filed_at 'last week' is not a time" "--at that is no time"
run issue-file --grid 371399 --category 治安 --text 'x' --ref P-0001
is "$rc.$out.$err" "0..issue-file: ref 'P-0001' is issue 4 already; nothing filed" \
	"a ref in the store: nothing filed, the earlier issue named"
# what filing reads of the store comes in one query; the checks keep
# their order: the reporter first, then the ref, then the household
run issue-file --household H999 --category 治安 --text 'x' --ref P-0001
is "$rc.$out.$err" "0..issue-file: ref 'P-0001' is issue 4 already; nothing filed" \
	"a ref in the store is the issue filed, whatever the household now"
run issue-file --household H999 --category 治安 --text 'x' --ref P-0001 --reporter C999
is "$rc.$err" "1.issue-file: reporter 'C999' is not a cadre" \
	"a reporter who is not a cadre is refused before the ref is looked up"
run issue-file --household H999 --grid 999 --category 治安 --text 'x'
is "$rc.$err" "1.issue-file: household 'H999' does not exist" \
	"the household is checked, not the grid given beside it"
run issue-file --grid 371399 --category 治安
is "$rc" 2 "no --text: usage"
like "$err" "an issue needs --category and --text" "says what is missing"
run issue-file --grid 371399 --category 治安 --text x issues.csv
is "$rc" 2 "flags and a file: usage"
run issue-file --grid 371399 --category 治安 --text x --dry-run
is "$rc.$out" "0." "--dry-run: exit 0, no id"
is "$(sql 'SELECT count(*) FROM issues')" "$n" "nothing filed by any of these"

# a batch in CSV on stdin: good rows kept, bad ones named by line
cat >batch.csv <<'EOF'
household,grid,category,text,source,reporter,private,filed_at,ref
H002,,市容环境,"门口有人占道摆摊,堵了路",hotline,,0,2013-07-01 08:00,12345-2013-0001
,371399102201,社会救助,申请低保,walk-in,C006,1,,12345-2013-0002
H999,,治安,x,,,,,
,,治安,no place,,,,,
H004,,,no category,,,,,
H005,,社会救助,申请低保,visit,C999,,,
H005,,社会救助,申请低保,visit,,2,,
H005,,社会救助,申请低保,visit,,,2099-01-01,
H005,371399101201,社会救助,wrong grid,visit,,,,
H004,,治安,夜里打架,visit,,,,
H005,,社会救助,同一张工单,hotline,,,,12345-2013-0001
EOF
run issue-file <batch.csv
is "$rc" 1 "some rows rejected: exit 1"
is "$out" "$(printf '6\n7\n8')" "the good rows' ids, one a line, in the order of the rows"
is "$err" "issue-file: stdin:4: household 'H999' does not exist
issue-file: stdin:5: give a household or a grid
issue-file: stdin:6: 'category' is empty (it is required)
issue-file: stdin:7: reporter 'C999' is not a cadre
issue-file: stdin:8: private '2' must be 0 or 1
issue-file: stdin:9: filed_at '2099-01-01' is in the future
issue-file: stdin:10: household 'H005' is in grid '371399102201', not '371399101201'
issue-file: stdin:12: ref '12345-2013-0001' is issue 6 already; skipped
issue-file: stdin: 11 read, 3 filed, 1 skipped, 7 rejected" \
	"each bad row by its line; a ref met twice in one batch is skipped; a summary"
is "$(issue 6)" "6|12345-2013-0001|H002|371399101201|open|3|371399101201|-|120.0|2013-07-01 08:00:00|2013-07-06 08:00:00" \
	"row 2: a quoted text with a comma, filed_at in the past"
is "$(sql 'SELECT text, source, private FROM issues WHERE id = 6')" \
	"门口有人占道摆摊,堵了路|hotline|0" "the text whole"
is "$(issue 7)" "7|12345-2013-0002|-|371399102201|open|3|371399102201|-|120.0|2013-07-01 09:00:00|2013-07-06 09:00:00" \
	"row 3: a grid; no filed_at is now"
is "$(sql 'SELECT reporter, private FROM issues WHERE id = 7')" "C006|1" \
	"private 1; a reporter who has left is still a cadre"

# the same batch again: nothing filed twice
n=$(sql 'SELECT count(*) FROM issues')
run issue-file <batch.csv
is "$out" "9" "the second run files only the row without a ref again"
like "$err" "issue-file: stdin:2: ref '12345-2013-0001' is issue 6 already; skipped" \
	"row 2 skipped, naming the issue"
like "$err" "issue-file: stdin:3: ref '12345-2013-0002' is issue 7 already; skipped" \
	"row 3 skipped"
like "$err" "stdin: 11 read, 1 filed, 3 skipped, 7 rejected" "the summary counts them"
is "$(sql 'SELECT count(*) FROM issues')" "$((n + 1))" "one issue more"
printf 'household,grid,category,text,ref\nH002,,市容环境,x,12345-2013-0001\n' >again.csv
run issue-file again.csv
is "$rc.$out" "0." "only skipped rows: nothing to report as bad, exit 0"
is "$err" "issue-file: again.csv:2: ref '12345-2013-0001' is issue 6 already; skipped
issue-file: again.csv: 1 read, 0 filed, 1 skipped, 0 rejected" "from a file: its name"
run issue-list --ref 12345-2013-0001 -q
is "$out" 6 "issue-list --ref finds it"

# JSON Lines
printf '%s\n' '{"grid":"371399","category":"其他","text":"县里的事","ref":"J-1","private":"0"}' \
	'{"household":"H001","category":"治安","text":"t","bogus":1}' \
	'{"household":"H005","category":"社会救助","text":"无人照看的老人","source":"visit","filed_at":"2013-07-01 08:30"}' >b.jsonl
run issue-file <b.jsonl
is "$rc.$out" "$(printf '1.10\n11')" "JSON Lines: the good rows filed"
is "$err" "issue-file: stdin:2: unknown field 'bogus' (known: household, grid, category, text, source, reporter, private, filed_at, ref)
issue-file: stdin: 3 read, 2 filed, 0 skipped, 1 rejected" "an unknown field rejects its row"
is "$(issue 10)" "10|J-1|-|371399|open|1|371399|-|480.0|2013-07-01 09:00:00|2013-07-21 09:00:00" \
	"the county grid: rung 1, 480 hours"
is "$(issue 11)" "11|-|H005|371399102201|open|3|371399102201|-|120.0|2013-07-01 08:30:00|2013-07-06 08:30:00" \
	"a household of 南村 (no cadre)"

# --strict, --dry-run, --rejects; an unknown column
n=$(sql 'SELECT count(*) FROM issues')
run issue-file --strict <batch.csv
is "$rc.$out" "1." "--strict: one bad row rejects the batch, no ids"
run issue-file --dry-run <b.jsonl
is "$out" "" "--dry-run: no ids"
is "$(sql 'SELECT count(*) FROM issues')" "$n" "and nothing filed by either"
run issue-file --rejects bad.csv <batch.csv
is "$(sed -n '1p;$p' bad.csv)" "household,grid,category,text,source,reporter,private,filed_at,ref
H005,371399101201,社会救助,wrong grid,visit,,,," "--rejects writes the bad rows for correction"
is "$(($(wc -l <bad.csv) - 1))" 7 "all seven of them"
printf 'household,category,txt\nH001,a,b\n' >typo.csv
run issue-file typo.csv
is "$rc.$out" "1." "a column nobody knows: exit 1, nothing filed"
like "$err" "typo.csv:1: unknown column 'txt'" "says which"

# --at with a calendar: working hours from the filing time.  2013-06-07 is a
# Friday; 6-08 and 6-09 are make-up workdays, 6-10..6-12 the Dragon Boat
# holiday.  72 working hours from Fri 10:00: 7 (6-07) + 8 + 8 + 8 (6-13)
# + 8 (6-14) + 8 * 4 (6-17..6-20) = 71, and the last hour on Fri 6-21
grid-import --no-summary calendar "$EX/calendar.csv"
run issue-file --household H001 --category 治安 --text 'x' --at '2013-06-07 10:00'
is "$(issue "$out")" "$out|-|H001|371399101201|open|0|-|C005|72.0|2013-06-07 10:00:00|2013-06-21 10:00:00" \
	"72 working hours skip the weekend and the holiday, count the make-up days"

done_testing
