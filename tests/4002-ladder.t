#!/bin/sh
# a chain of nights: issues climb cadre → village → township → county, are
# flagged once at the root and stay there, never dropped; each escalation
# has its accountability record (the right rung, grid, holder and unit)
# and its event, one to one
. "$(dirname "$0")/lib.sh"
small_store H001:C005

# no calendar: plain hours.  联系干部 72, 村 120, 乡镇 240, 县 480
export GRID_NOW='2013-07-01 09:00'
issue-file --household H001 --category 治安 --text '夜里有人撬门' >/dev/null   # 1: cadre C005
issue-file --grid 371399102201 --category 市容环境 --text '垃圾没人清' >/dev/null # 2: 南村, no leader
issue-file --grid 371399101202 --category 道路交通 --text '路灯不亮' >/dev/null # 3: 西关村, C004
issue-route -q --to U02 --hours 8 3 >/dev/null                                # due 17:00
unset GRID_NOW

night() {
	run env GRID_NOW="$1" escalate
}

night '2013-07-05 02:00'
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit
1\t联系干部\t村\t2013-07-10 02:00:00\tC005\t
3\t村\t乡镇\t2013-07-15 02:00:00\tC004\tU02')" \
	"night 1: the cadre's issue to his village; the routed one to the township"
night '2013-07-11 02:00'
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit
1\t村\t乡镇\t2013-07-21 02:00:00\tC003\t
2\t村\t乡镇\t2013-07-21 02:00:00\t\t')" \
	"night 2: the village leader held 1; 南村 has no leader to hold 2"
night '2013-07-22 02:00'
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit
1\t乡镇\t县\t2013-08-11 02:00:00\tC002\t
2\t乡镇\t县\t2013-08-11 02:00:00\t\t
3\t乡镇\t县\t2013-08-11 02:00:00\tC002\tU02')" \
	"night 3: all three reach the county"
is "$err" "escalate: 3 escalated, 0 flagged at the root, 0 overdue at the root from before" \
	"the summary"
night '2013-08-01 02:00'
is "$rc.$out" "0.$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "a night before the county's deadline: nothing, the header alone"

events=$(sql 'SELECT count(*) FROM events')
night '2013-08-12 02:00'
is "$rc.$out" "0.$(printf 'id\tfrom\tto\tdue\theld_by\tunit')" "past the county's deadline: no row, since nothing moved"
is "$err" "escalate: 0 escalated, 3 flagged at the root (1, 2, 3), 0 overdue at the root from before" \
	"the summary lists the issues flagged at the root"
is "$(sql 'SELECT id, rung, rung_grid, at_root, escalations, status FROM issues ORDER BY id')" \
	"1|1|371399|1|3|open
2|1|371399|1|2|open
3|1|371399|1|2|routed" "they stay at the root, flagged, still open"
is "$(sql "SELECT issue, detail FROM events WHERE id > $events ORDER BY id")" \
	'1|{"why":"overdue at the root"}
2|{"why":"overdue at the root"}
3|{"why":"overdue at the root"}' "one 'flagged' event each"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'flagged'")" 3 "and no other"

night '2013-08-13 02:00'
is "$err" "escalate: 0 escalated, 0 flagged at the root, 3 overdue at the root from before" \
	"the next night: flagged once only, but still counted: never dropped"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'flagged'")" 3 "no second flag"
night '2014-08-13 02:00'
is "$err" "escalate: 0 escalated, 0 flagged at the root, 3 overdue at the root from before" \
	"a year later: still there"

# the accountability records, in order
is "$(sql "SELECT issue, datetime(opened_at, 'unixepoch', '+8 hours'), rung, coalesce(grid, '-'), coalesce(holder_cadre, '-'), coalesce(holder_unit, '-'), datetime(due_at, 'unixepoch', '+8 hours'), printf('%.1f', hours_over) FROM accountability ORDER BY id")" \
	"1|2013-07-05 02:00:00|0|-|C005|-|2013-07-04 09:00:00|17.0
3|2013-07-05 02:00:00|3|371399101202|C004|U02|2013-07-01 17:00:00|81.0
1|2013-07-11 02:00:00|3|371399101201|C003|-|2013-07-10 02:00:00|24.0
2|2013-07-11 02:00:00|3|371399102201|-|-|2013-07-06 09:00:00|113.0
1|2013-07-22 02:00:00|2|371399101|C002|-|2013-07-21 02:00:00|24.0
2|2013-07-22 02:00:00|2|371399102|-|-|2013-07-21 02:00:00|24.0
3|2013-07-22 02:00:00|2|371399101|C002|U02|2013-07-15 02:00:00|168.0" \
	"one record an escalation: the rung and grid left, who held it, the unit, the deadline missed, the hours over"

# one to one: records, events and the issues' counts
is "$(sql "SELECT count(*) FROM accountability")" 7 "7 records"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'escalated'")" 7 "7 escalation events"
is "$(sql "SELECT sum(escalations) FROM issues")" 7 "7 escalations counted on the issues"
is "$(sql "SELECT count(*) FROM accountability a JOIN events e
	ON e.issue = a.issue AND e.at = a.opened_at AND e.kind = 'escalated'
	AND CAST(json_extract(e.detail, '\$.case') AS INTEGER) = a.id
	AND CAST(json_extract(e.detail, '\$.from') AS INTEGER) = a.rung
	AND json_extract(e.detail, '\$.from_grid') IS NOT DISTINCT FROM a.grid")" 7 \
	"each record pairs with its event: same issue, time and rung left"
is "$(sql "SELECT group_concat(json_extract(detail, '\$.from') || '>' || json_extract(detail, '\$.to'), ' ') FROM events WHERE kind = 'escalated' AND issue = 1")" \
	"0>3 3>2 2>1" "issue 1's events: cadre, village, township, county"

# grid-export accountability lists them
run grid-export accountability -o csv
is "$(printf '%s\n' "$out" | head -2)" "case,issue,status,holder,opened_at,people,units,outcome,reason,decided_at,holder_cadre,holder_unit,rung,level,grid,due_at,hours_over
1,1,pending,C005,2013-07-05 02:00:00,,,,,,C005,,0,联系干部,,2013-07-04 09:00:00,17" \
	"grid-export accountability lists them, with the level's name"

# an issue filed at the root is flagged the first night it is overdue
GRID_NOW='2014-09-01 09:00' issue-file --no-summary --grid 371399 --category 其他 --text '县里的事' >/dev/null
night '2014-09-22 02:00'
is "$err" "escalate: 0 escalated, 1 flagged at the root (4), 3 overdue at the root from before" \
	"an issue filed at the root: flagged, no record"
is "$(sql "SELECT count(*) FROM accountability WHERE issue = 4")" 0 "and no accountability"

done_testing
