#!/bin/sh
# bad input: each bad row named by line and reason, good rows kept, exit 1,
# --rejects holds exactly the bad rows, --strict writes nothing; bad files
# get a clear message and never a crash
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store
for k in levels units grids cadres; do
	grid-import --no-summary "$k" "$S/$k.csv"
done

long=$(head -c 10000 /dev/zero | tr '\0' 'x')
{
	echo 'code,head,grid,id_number,phone,address,members,tags'
	echo 'H001,张三,371399101201,371399199001011232,13912345678,东关村1号,3,'
	echo 'H002,李四,371399101201,371399199001011233,,东关村2号,2,'
	echo 'H003,王五,371399999999,,,西关村1号,1,'
	echo 'H004,,371399101202,,,西关村2号,4,'
	echo 'H005,钱七,371399102201,371399200102290010,,南村1号,5,'
	echo 'H006,孙八,371399102201,,1391234567,南村2号,1,'
	echo 'H007,"周""九",371399102201,,,"南村3号,
院内",2,'
	echo 'H008,吴十,371399102201,,,南村4号,many,'
	echo "H009,郑一,371399102201,,,$long,1,"
	echo 'H010,王二,371399101,,,城关镇,1,'
	echo 'H011,冯三,371399102201,,,南村5号,1'
	echo 'H012,"陈"四,371399102201,,,南村6号,1,'
	echo 'H001,张三,371399101201,,,东关村1号,3,'
	printf 'H013,\263\302,371399102201,,,,1,\n'
	echo 'H014,褚五,371399102201,,,南村7号,1,'
} >bad.csv
run grid-import households --rejects rej.csv bad.csv
is "$rc" 1 "some rows rejected: exit 1"
like "$err" "bad.csv:3: id_number '371399\\*{8}1233': check digit is 2, not 3" \
	"a wrong check digit, with line and reason, the number masked as in exports"
like "$err" "bad.csv:4: grid '371399999999' does not exist" "an unknown grid"
like "$err" "bad.csv:5: 'head' is empty \\(it is required\\)" "a missing head"
like "$err" "bad.csv:6: id_number '371399200102290010': .*20010229" \
	"a birth date that does not exist"
like "$err" "bad.csv:7: phone '1391234567': " "a short phone number"
like "$err" "bad.csv:10: members 'many': is not a whole number" "a bad number"
like "$err" "bad.csv:11: address 'x{40}…': is 10000 characters long" \
	"a 10,000-character field, shown cut short"
like "$err" "bad.csv:12: grid '371399101' is not a leaf" \
	"a household in a grid that is not a leaf"
like "$err" "bad.csv:13: 7 fields, but the header has 8" "a short row"
like "$err" "bad.csv:14: broken quoting on line 14" "broken quoting"
like "$err" "bad.csv:15: code 'H001' comes twice in this batch" "a duplicate"
like "$err" "bad.csv:16: 'head' is not valid UTF-8 .*--encoding gb18030" \
	"invalid UTF-8, with a hint"
like "$err" "bad.csv: 15 read, 3 added, 0 updated, 0 unchanged, 12 rejected" \
	"the summary"
is "$(sql 'SELECT code FROM households ORDER BY code' | tr '\n' ' ')" \
	"H001 H007 H014 " "the good rows are in, the quoted newline too"
is "$(sql "SELECT head || '|' || address FROM households WHERE code = 'H007'")" \
	'周"九|南村3号,
院内' "quotes and newlines inside quoted fields"
{
	head -1 bad.csv
	sed -n '3,7p;10,16p' bad.csv
} >want.csv
cmp -s rej.csv want.csv
ok $? "--rejects holds exactly the header and the bad rows, as they were"

# the rejects, corrected, import cleanly
LC_ALL=C sed -e 's/371399199001011233/371399198512120049/' \
	-e 's/^H003,王五,371399999999/H003,王五,371399101202/' \
	-e 's/^H004,,/H004,赵六,/' -e 's/371399200102290010//' \
	-e 's/,1391234567,/,13912345670,/' -e 's/,many,/,2,/' \
	-e "s/$long/南村9号/" -e 's/^H010,王二,371399101,/H010,王二,371399101202,/' \
	-e 's/^H011,冯三,371399102201,,,南村5号,1$/H011,冯三,371399102201,,,南村5号,1,/' \
	-e 's/^H012,"陈"四,/H012,陈四,/' -e '/^H001,/d' \
	-e 's/^H013,[^,]*,/H013,郑二,/' rej.csv >fixed.csv
run grid-import households fixed.csv
is "$rc" 0 "the corrected rejects import"
like "$err" "11 read, 11 added" "all eleven (the duplicate dropped)"

# --strict: one bad row, nothing written
store
for k in levels units grids cadres; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
run grid-import households --strict bad.csv
is "$rc" 1 "--strict with bad rows exits 1"
like "$err" "--strict: nothing written" "and says so"
is "$(sql 'SELECT count(*) FROM households')" 0 "and writes nothing"

# whole files that cannot be read
printf 'code,nmae\nU1,x\n' >typo.csv
run grid-import units typo.csv
is "$rc" 1 "an unknown column"
like "$err" "typo.csv:1: unknown column 'nmae' \\(known: code, name, status\\)" \
	"is named, with the known ones"
printf 'code\nU1\n' >short.csv
run grid-import units short.csv
like "$err" "short.csv:1: no column 'name' \\(it is required\\)" \
	"a missing required column"
printf 'code,name,code\n' >twice.csv
run grid-import units twice.csv
like "$err" "column 'code' appears twice" "a column twice"
: >empty.csv
run grid-import units empty.csv
is "$rc" 0 "an empty file is no error"
like "$err" "empty.csv: empty file, nothing to import" "but is reported"
run grid-import units nosuch.csv
is "$rc" 1 "a missing file exits 1"
like "$err" "cannot open 'nosuch.csv': No such file or directory" "and says so"
printf '\377\376c\000o\000d\000e\000\n\000' >utf16.csv
run grid-import units utf16.csv
like "$err" "UTF-16" "a UTF-16 file is refused with advice"
printf 'code,name\nU1,"never closed\nU2,x\n' >open.csv
run grid-import units open.csv
like "$err" "open.csv:2: a quoted field opened on line 2 is never closed" \
	"an unclosed quote"
printf '{"code": "U1", "name": "a"}\n{"code": "U2", "nmae": "b"}\n{"code": 3\n[1,2]\n{"code":"U4","name":{"x":1}}\n' >bad.jsonl
run grid-import units bad.jsonl
like "$err" "bad.jsonl:2: unknown field 'nmae'" "JSON: an unknown field"
like "$err" "bad.jsonl:3: bad JSON" "JSON: broken"
like "$err" "bad.jsonl:4: not a JSON object" "JSON: not an object"
like "$err" "bad.jsonl:5: 'name' must be a string" "JSON: a nested object"
like "$err" "5 read, 1 added" "JSON: the good line is in"
run grid-import nosuchkind x.csv
is "$rc" 2 "an unknown kind is a usage error"
like "$err" "unknown kind 'nosuchkind'" "and says so"

# grids: cycles and missing parents
cat >g.csv <<'EOF2'
code,name,parent
A,甲,B
B,乙,A
C,丙,D
371399101,城关镇,371399101201
E,戊,E
EOF2
run grid-import grids g.csv
like "$err" "g.csv:2: grid 'A' is its own ancestor through 'B'" "a cycle in a file"
like "$err" "g.csv:4: parent 'D' does not exist" "a parent that never comes"
like "$err" "g.csv:5: grid '371399101' cannot go under '371399101201', which is inside it" \
	"a move into its own subtree"
like "$err" "g.csv:6: grid 'E' cannot be its own parent" "its own parent"
is "$(sql "SELECT parent FROM grids WHERE code = '371399101'")" "371399" \
	"the tree is unchanged"

# rules: a broken pattern is caught at import, with PCRE2's message
printf 'order,category,pattern,unit,hours\n1,,(占道,U01,8\n2,,,U01,8\n3,x,,U99,8\n' >r.csv
run grid-import rules r.csv
like "$err" "r.csv:2: pattern '\\(占道': does not compile at character 3: missing closing parenthesis" \
	"a pattern that does not compile"
like "$err" "r.csv:3: a rule needs a category, a pattern or both" "an empty rule"
like "$err" "r.csv:4: unit 'U99' does not exist" "an unknown unit"

done_testing
