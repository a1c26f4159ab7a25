#!/bin/sh
# grid-import of good data: every kind, counts, idempotent re-import,
# updates logged, CSV and JSON Lines alike, grids in any order
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store

for k in levels units grids cadres households; do
	run grid-import "$k" "$S/$k.csv"
	is "$rc" 0 "import $k"
done
like "$err" "households.csv: 5 read, 5 added, 0 updated, 0 unchanged, 0 rejected" \
	"the summary counts read, added, updated, unchanged, rejected"
is "$(sql 'SELECT count(*) FROM households')" 5 "five households"
is "$(sql "SELECT phone FROM cadres WHERE code = 'C005'")" "13900000005" \
	"a mobile with +86 and blanks is stored as its 11 digits"
is "$(sql "SELECT status FROM cadres WHERE code = 'C002'")" "active" \
	"status defaults to active"
is "$(sql "SELECT path FROM grids WHERE code = '371399101201'")" \
	"/371399/371399101/371399101201/" "a grid knows its path from the root"
is "$(sql "SELECT depth FROM grids WHERE code = '371399101201'")" 3 \
	"and its depth"

run grid-import households "$S/households.csv"
is "$rc" 0 "re-import"
like "$err" "5 read, 0 added, 0 updated, 5 unchanged, 0 rejected" \
	"re-importing the same file changes nothing"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'update'")" 0 \
	"and logs no update"

# an update: a cadre changes unit; a file without the phone column keeps it
printf 'code,name,unit,grid\nC003,张伟,U01,371399101201\n' >c.csv
run grid-import cadres c.csv
like "$err" "1 read, 0 added, 1 updated" "a changed record is updated"
is "$(sql "SELECT unit || ' ' || phone FROM cadres WHERE code = 'C003'")" \
	"U01 13800138000" "the new unit, and the phone the file lacked is kept"
is "$(sql "SELECT subject || ' ' || detail FROM events WHERE kind = 'update'")" \
	'cadre C003 {"unit":["U02","U01"]}' "the event log says what changed"
printf 'code,head,grid,phone\nH002,李四,371399101201,13600000000\n' >h.csv
grid-import --no-summary households h.csv
is "$(sql "SELECT detail FROM events WHERE subject = 'household H002'")" \
	'{"phone":"changed"}' "personal data changes are logged without values"
printf 'code,head,grid,phone\nH002,李四,371399101201,\n' >h.csv
grid-import --no-summary households h.csv
is "$(sql "SELECT coalesce(phone, 'NULL') FROM households WHERE code = 'H002'")" \
	"NULL" "an empty cell clears the value"

# JSON Lines: same fields, told by the content
cat >u.jsonl <<'EOF2'
{"code": "U04", "name": "教育局"}
{"code": "U05", "name": "交通运输局"}

{"code": "U01", "name": "城管局"}
EOF2
run grid-import units u.jsonl
is "$rc" 0 "JSON Lines import"
like "$err" "3 read, 2 added, 0 updated, 1 unchanged" "counts the same way"
printf '{"code":"H009","head":"孙八","grid":"371399102201","members":2,"tags":["低保","残疾"]}\n' |
	grid-import --no-summary households
is "$(sql "SELECT members || ' ' || tags FROM households WHERE code = 'H009'")" \
	"2 低保;残疾" "numbers and lists in JSON are taken as the same text"
printf 'code,name\nU06,应急管理局\n' | grid-import --no-summary --format csv units -
is "$(sql "SELECT name FROM units WHERE code = 'U06'")" "应急管理局" \
	"stdin as -, with --format"

# grids: a child before its parent; a move carries the subtree
cat >g.csv <<'EOF2'
code,name,parent
371399103201,北村,371399103
371399103,北镇,371399
EOF2
run grid-import grids g.csv
like "$err" "2 read, 2 added" "a child before its parent in one file"
is "$(sql "SELECT path FROM grids WHERE code = '371399103201'")" \
	"/371399/371399103/371399103201/" "gets its path"
printf 'code,name,parent\n371399103,北镇,371399101\n' | grid-import --no-summary grids
is "$(sql "SELECT path || ' ' || depth FROM grids WHERE code = '371399103201'")" \
	"/371399/371399101/371399103/371399103201/ 4" \
	"moving a grid moves its subtree"
is "$(grid-export grids -q --grid 371399101 | tr '\n' ' ')" \
	"371399101 371399101201 371399101202 371399103 371399103201 " \
	"the subtree follows"

# Excel's conventions: CRLF, a BOM, blank lines, trailing empty columns,
# upper-case headers, blanks around values
printf '\357\273\277Code,Name,,\r\n U07 ,  自然资源局 ,,\r\n\r\n,,,\r\n' >excel.csv
run grid-import units excel.csv
is "$rc" 0 "an Excel-style file"
is "$(sql "SELECT name FROM units WHERE code = 'U07'")" "自然资源局" \
	"BOM, CRLF, blank rows and cells, and blanks around values are handled"

# dry run changes nothing
printf 'code,name\nU99,试\n' >d.csv
run grid-import --dry-run units d.csv
like "$err" "1 added.*dry run: nothing written" "--dry-run says what it would do"
is "$(sql "SELECT count(*) FROM units WHERE code = 'U99'")" 0 "and writes nothing"

# the rest of the kinds
printf 'order,category,pattern,unit,assist,hours\n10,,占道|摊贩,U01,U02；U03,8\n20,低保,,U02,,24\n' >r.csv
run grid-import rules r.csv
is "$rc" 0 "import rules"
is "$(sql "SELECT assist FROM rules WHERE \"order\" = 10")" "U02;U03" \
	"assisting units, full-width semicolons too"
run grid-import calendar "$GK_ROOT/tests/fixtures/calendar-2013.csv"
is "$rc" 0 "import the 2013 calendar"
is "$(sql "SELECT count(*) FROM calendar")" 41 "41 dates"

done_testing
