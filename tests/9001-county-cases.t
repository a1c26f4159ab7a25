#!/bin/sh
# The seeds' county at a small scale, the way the county works: most
# demands go up the ladder by report (上报, issue-update --refer-up), a few
# by the clock (escalate, a deadline missed).  stats --by level shows the
# shape of the county's table -- 16,414 solved by the contact cadres, 7,704
# at village, 5,884 at work area, 2,664 at township, 78 at county -- here
# 500, 235, 180, 81 and 4 of 1,000; and accountability names only those who
# let a deadline pass, not the cadres who honestly handed a hard case up.
. "$(dirname "$0")/lib.sh"
example_store

# every household paired: with a cadre of its village, else of its work area
sql "SELECT 'household,cadre' UNION ALL SELECT * FROM (SELECT h.code || ','
	|| coalesce((SELECT min(c.code) FROM cadres c WHERE c.grid = h.grid
	AND c.status = 'active'), (SELECT min(c.code) FROM cadres c JOIN grids g
	ON g.code = h.grid WHERE c.grid = g.parent AND c.status = 'active'))
	FROM households h ORDER BY h.code) AS p" >pairs.csv
at 2013-02-01 grid-import --no-summary pairs pairs.csv

# 1,000 demands on 1 March, each with its contact cadre, due in 72 hours;
# from households 37 apart, so that neighbouring ids live far apart
awk -F, 'NR > 1 { h[n++] = $1 } END { print "household,category,text"
	for (i = 0; i < 1000; i++)
		printf "%s,类别%d,诉求 %d\n", h[i * 37 % n], i % 13, i }' \
	"$EX/households.csv" >demands.csv
at '2013-03-01 08:00' issue-file --no-summary <demands.csv >ids
is "$(sql 'SELECT count(*) FROM issues WHERE rung = 0')" 1000 \
	"1,000 demands, all with their contact cadre"

# ids FROM TO TIME ACTION...: issue-update on the issues FROM..TO
ids() {
	_from=$1 _to=$2 _t=$3
	shift 3
	seq "$_from" "$_to" | at "$_t" issue-update -q "$@" >/dev/null
}
night() {
	at "$1" escalate --no-summary -q | wc -l | tr -d ' '
}

# the contact cadres: 500 solved, 490 beyond them handed up, 10 let rot
ids 1 500 '2013-03-02 08:00' --resolve --note 已解决
ids 501 990 '2013-03-02 09:00' --refer-up --reason 超出联系干部权限
is "$(night '2013-03-05 02:00')" 10 "10 go up to their villages by the clock"
# the villages: 235 solved, 260 handed up, 5 let rot
ids 501 725 '2013-03-06 08:00' --resolve --note 村里解决
ids 991 1000 '2013-03-06 08:00' --resolve --note 村里解决
ids 726 985 '2013-03-06 09:00' --refer-up --reason 需工作片协调
is "$(night '2013-03-08 02:00')" 5 "5 go up to their work areas by the clock"
# the work areas: 180 solved, 82 handed up, 3 let rot
ids 726 900 '2013-03-09 08:00' --resolve --note 工作片解决
ids 986 990 '2013-03-09 08:00' --resolve --note 工作片解决
ids 901 982 '2013-03-09 09:00' --refer-up --reason 需乡镇研判
is "$(night '2013-03-12 02:00')" 3 "3 go up to their townships by the clock"
# the townships: 81 solved, 4 submitted to the county, which solves them
ids 901 978 '2013-03-13 08:00' --resolve --note 乡镇解决
ids 983 985 '2013-03-13 08:00' --resolve --note 乡镇解决
ids 979 982 '2013-03-13 09:00' --refer-up --reason 提交县级
ids 979 982 '2013-03-20 08:00' --resolve --note 县里解决
is "$(night '2013-04-01 02:00')" 0 "nothing left to escalate"

run at '2013-04-01 09:00' stats --since 2013-03-01 --until 2013-03-31 --by level -o tsv
is "$(echo "$out" | cut -f1,3,4)" "level	resolved	share
联系干部	500	50.0
村	235	23.5
工作片	180	18.0
乡镇	81	8.1
县	4	0.4" "the county's table: most by the contact cadres, very few at the county"
is "$(echo "$out" | cut -f1,9,10)" "level	referred	escalations
联系干部	490	10
村	260	5
工作片	82	3
乡镇	4	0
县	0	0" "how they left each rung: mostly by report, a few by the clock"
run at '2013-04-01 09:00' stats --since 2013-03-01 --until 2013-03-31 -o jsonl
like "$out" '"referred":836,"escalations":18,"accountability":0,"accountable_people":0,"accountable_units":0,"accountability_pending":18' \
	"836 referred up, 18 escalated, 18 cases pending"

# accountability names only those who let a deadline pass
is "$(sql 'SELECT count(*) FROM accountability')" 18 "a case for each deadline missed"
is "$(sql 'SELECT count(*) FROM accountability WHERE issue NOT BETWEEN 983 AND 1000')" 0 \
	"none for the 836 handed up in time"
is "$(accountability -o tsv | cut -f4 | tail -n +2 | sort -u)" \
"$(sql "SELECT cadre FROM issues WHERE id BETWEEN 991 AND 1000
	UNION SELECT g.leader FROM issues i JOIN households h ON h.code = i.household
	 JOIN grids g ON g.code = h.grid WHERE i.id BETWEEN 986 AND 990
	UNION SELECT w.leader FROM issues i JOIN households h ON h.code = i.household
	 JOIN grids g ON g.code = h.grid JOIN grids w ON w.code = g.parent
	 WHERE i.id BETWEEN 983 AND 985 ORDER BY 1" | grep .)" \
	"the holders: the contact cadres, village and work-area leaders who let theirs pass"
named=$(accountability -o tsv | cut -f4 | tail -n +2 | grep . | sort -u | wc -l | tr -d ' ')
ok "$([ "$named" -le 18 ] && [ "$named" -ge 1 ]; echo $?)" \
	"$named people of the county's $(sql 'SELECT count(*) FROM cadres') cadres named"

# the office confirms them against their holders; the report counts them
accountability -q --status pending | while read -r c; do
	at '2013-04-02 09:00' accountability --confirm "$c" --outcome 约谈 2>/dev/null
done
run at '2013-05-01 09:00' stats --month 2013-04 -o jsonl
like "$out" "\"accountability\":18,\"accountable_people\":$named,\"accountable_units\":0,\"accountability_pending\":0" \
	"April: 18 cases confirmed, the people they name, none pending"
run at '2013-05-01 09:00' stats --since 2013-03-01 --until 2013-03-31 -o jsonl
like "$out" '"accountability":0,"accountable_people":0,"accountable_units":0,"accountability_pending":18' \
	"March as it stood at its end: 18 pending"

done_testing
