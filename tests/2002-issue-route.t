#!/bin/sh
# issue-route by the rules of examples/rules.csv: Chinese patterns and
# categories, the first matching rule wins, assisting units, deadlines in
# working hours (examples/calendar.csv) from GRID_NOW; unmatched issues stay
# open, are named on stderr, exit 1; ids from stdin, else every open issue;
# --to by hand, also re-routing; a broken pattern is refused at import
. "$(dirname "$0")/lib.sh"
example_store
grid-import --no-summary rules "$EX/rules.csv"
grid-import --no-summary calendar "$EX/calendar.csv"
V=37139900101001   # a community of 城关街道 (rung 4, 村)
route() {
	sql "SELECT id, status, coalesce(unit, '-'), coalesce(assist, '-'),
	    CASE WHEN hours IS NULL THEN '-' ELSE printf('%.1f', hours) END, coalesce(datetime(routed_at, 'unixepoch', '+8 hours'), '-'),
	    datetime(due_at, 'unixepoch', '+8 hours') FROM issues WHERE id = $1"
}

# 2013-09-30 is the Monday before the National Day holiday (10-01..10-07);
# each working day has 8 hours, 09:00-17:00
export GRID_NOW='2013-09-30 15:00'
cat >batch.csv <<EOF
grid,category,text
$V,市容环境,井盖丢了，旁边还有摊贩占道
$V,其他,门口有人占道经营
$V,违法建设,邻居盖房子
$V,其他,红绿灯坏了
$V,道路交通,红绿灯坏了
$V,道路交通,路面坑洼
$V,饮水安全,水管冻裂了
$V,饮水安全,水管漏水
EOF
run issue-file batch.csv
is "$out" "$(seq 1 8 | tr '\n' ' ' | sed 's/ $//' | tr ' ' '\n')" "eight issues filed"

events=$(sql 'SELECT count(*) FROM events')
printf '1\n2\n' >ids
run issue-route <ids
is "$rc" 0 "ids on stdin, both matched: exit 0"
is "$out" "id	unit	due
1	U01	2013-10-08 10:00:00
2	U03	2013-10-08 15:00:00" \
	"only the ids given; 1: rule 2 (市容环境 + 井盖, 3 h) before rule 4 (占道); 2: rule 4 (8 h) across the holiday"
is "$err" "issue-route: 2 routed, 0 need adjudication, 0 refused" "a summary"
is "$(route 1)" "1|routed|U01|U03|3.0|2013-09-30 15:00:00|2013-10-08 10:00:00" \
	"issue 1: lead U01, assisted by U03, 3 working hours: 2 on 9-30, 1 on 10-08"
is "$(route 2)" "2|routed|U03|U04|8.0|2013-09-30 15:00:00|2013-10-08 15:00:00" \
	"issue 2: 占道 → 城管局 U03, assisted by 市场监管局 U04"
is "$(route 3)" "3|open|-|-|120.0|-|2013-10-25 15:00:00" "issue 3 not named: still open"
is "$(sql "SELECT kind, issue, prog, status, rung, unit, datetime(due_at, 'unixepoch', '+8 hours'), detail FROM events WHERE id > $events ORDER BY id")" \
	'routed|1|issue-route|routed|4|U01|2013-10-08 10:00:00|{"rule":2,"assist":"U03"}
routed|2|issue-route|routed|4|U03|2013-10-08 15:00:00|{"rule":4,"assist":"U04"}' \
	"one event each, naming the rule and the assisting units"

# an empty pipe routes nothing: issue-file that filed nothing, say
run issue-route </dev/null
is "$rc.$out" "0.id	unit	due" "an empty pipe: nothing routed, exit 0, the header"
is "$err" "" "and nothing to say"
is "$(sql "SELECT count(*) FROM issues WHERE status = 'open'")" 6 "every other issue still open"
run issue-route -o csv </dev/null
is "$rc.$out" "0.id,unit,due" "csv: the header"

# --all: every open issue, in id order
run issue-route --all -o jsonl
is "$rc" 1 "an unmatched issue: exit 1"
is "$out" '{"id":3,"unit":"U03","due":"2013-10-25 15:00:00"}
{"id":5,"unit":"U05","due":"2013-10-10 15:00:00"}
{"id":6,"unit":"U07","due":"2013-10-25 15:00:00"}
{"id":7,"unit":"U06","due":"2013-10-08 12:00:00"}
{"id":8,"unit":"U06","due":"2013-10-10 15:00:00"}' \
	"3: category only (rule 5, 120 h); 5: 道路交通 + 红绿灯 (rule 14, 24 h); 6: 道路交通 (rule 15); 7: 饮水安全 + 冻裂 (rule 1, 5 h); 8: 漏水 without 冻裂 (rule 8, 24 h)"
is "$err" "issue-route: issue 4 (其他): no rule matches; route it by hand with --to
issue-route: 5 routed, 1 need adjudication, 0 refused" \
	"红绿灯 outside 道路交通 matches nothing: listed for adjudication"
is "$(route 3)" "3|routed|U03|U01;U10|120.0|2013-09-30 15:00:00|2013-10-25 15:00:00" \
	"120 working hours: 2 + 14 working days (10-12 is a make-up Saturday) + 6"
is "$(route 4)" "4|open|-|-|120.0|-|2013-10-25 15:00:00" "issue 4 stays open, its deadline as filed"
run issue-route --all -q
is "$rc.$out" "1." "run again: nothing routed, still exit 1"
is "$err" "issue-route: issue 4 (其他): no rule matches; route it by hand with --to
issue-route: 0 routed, 1 need adjudication, 0 refused" "issue 4 still waits"

# refusals by the rules
run issue-route 1 99 abc 4
is "$rc.$out" "1.id	unit	due" "refused and unmatched: exit 1, nothing routed"
is "$err" "issue-route: issue 1 is routed: only an open issue can be routed
issue-route: issue 99 does not exist
issue-route: 'abc' is not an issue id
issue-route: issue 4 (其他): no rule matches; route it by hand with --to
issue-route: 0 routed, 1 need adjudication, 3 refused" "each named"

# by hand: the platform's adjudication
export GRID_NOW='2013-10-08 10:00'
run issue-route --to U07 4
is "$rc.$out" "0.id	unit	due
4	U07	2013-10-28 10:00:00" \
	"no rule, no --hours: the rung's 120 working hours (村)"
is "$(sql 'SELECT detail FROM events ORDER BY id DESC LIMIT 1')" '{"by_hand":true}' \
	"the event says by hand"
is "$(route 4)" "4|routed|U07|-|120.0|2013-10-08 10:00:00|2013-10-28 10:00:00" "routed"
run issue-update --accept 2
for list in 'U07,U02' 'U07 U02' 'U07，U02' 'U07、U02'; do
	run issue-route --to U05 --assist "$list" 2
	is "$rc" 2 "--assist '$list': a usage error"
	like "$err" "^issue-route: bad --assist '$list': separate the units with ';', as in --assist 'U02;U03'" \
		"--assist '$list': says units are ';'-separated"
done
run issue-route --to U05 --assist 'U07;U02' --hours 16 -q 2 5
is "$rc.$out" "0.2
5" "re-routing an accepted and a routed issue; -q the ids"
is "$(route 2)" "2|routed|U05|U07;U02|16.0|2013-10-08 10:00:00|2013-10-10 10:00:00" \
	"a new unit, assisting units, 16 working hours: 7 + 8 + 1"
is "$(sql 'SELECT CASE WHEN accepted_at IS NULL THEN 1 ELSE 0 END FROM issues WHERE id = 2')" 1 "no longer accepted"
is "$(sql 'SELECT detail FROM events WHERE issue = 2 ORDER BY id DESC LIMIT 1')" \
	'{"by_hand":true,"from":"U03","assist":"U07;U02"}' "the event says from which unit"
run issue-route --to U01 6
is "$out" "id	unit	due
6	U01	2013-10-28 10:00:00" "without --hours: the matching rule's hours (rule 15, 120 h)"
is "$(route 6)" "6|routed|U01|-|120.0|2013-10-08 10:00:00|2013-10-28 10:00:00" \
	"no --assist: none"
run issue-update --resolve --note 已修复 7
before=$(grid-export events -o tsv; grid-export issues -o tsv)
run issue-route --to U01 7 99
is "$rc.$out" "1.id	unit	due" "a resolved issue is not routed, by hand either"
is "$err" "issue-route: issue 7 is resolved: only an open, routed or accepted issue can be routed
issue-route: issue 99 does not exist
issue-route: 0 routed, 0 need adjudication, 2 refused" "says its state"
run issue-route --to U99 6
is "$rc.$err" "2.issue-route: unit 'U99' does not exist" "a unit that does not exist: usage"
run issue-route --to U01 --assist 'U02;U99' 6
is "$rc.$err" "2.issue-route: assisting unit 'U99' does not exist" "an assisting unit either"
run issue-route --to U01 </dev/null
is "$rc.$out.$err" "0.id	unit	due." "--to with an empty pipe: nothing routed"
run issue-route --all 6
is "$rc" 2 "--all with ids: usage"
like "$err" "--all routes every open issue by the rules: no ids, no --to" "says so"
run issue-route --all --to U01
is "$rc" 2 "--all with --to: usage"
run issue-route --hours 5 6
is "$rc" 2 "--hours without --to: usage"
run issue-route --to U01 --hours 0 6
is "$rc" 2 "--hours 0: usage"
is "$(grid-export events -o tsv; grid-export issues -o tsv)" "$before" "nothing changed by any refusal"

# --dry-run
run issue-file --grid $V --category 其他 --text 路边摊贩太多
run issue-route --dry-run "$out"
is "$out" "id	unit	due
9	U03	2013-10-09 10:00:00" "--dry-run prints the routing: 8 working hours from 10:00 are 7 today and 1 tomorrow"
like "$err" "1 routed, 0 need adjudication, 0 refused \(dry run: nothing written\)" "and says so"
is "$(route 9)" "9|open|-|-|120.0|-|2013-10-28 10:00:00" "nothing written"

# issue-file | issue-route: only the new issues
run sh -c "printf 'grid,category,text\n$V,其他,小区门口摊贩占道\n$V,其他,咨询征兵\n' | issue-file | issue-route"
is "$rc" 1 "the pipeline: one of two unmatched, exit 1"
is "$out" "id	unit	due
10	U03	2013-10-09 10:00:00" "the new issue 10 routed; the open 9 left alone"
like "$err" "issue 11 \(其他\): no rule matches" "11 listed for adjudication"
is "$(sql "SELECT id, status FROM issues WHERE id >= 9 ORDER BY id")" "9|open
10|routed
11|open" "9 untouched"

# a broken pattern: refused at import with its line and PCRE2's message
printf 'order,category,pattern,unit,assist,hours\n30,,(水管|自来水,U06,,24\n31,其他,"[漏",U06,,24\n32,,占道,U03,,4\n33,,,U01,,5\n34,其他,征兵,U99,,5\n' >bad.csv
run grid-import rules bad.csv
is "$rc" 1 "grid-import rules: bad rules rejected, exit 1"
is "$err" "grid-import: bad.csv:2: pattern '(水管|自来水': does not compile at character 7: missing closing parenthesis
grid-import: bad.csv:3: pattern '[漏': does not compile at character 2: missing terminating ] for character class
grid-import: bad.csv:5: a rule needs a category, a pattern or both
grid-import: bad.csv:6: unit 'U99' does not exist
grid-import: bad.csv: 5 read, 1 added, 0 updated, 0 unchanged, 4 rejected" \
	"each by its line, with PCRE2's message and where (in characters)"
is "$(sql 'SELECT "order", pattern FROM rules WHERE "order" >= 30')" "32|占道" "the good rule kept"
run issue-route 11
is "$rc" 1 "routing still works; 11 still matches nothing"

done_testing
