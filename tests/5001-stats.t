#!/bin/sh
# stats: every figure of the headline and of --by level, unit, cadre, grid,
# category and month, on a store whose issues were filed, escalated
# (GRID_NOW and escalate), routed, resolved, rated and reopened at known
# times; the July report run again in September gives the July figures;
# a back-filled issue counts in its month
. "$(dirname "$0")/lib.sh"
small_store

# H005 has no cadre (南村's only cadre has left): it starts at its village
printf 'household,cadre\nH001,C003\nH002,C003\nH003,C004\nH004,C004\n' >pairs.csv
at 2013-06-01 grid-import --no-summary pairs pairs.csv
printf 'cadre,household,at\nC003,H002,2013-06-15 10:00\nC003,H001,2013-07-03 10:00\nC004,H003,2013-07-10 15:00\nC003,H001,2013-07-20 09:30\nC004,H004,2013-08-12 10:00\n' >visits.csv
at 2013-09-01 grid-import --no-summary visits visits.csv

file() {
	_t=$1
	shift
	at "$_t" issue-file --at "$_t" "$@"
}
# 1: H005 on rung 3 (南村), due 06-25 09:00
file '2013-06-20 09:00' --household H005 --category 饮水安全 --text '井水浑浊' >/dev/null
at '2013-07-01 09:00' issue-update -q --resolve --note '已清洗水井' 1 >/dev/null
# 2: H001 with C003 on rung 0, due 07-04 09:00; solved by the cadre
file '2013-07-01 09:00' --household H001 --category 道路交通 --text '路灯坏了' >/dev/null
at '2013-07-02 09:00' issue-update -q --resolve --note '已换灯泡' 2 >/dev/null
at '2013-07-03 09:00' issue-update -q --close --feedback satisfied 2 >/dev/null
# 3: H002 with C003, due 07-04 10:00; up to 东关村, routed, resolved late
file '2013-07-01 10:00' --household H002 --category 道路交通 --text '路面坑洼' >/dev/null
# 4: H003 with C004, due 07-05 09:00; up to 西关村, then 城关镇
file '2013-07-02 09:00' --household H003 --category 饮水安全 --text '水管漏水' >/dev/null
# 5: H004 with C004, private, rejected
file '2013-07-03 09:00' --household H004 --category 邻里纠纷 --text '家事' --private >/dev/null
at '2013-07-04 09:00' issue-update -q --reject --reason '不属于政府职能' 5 >/dev/null
run at '2013-07-05 02:00' escalate --no-summary -q
is "$out" 3 "07-05: issue 3 goes up to its village"
at '2013-07-06 10:00' issue-route -q --to U01 --hours 48 3 >/dev/null 2>&1
at '2013-07-09 10:00' issue-update -q --resolve --note '已修补' 3 >/dev/null
at '2013-07-10 09:00' issue-update -q --feedback basic --rate-unit 4 3 >/dev/null
# 6: found on patrol in 南村 (no leader), routed to U03 for 24 hours
file '2013-07-10 09:00' --grid 371399102201 --category 市容环境 --text '垃圾堆积' >/dev/null
at '2013-07-10 10:00' issue-route -q --to U03 --hours 24 6 >/dev/null 2>&1
run at '2013-07-12 02:00' escalate --no-summary -q
is "$(echo $out)" "4 6" "07-12: issues 4 and 6 go up"
run at '2013-07-20 02:00' escalate --no-summary -q
is "$out" 4 "07-20: issue 4 goes up to 城关镇"
at '2013-07-25 09:00' issue-update -q --resolve 4 >/dev/null
run at '2013-07-26 09:00' issue-update -o tsv --feedback unsatisfied 4
is "$(echo "$out" | tail -1)" "4	open" "the resident's 'unsatisfied' reopens issue 4"

tsv() {
	stats -o tsv "$@"
}
HEAD='since	until	filed	filed_resolved	resolved_share	routed	resolved	on_time	on_time_share	median_hours	p90_hours	closed	rejected	reopened	open	overdue	referred	escalations	accountability	accountable_people	accountable_units	accountability_pending	feedback	satisfied	basic	unsatisfied	satisfaction	ratings	unit_rating	grid_ratings	grid_rating	paired	visited	visit_coverage'
JULY='2013-07-01 00:00:00	2013-08-01 00:00:00	5	2	40.0	2	4	2	50.0	192.0	552.0	1	1	1	2	1	0	4	0	0	0	4	3	1	1	1	66.7	1	4.00	0		4	2	50.0'
run at '2013-08-01 00:30' stats --month 2013-07 -o tsv
is "$rc" 0 "stats --month"
is "$out" "$HEAD
$JULY" "July's headline: every figure"
july_level='level	rung	resolved	share	on_time	on_time_share	median_hours	p90_hours	referred	escalations
联系干部	0	1	25.0	1	100.0	24.0	24.0	0	2
村	3	2	50.0	0	0.0	192.0	264.0	0	2
乡镇	2	1	25.0	1	100.0	552.0	552.0	0	0
县	1	0	0.0	0				0	0'
is "$(at '2013-08-01 00:30' tsv --month 2013-07 --by level)" "$july_level" \
	"--by level: where they were solved, bottom rung first"
# U02 had nothing in July and came into the store after it (the store is
# set up today and the issues back-filled): a month's rows never grow, so
# a unit added after it has a row only for what it did then
july_unit='unit	name	routed	resolved	on_time	on_time_share	median_hours	ratings	unit_rating	accountability
U01	城管局	1	1	0	0.0	192.0	1	4.00	0
U03	水利局	1	0	0			0		0'
is "$(at '2013-08-01 00:30' tsv --month 2013-07 --by unit | cut -f1-10)" "$july_unit" \
	"--by unit: routed, resolved, on time, rating, accountability"
july_cadre='cadre	name	households	visited	visit_coverage	filed	solved	feedback	satisfaction	accountability
C003	张伟	2	1	50.0	2	1	2	100.0	0
C004	刘洋	2	1	50.0	2	0	1	0.0	0'
is "$(at '2013-08-01 00:30' tsv --month 2013-07 --by cadre)" "$july_cadre" \
	"--by cadre: households, visits, issues, solved, satisfaction"

# August: the July issues move on; July's figures do not
at '2013-08-02 02:00' escalate --no-summary -q >/dev/null
at '2013-08-03 09:00' issue-update -q --resolve 4 >/dev/null
at '2013-08-04 09:00' issue-update -q --close 4 >/dev/null
at '2013-08-05 09:00' issue-update -q --close 3 >/dev/null
at '2013-08-10 09:00' issue-update -q --reopen 2 >/dev/null
is "$(sql 'SELECT id || status FROM issues ORDER BY id' | tr '\n' ' ')" \
	"1resolved 2open 3closed 4closed 5rejected 6routed " \
	"in September the July issues stand otherwise"
run at '2013-09-30 12:00' stats --month 2013-07 -o tsv
is "$out" "$HEAD
$JULY" "the July report run again in September prints July's figures"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by level)" "$july_level" \
	"so does --by level"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by unit | cut -f1-10)" "$july_unit" \
	"and --by unit"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by cadre)" "$july_cadre" \
	"and --by cadre"
run at '2013-09-30 12:00' stats --month 2013-08 -o tsv
is "$(echo "$out" | sed -n 2p | cut -f3-16,18)" \
	"0	0		0	1	1	100.0	768.0	768.0	2	0	1	2	2	1" \
	"August: 4 resolved in time (768 hours after filing) and closed, 3 closed, 2 reopened, 6 escalated; 2 and 6 open and overdue"

# the other breakdowns
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by grid | cut -f1-4)" \
'grid	name	filed	filed_resolved
371399	清河县	5	2' "--by grid without --grid: the roots"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by grid --grid 371399 | cut -f1-8,15,16)" \
'grid	name	filed	filed_resolved	resolved_share	routed	resolved	on_time	open	overdue
371399101	城关镇	4	2	50.0	1	3	2	1	0
371399102	新城镇	1	0	0.0	1	1	0	1	1' \
	"--by grid --grid: its children, each its subtree"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by grid --grid 371399101 | cut -f1-3,32-34)" \
'grid	name	filed	paired	visited	visit_coverage
371399101201	东关村	2	2	1	50.0
371399101202	西关村	2	2	1	50.0' \
	"and their households"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by category | cut -f1,2,6)" \
'category	filed	resolved
道路交通	2	2
市容环境	1	0
邻里纠纷	1	0
饮水安全	1	2' \
	"--by category, the most filed first"
is "$(at '2013-09-30 12:00' tsv --since 2013-06-01 --until 2013-08-31 --by month | cut -f1,2,6,14,15)" \
'month	filed	resolved	open	overdue
2013-06	1	0	1	1
2013-07	5	4	2	1
2013-08	0	1	2	2' \
	"--by month: a trend, each month as of its end"
run at '2013-09-30 12:00' stats --month 2013-07 --grid 371399102 -o tsv
is "$(echo "$out" | sed -n 2p | cut -f3,7,15,16,32-)" "1	1	1	1	0	0	" \
	"--grid: the subtree's issues; no paired households there, no coverage"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by unit --min 1 | cut -f1)" \
	"unit
U01" "--min 1 leaves out the units that resolved nothing"
is "$(at '2013-09-30 12:00' tsv --month 2013-07 --by level --min 2 | cut -f1)" \
	"level
村" "--min applies to --by level too"

# formats: a table is one figure a line; csv and jsonl are pure data
run at '2013-09-30 12:00' stats --month 2013-07 -o table
like "$out" "resolved_share +40\.0 +5" "a headline table shows each share with its base"
like "$out" "^since +2013-07-01 00:00:00" "and the period first"
run at '2013-09-30 12:00' stats --month 2013-07 --by level -o jsonl
like "$out" '^\{"level":"联系干部","rung":0,"resolved":1,"share":25.0,"on_time":1,"on_time_share":100.0,"median_hours":24.0,"p90_hours":24.0,"referred":0,"escalations":2\}$' \
	"jsonl: numbers as numbers"
like "$out" '"on_time_share":null' "an undefined rate is null"
run at '2013-09-30 12:00' stats --month 2013-07 --by level -o csv
unlike "$out" '█|▏' "csv has no bars"
run at '2013-09-30 12:00' stats -q --month 2013-07 --by unit
is "$out" "U01
U03" "-q: the keys"
if command -v script >/dev/null 2>&1; then
	run script -qc "GRID_NOW='2013-09-30 12:00' COLUMNS=200 stats --month 2013-07 --by level -o table" /dev/null
	like "$out" "1 +25\.0 .*██████" "a table on a terminal draws a bar a row"
else
	ok 0 "# skip no script(1) for a terminal"
fi

# a back-filled issue counts in its month
at '2013-08-15 10:00' issue-file --household H001 --category 治安 --text 'backfilled' --at '2013-07-15 09:00' >/dev/null
run at '2013-09-30 12:00' stats --month 2013-07 -o tsv
is "$(echo "$out" | sed -n 2p | cut -f3-5,15,16)" "6	2	33.3	3	2" \
	"a July issue filed in August counts in July: filed, open and overdue at July's end"

# a household visited in October whose pair ended before October's end
# (as grid-assign ends a leaving cadre's pairs) is no longer counted
printf 'cadre,household,at\nC003,H002,2013-10-05 10:00\nC003,H001,2013-10-06 10:00\n' |
	at 2013-10-10 grid-import --no-summary visits
sql "UPDATE pairs SET ended_at = strftime('%s', '2013-10-20', '-8 hours')
	WHERE household = 'H002' AND ended_at IS NULL"
is "$(at 2013-11-01 tsv --month 2013-10 | sed -n 2p | cut -f32-)" "3	1	33.3" \
	"October: 3 households paired at its end, 1 of them visited"
is "$(at 2013-11-01 tsv --month 2013-10 --grid 371399101 | sed -n 2p | cut -f32-)" \
	"3	1	33.3" "the same counted household by household for a subtree"
is "$(at 2013-11-01 tsv --month 2013-10 --by cadre | cut -f1,3-5)" "cadre	households	visited	visit_coverage
C003	1	1	100.0
C004	2	0	0.0" "and cadre by cadre"

# the default period is the current month; refusals
run at '2013-07-20 12:00' stats -o tsv
is "$(echo "$out" | sed -n 2p | cut -f1,2)" "2013-07-01 00:00:00	2013-08-01 00:00:00" \
	"without a period: the current month"
run stats --month 2013-13
is "$rc" 2 "a month that is none is a usage error"
like "$err" "stats: --month wants a month as YYYY-MM" "and says what it wants"
run stats --month 2013-07 --since 2013-07-01
is "$rc" 2 "--month goes alone"
run stats --since 2013-08-01 --until 2013-07-01
is "$rc" 2 "an empty period is refused"
like "$err" "the period is empty" "and said"
run stats --by street
is "$rc" 2 "an unknown --by"
like "$err" "unknown --by 'street'" "is named"
run stats --min many
is "$rc" 2 "--min wants a number"
run stats --grid 999
is "$rc" 2 "a grid that does not exist"
like "$err" "stats: grid '999' does not exist" "is named"
run stats extra
is "$rc" 2 "no operands"
run stats --db nosuch.db
is "$rc" 3 "a missing store is a store error"
done_testing
