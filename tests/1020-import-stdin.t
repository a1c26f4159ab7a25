#!/bin/sh
# A file on the standard input is imported as the same file named on the
# command line: redirected (<), piped, or piped after a title line the
# shell has read off (a sheet's title above its header:
# (read -r title; grid-import households) <sheet.csv) -- the same rows,
# messages, --rejects and exit.  A big one (over 1 MiB) goes by the bulk
# path from the standard input too: before, only a named file did, so a
# pipe took the careful path (4.5x slower on SQLite, 13x on PostgreSQL,
# county scale) and wrote --rejects in another order; and on PostgreSQL
# the input was read again from the file's start, title and all.
. "$(dirname "$0")/lib.sh"

# 20,000 rows, about 1.2 MB, with a bad phone, a record of two lines and a
# code twice
awk 'BEGIN {
	print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 1; i <= 20000; i++) {
		if (i == 500) { print "B0000007,重复,371399101201,,,重复的行,1,"; continue }
		if (i == 700) { print "B0000700,坏,371399101201,,12345,坏电话,1,"; continue }
		if (i == 900) { print "B0000900,\"多\n行\",371399101202,,,\"两行\",2,"; continue }
		printf "B%07d,户主%d,371399101%s,,139%08d,某村%d号,%d,\n", i, i, (i % 2 ? "201" : "202"), i, i, i % 7 + 1
	}
}' >big.csv
{ echo "户籍表,2013年6月"; cat big.csv; } >titled.csv
test "$(stat -c %s big.csv)" -gt 1048576
ok $? "the file is over 1 MiB"

# load HOW [SIZE]: a fresh store, the households of big.csv (or of its
# first SIZE bytes, a small file) imported as HOW says; what came out in
# the folder HOW
load() {
	store
	small_base
	mkdir -p "$1"
	imp "$1" "$1/rej.csv" >"$1/out" 2>"$1/err"
	echo $? >"$1/rc"
	# and again: every record unchanged (on PostgreSQL the records are
	# read once more before the batch, to be compared on the server)
	imp "$1" "$1/rej2.csv" >"$1/out2" 2>"$1/err2"
	echo $? >>"$1/rc"
	sed -i 's/^grid-import: big\.csv/grid-import: stdin/' "$1/err" "$1/err2"
	grid-export households >"$1/households"
}
imp() {
	case $1 in
	file) grid-import households --rejects "$2" big.csv ;;
	redirect) grid-import households --rejects "$2" <big.csv ;;
	pipe) cat big.csv | grid-import households --rejects "$2" ;;
	title) (IFS= read -r t; grid-import households --rejects "$2") <titled.csv ;;
	esac
}

load file
is "$(cat file/rc | tr '\n' ' ')" "1 1 " "named: exit 1 for the bad rows, twice"
like "$(cat file/err2)" "stdin: 20000 read, 0 added, 0 updated, 19998 unchanged, 2 rejected" \
	"named, again: every good record unchanged"
like "$(cat file/err)" "stdin:501: code 'B0000007' comes twice in this batch \\(first on line 8\\)" "named: the duplicate by its line"
is "$(wc -l <file/households | tr -d ' ')" 19999 "named: the good rows in"
for how in redirect pipe title; do
	load $how
	for f in rc out err rej.csv out2 err2 rej2.csv households; do
		if cmp -s file/$f $how/$f; then
			ok 0 "$how: $f as from the file named"
		else
			ok 1 "$how: $f as from the file named"
			diff file/$f $how/$f | head -5 | sed 's/^/# /'
		fi
	done
done

# a bad header on the standard input is named as every other message
# names it: stdin, not '-'
store
small_base
run sh -c 'printf "code,户主,grid\nX1,甲,371399101201\n" | grid-import households'
is "$rc" 1 "a bad header on stdin: exit 1"
like "$err" "^grid-import: stdin:1: unknown column '户主'" "named stdin"
run sh -c 'printf "\xff\xfe,a\n" | grid-import households'
like "$err" "^grid-import: stdin:1: " "bytes that are not UTF-8 on stdin: named stdin"

done_testing
