#!/bin/sh
# A key that comes twice in a batch of several files is named by the file
# and line of its first record when that is another file: "first on line
# 3 of a.csv", not "first on line 3", which read as a line of the file
# being reported.  Within one file the message stays "first on line N".
# Row by row, and for a big load whose duplicates are found after it.
. "$(dirname "$0")/lib.sh"
store
small_base

printf 'code,head,grid\nX1,甲,371399101201\nX2,乙,371399101201\n' >a.csv
printf 'code,head,grid\nX3,丙,371399101202\nX2,丁,371399101202\nX3,戊,371399101202\n' >b.csv
run grid-import households a.csv b.csv
is "$rc" 1 "households in two files, a code twice: exit 1"
like "$err" "b.csv:3: code 'X2' comes twice in this batch \\(first on line 3 of a.csv\\)" \
	"the first in another file: its file named"
like "$err" "b.csv:4: code 'X3' comes twice in this batch \\(first on line 2\\)" \
	"the first in the same file: its line only"

# grids, and pairs, in two files
printf 'code,name,parent\n371399101203,新村,371399101\n' >g1.csv
printf 'code,name,parent\n371399101204,另村,371399101\n371399101203,重村,371399101\n' >g2.csv
run grid-import grids g1.csv g2.csv
like "$err" "g2.csv:3: code '371399101203' comes twice in this batch \\(first on line 2 of g1.csv\\)" \
	"grids: the first's file named"
printf 'household,cadre\nX1,C001\n' >p1.csv
printf 'household,cadre\nX1,C002\n' >p2.csv
run grid-import pairs p1.csv p2.csv
like "$err" "p2.csv:2: household 'X1' comes twice in this batch \\(first on line 2 of p1.csv\\)" \
	"pairs: the first's file named"

# a big load into an empty table (over 1 MiB in all): the duplicates are
# found after the rows are in, each still named by its first's file
store
small_base
awk 'BEGIN {
	print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 1; i <= 10000; i++)
		printf "B%07d,户主%d,371399101201,,139%08d,某村%d号,1,\n", i, i, i, i
}' >big1.csv
awk 'BEGIN {
	print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 10001; i <= 20000; i++)
		printf "B%07d,户主%d,371399101202,,139%08d,某村%d号,1,\n", (i == 15000 ? 5 : i), i, i, i
	print "B0019999,又一次,371399101202,,,,1,"
}' >big2.csv
test $(($(stat -c %s big1.csv) + $(stat -c %s big2.csv))) -gt 1048576
ok $? "the two files are over 1 MiB together"
run grid-import households big1.csv big2.csv
is "$rc" 1 "a big load with codes twice: exit 1"
like "$err" "big2.csv:5001: code 'B0000005' comes twice in this batch \\(first on line 6 of big1.csv\\)" \
	"after the load: the first in another file named"
like "$err" "big2.csv:10002: code 'B0019999' comes twice in this batch \\(first on line 10000\\)" \
	"after the load: the first in the same file, its line only"

done_testing
