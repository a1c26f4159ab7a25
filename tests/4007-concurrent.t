#!/bin/sh
# escalate run night after night in a loop while four clerks file and
# resolve issues: no lock errors, every filing lands once, every resolution
# lands, no issue is escalated or flagged after it was resolved, and the
# escalations, their events and their accountability records match one to
# one -- all checked exactly, against the events
. "$(dirname "$0")/lib.sh"
small_store H001:C005 H002:C003

n=25
# a clerk files n issues, already overdue when filed, and resolves every
# other one right after filing the next
clerk() {
	w=$1
	prev=
	i=1
	while [ $i -le $n ]; do
		case $((i % 3)) in
		0) where="--household H001" ;;
		1) where="--household H002" ;;
		*) where="--grid 371399102201" ;;
		esac
		id=$(GRID_NOW='2013-07-20 12:00' issue-file $where --category 治安 \
			--text "clerk $w issue $i" --ref "W$w-$i" --at '2013-07-01 09:00' 2>>c$w.err)
		echo "$? $id" >>c$w.filed
		if [ $((i % 2)) -eq 0 ]; then
			GRID_NOW='2013-07-20 12:00' issue-update -q --resolve "$prev" \
				>/dev/null 2>>c$w.err
			echo "$? $prev" >>c$w.resolved
		fi
		prev=$id
		i=$((i + 1))
	done
}

# escalate every "night", six days apart, until the clerks are done
nights() {
	k=0
	while [ ! -e done ] || [ $k -lt 3 ]; do
		day=$(date -u -d "2013-07-21 + $((6 * k)) days" +%Y-%m-%d)
		GRID_NOW="$day 02:00" escalate >>esc.out 2>>esc.err
		echo $? >>esc.rc
		k=$((k + 1))
	done
}

nights &
pe=$!
clerk 1 & p1=$!
clerk 2 & p2=$!
clerk 3 & p3=$!
clerk 4 & p4=$!
wait $p1 $p2 $p3 $p4
touch done
wait $pe

is "$(cat c1.err c2.err c3.err c4.err esc.err | grep -c 'locked')" 0 \
	"no 'database is locked'"
is "$(cat c1.err c2.err c3.err c4.err)" "" "the clerks' programs said nothing on stderr"
is "$(sort -u esc.rc | tr '\n' ' ')" "0 " "every escalate run exited 0"
nruns=$(wc -l <esc.rc)
ok $((nruns < 3)) "escalate ran $nruns nights"

# every filing landed once
is "$(cat c?.filed | grep -vc '^0 [0-9][0-9]*$')" 0 "every issue-file exited 0 with an id"
is "$(cat c?.filed | wc -l)" $((4 * n)) "$((4 * n)) filings"
is "$(sql "SELECT count(*), count(DISTINCT ref) FROM issues WHERE ref LIKE 'W%'")" \
	"$((4 * n))|$((4 * n))" "each landed exactly once"
cat c?.filed | cut -d' ' -f2 | sort -n >filed.ids
sql "SELECT id FROM issues ORDER BY id" >store.ids
is "$(cmp filed.ids store.ids && echo same)" same "under the ids the clerks were given"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'filed'")" $((4 * n)) \
	"one 'filed' event each"

# every resolution landed
is "$(cat c?.resolved | grep -vc '^0 ')" 0 "every issue-update exited 0"
nres=$(cat c?.resolved | wc -l)
is "$nres" $((4 * (n / 2))) "$nres resolutions"
cat c?.resolved | cut -d' ' -f2 | sort -n >resolved.ids
sql "SELECT id FROM issues WHERE status = 'resolved' ORDER BY id" >store.resolved
is "$(cmp resolved.ids store.resolved && echo same)" same \
	"the issues resolved are exactly those the clerks resolved"
is "$(sql "SELECT count(*), count(DISTINCT issue) FROM events WHERE kind = 'resolved'")" \
	"$nres|$nres" "one 'resolved' event each"

# nothing escalated after it was resolved
is "$(sql "SELECT count(*) FROM events e JOIN events r ON r.issue = e.issue
	AND r.kind = 'resolved' AND e.kind IN ('escalated', 'flagged') AND e.id > r.id")" 0 \
	"no issue escalated or flagged after its resolution"
ok $(($(sql "SELECT count(*) FROM events WHERE kind = 'escalated'") == 0)) \
	"issues were escalated meanwhile"
ok $(($(sql "SELECT count(*) FROM events e JOIN events r ON r.issue = e.issue
	AND r.kind = 'resolved' AND e.kind = 'escalated' AND e.id < r.id") == 0)) \
	"some of them before they were resolved"

# one to one: accountability records, events, the issues' counts, rows
nesc=$(sql "SELECT count(*) FROM events WHERE kind = 'escalated'")
echo "# $nruns nights, $nesc escalations, $(sql "SELECT count(*) FROM events WHERE kind = 'flagged'") flags"
is "$(sql "SELECT count(*) FROM accountability")" "$nesc" "as many records as escalation events"
is "$(sql "SELECT sum(escalations) FROM issues")" "$nesc" "as many as the issues count"
is "$(sql "SELECT count(*) FROM issues i
	LEFT JOIN (SELECT issue, count(*) AS n FROM accountability GROUP BY issue) a
	  ON a.issue = i.id
	LEFT JOIN (SELECT issue, count(*) AS n FROM events WHERE kind = 'escalated'
	  GROUP BY issue) e ON e.issue = i.id
	WHERE i.escalations <> coalesce(a.n, 0) OR i.escalations <> coalesce(e.n, 0)")" 0 \
	"issue by issue"
is "$(grep -c '^[0-9]' esc.out)" "$nesc" "escalate printed one row for each"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'flagged'")" \
	"$(sql "SELECT count(*) FROM issues WHERE at_root = 1")" "each flag once"

# the nights to come take every unresolved issue to the root, no further:
# one rung a night, so an issue filed after the loop's last night, still on
# its cadre's rung, needs a night for each of the four rungs above it and
# one more to be flagged at the root
for d in 2014-01-01 2014-03-01 2014-05-01 2014-07-01 2014-09-01 2014-11-01; do
	GRID_NOW="$d 02:00" escalate -q --no-summary >/dev/null
done
is "$(sql "SELECT count(*) FROM issues WHERE status = 'open' AND (at_root = 0 OR rung <> 1)")" 0 \
	"in the end every open issue waits at the root, flagged"
pg_skip "SQLite's PRAGMA integrity_check of the file" ||
	is "$(sql 'PRAGMA integrity_check')" ok "the store is intact"

done_testing
