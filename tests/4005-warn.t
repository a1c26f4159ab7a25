#!/bin/sh
# escalate --warn HOURS: what escalates within HOURS (overdue ones too),
# grouped by who holds it, for a clerk's reminders; phones masked unless
# --reveal; -o csv for a mail merge; working hours with a calendar
. "$(dirname "$0")/lib.sh"
small_store H001:C005 H002:C005 H003:C004

export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --household H001 --category 治安 --text a >/dev/null          # 1 C005, due 07-04 09:00
issue-file --no-summary --household H002 --category 社会救助 --text b >/dev/null      # 2 C005, due 07-04 09:00
issue-file --no-summary --household H003 --category 治安 --text c >/dev/null          # 3 C004, due 07-04 09:00
issue-file --no-summary --grid 371399102201 --category 市容环境 --text d >/dev/null   # 4 南村: nobody
issue-file --no-summary --grid 371399101202 --category 市容环境 --text e >/dev/null   # 5 西关村: C004
issue-route -q --to U02 --hours 8 5 >/dev/null                              # due 07-01 17:00
issue-file --no-summary --grid 371399101201 --category 其他 --text f >/dev/null       # 6 东关村, due 07-06
issue-update -q --resolve 6 >/dev/null
export GRID_NOW='2013-07-03 12:00'

run escalate --warn 24 -o csv
is "$rc" 0 "exit 0"
is "$out" "held_by,name,phone,id,category,level,grid,grid_name,unit,due,hours_left
C004,刘洋,,5,市容环境,村,371399101202,西关村,U02,2013-07-01 17:00:00,-43.0
C004,刘洋,,3,治安,联系干部,371399101202,西关村,,2013-07-04 09:00:00,21.0
C005,陈静,139****0005,1,治安,联系干部,371399101201,东关村,,2013-07-04 09:00:00,21.0
C005,陈静,139****0005,2,社会救助,联系干部,371399101201,东关村,,2013-07-04 09:00:00,21.0" \
	"grouped by holder, the most urgent first; the overdue one too; phones masked"
is "$err" "escalate: 4 issues of 2 holders due within 24 hours (1 overdue already, 0 held by nobody)" \
	"the summary"
is "$(sql "SELECT count(*) FROM events WHERE prog = 'escalate'")" 0 "nothing written"

run escalate --warn 24 -o csv --reveal
like "$out" "C005,陈静,13900000005,1," "--reveal shows the phone"
run escalate --warn 24 -q --no-summary
is "$out.$err" "5
3
1
2." "-q: the issues' ids; --no-summary: no summary"

run escalate --warn 100 -o csv
is "$(printf '%s\n' "$out" | tail -1)" ",,,4,市容环境,村,371399102201,南村,,2013-07-06 09:00:00,69.0" \
	"an issue nobody holds (a grid without a leader) comes last"
like "$err" "\\(1 overdue already, 1 held by nobody\\)" "and is counted"
run escalate --warn 0
is "$(printf '%s\n' "$out" | cut -f4 | tail -n +2)" 5 "--warn 0: the overdue only"
run escalate --warn 24 --grid 371399101201 -q
is "$out" "1
2" "--grid: only issues found in the subtree"

# after the night, the warned issues have escalated: their new holders
run escalate -q --no-summary
run env GRID_NOW='2013-07-04 12:00' escalate -q --no-summary
is "$out" "1
2
3" "the warned issues escalate when their time comes"
run env GRID_NOW='2013-07-04 12:00' escalate --warn 1 -o tsv
is "$out" "$(printf 'held_by\tname\tphone\tid\tcategory\tlevel\tgrid\tgrid_name\tunit\tdue\thours_left')" "nothing due within an hour: the header alone"
is "$err" "escalate: 0 issues of 0 holders due within 1 hour (0 overdue already, 0 held by nobody)" \
	"the summary says so"
run env GRID_NOW='2013-07-04 12:00' escalate --warn 200 -o csv
like "$out" "C003,张伟,138\\*\\*\\*\\*8000,1,治安,村,371399101201,东关村,,2013-07-09 12:00:00,120.0" \
	"on the village's rung, its leader holds the issue"

# with a calendar, HOURS are working hours: Friday 16:00 + 8 working hours
# is Monday 16:00, so an issue due on Monday 10:00 is within 8 hours
grid-import --no-summary calendar "$EX/calendar.csv"
sql "UPDATE issues SET due_at = strftime('%s', '2013-07-08 10:00:00', '-8 hours') WHERE id = 4"
run env GRID_NOW='2013-07-05 16:00' escalate --warn 8 -o csv --grid 371399102
is "$out" "held_by,name,phone,id,category,level,grid,grid_name,unit,due,hours_left
,,,4,市容环境,村,371399102201,南村,,2013-07-08 10:00:00,2.0" \
	"with a calendar: working hours, the weekend skipped (1 on Friday, 1 on Monday)"
like "$err" "due within 8 working hours" "the summary says working hours"
run env GRID_NOW='2013-07-05 16:00' escalate --warn 1 --grid 371399102
is "$out" "$(printf 'held_by\tname\tphone\tid\tcategory\tlevel\tgrid\tgrid_name\tunit\tdue\thours_left')" "1 working hour from Friday 16:00 is Friday 17:00"

run escalate --warn abc
is "$rc" 2 "--warn of no number: a usage error"
like "$err" "bad hours 'abc'" "says so"
run escalate --warn -3
is "$rc" 2 "--warn of a negative number: a usage error"

done_testing
