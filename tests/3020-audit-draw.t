#!/bin/sh
# audit-draw: a seed draws the same cadres from the same store on any
# machine (the lists below were derived once and checked by
# tests/unit/draw-ref.py, written from the man page alone, which this test
# runs again when python3 is there); the draw is recorded, the households
# listed unmasked for the calls (masked in a dry run, which leaves only a
# trace of who looked), the calls recorded, and the report makes
# "assigned 31, visited 13" stand out
. "$(dirname "$0")/lib.sh"

example_store
export GRID_NOW='2013-03-01 09:00'
grid-assign -q pair >/dev/null 2>&1

# the documented draws on examples/ (audit-draw(1), EXAMPLES)
export GRID_NOW='2013-06-01 10:00'
run audit-draw --seed 2013 --dry-run -o tsv
is "$rc" 0 "a draw: exit 0"
is "$(printf '%s\n' "$out" | sed 1d | cut -f4 | uniq | tr '\n' ' ')" \
	"C00026 C00024 C00028 C00056 C00031 " \
	"seed 2013, 5 of the 64 active cadres: C00026 C00024 C00028 C00056 C00031"
is "$err" "audit-draw: draw 1: 5 of 64 active cadres, seed '2013' (dry run: not recorded)" \
	"says which draw, of how many, from which seed"
is "$(sql 'SELECT count(*) FROM draws')" 0 "--dry-run records no draw"
# a dry run is not for calls: heads and phones masked as in the exports
dh=$(printf '%s\n' "$out" | awk -F '\t' 'NR > 1 && $1 != "" { print $1; exit }')
is "$(printf '%s\n' "$out" | awk -F '\t' -v h="$dh" '$1 "" == h "" { print $2 "|" $3 }')" \
	"$(grid-export households -o tsv | awk -F '\t' -v h="$dh" '$1 "" == h "" { print $2 "|" $5 }')" \
	"--dry-run: the head's name and phone masked as grid-export masks them"
unlike "$out" '	1[3-9][0-9]{9}	' "--dry-run: no phone unmasked"
# but a seed tried in private tells what the public draw will pick: who
# looked, when, and at what, stays
is "$(sql "SELECT kind || ' ' || subject || ' ' || prog || ' ' || login || ' '
	|| datetime(at, 'unixepoch') || ' ' || detail FROM events WHERE kind LIKE 'draw%'")" \
	"draw-preview dry run audit-draw $(id -un) 2013-06-01 02:00:00 {\"seed\":\"2013\",\"count\":5,\"grid\":null,\"pool\":64,\"cadres\":[\"C00026\",\"C00024\",\"C00028\",\"C00056\",\"C00031\"]}" \
	"--dry-run leaves a trace: an event with who, when, the seed and the cadres"
run audit-draw --seed 2013 --count 8 --dry-run -o tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f4 | uniq | tr '\n' ' ')" \
	"C00026 C00024 C00028 C00056 C00031 C00047 C00051 C00048 " \
	"--count 8: the same five first, then three more"
run audit-draw --seed '沂水' --dry-run -o tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f4 | uniq | tr '\n' ' ')" \
	"C00048 C00005 C00057 C00009 C00054 " "seed 沂水 (its UTF-8 bytes)"
run audit-draw --seed 2013 --grid 37139920002 --count 100 --dry-run -o tsv
is "$(printf '%s\n' "$out" | sed 1d | cut -f4 | uniq | tr '\n' ' ')" \
	"C00057 C00063 C00064 C00060 C00058 C00054 C00059 C00056 C00062 C00055 C00065 C00053 C00061 " \
	"--grid: from the 13 cadres under 第二工作片, all of them when more are asked"
like "$err" "only 13 active cadres to draw from: all drawn" "says so"

if command -v python3 >/dev/null; then
	pool() {
		grid-export cadres -o tsv | awk -F'\t' 'NR > 1 && $6 == "active" { print $1 }' |
			LC_ALL=C sort
	}
	is "$(pool | python3 "$GK_ROOT/tests/unit/draw-ref.py" 2013 8 | tr '\n' ' ')" \
		"C00026 C00024 C00028 C00056 C00031 C00047 C00051 C00048 " \
		"draw-ref.py, from the man page alone, draws the same"
	is "$(pool | python3 "$GK_ROOT/tests/unit/draw-ref.py" '沂水' 5 | tr '\n' ' ')" \
		"C00048 C00005 C00057 C00009 C00054 " "and for 沂水"
fi

# C00057 (泰宁村, 31 households) claims visits to 13 of them before the draw
for i in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
	visit-log C00057 3713992000220200$i --at "2013-05-$i 10:00"
done
visit-log C00057 371399200022020001 --at '2013-05-20 15:00'
visit-log C00048 371399200012010001 --at '2013-05-02 09:00'
run audit-draw --seed '沂水'
is "$rc" 0 "the draw at the meeting: exit 0"
is "$(sql "SELECT id || ' ' || seed || ' ' || count || ' ' || coalesce(grid, '-') || ' '
	|| datetime(at, 'unixepoch') FROM draws")" "1 沂水 5 - 2013-06-01 02:00:00" \
	"recorded: seed, count, time"
is "$(sql "SELECT group_concat(cadre, ' ') FROM (SELECT cadre FROM draw_cadres
	WHERE draw = 1 ORDER BY seq) AS a")" "C00048 C00005 C00057 C00009 C00054" \
	"and the cadres in the order drawn"
is "$(sql "SELECT detail FROM events WHERE kind = 'draw'")" \
	'{"seed":"沂水","count":5,"grid":null,"pool":64,"cadres":["C00048","C00005","C00057","C00009","C00054"]}' \
	"an event"
h1=$(grep '^371399200022020001,' "$EX/households.csv" | cut -d, -f2,5 | tr , '\t')
is "$(printf '%s\n' "$out" | grep '^371399200022020001' | cut -f2,3)" "$h1" \
	"head and phone unmasked, for the call"
is "$(printf '%s\n' "$out" | grep '^371399200022020001' | cut -f4-)" \
	"C00057	陈博	3	2	2013-05-20 15:00:00" "the cadre, the seq, his claimed visits and the last"
is "$(printf '%s\n' "$out" | grep '^371399200022020020' | cut -f4-)" \
	"C00057	陈博	3	0	" "a household he claims no visit to"
is "$(printf '%s\n' "$out" | head -1)" \
	"household	head	phone	cadre	name	seq	visits	last_visit" "the columns"
is "$(printf '%s\n' "$out" | awk -F'\t' '$4 == "C00057"' | wc -l)" 31 "his 31 households"

# a second store loaded the same draws the same
mkdir other
(
	# on PostgreSQL another database (store), dropped when done
	T_PGDBS=
	is_pg || { GRID_DB=$TMP/other/grid.db; export GRID_DB; }
	example_store
	GRID_NOW='2013-03-01 09:00' grid-assign -q pair >/dev/null 2>&1
	audit-draw --seed '沂水' -o tsv 2>/dev/null | sed 1d | cut -f4 | uniq | tr '\n' ' '
	pg_drop
) >other.txt
is "$(cat other.txt)" "C00048 C00005 C00057 C00009 C00054 " "another store, the same draw"

# the calls
export GRID_NOW='2013-06-01 10:20'
run audit-draw --record 1 371399200022020001 confirmed
is "$rc" 0 "a call recorded: exit 0"
run audit-draw --record 1 371399200022020002 denied --note '说没来过'
is "$rc" 0 "a denial"
run audit-draw --record 1 371399200022020020 denied
run audit-draw --record 1 371399200012010001 confirmed
is "$(sql "SELECT household || ' ' || cadre || ' ' || result || ' ' || coalesce(note, '-')
	FROM audit_calls ORDER BY id")" "371399200022020001 C00057 confirmed -
371399200022020002 C00057 denied 说没来过
371399200022020020 C00057 denied -
371399200012010001 C00048 confirmed -" "kept with the household's cadre"
run audit-draw --record 1 371399200022020002 denied --note '说没来过'
is "$rc" 0 "the same again: exit 0"
like "$err" "household '371399200022020002': denied is recorded already" "says so"
run audit-draw --record 1 371399200022020003 confirmed --dry-run
is "$(sql 'SELECT count(*) FROM audit_calls')" 4 "--dry-run records nothing"
run audit-draw --record 1 371399200022020003 denied
run audit-draw --record 1 371399200022020003 confirmed
is "$(sql "SELECT result FROM audit_calls WHERE household = '371399200022020003'")" \
	confirmed "a result may be corrected"
is "$(sql "SELECT detail FROM events WHERE kind = 'audit' ORDER BY id DESC LIMIT 1")" \
	'{"draw":1,"cadre":"C00057","result":["denied","confirmed"]}' "and the change is logged"

# after the draw C00057's households move: the draw keeps what he had
export GRID_NOW='2013-06-02 09:00'
grid-assign -q move --from C00057 --to C00056 >/dev/null 2>&1
run audit-draw --record 1 371399200022020004 denied
is "$rc" 0 "a household moved after the draw can still be recorded"

run audit-draw --report 1 -o tsv
is "$rc" 0 "the report: exit 0"
is "$out" "cadre	name	seq	households	visited	share	confirmed	denied	uncalled	flag
C00057	陈博	3	31	13	0.419	2	3	26	denied
C00005	钟俊然	2	41	0	0.000	0	0	41	unvisited
C00009	杜刚东	4	34	0	0.000	0	0	34	unvisited
C00054	吴文顺	5	29	0	0.000	0	0	29	unvisited
C00048	刘磊	1	19	1	0.053	1	0	18	unvisited" \
	"assigned 31, visited 13, denied: first, flagged; then the lowest share"
run audit-draw --report 1 -q
is "$(printf '%s\n' "$out" | head -1)" C00057 "-q: the cadres, worst first"

# refusals
run audit-draw --record 1 371399001010010001 denied
is "$rc" 1 "not a household of the draw: exit 1"
is "$err" "audit-draw: household '371399001010010001' was not a household of the cadres of draw 1" \
	"says so"
run audit-draw --record 1 nope denied
like "$err" "household 'nope' does not exist" "an unknown household"
run audit-draw --record 9 371399200022020001 denied
is "$rc" 1 "an unknown draw: exit 1"
like "$err" "draw 9 does not exist" "says so"
run audit-draw --report 9
is "$rc" 1 "report of an unknown draw: exit 1"
is "$out" "" "prints nothing"
run audit-draw --record 1 371399200022020001 maybe
is "$rc" 2 "a result other than confirmed or denied: usage"
run audit-draw --record x 371399200022020001 denied
like "$err" "'x' is not a draw number" "a draw is a number"
run audit-draw
is "$rc" 2 "no mode: usage"
like "$err" "give one of --seed, --record and --report" "says so"
run audit-draw --seed 1 --report 1
is "$rc" 2 "two modes: usage"
run audit-draw --seed ''
like "$err" "the seed is empty" "an empty seed"
run audit-draw --seed 1 --count 0
is "$rc" 2 "--count 0: usage"
run audit-draw --report 1 --grid 371399
like "$err" "--grid and --count go with --seed" "--grid goes with --seed"
run audit-draw --seed 1 --note x
like "$err" "--note goes with --record" "--note goes with --record"
run audit-draw --seed 1 --grid 999
is "$rc" 2 "an unknown grid: exit 2"
like "$err" "grid '999' does not exist" "says so"
printf 'code,name,unit,grid,status\nC00047,x,U01,37139920001,left\nC00048,x,U01,37139920001201,left\nC00049,x,U01,37139920001201,left\nC00050,x,U01,37139920001202,left\nC00051,x,U01,37139920001202,left\nC00052,x,U01,37139920001203,left\n' |
	grid-import --no-summary cadres
run audit-draw --seed 1 --grid 37139920001
is "$rc" 1 "no active cadre under the grid: exit 1"
like "$err" "no active cadre serves under grid '37139920001'" "says so"

done_testing
