#!/bin/sh
# the field's indicators in stats --by unit, grid and month, on cases
# counted by hand: due (应结案数: the deadline at the period's end fell in
# it, or resolved in it; not rejected, not parked at its end), closure_rate,
# on_time_closure_rate, rework_rate, extension_rate, return_rate (each of
# due), score (40 % on-time closure + 30 % closure + 20 % satisfaction +
# 10 % (100 - rework), --weights) and grade (A >= 90, B >= 75, C >= 60,
# D >= 40, E); a figure with no base is empty, not 0
. "$(dirname "$0")/lib.sh"
small_store
V=371399101201	# 东关村

file() { at "$1" issue-file --no-summary --at "$1" --grid $V --category 市容环境 --text "$2" >/dev/null; }
route() { at "$1" issue-route -q --to "$2" --hours "$3" "$4" >/dev/null 2>&1; }
resolve() { at "$1" issue-update -q --resolve "$2" >/dev/null; }
# the case rules, as a unit or the platform takes them
act() { at "$1" issue-update -q "$2" --reason test "$3" >/dev/null; }

# 1 resolved by its deadline (07-03 10:00), the resident satisfied
file '2013-07-01 09:00' 一号; route '2013-07-01 10:00' U01 48 1
resolve '2013-07-02 09:00' 1
at '2013-07-02 10:00' issue-update -q --feedback satisfied 1 >/dev/null
# 2 resolved late, basically satisfied
file '2013-07-01 09:00' 二号; route '2013-07-01 10:00' U01 48 2
resolve '2013-07-05 09:00' 2
at '2013-07-05 10:00' issue-update -q --feedback basic 2 >/dev/null
# 3 past its deadline, open at the end of July
file '2013-07-01 09:00' 三号; route '2013-07-01 10:00' U01 48 3
# 4 extended to 07-08 10:00 and resolved by then: on time
file '2013-07-01 09:00' 四号; route '2013-07-01 10:00' U01 48 4
at '2013-07-03 09:00' issue-update -q --extend 120 --reason test 4 >/dev/null
resolve '2013-07-07 09:00' 4
# 5 sent to U02 by mistake, returned, routed to U01 and resolved in time:
# it counts for U01, and against the routing
file '2013-07-01 09:00' 五号; route '2013-07-01 10:00' U02 48 5
act '2013-07-01 15:00' --return 5
route '2013-07-02 09:00' U01 48 5
resolve '2013-07-03 09:00' 5
# 6 parked at the end of July: not counted, though its deadline fell in it
file '2013-07-01 09:00' 六号; route '2013-07-01 10:00' U01 48 6
act '2013-07-02 09:00' --park 6
# 7 resolved, failed its on-site check (rework: a fresh 48 hours, to
# 07-04 15:00), resolved again in time
file '2013-07-01 09:00' 七号; route '2013-07-01 10:00' U01 48 7
resolve '2013-07-02 09:00' 7
act '2013-07-02 15:00' --rework 7
resolve '2013-07-04 09:00' 7
# 8 resolved, reopened on the resident's word: due, not closed
file '2013-07-01 09:00' 八号; route '2013-07-01 10:00' U01 48 8
resolve '2013-07-02 09:00' 8
at '2013-07-02 12:00' issue-update -q --feedback unsatisfied 8 >/dev/null
# 9 rejected: not counted
file '2013-07-01 09:00' 九号; route '2013-07-01 10:00' U01 48 9
at '2013-07-02 09:00' issue-update -q --reject --reason 重复 9 >/dev/null
# 10 resolved in July, due in August: due in July (resolved in it), on time
file '2013-07-25 09:00' 十号; route '2013-07-25 10:00' U01 480 10
resolve '2013-07-28 09:00' 10
# 11 due and resolved in June: not July's
file '2013-06-20 09:00' 十一; route '2013-06-20 10:00' U01 48 11
resolve '2013-06-21 09:00' 11
# 12 due 07-22, extended into August, open: August's, not July's
file '2013-07-20 09:00' 十二; route '2013-07-20 10:00' U01 48 12
at '2013-07-22 09:00' issue-update -q --extend 336 --reason test 12 >/dev/null
# 13 due 07-22 10:00 and missed: the night's escalation (of 3 too) leaves
# the deadline behind for one in August, but the July one fell: due in July
file '2013-07-20 09:00' 十三; route '2013-07-20 10:00' U01 48 13
at '2013-07-23 02:00' escalate --no-summary -q >escalated
is "$(echo $(cat escalated))" "3 8 13" "07-23: 3, 8 and 13 go up a rung"
is "$(sql "SELECT group_concat(coalesce(unit, '-') || ':' ||
	datetime(due_at, 'unixepoch', '+8 hours'), ' ') FROM issues WHERE id IN (3, 13)")" \
	"U01:2013-08-02 02:00:00 U01:2013-08-02 02:00:00" "with their unit, due in August now"

is "$(sql "SELECT group_concat(issue || kind, ' ') FROM (SELECT issue, kind FROM events
	WHERE kind IN ('extended', 'returned', 'parked', 'reworked') ORDER BY id) AS a")" \
	"4extended 5returned 6parked 7reworked 12extended" "the case rules' events, by issue-update"
is "$(sql "SELECT status || ':' || coalesce(unit, '-') FROM issues WHERE id = 8")" "routed:U01" \
	"8 is back with its unit"
export GRID_NOW='2013-09-01 09:00'
IND='due	closure_rate	on_time_closure_rate	rework_rate	extension_rate	return_rate	feedback	satisfaction	score	grade'
# July, U01: due 1 2 3 4 5 7 8 10 13 = 9; closed 1 2 4 5 7 10 = 6 (66.7);
# on time 1 4 5 7 10 = 5 (55.6); reworked 7, extended 4, returned 5: 11.1
# each; feedback 3, satisfied or basic 2 (66.7); score 0.4 * 55.56 + 0.3 *
# 66.67 + 0.2 * 66.67 + 0.1 * (100 - 11.11) = 64.44: C
run stats --month 2013-07 --by unit -o tsv
is "$(echo "$out" | head -1 | cut -f11-)" "$IND" "--by unit: the indicators' columns"
is "$(echo "$out" | grep '^U01' | cut -f11-)" \
	"9	66.7	55.6	11.1	11.1	11.1	3	66.7	64.4	C" "U01's July, counted by hand"
is "$(echo "$out" | grep '^U02' | cut -f11-)" "0						0			" \
	"U02 (5 went back from it): nothing due, every rate empty, not 0"
run stats --month 2013-07 --by unit -o jsonl
like "$(echo "$out" | grep '"U02"')" '"due":0,"closure_rate":null,.*"score":null,"grade":null' \
	"null in JSON Lines"
like "$(echo "$out" | grep '"U01"')" '"score":64.4,"grade":"C"' "the grade is text"

# by month and by grid: the same issues, the same figures
MIND='due	closure_rate	on_time_closure_rate	rework_rate	extension_rate	return_rate	score	grade'
run stats --since 2013-06-01 --until 2013-08-31 --by month -o tsv
is "$(echo "$out" | head -1 | cut -f34-)" "$MIND" "--by month: the indicators' columns"
is "$(echo "$out" | sed 1d | cut -f1,34-)" "2013-06	1	100.0	100.0	0.0	0.0	0.0		
2013-07	9	66.7	55.6	11.1	11.1	11.1	64.4	C
2013-08	4	0.0	0.0	0.0	25.0	0.0		" \
	"June: 11, no feedback so no score; July as above; August: 3, 8, 12 (extended) and 13, open (not 10, resolved in July)"
run stats --month 2013-07 --by grid --grid 371399101 -o tsv
is "$(echo "$out" | grep "^$V" | cut -f35-)" "9	66.7	55.6	11.1	11.1	11.1	64.4	C" \
	"--by grid: the village's July"

# the weights
run stats --month 2013-07 --by unit --weights 100,0,0,0 -o tsv
is "$(echo "$out" | grep '^U01' | cut -f19,20)" "55.6	D" \
	"--weights 100,0,0,0: the on-time closure rate alone (55.6, D)"
run stats --month 2013-07 --by unit --weights 0,1,0,0 -o tsv
is "$(echo "$out" | grep '^U01' | cut -f19,20)" "66.7	C" \
	"weights need not add up to 100: 0,1,0,0 is the closure rate (66.7, C)"
run stats --month 2013-07 --by unit --weights 40,30,20
is "$rc" 2 "three weights: a usage error"
run stats --month 2013-07 --by unit --weights 0,0,0,0
is "$rc" 2 "all nought: a usage error"

# a past month does not move: 12 resolved and 3 reworked later
resolve '2013-08-20 09:00' 12
run stats --month 2013-07 --by unit -o tsv
is "$(echo "$out" | grep '^U01' | cut -f11-)" \
	"9	66.7	55.6	11.1	11.1	11.1	3	66.7	64.4	C" "July as it was"
done_testing
