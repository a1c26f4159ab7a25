#!/bin/sh
# release after a job change: a cadre moved to another grid and then
# released hands his households to the cadres of the households' own grids
# (or of the nearest grid above that has active cadres), balanced -- not to
# whoever serves where he went, and never "no active cadre remains" while
# the households' grid has some
. "$(dirname "$0")/lib.sh"

# C004 of 西关村 looks after households of three villages; 东关村 has C003
# and C005, 西关村 has only C004, 南村 has none (C006 left), 城关镇 has C002,
# the county C001, 新城镇 nobody
small_store H001:C004 H002:C004 H003:C004 H004:C004 H005:C004
export GRID_NOW='2013-07-01 09:00'
mine() {
	sql "SELECT group_concat(household || ':' || cadre, ' ') FROM (SELECT
	    household, cadre FROM pairs WHERE ended_at IS NULL ORDER BY household) AS a"
}

# his job changes: he now serves at 新城镇, where no cadre is
printf 'code,name,unit,grid\nC004,刘洋,U03,371399102\n' | grid-import --no-summary cadres
run grid-assign release C004
is "$rc" 0 "released after moving to a grid without cadres: exit 0"
is "$err" "grid-assign: 1 cadre released: 5 households handed on, 0 left unpaired" \
	"every household handed on"
is "$(mine)" "H001:C003 H002:C005 H003:C002 H004:C002 H005:C001" \
	"each to its own grid's cadres, balanced, or the nearest grid above"
unlike "$err" "no active cadre" "no 'no active cadre remains'"

# moved to the county, where C001 serves: the households still go home
small_store H001:C003 H002:C003 H003:C004
printf 'code,name,unit,grid\nC003,张伟,U02,371399\n' | grid-import --no-summary cadres
run grid-assign release C003
is "$(mine)" "H001:C005 H002:C005 H003:C004" \
	"not to the county's cadre where he went, to his villages' cadre"
is "$(sql "SELECT detail FROM events WHERE kind = 'release'")" \
	'{"cadres":["C003"],"households":2,"to":{"C005":2},"unpaired":0}' \
	"the event log says where they went"

# nobody at all above: unpaired, and said so
small_store H005:C001
printf 'code,name,unit,grid,status\nC001,王建国,U01,371399,active\n' | grid-import --no-summary cadres
run grid-assign release C001
is "$rc" 1 "no active cadre in the grid or above: exit 1"
like "$err" "1 households left unpaired: no active cadre serves in their grids or in a grid above them" \
	"says why"

done_testing
