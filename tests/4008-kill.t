#!/bin/sh
# escalate killed half-way through a big night: every issue is escalated
# with its accountability record and its event, or not at all; running it
# again the same night finishes the rest, escalating none twice
. "$(dirname "$0")/lib.sh"
small_store

# 60,000 open issues on the three villages' rungs, half of them overdue on
# the night of 2013-08-01 (written by the sqlite3 shell, as the bench does)
now=$(date -d '2013-08-01 02:00' +%s)
sql "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 60000)
	INSERT INTO issues (id, grid, category, text, status, rung, rung_grid, hours,
	  filed_at, due_at, updated_at)
	SELECT i, g, '治安', 'issue ' || i, 'open', 3, g, 120, $now - 10 * 86400,
	  $now + CASE WHEN i % 2 = 1 THEN -3600 ELSE 3600 END, $now - 10 * 86400
	FROM (SELECT i, CASE i % 3 WHEN 0 THEN '371399101201' WHEN 1
	  THEN '371399101202' ELSE '371399102201' END AS g FROM k) AS a"
over=30000

GRID_NOW='2013-08-01 02:00' escalate -q --no-summary >first.out 2>first.err &
pid=$!
# wait until some chunks are committed, then kill it hard
i=0
while [ "$(sql 'SELECT count(*) FROM accountability' 2>/dev/null || echo 0)" -eq 0 ] &&
	kill -0 $pid 2>/dev/null && [ $i -lt 3000 ]; do
	sleep 0.01
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid
is "$?" 137 "escalate was killed"
nacc=$(sql 'SELECT count(*) FROM accountability')
ok $((nacc == 0 || nacc >= over)) "half-way: $nacc of $over escalated"
pg_skip "SQLite's PRAGMA integrity_check of the file" ||
	is "$(sql 'PRAGMA integrity_check')" ok "the store is intact"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'escalated'")" "$nacc" \
	"as many escalation events as records"
is "$(sql 'SELECT sum(escalations) FROM issues')" "$nacc" "as many as the issues count"
is "$(sql "SELECT count(*) FROM issues i
	LEFT JOIN (SELECT issue, count(*) AS n FROM accountability GROUP BY issue) a
	  ON a.issue = i.id
	LEFT JOIN (SELECT issue, count(*) AS n FROM events WHERE kind = 'escalated'
	  GROUP BY issue) e ON e.issue = i.id
	WHERE i.escalations <> coalesce(a.n, 0) OR i.escalations <> coalesce(e.n, 0)
	OR (i.escalations = 1) <> (i.rung = 2)")" 0 \
	"issue by issue: escalated with its record and event and on its new rung, or not at all"
ok $(($(grep -c . first.out) > nacc)) "what it printed before it died was done"

run env GRID_NOW='2013-08-01 02:00' escalate -o csv --bom
is "$rc" 0 "run again the same night"
is "$(printf '%s\n' "$out" | grep -c '^[0-9]')" $((over - nacc)) "it escalates the rest"
is "$(printf '%s\n' "$out" | grep -c 'id,from,to,due,held_by,unit$')" 1 \
	"a chunk at a time, under one header"
is "$(printf '%s\n' "$out" | grep -c "$(printf '\357\273\277')")" 1 "and one BOM"
is "$err" "escalate: $((over - nacc)) escalated, 0 flagged at the root, 0 overdue at the root from before" \
	"and says so"
is "$(sql 'SELECT count(*) FROM accountability')" $over "in all, every overdue issue has its record"
is "$(sql "SELECT escalations, count(*) FROM issues GROUP BY 1 ORDER BY 1")" "0|$over
1|$over" "and was escalated once, the others not at all"

done_testing
