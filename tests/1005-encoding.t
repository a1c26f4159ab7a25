#!/bin/sh
# spreadsheets saved by Excel on Chinese Windows: GB18030 (and GBK) read
# with --encoding; without it, every row is refused with the hint
. "$(dirname "$0")/lib.sh"
example_store
grid-export households -o csv --reveal >utf8.csv

export GRID_DB=$TMP/gb.db
grid-init --no-summary
for k in levels units grids cadres; do
	grid-import --no-summary "$k" "$EX/$k.csv"
done
run grid-import households "$EX/households-gb18030.csv"
is "$rc" 1 "GB18030 read as UTF-8 is refused"
like "$err" "households-gb18030.csv:2: 'head' is not valid UTF-8 .*needs --encoding gb18030" \
	"with the advice to use --encoding"
is "$(sql 'SELECT count(*) FROM households')" 0 "nothing garbled got in"
run grid-import households --encoding gb18030 "$EX/households-gb18030.csv"
is "$rc" 0 "with --encoding gb18030 it imports"
grid-export households -o csv --reveal >gb.csv
cmp -s utf8.csv gb.csv
ok $? "to the same households as the UTF-8 file"
run grid-import households --encoding gbk "$EX/households-gb18030.csv"
like "$err" "0 added, 0 updated, 2000 unchanged" "gbk is read the same"

# the rejects of a GB18030 file stay GB18030, to fix in the same Excel
{ head -1 "$EX/households-gb18030.csv"; printf 'X1,\263\302\310\375,NOGRID,,,,,\n'; } >bad-gb.csv
run grid-import households --encoding gb18030 --rejects rej.csv bad-gb.csv
like "$err" "bad-gb.csv:2: grid 'NOGRID' does not exist" "a bad GB18030 row"
cmp -s rej.csv bad-gb.csv
ok $? "is written to --rejects in its own bytes"
printf 'code,head,grid\nX2,\377\377,NOGRID\n' >broken-gb.csv
run grid-import households --encoding gb18030 broken-gb.csv
like "$err" "broken-gb.csv:2: line 2 is not valid GB18030" "bytes that are not GB18030"

# a BOM says UTF-8 whatever --encoding says
printf '\357\273\277code,name\nU77,测试局\n' >bom.csv
run grid-import units --encoding gb18030 bom.csv
like "$err" "starts with a UTF-8 BOM: reading it as UTF-8" "a BOM wins"
is "$(sql "SELECT name FROM units WHERE code = 'U77'")" "测试局" "and is read right"
run grid-import units --encoding latin1 bom.csv
is "$rc" 2 "an unknown encoding is a usage error"

# --bom for Excel
grid-export units -o csv --bom | head -c 3 | od -An -tx1 | tr -d ' ' >bomhex
is "$(cat bomhex)" "efbbbf" "--bom starts CSV with a BOM"

done_testing
