#!/bin/sh
# issue-list: each filter alone and together (status, subtree, unit,
# category, household, cadre, level, overdue against GRID_NOW, filing
# dates, ref), -q, and every output mode with its columns
. "$(dirname "$0")/lib.sh"
small_store H001:C005
export GRID_NOW='2013-07-10 09:00'
cat >batch.csv <<'EOF'
household,grid,category,text,filed_at,ref
H001,,治安,夜里有人撬门,2013-07-01 09:00,
H002,,市容环境,"垃圾没人清运,很臭",2013-07-02 09:00,
H003,,市容环境,路灯坏了,2013-07-03 09:00,
,371399101,道路交通,集市车辆乱停乱放,2013-07-04 09:00,
H005,,社会救助,申请低保,2013-07-05 09:00,R-5
,371399,其他,咨询征兵,2013-07-06 09:00,
EOF
issue-file --no-summary batch.csv >/dev/null
issue-route -q --to U01 --hours 10 3 >/dev/null 2>&1
issue-update -q --resolve --note 已办 5 >/dev/null
issue-update -q --reject --reason 不归政府 6 >/dev/null

ids() { run issue-list -q "$@"; printf '%s' "$out" | tr '\n' ' '; }
all="id	status	level	held_by	grid	unit	category	filed_at	due_at	text
1	open	联系干部	C005	371399101201		治安	2013-07-01 09:00:00	2013-07-04 09:00:00	夜里有人撬门
2	open	村	371399101201	371399101201		市容环境	2013-07-02 09:00:00	2013-07-07 09:00:00	垃圾没人清运,很臭
3	routed	村	371399101202	371399101202	U01	市容环境	2013-07-03 09:00:00	2013-07-10 19:00:00	路灯坏了
4	open	乡镇	371399101	371399101		道路交通	2013-07-04 09:00:00	2013-07-14 09:00:00	集市车辆乱停乱放
5	resolved	村	371399102201	371399102201		社会救助	2013-07-05 09:00:00	2013-07-10 09:00:00	申请低保
6	rejected	县	371399	371399		其他	2013-07-06 09:00:00	2013-07-26 09:00:00	咨询征兵"
run issue-list
is "$rc.$out" "0.$all" "no filter: every issue, tsv when piped, in the order filed"
run issue-list -o tsv
is "$out" "$all" "-o tsv"
run issue-list -o csv --status open --grid 371399101201
is "$out" 'id,status,level,held_by,grid,unit,category,filed_at,due_at,text
1,open,联系干部,C005,371399101201,,治安,2013-07-01 09:00:00,2013-07-04 09:00:00,夜里有人撬门
2,open,村,371399101201,371399101201,,市容环境,2013-07-02 09:00:00,2013-07-07 09:00:00,"垃圾没人清运,很臭"' \
	"-o csv: quoted where RFC 4180 needs it"
run issue-list -o jsonl --ref R-5
is "$out" '{"id":5,"status":"resolved","level":"村","held_by":"371399102201","grid":"371399102201","unit":null,"category":"社会救助","filed_at":"2013-07-05 09:00:00","due_at":"2013-07-10 09:00:00","text":"申请低保"}' \
	"-o jsonl: an id is a number, no unit is null"
run issue-list -o table --unit U01
is "$out" "id  status  level  held_by       grid          unit  category  filed_at             due_at               text
--  ------  -----  ------------  ------------  ----  --------  -------------------  -------------------  --------
 3  routed  村     371399101202  371399101202  U01   市容环境  2013-07-03 09:00:00  2013-07-10 19:00:00  路灯坏了" \
	"-o table: aligned by display width"
run issue-list -o csv --bom --ref R-5
is "$out" "$(printf '\357\273\277id,status,level,held_by,grid,unit,category,filed_at,due_at,text\n5,resolved,村,371399102201,371399102201,,社会救助,2013-07-05 09:00:00,2013-07-10 09:00:00,申请低保')" "--bom"
run issue-list -o jsonl -q --status open
is "$out" "1
2
4" "-q: the ids only, whatever the mode"

is "$(ids --status open)" "1 2 4" "--status open"
is "$(ids --status routed,resolved)" "3 5" "--status, two of them"
is "$(ids --status closed)" "" "--status closed: none"
is "$(ids --grid 371399101)" "1 2 3 4" "--grid: the whole subtree, the grid itself too"
is "$(ids --grid 371399101202)" "3" "--grid: a leaf"
is "$(ids --grid 371399)" "1 2 3 4 5 6" "--grid: the root"
is "$(ids --unit U01)" "3" "--unit"
is "$(ids --unit U02)" "" "--unit with nothing"
is "$(ids --category 市容环境)" "2 3" "--category"
is "$(ids --household H001)" "1" "--household"
is "$(ids --cadre C005)" "1" "--cadre: the contact cadre"
is "$(ids --level 联系干部)" "1" "--level by name: the cadre rung"
is "$(ids --level 村)" "2 3 5" "--level 村"
is "$(ids --level 3)" "2 3 5" "--level by depth"
is "$(ids --level 1)" "6" "--level 1: the county"
is "$(ids --overdue)" "1 2" "--overdue at 07-10 09:00: past due and still being handled (5 is resolved)"
is "$(GRID_NOW='2013-07-10 19:00' ids --overdue)" "1 2" "at the deadline itself, 3 is not overdue yet"
is "$(GRID_NOW='2013-07-10 19:00:01' ids --overdue)" "1 2 3" "a second later it is"
is "$(ids --since 2013-07-03)" "3 4 5 6" "--since a date: from its midnight"
is "$(ids --until 2013-07-03)" "1 2 3" "--until a bare date: to the end of that day"
is "$(ids --until '2013-07-03 09:00')" "1 2" "--until a time: before it"
is "$(ids --since 2013-07-02 --until 2013-07-04)" "2 3 4" "--since and --until"
is "$(ids --since '2013-07-02T09:00:00+08:00' --until @1372986000)" "2 3 4" \
	"ISO 8601 with an offset, @EPOCH (2013-07-05 09:00 +08)"
is "$(ids --ref R-5)" "5" "--ref"
is "$(ids --ref R-6)" "" "--ref of nothing"
is "$(ids --status open --grid 371399101 --category 市容环境)" "2" "filters combine with AND"
is "$(ids --overdue --cadre C005 --level 0)" "1" "overdue, the cadre's, on the cadre rung"
is "$(ids --household H002 --status open --since 2013-07-02 --until 2013-07-02 --grid 371399101201 --category 市容环境 --level 村 --overdue)" \
	"2" "all of them at once"

# refusals: usage, exit 2
run issue-list --status bogus
is "$rc.$out" "2." "--status of no status: usage"
like "$err" "no status 'bogus'" "says which"
run issue-list --grid 999
is "$rc.$out" "2." "--grid of no grid: usage"
like "$err" "^issue-list: grid '999' does not exist" "says which"
run issue-list --level nope
is "$rc" 2 "--level that no level names"
like "$err" "no level 'nope'" "says which"
run issue-list --since yesterday
is "$rc" 2 "--since that is no time"
run issue-list 3
is "$rc" 2 "an operand: usage"

done_testing
