#!/bin/sh
# stats --by level prints the field's county table (doc/domain.md, "The
# ladder"): 32,844 demands filed in
# one batch, solved by the contact cadres (16,414), at village grid
# meetings (7,704), at work-area meetings (5,884), at township meetings
# (2,664), submitted to the county (78), the last 100 flagged open at the
# top; nights of escalate in between.  Every figure of the headline; the months
# apart; the same report again after May changed those issues.
. "$(dirname "$0")/lib.sh"
example_store


# every household paired: with a cadre of its village, else of its work area
sql "SELECT 'household,cadre' UNION ALL SELECT * FROM (SELECT h.code || ','
	|| coalesce((SELECT min(c.code) FROM cadres c WHERE c.grid = h.grid
	AND c.status = 'active'), (SELECT min(c.code) FROM cadres c JOIN grids g
	ON g.code = h.grid WHERE c.grid = g.parent AND c.status = 'active'))
	FROM households h ORDER BY h.code) AS a" >pairs.csv
at 2013-02-01 grid-import --no-summary pairs pairs.csv
is "$(sql 'SELECT count(*) FROM pairs')" 2000 "every household has its cadre"

# 32,844 demands, filed at once on 1 March
awk 'BEGIN { print "household,category,text" }
	NR > 1 { split($0, f, ","); h[n++] = f[1] }
	END { for (i = 0; i < 32844; i++)
		printf "%s,类别%d,诉求 %d\n", h[i % n], i % 13, i }' \
	"$EX/households.csv" >demands.csv
at '2013-03-01 08:00' issue-file --no-summary <demands.csv >ids
is "$(wc -l <ids | tr -d ' ')" 32844 "filed in one batch"
is "$(sql 'SELECT count(*) FROM issues WHERE rung = 0')" 32844 \
	"all with their contact cadre, due in 72 hours"

# resolve the ids from line $1 to $2 at time $3
resolve() {
	sed -n "$1,$2p" ids | at "$3" issue-update -q --resolve >/dev/null
}
night() {
	at "$1" escalate --no-summary -q | wc -l | tr -d ' '
}
resolve 1 16000 '2013-03-02 08:00'
resolve 16001 16414 '2013-03-04 12:00'	# 4 hours late, still the cadre's
is "$(night '2013-03-05 02:00')" 16430 "the rest go up to their villages"
resolve 16415 24118 '2013-03-06 08:00'
is "$(night '2013-03-11 02:00')" 8726 "then to the work areas"
resolve 24119 30002 '2013-03-12 08:00'
is "$(night '2013-03-17 02:00')" 2842 "then to the townships"
resolve 30003 32666 '2013-03-20 08:00'
is "$(night '2013-03-28 02:00')" 178 "then to the county"
resolve 32667 32744 '2013-04-01 08:00'
at '2013-04-18 02:00' escalate --no-summary >/dev/null
is "$(sql 'SELECT count(*) FROM issues WHERE at_root = 1')" 100 \
	"and what the county did not solve is flagged there"

county='level	resolved	share
联系干部	16414	50.1
村	7704	23.5
工作片	5884	18.0
乡镇	2664	8.1
县	78	0.2'
run at 2013-05-01 stats --since 2013-03-01 --until 2013-04-30 --by level -o tsv
is "$rc" 0 "stats --by level"
is "$(echo "$out" | cut -f1,3,4)" "$county" "the county table of the field"
is "$(echo "$out" | cut -f2,5-)" 'rung	on_time	on_time_share	median_hours	p90_hours	referred	escalations
0	16000	97.5	24.0	24.0	0	16430
4	7704	100.0	120.0	120.0	0	8726
3	5884	100.0	264.0	264.0	0	2842
2	2664	100.0	456.0	456.0	0	178
1	78	100.0	744.0	744.0	0	0' "rungs, on time, hours from filing at each; all went up by the clock"

# every escalation opened a case, none decided: all pending
head='since	until	filed	filed_resolved	resolved_share	routed	resolved	on_time	on_time_share	median_hours	p90_hours	closed	rejected	reopened	open	overdue	referred	escalations	accountability	accountable_people	accountable_units	accountability_pending	feedback	satisfied	basic	unsatisfied	satisfaction	ratings	unit_rating	grid_ratings	grid_rating	paired	visited	visit_coverage'
both="2013-03-01 00:00:00	2013-05-01 00:00:00	32844	32744	99.7	0	32744	32330	98.7	76.0	264.0	0	0	0	100	100	0	28176	0	0	0	28176	0	0	0	0		0		0		2000	0	0.0"
run at 2013-05-01 stats --since 2013-03-01 --until 2013-04-30 -o tsv
is "$out" "$head
$both" "the headline of the four rounds"
march="2013-03-01 00:00:00	2013-04-01 00:00:00	32844	32666	99.5	0	32666	32252	98.7	76.0	264.0	0	0	0	178	0	0	28176	0	0	0	28176	0	0	0	0		0		0		2000	0	0.0"
run at 2013-05-01 stats --month 2013-03 -o tsv
is "$(echo "$out" | tail -1)" "$march" \
	"March: the county's 78 still open at its end, none overdue yet"
april="2013-04-01 00:00:00	2013-05-01 00:00:00	0	0		0	78	78	100.0	744.0	744.0	0	0	0	100	100	0	0	0	0	0	28176	0	0	0	0		0		0		2000	0	0.0"
run at 2013-05-01 stats --month 2013-04 -o tsv
is "$(echo "$out" | tail -1)" "$april" \
	"April: 78 solved by the county, the rest overdue at its end"

# May: some are reopened, some closed, some of the open ones solved at last
sed -n '1,500p' ids | at '2013-05-05 09:00' issue-update -q --reopen >/dev/null
sed -n '501,2500p' ids | at '2013-05-06 09:00' issue-update -q --close >/dev/null
sed -n '32745,32844p' ids | at '2013-05-10 09:00' issue-update -q --resolve >/dev/null
is "$(sql "SELECT status, count(*) FROM issues GROUP BY 1 ORDER BY 1" | tr '\n' ' ')" \
	"closed|2000 open|500 resolved|30344 " "May changed them"
run at 2013-06-01 stats --since 2013-03-01 --until 2013-04-30 --by level -o tsv
is "$(echo "$out" | cut -f1,3,4)" "$county" "the table does not move"
run at 2013-06-01 stats --since 2013-03-01 --until 2013-04-30 -o tsv
is "$(echo "$out" | tail -1)" "$both" "nor the headline"
run at 2013-06-01 stats --month 2013-03 -o tsv
is "$(echo "$out" | tail -1)" "$march" "nor March"
run at 2013-06-01 stats --month 2013-05 -o tsv
is "$(echo "$out" | tail -1 | cut -f3,7,12,14,15,16)" "0	100	2000	500	500	500" \
	"May has its own: 100 resolved, 2000 closed, 500 reopened, open and overdue"
run at 2013-06-01 stats --month 2013-05 --by level -o tsv
is "$(echo "$out" | cut -f1,3,4 | sed -n 6p)" "县	100	100.0" \
	"solved at the county"
done_testing
