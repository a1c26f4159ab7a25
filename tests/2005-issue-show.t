#!/bin/sh
# issue-show: an issue's whole record in time order -- filed, escalated,
# note, routed, accepted, resolved, feedback, reopened -- as text for people
# and as rows (tsv, jsonl) for scripts; the ids from the arguments or stdin;
# the pipeline issue-file | issue-route | issue-show
. "$(dirname "$0")/lib.sh"
small_store H001:C005
L=$(id -un)

export GRID_NOW='2013-07-10 09:00'
issue-file --no-summary --household H001 --category 治安 --text 夜里有人撬门 \
	--at '2013-07-01 09:00' >/dev/null
issue-file --no-summary --household H005 --category 社会救助 --text 申请低保 \
	--source hotline --ref R-5 --at '2013-07-05 09:00' >/dev/null
issue-update -q --resolve --note 已办 2 >/dev/null
GRID_NOW='2013-07-10 10:00' escalate -q >/dev/null 2>&1
GRID_NOW='2013-07-10 11:00' issue-update -q --note '已联系' 1 >/dev/null
GRID_NOW='2013-07-10 12:00' issue-route -q --to U02 --assist U03 1 >/dev/null 2>&1
GRID_NOW='2013-07-10 12:30' issue-update -q --accept --resolve --note 修好了 1 >/dev/null
GRID_NOW='2013-07-10 13:00' issue-update -q --feedback unsatisfied 1 >/dev/null

export GRID_NOW='2013-07-16 09:00'
run issue-show -o text 1 2
is "$rc" 0 "-o text: exit 0"
is "$out" "issue 1  routed  村 371399101201 东关村
  category   治安
  text       夜里有人撬门
  household  H001
  found in   371399101201 东关村
  contact    C005 陈静
  filed      2013-07-01 09:00:00
  unit       U02 民政局; assisting U03
  due        2013-07-15 13:00:00 (overdue)
  escalated  1 time

  2013-07-01 09:00:00  filed      on the rung 联系干部; due 2013-07-04 09:00:00  [issue-file $L]
  2013-07-10 10:00:00  escalated  from 联系干部 to 村 371399101201; held by C005, 145.0 h over; accountability case 1 pending; due 2013-07-15 10:00:00  [escalate $L]
  2013-07-10 11:00:00  note       已联系  [issue-update $L]
  2013-07-10 12:00:00  routed     to U02 民政局 by hand, assisting U03; due 2013-07-15 12:00:00  [issue-route $L]
  2013-07-10 12:30:00  accepted   by U02 民政局  [issue-update $L]
  2013-07-10 12:30:00  resolved   answer: 修好了  [issue-update $L]
  2013-07-10 13:00:00  feedback   the resident: unsatisfied  [issue-update $L]
  2013-07-10 13:00:00  reopened   back to U02 民政局 (by the feedback); due 2013-07-15 13:00:00  [issue-update $L]

issue 2  resolved  村 371399102201 南村
  category   社会救助
  text       申请低保
  household  H005
  found in   371399102201 南村
  source     hotline, ref R-5
  filed      2013-07-05 09:00:00
  due        2013-07-10 09:00:00
  answer     已办

  2013-07-05 09:00:00  filed      on the rung 村; due 2013-07-10 09:00:00  [issue-file $L]
  2013-07-10 09:00:00  resolved   answer: 已办  [issue-update $L]" \
	"the record: the fields, then every event in time order, with program and login; (overdue) against GRID_NOW"
is "$(GRID_NOW='2013-07-15 13:00' issue-show -o text 1 | sed -n 9p)" \
	"  due        2013-07-15 13:00:00" "at its deadline it is not overdue"

run issue-show 1
is "$out" "issue	at	kind	status	rung	level	unit	due_at	prog	login	detail
1	2013-07-01 09:00:00	filed	open	0	联系干部		2013-07-04 09:00:00	issue-file	$L	
1	2013-07-10 10:00:00	escalated	open	3	村		2013-07-15 10:00:00	escalate	$L	{\"from\":0,\"to\":3,\"from_grid\":null,\"to_grid\":\"371399101201\",\"case\":1}
1	2013-07-10 11:00:00	note	open	3	村		2013-07-15 10:00:00	issue-update	$L	{\"text\":\"已联系\"}
1	2013-07-10 12:00:00	routed	routed	3	村	U02	2013-07-15 12:00:00	issue-route	$L	{\"by_hand\":true,\"assist\":\"U03\"}
1	2013-07-10 12:30:00	accepted	accepted	3	村	U02	2013-07-15 12:00:00	issue-update	$L	
1	2013-07-10 12:30:00	resolved	resolved	3	村	U02	2013-07-15 12:00:00	issue-update	$L	{\"answer\":\"修好了\"}
1	2013-07-10 13:00:00	feedback	resolved	3	村	U02	2013-07-15 12:00:00	issue-update	$L	{\"feedback\":\"unsatisfied\"}
1	2013-07-10 13:00:00	reopened	routed	3	村	U02	2013-07-15 13:00:00	issue-update	$L	{\"by\":\"feedback\"}" \
	"piped: one tsv row an event, the state after each"
run issue-show -o jsonl 2
is "$out" "{\"issue\":2,\"at\":\"2013-07-05 09:00:00\",\"kind\":\"filed\",\"status\":\"open\",\"rung\":3,\"level\":\"村\",\"unit\":null,\"due_at\":\"2013-07-10 09:00:00\",\"prog\":\"issue-file\",\"login\":\"$L\",\"detail\":null}
{\"issue\":2,\"at\":\"2013-07-10 09:00:00\",\"kind\":\"resolved\",\"status\":\"resolved\",\"rung\":3,\"level\":\"村\",\"unit\":null,\"due_at\":\"2013-07-10 09:00:00\",\"prog\":\"issue-update\",\"login\":\"$L\",\"detail\":\"{\\\"answer\\\":\\\"已办\\\"}\"}" \
	"-o jsonl: the rung a number, no unit null, the detail a string"

# time order, not the order written: an issue filed late with --at
issue-file --no-summary --grid 371399101201 --category 其他 --text 补录 --at '2013-07-02 08:00' >/dev/null
sql "UPDATE events SET at = at - 86400 * 30 WHERE issue = 3" # an old event written now
issue-update -q --note 补录说明 3 >/dev/null
run issue-show -o csv 3
is "$(printf '%s\n' "$out" | cut -d, -f2,3)" "at,kind
2013-06-02 08:00:00,filed
2013-07-16 09:00:00,note" "-o csv; the events by their time"

# ids from stdin; refusals
run sh -c 'printf "2\n#1\n" | issue-show -o tsv | cut -f1,3'
is "$out" "issue	kind
2	filed
2	resolved
1	filed
1	escalated
1	note
1	routed
1	accepted
1	resolved
1	feedback
1	reopened" "ids from stdin, in the order given, one header"
run issue-show 2 99 abc
is "$rc" 1 "an issue that does not exist: exit 1"
is "$err" "issue-show: issue 99 does not exist
issue-show: 'abc' is not an issue id" "each named"
is "$(printf '%s\n' "$out" | cut -f1 | sort -u | tr '\n' ' ')" "2 issue " "the others shown"

# issue-file | issue-route | issue-show
grid-import --no-summary rules /dev/stdin <<'EOF'
order,category,pattern,unit,assist,hours
1,,占道|摊贩,U01,U03,8
EOF
export GRID_NOW='2013-07-16 10:00'
run sh -c "printf 'household,category,text\nH002,市容环境,门口有摊贩占道\nH001,其他,咨询\n' |
	issue-file | issue-route -q | issue-show -o tsv"
is "$rc" 0 "the pipeline ends well"
is "$out" "issue	at	kind	status	rung	level	unit	due_at	prog	login	detail
4	2013-07-16 10:00:00	filed	open	3	村		2013-07-21 10:00:00	issue-file	$L	
4	2013-07-16 10:00:00	routed	routed	3	村	U01	2013-07-16 18:00:00	issue-route	$L	{\"rule\":1,\"assist\":\"U03\"}" \
	"the routed issue's record; the unmatched one (5) not passed on"
is "$(sql 'SELECT status FROM issues WHERE id = 5')" open "5 stays open"

done_testing
