#!/bin/sh
# escalate: nothing before the deadline, one rung after it, nothing the
# second time the same night; the row, the accountability record, the
# event and the issue as they should be; -q, --no-summary and the output modes
. "$(dirname "$0")/lib.sh"
small_store H001:C005

# no calendar: plain hours.  联系干部 72, 村 120
export GRID_NOW='2013-07-01 09:00'
run issue-file --household H001 --category 治安 --text '夜里有人撬门'
is "$out" 1 "an issue about a paired household"
is "$(sql "SELECT rung, cadre, datetime(due_at, 'unixepoch', '+8 hours') FROM issues WHERE id = 1")" \
	"0|C005|2013-07-04 09:00:00" "starts with its cadre, due in 72 hours"

run env GRID_NOW='2013-07-04 08:59:59' escalate
is "$rc" 0 "before the deadline: exit 0"
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "nothing to do: the header alone"
is "$err" "escalate: 0 escalated, 0 flagged at the root, 0 overdue at the root from before" \
	"the summary says so"
run env GRID_NOW='2013-07-04 09:00:00' escalate
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "at the deadline itself: not yet"
is "$(sql 'SELECT count(*) FROM accountability')" 0 "no accountability"

events=$(sql 'SELECT count(*) FROM events')
run env GRID_NOW='2013-07-05 02:00' escalate
is "$rc" 0 "past the deadline: exit 0"
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit\n1\t联系干部\t村\t2013-07-10 02:00:00\tC005\t')" \
	"one rung up: cadre to the household's village, 120 hours from now"
is "$err" "escalate: 1 escalated, 0 flagged at the root, 0 overdue at the root from before" \
	"the summary counts it"
is "$(sql "SELECT rung, rung_grid, escalations, at_root, printf('%.1f', hours), datetime(due_at, 'unixepoch', '+8 hours'), status FROM issues WHERE id = 1")" \
	"3|371399101201|1|0|120.0|2013-07-10 02:00:00|open" \
	"the issue: on the village's rung, a new deadline, counted, still open"
is "$(sql "SELECT issue, datetime(opened_at, 'unixepoch', '+8 hours'), rung, CASE WHEN grid IS NULL THEN 1 ELSE 0 END, holder_cadre, CASE WHEN holder_unit IS NULL THEN 1 ELSE 0 END, datetime(due_at, 'unixepoch', '+8 hours'), printf('%.1f', hours_over) FROM accountability")" \
	"1|2013-07-05 02:00:00|0|1|C005|1|2013-07-04 09:00:00|17.0" \
	"one accountability case: the cadre rung, the cadre, the missed deadline, 17 hours over"
is "$(sql 'SELECT count(*) FROM events')" "$((events + 1))" "one event"
is "$(sql "SELECT kind, issue, prog, status, rung, datetime(due_at, 'unixepoch', '+8 hours'), detail FROM events ORDER BY id DESC LIMIT 1")" \
	'escalated|1|escalate|open|3|2013-07-10 02:00:00|{"from":0,"to":3,"from_grid":null,"to_grid":"371399101201","case":1}' \
	"the event records from where to where, and the state after it"

# the same night again: nothing
before=$(store_hash)
run env GRID_NOW='2013-07-05 02:00' escalate
is "$rc.$out" "0.$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "a second run the same night escalates nothing"
is "$(store_hash)" "$before" "and changes nothing in the store"
run env GRID_NOW='2013-07-05 03:00' escalate
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "nor an hour later"

# the output modes
sql "UPDATE issues SET due_at = due_at - 7 * 86400 WHERE id = 1"
store_save saved.db
run env GRID_NOW='2013-07-05 04:00' escalate -q
is "$out" 1 "-q prints the ids only"
store_restore saved.db
run env GRID_NOW='2013-07-05 04:00' escalate -q --no-summary
is "$out.$err" "1." "-q: the ids only; --no-summary leaves out the summary"
store_restore saved.db
run env GRID_NOW='2013-07-05 04:00' escalate -o jsonl
is "$out" '{"id":1,"from":"村","to":"乡镇","due":"2013-07-15 04:00:00","held_by":"C003","unit":null}' \
	"-o jsonl: the village's leader held it"
store_restore saved.db
run env GRID_NOW='2013-07-05 04:00' escalate -o csv --bom
is "$out" "$(printf '\357\273\277id,from,to,due,held_by,unit\n1,村,乡镇,2013-07-15 04:00:00,C003,')" \
	"-o csv --bom"
store_restore saved.db
run env GRID_NOW='2013-07-05 04:00' escalate -o table
like "$out" "^id  from  to    due                  held_by  unit" "-o table"

# a subtree
store_restore saved.db
run env GRID_NOW='2013-07-05 04:00' escalate --grid 371399102
is "$rc.$out" "0.$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "--grid: an issue outside the subtree stays"
run env GRID_NOW='2013-07-05 04:00' escalate --grid 371399101 -q
is "$out" 1 "--grid: one inside it goes up"
run env GRID_NOW='2013-07-05 04:00' escalate --grid 999
is "$rc" 2 "--grid of no grid: a usage error"
like "$err" "grid '999' does not exist" "says which grid"

done_testing
