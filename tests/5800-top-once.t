#!/bin/sh
# grid-top --once: one frame's data as rows, exactly, on a small store built
# with issue-file, issue-route and issue-update; every panel, grouping and
# output mode, subtrees by code and by name, private text, -q and --limit
. "$(dirname "$0")/lib.sh"
small_store
printf 'household,cadre\nH001,C003\n' | grid-import --no-summary pairs

# #1 overdue with the contact cadre, #2 routed by hand, #3 private and
# resolved, #4 long overdue at the township, #5 rejected
export GRID_NOW='2014-01-06 10:00'
issue-file --no-summary --household H001 --category 市容环境 \
	--text 东关村北门垃圾堆了8天没有清运 --at '2014-01-01 10:00' >/dev/null
issue-file --no-summary --household H003 --category 市容环境 \
	--text 西关村路边有人乱倒建筑垃圾 --at '2014-01-05 10:00' >/dev/null
issue-file --no-summary --grid 371399102201 --category 社会救助 --text 家里的私事 \
	--private --at 2014-01-02 >/dev/null
issue-file --no-summary --grid 371399101 --category 道路交通 \
	--text 城关镇集市车辆乱停乱放 --at '2013-12-01 10:00' >/dev/null
issue-file --no-summary --household H005 --category 其他 --text 咨询征兵报名的时间 \
	--at '2014-01-06 09:00' >/dev/null
issue-route -q --to U01 --hours 5 2 >/dev/null 2>&1
issue-update -q --resolve --note 已办 3 >/dev/null
issue-update -q --reject --reason 不属于政府职责 5 >/dev/null
is "$(sql 'SELECT count(*) FROM issues')" 5 "five issues filed"

GRID_NOW='2014-01-06 20:00'
T='	'
run grid-top --once
is "$rc" 0 "--once exits 0"
is "$err" "" "and says nothing"
is "$out" "rung${T}level${T}open${T}routed${T}accepted${T}parked${T}resolved${T}closed${T}rejected${T}overdue
0${T}联系干部${T}1${T}0${T}0${T}0${T}0${T}0${T}0${T}1
3${T}村${T}0${T}1${T}0${T}0${T}1${T}0${T}1${T}1
2${T}乡镇${T}1${T}0${T}0${T}0${T}0${T}0${T}0${T}1
1${T}县${T}0${T}0${T}0${T}0${T}0${T}0${T}0${T}0

id${T}due_at${T}hours_over${T}rung${T}level${T}grid${T}grid_name${T}unit${T}unit_name${T}category${T}text
4${T}2013-12-11 10:00:00${T}634${T}2${T}乡镇${T}371399101${T}城关镇${T}${T}${T}道路交通${T}城关镇集市车辆乱停乱放
1${T}2014-01-04 10:00:00${T}58${T}0${T}联系干部${T}371399101201${T}东关村${T}${T}${T}市容环境${T}东关村北门垃圾堆了8天没有清运
2${T}2014-01-06 15:00:00${T}5${T}3${T}村${T}371399101202${T}西关村${T}U01${T}城管局${T}市容环境${T}西关村路边有人乱倒建筑垃圾

id${T}event${T}at${T}kind${T}status${T}grid${T}grid_name${T}unit${T}unit_name${T}category${T}text
5${T}15${T}2014-01-06 10:00:00${T}rejected${T}rejected${T}371399102201${T}南村${T}${T}${T}其他${T}咨询征兵报名的时间
3${T}14${T}2014-01-06 10:00:00${T}resolved${T}resolved${T}371399102201${T}南村${T}${T}${T}社会救助${T}
2${T}13${T}2014-01-06 10:00:00${T}routed${T}routed${T}371399101202${T}西关村${T}U01${T}城管局${T}市容环境${T}西关村路边有人乱倒建筑垃圾
5${T}12${T}2014-01-06 09:00:00${T}filed${T}open${T}371399102201${T}南村${T}${T}${T}其他${T}咨询征兵报名的时间
4${T}11${T}2013-12-01 10:00:00${T}filed${T}open${T}371399101${T}城关镇${T}${T}${T}道路交通${T}城关镇集市车辆乱停乱放
3${T}10${T}2014-01-02 00:00:00${T}filed${T}open${T}371399102201${T}南村${T}${T}${T}社会救助${T}
2${T}9${T}2014-01-05 10:00:00${T}filed${T}open${T}371399101202${T}西关村${T}${T}${T}市容环境${T}西关村路边有人乱倒建筑垃圾
1${T}8${T}2014-01-01 10:00:00${T}filed${T}open${T}371399101201${T}东关村${T}${T}${T}市容环境${T}东关村北门垃圾堆了8天没有清运

unit${T}name${T}open${T}overdue
U01${T}城管局${T}1${T}1" \
	"--once in a pipe: the four panels as TSV, a blank line between them"

run grid-top --once -o table --panel counts
is "$out" "rung  level     open  routed  accepted  parked  resolved  closed  rejected  overdue
----  --------  ----  ------  --------  ------  --------  ------  --------  -------
   0  联系干部     1       0         0       0         0       0         0        1
   3  村           0       1         0       0         1       0         1        1
   2  乡镇         1       0         0       0         0       0         0        1
   1  县           0       0         0       0         0       0         0        0" \
	"-o table: aligned by display width"
# the levels in the order of the ladder, as stats --by level has them
run grid-top --once --panel counts -q
is "$(echo $out)" "$(stats --by level -o tsv | sed 1d | cut -f2 | xargs)" \
	"the levels up the ladder, in the order of stats --by level"

run grid-top --once --panel overdue -q
is "$out" "4
1
2" "-q: the overdue issues' ids, most overdue first"
run grid-top --once --panel latest -q --limit 2
is "$out" "5
3" "--limit 2: the two newest events"
is "$err" "grid-top: latest: only the first 2 rows: more with --limit N" \
	"--limit that cuts a list says so on stderr"
run grid-top --once --panel overdue -q --limit 2
is "$out.$err" "4
1.grid-top: overdue: only the first 2 rows: more with --limit N" \
	"--limit 2 of 3 overdue: cut, and said"
run grid-top --once --panel overdue -q --limit 3
is "$err" "" "--limit 3 of 3 overdue: nothing cut, nothing said"
run grid-top --once --limit 1
like "$err" "overdue: only the first 1 rows" "every panel cut is named: overdue"
like "$err" "latest: only the first 1 rows" "every panel cut is named: latest"

run grid-top --once --panel units -o jsonl
is "$out" '{"unit":"U01","name":"城管局","open":1,"overdue":1}' \
	"-o jsonl: numbers as numbers, codes as strings"
run grid-top --once --panel units -o csv --bom
is "$out" "$(printf '\357\273\277unit,name,open,overdue\nU01,城管局,1,1')" \
	"-o csv --bom: for Excel"

run grid-top --once --grid 城关镇 --by grid --panel counts -o csv
is "$out" "grid,name,open,routed,accepted,parked,resolved,closed,rejected,overdue
371399101201,东关村,1,0,0,0,0,0,0,1
371399101202,西关村,0,1,0,0,0,0,0,1
371399101,城关镇,1,0,0,0,0,0,0,1" \
	"--grid by name, --by grid: the villages, then the township itself"
run grid-top --once --grid 371399 --by grid --panel counts -q
is "$out" "371399101
371399102" "--grid by code: the county's townships"
run grid-top --once --by unit --panel counts
is "$out" "unit${T}name${T}open${T}routed${T}accepted${T}parked${T}resolved${T}closed${T}rejected${T}overdue
${T}${T}2${T}0${T}0${T}0${T}1${T}0${T}1${T}2
U01${T}城管局${T}0${T}1${T}0${T}0${T}0${T}0${T}0${T}1" \
	"--by unit: the most overdue first; issues without a unit as empty"
run grid-top --once --by category --grid 新城镇 --panel counts
is "$out" "category${T}open${T}routed${T}accepted${T}parked${T}resolved${T}closed${T}rejected${T}overdue
其他${T}0${T}0${T}0${T}0${T}0${T}0${T}1${T}0
社会救助${T}0${T}0${T}0${T}0${T}1${T}0${T}0${T}0" "--by category under 新城镇"
run grid-top --once --grid 南村 --panel overdue
is "$out" "id${T}due_at${T}hours_over${T}rung${T}level${T}grid${T}grid_name${T}unit${T}unit_name${T}category${T}text" \
	"nothing overdue in 南村: the header alone"

is "$(grid-top --once --grid 南村 --panel latest --reveal | cut -f11 | sed -n 3p)" \
	"家里的私事" "--reveal: the text of a private issue"

# time moves: at 2014-01-06 14:00 #2 is not yet overdue
run env GRID_NOW='2014-01-06 14:00' grid-top --once --panel overdue -q
is "$out" "4
1" "an earlier now: two overdue"

# a new issue is in the next frame
issue-file --no-summary --household H003 --category 治安 --text 西关村有人聚众赌博 >/dev/null
run grid-top --once --panel latest --limit 1
like "$out" "^6${T}16${T}2014-01-06 20:00:00${T}filed${T}open${T}371399101202${T}西关村" \
	"the newest event first"

# an empty store
# (on PostgreSQL an empty database)
empty=$TMP/empty.db
if is_pg; then
	full=$GRID_DB
	pg_store
	empty=$GRID_DB
	GRID_DB=$full
fi
GRID_DB=$empty grid-init --no-summary >/dev/null 2>&1
run env GRID_DB="$empty" grid-top --once -o csv
is "$out" "rung,level,open,routed,accepted,parked,resolved,closed,rejected,overdue

id,due_at,hours_over,rung,level,grid,grid_name,unit,unit_name,category,text

id,event,at,kind,status,grid,grid_name,unit,unit_name,category,text

unit,name,open,overdue" "an empty store: the headers"

done_testing
