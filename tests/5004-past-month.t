#!/bin/sh
# a month that has ended never changes: every figure of July, in every
# output mode and every breakdown, as of July's end -- the same in August
# and in September, byte for byte, after new households and pairs (a
# household's first pair no longer counts back in time), new grids, units
# and cadres, issues filed, routed, escalated, resolved and reopened later,
# imports and retirements
. "$(dirname "$0")/lib.sh"
small_store H001:C003 H002:C003 H003:C004 H004:C004

file() {
	_t=$1
	shift
	at "$_t" issue-file --no-summary --at "$_t" "$@" >/dev/null
}
printf 'cadre,household,at\nC003,H001,2013-07-03 10:00\nC004,H003,2013-07-10 15:00\n' |
	at 2013-07-31 grid-import --no-summary visits
file '2013-07-01 09:00' --household H001 --category 道路交通 --text '路灯坏了'
at '2013-07-02 09:00' issue-update -q --resolve --note '已换灯泡' 1 >/dev/null
at '2013-07-03 09:00' issue-update -q --close --feedback satisfied 1 >/dev/null
file '2013-07-01 10:00' --household H002 --category 道路交通 --text '路面坑洼'
file '2013-07-02 09:00' --household H003 --category 饮水安全 --text '水管漏水'
file '2013-07-10 09:00' --grid 371399102201 --category 市容环境 --text '垃圾堆积'
at '2013-07-10 10:00' issue-route -q --to U03 --hours 24 4 >/dev/null 2>&1
at '2013-07-12 02:00' escalate --no-summary -q >/dev/null
at '2013-07-20 09:00' issue-update -q --resolve 3 >/dev/null

report() {
	for by in '' level grid unit category cadre month; do
		for o in table tsv csv jsonl; do
			echo "== --by $by -o $o"
			stats --month 2013-07 ${by:+--by $by} -o "$o"
			stats --month 2013-07 --grid 371399101 ${by:+--by $by} -o "$o"
		done
	done 2>&1
}
at '2013-08-01 00:30' report >july.1
like "$(sed -n '/^== --by  -o tsv/,/^==/p' july.1 | sed -n 3p)" \
	'^2013-07-01 00:00:00	2013-08-01 00:00:00	4	' "July's headline counts its four issues"

# August: the store moves on
export GRID_NOW='2013-08-05 09:00'
printf 'code,head,grid\nH006,孙八,371399101201\n' | grid-import --no-summary households
printf 'household,cadre\nH006,C005\n' | grid-import --no-summary pairs
printf 'code,name,parent\n371399101203,北关村,371399101\n' | grid-import --no-summary grids
printf 'code,head,grid\nH007,周九,371399101203\n' | grid-import --no-summary households
printf 'code,name\nU04,住建局\n' | grid-import --no-summary units
printf 'code,name,unit,grid\nC007,吴十,U04,371399101203\n' | grid-import --no-summary cadres
grid-assign -q pair >/dev/null 2>&1
printf 'cadre,household,at\nC005,H006,2013-08-05 08:00\nC003,H002,2013-08-05 08:00\n' |
	grid-import --no-summary visits
at '2013-08-06 09:00' issue-route -q --to U02 --hours 24 2 >/dev/null 2>&1
at '2013-08-08 02:00' escalate --no-summary -q >/dev/null
at '2013-08-09 09:00' issue-update -q --resolve 2 >/dev/null
at '2013-08-09 10:00' issue-update -q --resolve 4 >/dev/null
at '2013-08-10 09:00' issue-update -q --feedback unsatisfied 3 >/dev/null
file '2013-08-11 09:00' --household H006 --category 道路交通 --text '井盖丢了'
at '2013-08-12 09:00' issue-update -q --resolve 5 >/dev/null
is "$(sql "SELECT group_concat(kind || ':' || n, ' ') FROM (SELECT kind,
	count(*) AS n FROM events WHERE at >= strftime('%s', '2013-08-01')
	AND issue IS NOT NULL GROUP BY kind ORDER BY kind) AS a")" \
	"escalated:2 feedback:1 filed:1 reopened:1 resolved:3 routed:1" \
	"the August activity happened"
is "$(stats --month 2013-08 -o tsv | sed 1d | cut -f32,33)" "7	2" \
	"August counts the new pairs and visits"
at '2013-08-01 00:30' report >july.2
is "$(cmp july.1 july.2 && echo same)" same \
	"after new households, pairs, grids, units, cadres and issues: July unchanged"
diff july.1 july.2 | head -20 | sed 's/^/# /'

# September: retirements and a re-import
export GRID_NOW='2013-09-02 09:00'
printf 'code,name,status\nU03,水利局,retired\n' | grid-import --no-summary units
printf 'code,name,parent,status\n371399102201,南村,371399102,retired\n' | grid-import --no-summary grids
printf 'code,head,grid,status\nH004,赵六,371399101202,moved\n' | grid-import --no-summary households
printf 'code,name,unit,grid,status\nC004,刘洋,U03,371399101202,left\n' | grid-import --no-summary cadres 2>/dev/null
printf 'order,category,unit,hours\n10,道路交通,U01,24\n' | grid-import --no-summary --replace rules
at '2013-10-01 00:30' report >july.3
is "$(cmp july.1 july.3 && echo same)" same \
	"after retirements, a cadre who left, a household that moved: July unchanged"
diff july.1 july.3 | head -20 | sed 's/^/# /'

done_testing
