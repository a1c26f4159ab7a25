#!/bin/sh
# pipelines.sh - example pipelines on the example county, each one a thing a
# clerk, an admin, cron or an analyst does.  Run it from the top of the tree
# after `make`; it works in a temporary store and changes nothing else.
#   examples/pipelines.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/examples
PATH=$top/bin:$PATH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GRID_DB=$work/grid.db TZ=${TZ:-Asia/Shanghai}
say() { printf '\n# %s\n' "$*"; }

say "set up the store from the county's spreadsheets"
grid-init
for k in levels units grids cadres households rules calendar; do
	grid-import "$k" "$ex/$k.csv"
done

say "the households of one village, for Excel (personal data masked)"
grid-export households --grid 37139900101001 -o csv --bom | head -4

say "a clerk's GB18030 spreadsheet: nothing new, nothing lost"
grid-import households --encoding gb18030 "$ex/households-gb18030.csv"

say "what a cap of 30 households a cadre would leave unpaired (nothing written)"
grid-assign pair --per 30 --dry-run -o tsv 2>/dev/null | awk -F'\t' '$2 == ""' | wc -l

say "pair every household with a cadre of its grid, balanced; again: nothing to do"
GRID_NOW='2013-03-01 09:00' grid-assign pair -q | wc -l
grid-assign pair -q

say "a cadre's households, to plan his visits"
grid-export pairs -o tsv | awk -F'\t' '$2 == "C00004" { print $1 }' | head -3

say "the visits of May from a spreadsheet; who visited some but not half"
{
	echo cadre,household,at
	for d in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
		echo "C00057,3713992000220200$d,2013-05-$d 10:00"
	done
} | grid-import visits
visit-log --coverage --grid 37139920002 --since 2013-05-01 --until 2013-05-31 -o tsv |
	awk -F'\t' 'NR > 1 && $5 > 0 && $6 < 0.5 { print $1, $2, $4, $5, $6 }'

say "a public audit: the seed announced beforehand draws the cadres; the calls"
GRID_NOW='2013-06-01 10:00' audit-draw --seed 沂水 -o csv >"$work/calls.csv"
cut -d, -f1-4 "$work/calls.csv" | head -3
audit-draw --record 1 371399200022020001 confirmed
audit-draw --record 1 371399200022020002 denied --note '说没来过'
audit-draw --report 1 -o table

say "anyone can check the draw from the list of active cadres"
if command -v python3 >/dev/null; then
	grid-export cadres -o tsv | awk -F'\t' '$6 == "active" { print $1 }' |
		LC_ALL=C sort | python3 "$top/tests/unit/draw-ref.py" 沂水 5 | tr '\n' ' '
	echo
fi

say "a cadre changes post: his households move; the history keeps both pairs"
GRID_NOW='2013-07-15 10:30' grid-assign move --from C00007 --to C00006 -q | wc -l
grid-export pairs --history -o tsv | grep 371399001010020036

say "the admin's release: every cadre of one unit leaves, households handed on"
grid-export cadres -o tsv | awk '$3=="U07"{print $1}' | xargs grid-assign release -q | wc -l

say "grid-top: the year's issues filed and routed, the board one Monday after"
GRID_NOW='2013-12-31 18:00' issue-file --no-summary "$ex/issues.csv" >"$work/ids"
GRID_NOW='2013-12-31 18:00' issue-route -q <"$work/ids" >/dev/null 2>&1 || true
GRID_NOW='2014-01-06 10:00' grid-top --once --panel counts -o table

say "grid-top: the departments with the most overdue issues, for Excel"
GRID_NOW='2014-01-06 10:00' grid-top --once --panel units -o csv --bom | head -4

say "grid-top: a township's ten most overdue issues, for its analysis meeting"
GRID_NOW='2014-01-06 10:00' grid-top --once --grid 城关街道 --panel overdue \
	--limit 10 -o table

say "issue-list: every overdue issue of the township, taken up at the meeting"
GRID_NOW='2014-01-06 10:00' issue-list --overdue --grid 371399001 -q |
	GRID_NOW='2014-01-06 10:00' issue-update -q --note '研判会：限期办结' | wc -l

# Reports and the public: stats, echo-wall.  A store of its own, with four
# months of a campaign (April to July 2013) run the way cron and the clerks
# run them, so that the reports have history to count.
rep=$work/report.db
# run an issue program on the ids in file $1 at time $2, if there are any
on() {
	_f=$1 _t=$2
	shift 2
	[ -s "$_f" ] || return 0
	GRID_NOW=$_t "$@" <"$_f" >/dev/null
}
# Friday's answers: a third of what is open (a day old at least) is
# resolved; residents answer once, on the next visit, some not satisfied;
# grid leaders rate the unit
answers() {
	sqlite3 "$rep" "SELECT id FROM issues WHERE status IN ('open',
		'routed', 'accepted') AND filed_at < strftime('%s', '$1', '-8 hours')
		AND (id + julianday('$1')) % 3 = 0" >"$work/ids"
	on "$work/ids" "$1 16:00" issue-update -q --resolve --note '已办理，群众认可'
	sqlite3 "$rep" "SELECT id FROM issues i WHERE status = 'resolved'
		AND resolved_at < strftime('%s', '$1', '-8 hours')
		AND NOT EXISTS (SELECT 1 FROM evaluations v
		WHERE v.issue = i.id AND v.kind = 'feedback')" >"$work/ids"
	for a in '1 --feedback unsatisfied' '2 --close --feedback basic' \
	    '3 --close --feedback satisfied --rate-unit 4' \
	    '4 --close --feedback satisfied --rate-unit 5' \
	    '0 --close --feedback satisfied'; do
		awk -v r="${a%% *}" '$1 % 5 == r' "$work/ids" >"$work/some"
		on "$work/some" "$1 10:00" issue-update -q ${a#* } 2>/dev/null || :
	done
}
campaign() (
	export GRID_DB=$rep
	grid-init --no-summary
	for k in levels units grids cadres households rules calendar; do
		grid-import --no-summary "$k" "$ex/$k.csv"
	done
	# every household with a cadre of its village, else of its work area
	# (what grid-assign does)
	sqlite3 -csv -header "$rep" "SELECT h.code AS household,
		coalesce((SELECT min(c.code) FROM cadres c WHERE c.grid = h.grid
		AND c.status = 'active'), (SELECT min(c.code) FROM cadres c
		JOIN grids g ON g.code = h.grid WHERE c.grid = g.parent
		AND c.status = 'active')) AS cadre FROM households h" |
		GRID_NOW=2013-03-01 grid-import --no-summary pairs
	# the year's demands, a file a day
	mkdir "$work/days"
	sqlite3 -csv "$work/in.db" ".import --csv $ex/issues.csv i" \
		"SELECT substr(filed_at, 1, 10), * FROM i" |
		awk -v dir="$work/days" '{ f = dir "/" substr($0, 1, 10) ".csv"
			if (!(f in seen)) { seen[f] = 1; print "household,grid," \
			"category,text,source,reporter,private,filed_at,ref" >> f }
			print substr($0, 12) >> f; close(f) }'
	sqlite3 :memory: "WITH RECURSIVE d(x) AS (SELECT '2013-04-01'
		UNION ALL SELECT date(x, '+1 day') FROM d WHERE x < '2013-07-31')
		SELECT x, strftime('%w', x) FROM d" | tr '|' ' ' |
	while read -r d wd; do
		if [ "$wd" = 5 ]; then
			answers "$d"
		fi
		# the day's demands, filed and routed; the nightly escalation
		if [ -f "$work/days/$d.csv" ]; then
			GRID_NOW="$d 23:50" issue-file --no-summary <"$work/days/$d.csv" >"$work/ids"
			on "$work/ids" "$d 23:50" issue-route -q 2>/dev/null || :
		fi
		GRID_NOW="$d 23:55" escalate --no-summary >/dev/null
	done
	# each cadre visits half of his households once in July
	sqlite3 -csv -header "$rep" "SELECT cadre, household, '2013-07-' ||
		printf('%02d', 1 + id % 28) || ' 10:00' AS at FROM pairs
		WHERE ended_at IS NULL AND id % 2 = 0" |
		GRID_NOW=2013-08-01 grid-import --no-summary visits
)
say "four months of a campaign: April to July 2013"
campaign

say "July's report, as of its end (a month's figures do not move afterwards)"
GRID_NOW=2013-08-01 stats --db "$rep" --month 2013-07 -o table

say "where July's demands were solved: by the contact cadres, at village, work area, township, county"
stats --db "$rep" --month 2013-07 --by level -o table

say "the four months, by township"
stats --db "$rep" --since 2013-04-01 --until 2013-07-31 --by grid --grid 371399 -o table

say "the departments ranked, those with fewer than 3 cases left out; as CSV for Excel"
stats --db "$rep" --since 2013-04-01 --until 2013-07-31 --by unit --min 3 -o csv --bom

say "the cadres who visited least of their households in July, for the public audit"
stats --db "$rep" --month 2013-07 --by cadre -o tsv | awk -F '\t' 'NR == 1 || $3 > 0' |
	sort -t "$(printf '\t')" -k5,5g | head -4

say "the trend, from cron on the first of each month, a line a month"
{
	stats --db "$rep" --month 2013-04 -o csv
	for m in 2013-05 2013-06 2013-07; do
		stats --db "$rep" --month $m -o csv | sed 1d
	done
} | cut -d, -f1,3,5,7,9,15,16

say "the pack for 凤马社区's analysis meeting, and the meeting's decision"
GRID_NOW='2013-08-01 09:00' stats --db "$rep" --agenda --list --grid 37139900102001 -o tsv |
	cut -f1-4,11
id=$(GRID_NOW='2013-08-01 09:00' stats --db "$rep" --agenda --list --grid 37139900102001 -q | head -1)
GRID_NOW='2013-08-01 11:00' issue-update --db "$rep" -q \
	--note '研判会：水利局牵头更换主管道，两个工作日内完成' "$id" >/dev/null
GRID_NOW='2013-08-01 11:00' issue-route --db "$rep" -q --to U06 --hours 16 "$id" \
	>/dev/null 2>&1
GRID_NOW='2013-08-01 12:00' stats --db "$rep" --agenda --list --grid 37139900102001 -o tsv |
	cut -f11 | tr ';' '\n' | tail -2

say "西梁营村's echo wall for July, to post: private matters left out, names masked"
GRID_NOW=2013-08-01 echo-wall --db "$rep" --month 2013-07 -o table 37139920002205
GRID_NOW=2013-08-01 echo-wall --db "$rep" --month 2013-07 -o html 37139920002205 \
	>"$work/wall.html"
grep -c '<tr>' "$work/wall.html"
