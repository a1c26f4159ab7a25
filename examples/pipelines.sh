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

say "grid-top: the year's issues filed and routed, the board one Monday after"
GRID_NOW='2013-12-31 18:00' issue-file -q "$ex/issues.csv" >"$work/ids"
GRID_NOW='2013-12-31 18:00' issue-route -q <"$work/ids" >/dev/null 2>&1 || true
GRID_NOW='2014-01-06 10:00' grid-top --once --panel counts -o table

say "grid-top: the departments with the most overdue issues, for Excel"
GRID_NOW='2014-01-06 10:00' grid-top --once --panel units -o csv --bom | head -4

say "grid-top: a township's overdue issues, taken up at its analysis meeting"
GRID_NOW='2014-01-06 10:00' grid-top --once --grid 城关街道 --panel overdue -q |
	GRID_NOW='2014-01-06 10:00' issue-update -q --note '研判会：限期办结' | wc -l
