#!/bin/sh
# only issues still being handled go up: resolved a second before, closed,
# rejected or marked a duplicate, they stay; routed and accepted ones go up
# with their unit; a reopened one has a new deadline and goes up from where
# it was when that one passes
. "$(dirname "$0")/lib.sh"
small_store

# six issues at 西关村 (村: 120 hours), all due 2013-07-06 09:00
export GRID_NOW='2013-07-01 09:00'
for i in 1 2 3 4 5 6; do
	issue-file --grid 371399101202 --category 市容环境 --text "问题$i" >/dev/null
done
issue-route -q --to U01 --hours 120 3 4 >/dev/null
issue-update -q --accept 4 >/dev/null
issue-update -q --reject --reason '不属于政府职责' 5 >/dev/null
issue-update -q --duplicate-of 1 6 >/dev/null
export GRID_NOW='2013-07-07 01:59:59'
issue-update -q --resolve 1 >/dev/null
issue-update -q --resolve 2 >/dev/null
issue-update -q --close 2 >/dev/null
unset GRID_NOW

run env GRID_NOW='2013-07-07 02:00' escalate
is "$out" "$(printf 'id\tfrom\tto\tdue\theld_by\tunit
3\t村\t乡镇\t2013-07-17 02:00:00\tC004\tU01
4\t村\t乡镇\t2013-07-17 02:00:00\tC004\tU01')" \
	"the routed and the accepted issue go up, with their unit"
is "$(sql "SELECT id, status FROM issues WHERE escalations = 0 ORDER BY id")" \
	"1|resolved
2|closed
5|rejected
6|rejected" "resolved a second before, closed, rejected, duplicate: not escalated"
is "$(sql "SELECT count(*) FROM accountability WHERE issue IN (1, 2, 5, 6)")" 0 \
	"no accountability for them"
is "$(sql "SELECT id, status, unit FROM issues WHERE id IN (3, 4)")" "3|routed|U01
4|accepted|U01" "the escalated ones keep their status and unit"

# reopened: a fresh deadline (its rung's 120 hours) from the reopening
GRID_NOW='2013-07-08 10:00' issue-update -q --reopen 1 >/dev/null
is "$(sql "SELECT status, datetime(due_at, 'unixepoch', '+8 hours') FROM issues WHERE id = 1")" \
	"open|2013-07-13 10:00:00" "a reopened issue has a fresh deadline"
run env GRID_NOW='2013-07-13 02:00' escalate -q
is "$out" "" "not escalated before it"
run env GRID_NOW='2013-07-14 02:00' escalate -q
is "$out" 1 "escalated after it"
is "$(sql "SELECT rung, rung_grid FROM issues WHERE id = 1")" "2|371399101" \
	"from the rung it was on"

done_testing
