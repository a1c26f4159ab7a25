#!/bin/sh
# accountability as a case: escalate opens a pending case against whoever
# held the issue when its deadline passed (the unit whose deadline it was,
# else the contact cadre or the grid's leader); a referral up by hand opens
# none; the accountability program lists the cases (--status, --grid,
# --since, --until, -q, -o), confirms one with its people, units and outcome
# or waives it with a reason, each decision an event; every refusal exits 1
# and changes nothing; stats counts the cases confirmed, their people and
# units, and those pending, and a past month's figures stay
. "$(dirname "$0")/lib.sh"
small_store H001:C005 H003:C004
export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --household H001 --category 治安 --text a >/dev/null          # 1 C005, due 07-04 09:00
issue-file --no-summary --household H003 --category 治安 --text b >/dev/null          # 2 C004, referred up
issue-file --no-summary --grid 371399101202 --category 市容环境 --text c >/dev/null   # 3 西关村, routed U02
issue-file --no-summary --grid 371399102201 --category 市容环境 --text d >/dev/null   # 4 南村: no leader
issue-route -q --to U02 --hours 8 3 >/dev/null 2>&1                        # due 07-01 17:00
# before its deadline, the cadre hands 2 up: due at the village 07-08 09:00
GRID_NOW='2013-07-03 09:00' issue-update -q --refer-up --reason 超出权限 2 >/dev/null

export GRID_NOW='2013-07-08 02:00'
escalate --no-summary >/dev/null
is "$(sql "SELECT id, issue, status, coalesce(holder_cadre, '-'), coalesce(holder_unit, '-'), rung FROM accountability ORDER BY id")" \
"1|1|pending|C005|-|0
2|3|pending|C004|U02|3
3|4|pending|-|-|3" \
	"a pending case for each deadline missed: the cadre, the unit whose deadline it was, or nobody on record"
is "$(sql 'SELECT count(*) FROM accountability WHERE issue = 2')" 0 \
	"the issue referred up by hand: no case"
is "$(grid-top --once --panel latest --limit 8 | cut -f1,4 | grep -E 'referred|escalated' | sort)" \
"1	escalated
2	referred
3	escalated
4	escalated" "the board tells the referral from the escalations"

run accountability -o csv
is "$rc.$out" "0.case,issue,status,holder,opened_at,people,units,outcome,reason
1,1,pending,C005,2013-07-08 02:00:00,,,,
2,3,pending,U02,2013-07-08 02:00:00,,,,
3,4,pending,,2013-07-08 02:00:00,,,," "the listing: its columns, oldest first"
run accountability -q --grid 371399101
is "$out" "1
2" "--grid: the cases of the subtree's issues; -q the case numbers"
run accountability -q --since 2013-07-09
is "$out" "" "--since: none opened since"
run accountability -q --until 2013-07-08
is "$out" "1
2
3" "--until a bare date: to the end of that day"

dump() {
	sql 'SELECT * FROM accountability; SELECT * FROM accountability_people;
	    SELECT * FROM accountability_units; SELECT count(*) FROM events'
}
# refused ARGS...: exit 1, why, nothing changed
refused() {
	_want=$1
	shift
	dump >"$TMP/before"
	run accountability "$@"
	dump >"$TMP/after"
	is "$rc" 1 "refused: accountability $*"
	like "$err" "$_want" "says: $_want"
	cmp -s "$TMP/before" "$TMP/after"
	ok $? "and changes nothing"
}

export GRID_NOW='2013-07-10 09:00'
run accountability --confirm 2 --person C004 --person C002 --unit U02 --outcome 约谈
is "$rc" 0 "--confirm with people and a unit"
is "$err" "accountability: case 2 confirmed" "says so"
is "$(sql "SELECT status, datetime(decided_at, 'unixepoch', '+8 hours'), outcome FROM accountability WHERE id = 2")" \
	"confirmed|2013-07-10 09:00:00|约谈" "confirmed, when, the outcome"
run accountability --status confirmed -o csv
is "$out" "case,issue,status,holder,opened_at,people,units,outcome,reason
2,3,confirmed,U02,2013-07-08 02:00:00,C002;C004,U02,约谈," \
	"--status confirmed: the people and units ';'-separated"
is "$(sql "SELECT kind, status, detail FROM events WHERE issue = 3 ORDER BY id DESC LIMIT 1")" \
	'case_confirmed|routed|{"case":2,"people":["C004","C002"],"units":["U02"],"outcome":"约谈"}' \
	"an event on the issue, with its state"
run accountability --confirm 1 --outcome 通报批评
is "$rc" 0 "--confirm naming nobody"
is "$(sql 'SELECT cadre FROM accountability_people WHERE "case" = 1')" C005 \
	"names the holder"
refused "case 3 has no holder on record" --confirm 3 --outcome x
refused "case 2 is confirmed already" --confirm 2 --outcome 再次
refused "case 2 is confirmed already" --waive 2 --reason 不算
refused "case 99 does not exist" --confirm 99 --outcome x
refused "case 99 does not exist" --waive 99 --reason x
refused "cadre 'C999' does not exist" --confirm 3 --person C003 --person C999 --outcome x
refused "unit 'U99' does not exist" --confirm 3 --unit U99 --outcome x
run accountability --waive 3 --reason '南村无网格长，非个人原因'
is "$rc" 0 "--waive"
is "$(sql "SELECT status, reason FROM accountability WHERE id = 3")" \
	"waived|南村无网格长，非个人原因" "waived, with the reason"
is "$(sql "SELECT kind, detail FROM events WHERE issue = 4 ORDER BY id DESC LIMIT 1")" \
	'case_waived|{"case":3,"reason":"南村无网格长，非个人原因"}' "its event"
like "$(issue-show -o text 4)" "case_waived  accountability case 3 waived: 南村无网格长" \
	"issue-show says it"
like "$(issue-show -o text 1)" "escalated  .*held by C005, .* h over; accountability case 1 confirmed" \
	"and the escalation names its case"

# usage errors
run accountability --confirm 3
is "$rc" 2 "--confirm without --outcome: a usage error"
run accountability --waive 3
is "$rc" 2 "--waive without --reason: a usage error"
run accountability --confirm 3 --waive 3 --outcome x --reason y
is "$rc" 2 "--confirm and --waive together"
run accountability --status closed
is "$rc" 2 "a bad --status"
run accountability --person C001
is "$rc" 2 "--person without --confirm"
run accountability --confirm x --outcome y
is "$rc" 2 "a case that is no number"
run accountability --grid nowhere
is "$rc" 2 "no such grid"

# the dry run
dump >"$TMP/before"
run accountability --dry-run --confirm 3 --outcome x
dump >"$TMP/after"
cmp -s "$TMP/before" "$TMP/after"
ok $? "--dry-run writes nothing (the case is decided already: refused)"

# stats: cases confirmed in the period, their people and units, pending at
# its end; July's figures stay when August decides more
export GRID_NOW='2013-08-02 02:00'
escalate --no-summary >/dev/null
cols() { stats -o tsv "$@" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	NR == 2 { print $c["referred"], $c["escalations"], $c["accountability"],
	$c["accountable_people"], $c["accountable_units"], $c["accountability_pending"] }'; }
is "$(cols --month 2013-07)" "1 3 2 3 1 0" \
	"July: 1 referred, 3 escalated, 2 confirmed naming 3 people and 1 unit, none pending"
july=$(stats -o tsv --month 2013-07)
is "$(cols --month 2013-08)" "0 4 0 0 0 4" "August: the 4 escalated again, pending"
accountability -q --status pending | while read -r c; do
	accountability --waive "$c" --reason 节假日 2>/dev/null
done
is "$(stats -o tsv --month 2013-07)" "$july" "July's report is the same after August's decisions"
is "$(cols --month 2013-08)" "0 4 0 0 0 0" "August: none pending now"
is "$(stats -o tsv --month 2013-07 --by unit | awk -F'\t' '$1 == "U02" { print $10 }')" 1 \
	"--by unit: the confirmed cases naming the unit"
is "$(stats -o tsv --month 2013-07 --by cadre | awk -F'\t' '$1 == "C004" || $1 == "C005" { print $1, $NF }')" \
	"C004 1
C005 1" "--by cadre: the confirmed cases naming the cadre"

# grid-export
run grid-export accountability -o csv --since 2013-07-01 --until 2013-07-31
is "$(printf '%s\n' "$out" | head -2)" "case,issue,status,holder,opened_at,people,units,outcome,reason,decided_at,holder_cadre,holder_unit,rung,level,grid,due_at,hours_over
1,1,confirmed,C005,2013-07-08 02:00:00,C005,,通报批评,,2013-07-10 09:00:00,C005,,0,联系干部,,2013-07-04 09:00:00,89" \
	"grid-export accountability: the listing's columns, then the rest"

done_testing
