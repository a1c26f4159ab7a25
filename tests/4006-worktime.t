#!/bin/sh
# every deadline counts working time when the store has a calendar (09:00-
# 17:00 on working days, China's 2013 holidays and make-up working days
# from examples/calendar.csv) and plain hours when it has none: filing on
# a rung, routing by a rule's hours, reopening, escalating, the hours over
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store
printf 'depth,name,hours\n0,联系干部,8\n1,县,40\n2,乡镇,24\n3,村,16\n' >levels.csv
grid-import --no-summary levels levels.csv
for k in units grids cadres households; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
printf 'household,cadre\nH001,C005\nH002,C005\n' >pairs.csv
GRID_NOW='2013-06-01' grid-import --no-summary pairs pairs.csv
printf 'order,category,pattern,unit,assist,hours\n1,饮水安全,,U03,,5\n' >rules.csv
grid-import --no-summary rules rules.csv
grid-import --no-summary calendar "$EX/calendar.csv"
saved=$TMP/saved.db
store_save "$saved"

due() {
	sql "SELECT datetime(due_at, 'unixepoch', '+8 hours') FROM issues WHERE id = $1"
}

# filing: Monday 30 September 15:00 + 8 working hours: 2 that day, then the
# National Day holidays (1-7 October), then 6 on Tuesday 8 October
GRID_NOW='2013-09-30 15:00' issue-file --no-summary --household H001 --category 治安 --text 1 >/dev/null
is "$(due 1)" "2013-10-08 15:00:00" "filing: a deadline in the National Day holidays moves past them"

# filing on a make-up Sunday (29 September is a working day)
GRID_NOW='2013-09-27 09:00' issue-file --no-summary --grid 371399101202 --category 其他 --text 2 >/dev/null
is "$(due 2)" "2013-09-29 17:00:00" \
	"filing: Friday 8 hours, Saturday off, the make-up Sunday 8 hours"

# --warn counts working hours too: from Friday 27 September 16:00, 8
# working hours reach Sunday 29 September 16:00 (a make-up day)
run env GRID_NOW='2013-09-27 16:00' escalate --warn 8 -q
is "$out" "" "--warn: nothing due by the make-up Sunday 16:00"
run env GRID_NOW='2013-09-27 16:00' escalate --warn 10 -q
is "$out" 2 "--warn 10: the issue due on Sunday 17:00 (before Monday 10:00)"

# routing by a rule's hours: 3 hours on Monday, 2 on 8 October
GRID_NOW='2013-09-30 14:00' issue-file --no-summary --grid 371399101202 --category 饮水安全 --text 3 >/dev/null
GRID_NOW='2013-09-30 14:00' issue-route -q 3 >/dev/null
is "$(due 3)" "2013-10-08 11:00:00" "routing: the rule's 5 hours skip the holidays"

# escalating: on the night after the make-up Sunday the village's 16 hours
# are gone; the township's 24 hours are Monday, then 8 and 9 October
run env GRID_NOW='2013-09-30 02:00' escalate
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit\n2\t村\t乡镇\t2013-10-09 17:00:00\tC004\t')" \
	"escalating: the new deadline skips the holidays"
is "$(sql "SELECT printf('%.1f', hours_over) FROM accountability WHERE issue = 2")" 0.0 \
	"17:00 to 02:00 is no working time over"
run env GRID_NOW='2013-10-05 02:00' escalate -q
is "$out" "" "nothing escalates during the holidays"
run env GRID_NOW='2013-10-08 16:00' escalate -q
is "$out" "1
3" "on 8 October, past 15:00 and 11:00"
is "$(sql "SELECT issue, printf('%.1f', hours_over) FROM accountability WHERE issue IN (1, 3) ORDER BY issue")" \
	"1|1.0
3|5.0" "hours over in working hours"
is "$(due 1)" "2013-10-10 16:00:00" \
	"16 working hours from Tuesday 16:00: 1 on Tuesday, 8 on Wednesday, 7 on Thursday"

# a make-up Saturday counts: Friday 11 October 02:00 + 16 working hours is
# Saturday 12 October 17:00
GRID_NOW='2013-10-09 10:00' issue-file --no-summary --household H002 --category 治安 --text 4 >/dev/null
is "$(due 4)" "2013-10-10 10:00:00" "filing: 7 hours on Wednesday, 1 on Thursday"
run env GRID_NOW='2013-10-11 02:00' escalate -q
is "$out" "1
2
4" "escalated on Friday night (with 1 and 2, whose deadlines passed too)"
is "$(due 4)" "2013-10-12 17:00:00" "the make-up Saturday counts"
is "$(sql "SELECT printf('%.1f', hours_over) FROM accountability WHERE issue = 4")" 7.0 \
	"10:00 to 17:00 on Thursday: 7 hours over"

# reopening: a fresh deadline of the issue's hours from the reopening, in
# working time: Tuesday 8 October 16:00 + 5 hours is Wednesday 13:00
GRID_NOW='2013-10-08 10:00' issue-file --no-summary --grid 371399102201 --category 饮水安全 --text 5 >/dev/null
GRID_NOW='2013-10-08 10:00' issue-route -q 5 >/dev/null
GRID_NOW='2013-10-08 12:00' issue-update -q --resolve 5 >/dev/null
GRID_NOW='2013-10-08 16:00' issue-update -q --feedback unsatisfied 5 >/dev/null
is "$(sql "SELECT status FROM issues WHERE id = 5")" routed "unsatisfied: reopened to its unit"
is "$(due 5)" "2013-10-09 13:00:00" "reopening: 1 hour on Tuesday, 4 on Wednesday"

# without a calendar, plain hours
store_restore "$saved"
sql "DELETE FROM calendar"
GRID_NOW='2013-09-30 15:00' issue-file --no-summary --household H001 --category 治安 --text 1 >/dev/null
is "$(due 1)" "2013-09-30 23:00:00" "no calendar: filing in plain hours"
GRID_NOW='2013-09-30 14:00' issue-file --no-summary --grid 371399101202 --category 饮水安全 --text 2 >/dev/null
GRID_NOW='2013-09-30 14:00' issue-route -q 2 >/dev/null
is "$(due 2)" "2013-09-30 19:00:00" "no calendar: routing in plain hours"
run env GRID_NOW='2013-10-01 02:00' escalate -q
is "$out" "1
2" "no calendar: escalating on a holiday night too"
is "$(due 1)" "2013-10-01 18:00:00" "the new deadline in plain hours"
is "$(sql "SELECT issue, printf('%.1f', hours_over) FROM accountability ORDER BY issue")" "1|3.0
2|7.0" "the hours over in plain hours"
GRID_NOW='2013-10-01 10:00' issue-update -q --resolve 2 >/dev/null
GRID_NOW='2013-10-01 11:00' issue-update -q --reopen 2 >/dev/null
is "$(due 2)" "2013-10-02 11:00:00" "reopening in plain hours: the rung's 24 hours"

done_testing
