#!/bin/sh
# grid-assign pair: every household paired with a cadre of its grid, loads
# level within a grid, neighbours together, the nearest grid above when a
# grid has no cadre, existing pairs kept and counted, a second run pairs
# nothing, --per caps the loads, --grid limits the run, --dry-run
. "$(dirname "$0")/lib.sh"
S=$FIX/small

# the small county: 东关村 has C003 and C005, 西关村 C004, 南村 only C006,
# who has left, and 新城镇 above it no cadre: 南村 falls back on the county
store
for k in levels units grids cadres households; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
export GRID_NOW='2013-03-01 09:00'
run grid-assign pair
is "$rc" 0 "pair: exit 0"
is "$out" "household	cadre
H001	C003
H002	C005
H003	C004
H004	C004
H005	C001" "the new pairs, in household order: one each in 东关村, 西关村's two to its one cadre, 南村's to the county's cadre"
is "$err" "grid-assign: 5 households paired, 0 left unpaired" "a summary on stderr"
is "$(sql "SELECT count(*) FROM pairs WHERE started_at = strftime('%s', '2013-03-01 01:00')")" \
	5 "the pairs start now (GRID_NOW)"
is "$(sql "SELECT kind || ' ' || detail FROM events WHERE kind = 'pair'")" \
	'pair {"grid":null,"per":null,"paired":5,"unpaired":0}' "one event for the run"

run grid-assign pair
is "$rc" 0 "a second run: exit 0"
is "$out" "household	cadre" "pairs nothing"
is "$err" "grid-assign: 0 households paired, 0 left unpaired" "and says so"
is "$(sql "SELECT count(*) FROM pairs")" 5 "no pair added or ended"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'pair'")" 1 "no event"

# new households are shared over the loads the cadres have: C003 and C005
# have one each, so four new ones go two and two, in code order
printf 'code,head,grid\nH006,甲,371399101201\nH007,乙,371399101201\nH008,丙,371399101201\nH009,丁,371399101201\n' |
	grid-import --no-summary households
run grid-assign -q pair
is "$out" "H006
H007
H008
H009" "-q: the households only"
is "$(grid-export pairs | tr '\t\n' ' ;')" \
	"household cadre;H001 C003;H002 C005;H003 C004;H004 C004;H005 C001;H006 C003;H007 C003;H008 C005;H009 C005;" \
	"existing pairs kept; the new ones two a cadre, each a run"

# a household nobody serves: the county's cadre has left (and H005, his,
# is handed on to nobody)
printf 'code,name,unit,grid,status\nC001,王建国,U01,371399,left\n' | grid-import --no-summary cadres 2>/dev/null
printf 'code,head,grid\nH010,戊,371399102201\n' | grid-import --no-summary households
run grid-assign pair
is "$rc" 1 "a household left unpaired: exit 1"
is "$out" "household	cadre
H005	
H010	" "it is printed with an empty cadre"
like "$err" "grid '371399102201': 2 households left unpaired: no active cadre serves in it or in a grid above it" \
	"the grid and the reason"

# the example county: balanced, contiguous, 邹家岭村 falls back on its work area
example_store
run grid-assign pair
is "$rc" 0 "examples: exit 0"
is "$(printf '%s\n' "$out" | sed 1d | wc -l)" 2000 "all 2000 households paired"
is "$(sql "SELECT count(*) FROM pairs p JOIN cadres c ON c.code = p.cadre
	WHERE c.status <> 'active'")" 0 "none with C00011, who has left"
is "$(sql "SELECT count(*) FROM (SELECT c.grid FROM cadres c
	LEFT JOIN pairs p ON p.cadre = c.code AND p.ended_at IS NULL
	WHERE c.status = 'active' GROUP BY c.code) AS a")" 64 "64 active cadres"
is "$(sql "SELECT count(*) FROM (SELECT grid, max(n) - min(n) AS d FROM
	(SELECT c.grid, count(p.id) AS n FROM cadres c
	 LEFT JOIN pairs p ON p.cadre = c.code AND p.ended_at IS NULL
	 WHERE c.status = 'active' GROUP BY c.code) AS a GROUP BY grid) AS b WHERE d > 1")" \
	0 "within every grid no cadre has more than one household above another"
is "$(sql "SELECT group_concat(cadre || ':' || n, ' ') FROM (SELECT cadre,
	count(*) AS n FROM pairs WHERE household LIKE '37139900101002%'
	GROUP BY cadre ORDER BY cadre) AS a")" "C00006:35 C00007:35 C00008:34 C00009:34" \
	"石双家园社区: 138 households, 35 35 34 34"
is "$(sql "SELECT min(household) || ' ' || max(household) FROM pairs
	WHERE cadre = 'C00007'")" "371399001010020036 371399001010020070" \
	"C00007 has 36 to 70, a run of neighbours"
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 { if ($2 != prev) runs[$2]++; prev = $2 }
	END { for (c in runs) if (runs[c] > 1) n++; print n + 0 }')" 0 \
	"every cadre's households are one run in code order"
is "$(sql "SELECT count(*) || ' ' || min(cadre) FROM pairs WHERE household LIKE '37139910002203%'")" \
	"45 C00041" "邹家岭村 has no cadre: its 45 households go to C00041 of 第二工作片"
run grid-assign pair
is "$out" "household	cadre" "examples: a second run pairs nothing"

# --grid and --per, --dry-run
example_store
run grid-assign pair --grid 37139920002
is "$rc" 0 "--grid: exit 0"
is "$(sql "SELECT count(*) FROM pairs")" 382 "only the households of 第二工作片"
is "$(sql "SELECT count(*) FROM pairs p JOIN households h ON h.code = p.household
	WHERE h.grid NOT LIKE '37139920002%'")" 0 "none outside it"
run grid-assign pair --per 30 --dry-run
is "$rc" 1 "--per 30: some cannot be paired, exit 1"
like "$err" "grid '37139900101201': 21 households left unpaired: its cadre is full \\(--per 30\\)" \
	"崔家村村's one cadre takes 30 of its 51"
like "$err" "grid '37139900101001': 22 households left unpaired: its 2 cadres are full \\(--per 30\\)" \
	"光西花园社区's two take 60 of 82"
like "$err" "paired, [0-9]+ left unpaired \\(dry run: nothing written\\)" \
	"a dry run says so"
is "$(printf '%s\n' "$out" | awk -F'\t' '$2 == "" { n++ } END { print n }')" \
	"$(printf '%s\n' "$err" | sed -n 's/.*: \([0-9]*\) households left unpaired.*/\1/p' | awk '{ s += $1 } END { print s }')" \
	"the unpaired are printed with an empty cadre, as many as reported"
is "$(sql "SELECT count(*) FROM pairs")" 382 "--dry-run wrote nothing"
is "$(printf '%s\n' "$out" | awk -F'\t' 'NR > 1 && $2 != "" { n[$2]++ }
	END { for (c in n) if (n[c] > 30) m++; print m + 0 }')" 0 "no cadre above 30"

# the first pairing, with no current pair anywhere, reads the households
# without asking pairs of each (grid_assign.c): a household that moved away
# before it is still left out, and the shares are worked out without it
store
for k in levels units grids cadres households; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
printf 'code,head,grid,status\nH003,王五,371399101202,moved\n' |
	grid-import --no-summary households
run grid-assign pair --grid 371399101
is "$rc" 0 "first pairing of a grid, one household moved: exit 0"
is "$out" "household	cadre
H001	C003
H002	C005
H004	C004" "城关镇 only, H003 (moved) not paired"
printf 'code,head,grid\nH011,甲,371399101201\nH012,乙,371399101201\n' |
	grid-import --no-summary households
sql "UPDATE pairs SET ended_at = started_at"
run grid-assign pair
is "$rc" 0 "ended pairs only, first pairing again: exit 0"
is "$out" "household	cadre
H001	C003
H002	C003
H004	C004
H005	C001
H011	C005
H012	C005" "every active household; 东关村's four two a cadre, each a run; H003 still out"
is "$(sql "SELECT count(*) || ' ' || count(ended_at) FROM pairs")" "9 3" \
	"the ended pairs kept beside the new ones"

# refusals
run grid-assign pair --grid 999
is "$rc" 2 "an unknown grid: exit 2"
is "$err" "grid-assign: grid '999' does not exist" "says so"
run grid-assign pair --per 0
is "$rc" 2 "--per 0: usage"
run grid-assign pair --per x
like "$err" "--per wants a number of households from 1 up, not 'x'" "--per must be a number"
run grid-assign pair H001
is "$rc" 2 "pair takes no operand"
run grid-assign
is "$rc" 2 "no subcommand: usage"
like "$err" "no subcommand given \\(use leader, pair, move or release\\)" "names them"
run grid-assign frob
like "$err" "unknown subcommand 'frob'" "an unknown subcommand"
run grid-assign pair --from C00001
is "$rc" 2 "--from with pair: usage"
like "$err" "--from goes with move, not pair" "says where it belongs"
run grid-assign pair --strict
like "$err" "reading a file goes with leader, not pair" "file options go with leader"

done_testing
