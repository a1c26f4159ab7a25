#!/bin/sh
# issue-update's case rules: --refer-up (one rung up with the new rung's
# hours, no accountability), --extend, --return, --park/--unpark, --rework,
# --owner, --rate-grid, and cooperating units by hand and by rule.  Each
# writes its own event with the state after it; each is refused where it
# does not fit the state, naming the state, exit 1, nothing changed (the
# issues, events, evaluations and cases dumped before and after).
. "$(dirname "$0")/lib.sh"
small_store H001:C005
V=371399101201
export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --household H001 --category 治安 --text 门锁 >/dev/null        # 1 cadre rung
issue-file --no-summary --grid $V --category 市容环境 --text 摊位 >/dev/null           # 2 village
issue-file --no-summary --grid $V --category 市容环境 --text 占道 >/dev/null           # 3
issue-file --no-summary --grid $V --category 市容环境 --text 噪音 >/dev/null           # 4
issue-file --no-summary --grid $V --category 市容环境 --text 积水 >/dev/null           # 5
issue-route -q --to U01 --hours 10 3 4 5 >/dev/null 2>&1

t() { sql "SELECT coalesce(datetime($1, 'unixepoch', '+8 hours'), '-') FROM issues WHERE id = $2"; }
state() {
	sql "SELECT status, rung, coalesce(rung_grid, '-'), coalesce(unit, '-'),
	    coalesce(datetime(due_at, 'unixepoch', '+8 hours'), '-'), escalations,
	    referrals FROM issues WHERE id = $1"
}
last() {
	sql "SELECT kind, status, rung, coalesce(unit, '-'),
	    coalesce(datetime(due_at, 'unixepoch', '+8 hours'), '-'), coalesce(detail, '-')
	    FROM events WHERE issue = $1 ORDER BY id DESC LIMIT 1"
}
dump() {
	grid-export issues -o tsv
	grid-export events -o tsv
	sql 'SELECT * FROM evaluations; SELECT * FROM accountability'
}
# refused ACTION...: exit 1, the state named, nothing changed
refused() {
	_want=$1
	shift
	dump >"$TMP/before"
	run issue-update "$@"
	dump >"$TMP/after"
	is "$rc" 1 "refused: issue-update $* exits 1"
	like "$err" "$_want" "and says why: $_want"
	cmp -s "$TMP/before" "$TMP/after"
	ok $? "and changes nothing"
}

# report up: the cadre's rung, then the village, the township, the county
run issue-update --refer-up 1
is "$rc" 2 "--refer-up without --reason: a usage error"
like "$err" "--refer-up needs --reason" "says so"
export GRID_NOW='2013-07-01 10:00'
run issue-update --refer-up --reason 超出联系干部权限 1
is "$rc.$out" "0.id	status
1	open" "--refer-up: the issue stays open"
is "$(state 1)" "open|3|$V|-|2013-07-06 10:00:00|0|1" \
	"one rung up, to the household's village, with the village's 120 hours"
is "$(last 1)" "referred|open|3|-|2013-07-06 10:00:00|{\"from\":0,\"to\":3,\"from_grid\":null,\"to_grid\":\"$V\",\"reason\":\"超出联系干部权限\"}" \
	"its own event: from where to where, and why"
is "$(sql 'SELECT count(*) FROM accountability')" 0 "nobody is held to account"
is "$(grid-top --once --panel latest --limit 1 | cut -f1,4 | tail -1)" "1	referred" \
	"the board's latest events tell a referral from an escalation"
issue-update -q --refer-up --reason 村里解决不了 1 >/dev/null
is "$(state 1)" "open|2|371399101|-|2013-07-11 10:00:00|0|2" \
	"then to the township with its 240 hours"
issue-update -q --refer-up --reason 需县里协调 1 >/dev/null
is "$(state 1 | cut -d'|' -f1-3)" "open|1|371399" "then to the county"
refused "issue 1 is at the root \\(371399\\): there is no rung above" \
	--refer-up --reason 再往上 1
issue-update -q --refer-up --reason 部门职责 3 >/dev/null
is "$(state 3)" "routed|2|371399101|U01|2013-07-11 10:00:00|0|1" \
	"a routed issue referred up stays routed, with its unit"

# extension: the deadline later, the state, unit and acceptance kept
export GRID_NOW='2013-07-01 11:00'
issue-update -q --accept 4 >/dev/null
run issue-update --extend 8 4
is "$rc" 2 "--extend without --reason: a usage error"
run issue-update --extend abc --reason x 4
is "$rc" 2 "--extend of no number: a usage error"
run issue-update --extend 8 --reason 等待材料 4
is "$rc.$out" "0.id	status
4	accepted" "--extend: still accepted"
is "$(state 4)" "accepted|3|$V|U01|2013-07-02 03:00:00|0|0" "due 8 hours later"
is "$(t accepted_at 4)" "2013-07-01 11:00:00" "the acceptance kept"
is "$(last 4)" 'extended|accepted|3|U01|2013-07-02 03:00:00|{"hours":8.0,"was":1372676400,"reason":"等待材料"}' \
	"its event: the hours, the deadline it had, why"
is "$(sql "SELECT count(*) FROM events WHERE issue = 4 AND kind = 'routed'")" 1 \
	"not a routing: the unit is not counted routed twice"
refused "issue 2 is open: only a routed or accepted issue can be extended" \
	--extend 8 --reason x 2
export GRID_NOW='2013-07-01 12:00'
issue-update -q --resolve --note 已处理 4 >/dev/null   # for --rework below

# return: back to open without a unit, for the platform to route again
run issue-update --return --reason 非本部门职责 5
is "$rc.$out" "0.id	status
5	open" "--return: open again"
is "$(state 5)" "open|3|$V|-|2013-07-06 12:00:00|0|0" \
	"no unit; the rung's hours from now"
is "$(last 5)" 'returned|open|3|-|2013-07-06 12:00:00|{"unit":"U01","reason":"非本部门职责"}' \
	"its event names the unit that sent it back"
run issue-route -q --to U02 5
is "$rc.$out" "0.5" "the platform routes it again"
refused "issue 2 is open: only a routed or accepted issue can be returned" \
	--return --reason x 2

# park: no clock; unpark with the working time that was left
issue-route -q --to U03 --hours 10 2 >/dev/null 2>&1      # due 07-01 21:00
run issue-update --park --reason 资金未到位 2
is "$rc.$out" "0.id	status
2	parked" "--park"
is "$(state 2)" "parked|3|$V|U03|-|0|0" "no deadline while parked"
is "$(sql "SELECT parked_from, printf('%.1f', parked_left) FROM issues WHERE id = 2")" "routed|10.0" \
	"the state it had and the hours left are kept"
is "$(last 2)" 'parked|parked|3|U03|-|{"left":10.0,"reason":"资金未到位"}' "its event"
export GRID_NOW='2013-07-20 09:00'
run escalate -q
unlike "$out" "^2$" "a parked issue is never escalated"
run issue-list -q --overdue
unlike "$out" "^2$" "never overdue"
run escalate --warn 1000 -q --no-summary
unlike "$out" "^2$" "never warned of"
run issue-list -q --status parked
is "$out" 2 "issue-list --status parked finds it"
refused "issue 2 is parked: only an open, routed or accepted issue can be resolved" \
	--resolve 2
refused "issue 2 is parked: only a routed or accepted issue can be parked" \
	--park --reason x 2
run issue-update --unpark 2
is "$rc.$out" "0.id	status
2	routed" "--unpark: back to the state it had"
is "$(state 2)" "routed|3|$V|U03|2013-07-20 19:00:00|0|0" \
	"with the 10 hours that were left"
is "$(last 2)" 'unparked|routed|3|U03|2013-07-20 19:00:00|{"left":10.0}' "its event"
refused "issue 2 is routed: only a parked issue can be unparked" --unpark 2
run issue-update --park --unpark --reason x 2
is "$rc" 2 "--park and --unpark together: a usage error"

# rework: back to the unit that resolved it, with a fresh deadline
export GRID_NOW='2013-07-21 09:00'
run issue-update --rework --reason 现场核查不合格 4
is "$rc.$out" "0.id	status
4	accepted" "--rework: accepted again"
is "$(state 4)" "accepted|3|$V|U01|2013-07-21 19:00:00|0|0" \
	"the same unit, a fresh deadline of its 10 hours (the extension is not kept)"
is "$(t resolved_at 4)" "-" "no longer resolved"
is "$(last 4)" 'reworked|accepted|3|U01|2013-07-21 19:00:00|{"unit":"U01","reason":"现场核查不合格"}' \
	"its event"
refused "issue 4 is accepted: only a resolved issue can be sent back for rework" \
	--rework --reason x 4
issue-file --no-summary --grid $V --category 其他 --text 咨询 >/dev/null       # 6
issue-update -q --resolve 6 >/dev/null
refused "issue 6 was resolved without a unit" --rework --reason x 6

# the responsible person
run issue-update --owner C003 --reason 月度例会确定 4
is "$rc" 0 "--owner"
is "$(sql 'SELECT owner FROM issues WHERE id = 4')" C003 "owner set"
is "$(last 4)" 'owner|accepted|3|U01|2013-07-21 19:00:00|{"owner":"C003","was":null,"reason":"月度例会确定"}' \
	"its event"
refused "cadre 'C999' does not exist" --owner C999 4
refused "cadre 'C006' has left" --owner C006 4
refused "issue 6 is resolved: only an open, routed, accepted or parked issue can be given an owner" \
	--owner C003 6

# units rate the grid
run issue-update --rate-grid 4 4
is "$rc" 0 "--rate-grid"
is "$(sql "SELECT kind, value, unit, grid FROM evaluations WHERE kind = 'grid'")" \
	"grid|4|U01|$V" "an evaluation of the grid holding it, by its unit"
is "$(last 4 | cut -d'|' -f1,6)" "rated_grid|{\"grid\":\"$V\",\"unit\":\"U01\",\"rating\":4}" \
	"its event"
refused "issue 1 has no unit to rate its grid" --rate-grid 3 1
run issue-update --rate-grid 6 4
is "$rc" 2 "--rate-grid 6: a usage error"
run stats --by grid --grid 371399101 -o csv
like "$out" "grid_ratings,grid_rating" "stats --by grid reports the grids' ratings"
like "$(printf '%s\n' "$out" | grep "^$V,")" ",1,4.00," "the village rated once, 4"

# a refusal in a batch: the others go on; --reason without a case rule
run issue-update --extend 2 --reason x 4 6
is "$rc" 1 "one of two refused: exit 1"
is "$out" "id	status
4	accepted" "the other is done"
run issue-update --reason x --note y 4
is "$rc" 2 "--reason with a note only: a usage error"
run issue-update --reason x --accept 4
is "$rc" 2 "--reason with an action that takes none: a usage error"

# cooperating units, by hand and by rule
issue-file --no-summary --grid $V --category 市容环境 --text 违建 >/dev/null     # 7
run issue-route --to U01 --cooperate 'U02;U03' 7
is "$rc" 0 "issue-route --to --cooperate"
is "$(sql 'SELECT cooperate FROM issues WHERE id = 7')" 'U02;U03' "kept on the issue"
is "$(last 7 | cut -d'|' -f6)" '{"by_hand":true,"cooperate":"U02;U03"}' "and in its event"
like "$(issue-show -o text 7)" "unit       U01 城管局; cooperating U02;U03" \
	"issue-show shows them"
run issue-route --to U01 --cooperate U99 7
is "$rc" 2 "an unknown cooperating unit: a usage error"
run issue-route --cooperate U02 7
is "$rc" 2 "--cooperate without --to: a usage error"
printf 'order,category,unit,assist,cooperate,hours\n1,违建,U01,U02,U03,48\n' >rules.csv
run grid-import rules rules.csv
is "$rc" 0 "grid-import rules takes a cooperate column"
is "$(grid-export rules -o csv)" "order,category,pattern,unit,assist,cooperate,hours,status
1,违建,,U01,U02,U03,48,active" "and grid-export gives it back"
issue-file --no-summary --grid $V --category 违建 --text 又一处 >/dev/null        # 8
issue-route -q 8 >/dev/null 2>&1
is "$(sql 'SELECT unit, assist, cooperate FROM issues WHERE id = 8')" "U01|U02|U03" \
	"a rule routes with its cooperating units"
printf 'order,category,unit,cooperate,hours\n2,x,U01,U77,8\n' >bad.csv
run grid-import rules bad.csv
is "$rc" 1 "a rule naming an unknown cooperating unit is rejected"
like "$err" "cooperating unit 'U77'" "says which"

# every case rule in words
run issue-show -o text 2 4 1 5
like "$out" "parked     parked, no deadline runs; 10.0 working hours were left: 资金未到位" \
	"issue-show: parked"
like "$out" "unparked   back to work, routed, with the 10.0 working hours that were left" \
	"unparked"
like "$out" "extended   the deadline moved 8 working hours later \\(was 2013-07-01 19:00:00\\): 等待材料" \
	"extended"
like "$out" "reworked   the on-site check failed: back to U01 城管局 to do again: 现场核查不合格" \
	"reworked"
like "$out" "owner      responsible person C003 张伟: 月度例会确定" "owner"
like "$out" "rated_grid  U01 城管局 rated the grid $V 东关村 4 of 5" "rated_grid"
like "$out" "referred   referred up by hand from 联系干部 to 村 $V, nobody held to account: 超出联系干部权限" \
	"referred"
like "$out" "returned   sent back by U01 城管局, to be routed again: 非本部门职责" "returned"

# Open311: parked is open, with a note
issue-update -q --park --reason 等待汛期结束 8 >/dev/null
run grid-export issues -o open311
like "$out" '"service_request_id":"8","status":"open","status_notes":"parked \(挂账' \
	"Open311: a parked issue is open, and its note says it is parked"
like "$out" '"service_request_id":"4","status":"open"' "a reworked one is open"

# with a calendar, the hours are working hours: Friday 10:00 + 4 is 14:00,
# and 8 more working hours are Monday 14:00
grid-import --no-summary calendar "$EX/calendar.csv"
issue-file --no-summary --grid $V --category 其他 --text 周五 >/dev/null            # 9
GRID_NOW='2013-07-05 10:00' issue-route -q --to U01 --hours 4 9 >/dev/null 2>&1
is "$(t due_at 9)" "2013-07-05 14:00:00" "routed on Friday morning, due at 14:00"
GRID_NOW='2013-07-05 11:00' issue-update -q --extend 8 --reason 周末 9 >/dev/null
is "$(t due_at 9)" "2013-07-08 14:00:00" "--extend 8: Monday 14:00, the weekend skipped"

done_testing
