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
GRID_NOW='2013-12-31 18:00' issue-file -q "$ex/issues.csv" >"$work/ids"
GRID_NOW='2013-12-31 18:00' issue-route -q <"$work/ids" >/dev/null 2>&1 || true
GRID_NOW='2014-01-06 10:00' grid-top --once --panel counts -o table

say "grid-top: the departments with the most overdue issues, for Excel"
GRID_NOW='2014-01-06 10:00' grid-top --once --panel units -o csv --bom | head -4

say "grid-top: a township's overdue issues, taken up at its analysis meeting"
GRID_NOW='2014-01-06 10:00' grid-top --once --grid 城关街道 --panel overdue -q |
	GRID_NOW='2014-01-06 10:00' issue-update -q --note '研判会：限期办结' | wc -l
