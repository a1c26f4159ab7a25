#!/bin/sh
# grid-assign leader: one grid's leader from the operands, or many from
# CSV or JSON Lines (grid,leader) through the import engine: bad rows named
# by line, --rejects, --strict, --dry-run; every change logged
. "$(dirname "$0")/lib.sh"

example_store
export GRID_NOW='2013-03-01 09:00'
run grid-assign leader 37139900101001 C00005
is "$rc" 0 "leader GRID CADRE: exit 0"
is "$out$err" "" "silent"
is "$(sql "SELECT leader FROM grids WHERE code = '37139900101001'")" C00005 \
	"光西花园社区 has a leader"
is "$(sql "SELECT subject || ' ' || detail FROM events WHERE kind = 'update'")" \
	'grid 37139900101001 {"leader":[null,"C00005"]}' "the change is logged"
run grid-assign leader 37139900101001 C00005
is "$rc" 0 "the same again: exit 0"
is "$err" "grid-assign: cadre 'C00005' leads grid '37139900101001' already" "says so"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'update'")" 1 "nothing logged"

run grid-assign leader 37139900101001 C00011
is "$rc" 1 "a cadre who has left: exit 1"
is "$err" "grid-assign: cadre 'C00011' has left; a grid's leader must be an active cadre" \
	"says so"
run grid-assign leader 999 C00005
is "$err" "grid-assign: grid '999' does not exist" "an unknown grid"
run grid-assign leader 37139900101001 C99999
is "$err" "grid-assign: cadre 'C99999' does not exist" "an unknown cadre"
run grid-assign leader --dry-run 37139900101001 C00004
is "$rc" 0 "--dry-run: exit 0"
is "$(sql "SELECT leader FROM grids WHERE code = '37139900101001'")" C00005 \
	"--dry-run changes nothing"
run grid-assign leader 37139900101001 C00004 C00005
is "$rc" 2 "three operands: usage"
run grid-assign leader --strict 37139900101001 C00004
is "$rc" 2 "file options with GRID CADRE: usage"

# in bulk
cat >leaders.csv <<'EOF'
grid,leader
37139920001,C00047
371399,C00002
37139920001,C00048
999,C00001
37139900102,C00011
37139900101201,
37139900102001,C00014
EOF
run grid-assign leader --rejects bad.csv leaders.csv
is "$rc" 1 "bad rows: exit 1"
like "$err" "leaders.csv:4: grid '37139920001' comes twice in this batch \\(first on line 2\\)" \
	"a grid twice, named by line"
like "$err" "leaders.csv:5: grid '999' does not exist" "an unknown grid"
like "$err" "leaders.csv:6: cadre 'C00011' has left" "a cadre who has left"
like "$err" "leaders.csv:7: 'leader' is empty \\(it is required\\)" "an empty leader"
like "$err" "leaders.csv: 7 read, 2 changed, 1 unchanged, 4 rejected" "the summary"
is "$(cat bad.csv)" "grid,leader
37139920001,C00048
999,C00001
37139900102,C00011
37139900101201," "--rejects holds the bad rows as they were"
is "$(sql "SELECT leader FROM grids WHERE code IN ('37139920001', '371399') ORDER BY code")" \
	"C00002
C00047" "the good rows are in"
is "$(sql "SELECT detail FROM events WHERE subject = 'grid 371399'")" \
	'{"leader":["C00001","C00002"]}' "each change logged with old and new"

printf '{"grid":"37139920002","leader":"C00054"}\n{"grid":"999","leader":"C00054"}\n' >l.jsonl
run grid-assign leader --strict l.jsonl
is "$rc" 1 "--strict with a bad row: exit 1"
like "$err" "nothing written" "--strict writes nothing"
is "$(sql "SELECT leader FROM grids WHERE code = '37139920002'")" C00053 "unchanged"
run sh -c "printf 'grid,leader\n37139920002,C00054\n' | grid-assign leader"
is "$rc" 0 "from stdin: exit 0"
like "$err" "stdin: 1 read, 1 changed" "read from stdin"
printf 'grid,cadre\n371399,C00001\n' >wrong.csv
run grid-assign leader wrong.csv
is "$rc" 1 "a file with the wrong columns: exit 1"
like "$err" "wrong.csv:1: unknown column 'cadre' \\(known: grid, leader\\)" "names the unknown column"

done_testing
