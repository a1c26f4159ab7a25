#!/bin/sh
# escalate --warn tells the truth about what is overdue at the root: the
# issues flagged there go no higher, so they are not listed among what
# will escalate, but the summary counts them ("0 overdue already" with
# 1,620 overdue at the root was a lie); a parked issue is neither
. "$(dirname "$0")/lib.sh"
small_store H001:C005
export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --grid 371399 --category 其他 --text a >/dev/null       # 1 the root
issue-file --no-summary --grid 371399 --category 其他 --text b >/dev/null       # 2 the root
issue-file --no-summary --household H001 --category 治安 --text c >/dev/null    # 3 C005
issue-file --no-summary --grid 371399101201 --category 其他 --text d >/dev/null # 4 parked
issue-route -q --to U01 --hours 4 4 >/dev/null 2>&1
issue-update -q --park --reason 资金 4 >/dev/null

export GRID_NOW='2013-08-01 02:00'
escalate --no-summary >/dev/null                     # 1, 2 flagged; 3 up to the village
is "$(sql 'SELECT group_concat(id) FROM issues WHERE at_root = 1')" "1,2" \
	"two issues flagged overdue at the root"
run escalate --warn 16 -o csv
is "$(printf '%s\n' "$out" | cut -d, -f4 | tail -n +2)" "" \
	"nothing due within 16 hours to list: the flagged go no higher"
is "$err" "escalate: 0 issues of 0 holders due within 16 hours (0 overdue already, 0 held by nobody); and 2 overdue at the root, not listed: flagged, they go no higher (issue-list --overdue)" \
	"but the summary counts those overdue at the root"
run escalate --warn 16 --grid 371399101
like "$err" "\\(0 overdue already, 0 held by nobody\\)$" \
	"a subtree without them says nothing of them"
run issue-list -q --overdue
is "$out" "1
2" "issue-list --overdue lists them; the parked issue is not overdue"
run escalate --warn 16 --no-summary -q
is "$out$err" "" "--quiet: no summary"

done_testing
