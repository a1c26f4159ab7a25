#!/bin/sh
# inputs are checked the same on every path: issue-file's flags go through
# the checks of its files (valid UTF-8, no blank category or text, both
# trimmed); an input that is a directory or cannot be read is an error; a
# quoted field over the size limit rejects its own row and the rows after
# it count; codes Excel mangled (3.71323E+15, an ID number that lost its
# leading zero) are refused with a hint; an ID number held by another
# household is refused, naming it; a TZ the C library cannot use is an
# error, and no TZ at all is the system's zone
. "$(dirname "$0")/lib.sh"
S=$FIX/small
small_store
export GRID_NOW='2013-07-01 09:00'
issues() { sql "SELECT count(*) FROM issues"; }

# issue-file's flags, as its files are checked
bad=$(printf '\377\376')
run issue-file --grid 371399101201 --category 治安 --text "坏$bad"
is "$rc.$(issues)" "1.0" "--text of invalid UTF-8 is refused"
like "$err" "text.*not valid UTF-8" "and says which"
run issue-file --grid 371399101201 --category "治$bad" --text 坏了
is "$rc.$(issues)" "1.0" "--category of invalid UTF-8 is refused"
run issue-file --grid 371399101201 --category 治安 --text '  　 '
is "$rc.$(issues)" "1.0" "a blank --text is refused"
like "$err" "'text' is empty" "as an empty one in a file is"
run issue-file --grid 371399101201 --category '' --text 坏了
is "$rc.$(issues)" "1.0" "an empty --category is refused"
like "$err" "'category' is empty" "named"
run issue-file --grid 371399101201 --category ' 治安　' --text ' 路灯坏了 '
is "$rc.$out" "0.1" "--category and --text with blanks around: filed"
is "$(sql "SELECT '[' || category || '|' || text || ']' FROM issues")" \
	"[治安|路灯坏了]" "trimmed, as the same row in a file is"
printf 'grid,category,text\n371399101201, 治安　, 路灯坏了 \n' | issue-file --no-summary - >/dev/null
is "$(sql "SELECT count(DISTINCT category || text) FROM issues")" 1 \
	"the file path stores the same"

# an input that is not a readable file
mkdir adir
run grid-import households adir
is "$rc" 1 "grid-import of a directory: an error, exit 1 as for a missing file"
like "$err" "adir.*is a directory" "says so"
run issue-file adir
is "$rc" 1 "issue-file of a directory: exit 1"
printf 'code,name\nU99,x\n' >locked.csv
chmod 000 locked.csv
if ! cat locked.csv >/dev/null 2>&1; then
	run grid-import units locked.csv
	is "$rc" 1 "an unreadable file: exit 1"
	like "$err" "locked.csv" "named"
else
	T_N=$((T_N + 2)); echo "ok $((T_N - 1)) # SKIP root reads anything"; echo "ok $T_N # SKIP root"
fi

# a quoted field over 16 MiB rejects its own row; the rows after it count
{
	echo code,name
	echo U91,一
	printf 'U92,"'
	head -c 17000000 /dev/zero | tr '\0' 'x'
	printf '"\n'
	echo U93,三
	echo U94,四
} >big.csv
run grid-import units big.csv
is "$rc" 1 "an oversized field: exit 1"
like "$err" "big.csv:3:" "its row is named by its line"
is "$(sql "SELECT code FROM units WHERE code LIKE 'U9%' ORDER BY code" | tr '\n' ' ')" \
	"U91 U93 U94 " "the rows before and after it are imported"
like "$err" "3 added|3 .*added" "and counted"

# codes Excel mangled
{
	echo code,head,grid,id_number,phone
	echo '3.71323E+15,张甲,371399101201,,'
	echo 'H101,张乙,371399101201,37139919900101123,'
	echo 'H102,张丙,371399101201,3.71399E+17,'
} >excel.csv
run grid-import households excel.csv
is "$rc" 1 "Excel-mangled codes: exit 1"
like "$err" "excel.csv:2:.*scientific notation.*Excel" "a code in scientific notation: refused, with a hint"
like "$err" "excel.csv:3:.*17 .*Excel" "an ID number of 17 digits: refused, with a hint"
like "$err" "excel.csv:4:.*scientific notation" "an ID number in scientific notation too"
is "$(sql "SELECT count(*) FROM households WHERE code IN ('3.71323E+15', 'H101', 'H102')")" 0 \
	"none of them imported"

# an ID number is one resident's
printf 'code,head,grid,id_number\nH201,孙七,371399101201,371399199001011232\n' >dup.csv
run grid-import households dup.csv
is "$rc" 1 "an ID number another household holds: exit 1"
like "$err" "dup.csv:2:.*H001" "refused, naming the household that holds it"
unlike "$err" "371399199001011232" "without printing the number"
is "$(sql "SELECT count(*) FROM households WHERE code = 'H201'")" 0 "not imported"
printf 'code,head,grid,id_number\nH001,张三,371399101201,371399199001011232\n' >same.csv
run grid-import households same.csv
is "$rc" 0 "the household's own ID number again is fine"

# the same in a big load into an empty table, which checks at its end
big=$(awk 'BEGIN { a = sprintf("%200s", ""); gsub(/ /, "x", a);
	print "code,head,grid,id_number,address"
	for (i = 1; i <= 6000; i++)
		printf "B%05d,某,371399101201,%s,%s\n", i,
		    i == 7 || i == 4000 ? "371399199001011232" : "", a }')
printf '%s\n' "$big" >bulk.csv
# (a store of its own: on PostgreSQL a database of the cluster, loaded by COPY)
main=$GRID_DB
if is_pg; then
	pg_store || { echo "Bail out! no GK_PG_URI"; exit 1; }
else
	GRID_DB=$TMP/bulk.db
fi
bulk=$GRID_DB
GRID_DB=$main
GRID_DB=$bulk grid-init --no-summary >/dev/null 2>&1
for k in levels units grids; do GRID_DB=$bulk grid-import --no-summary "$k" "$S/$k.csv"; done
run env GRID_DB="$bulk" grid-import households bulk.csv
is "$rc" 1 "a big load with an ID number twice: exit 1"
like "$err" "bulk.csv:4001:.*held by household 'B00007'" \
	"the second is refused, naming the first"
is "$(GRID_DB=$bulk sql "SELECT count(*), count(id_number) FROM households")" \
	"5999|1" "the others imported"

# a TZ the C library cannot use
run env TZ=Nowhere/Atlantis issue-list
is "$rc" 2 "an unknown TZ: exit 2"
like "$err" "TZ 'Nowhere/Atlantis'" "names it"
run env TZ=CST-8 issue-list
is "$rc" 0 "a POSIX TZ is fine"
run env TZ=Asia/Shanghai issue-list
if [ -e /usr/share/zoneinfo/Asia/Shanghai ]; then
	is "$rc" 0 "a zone of the tz database is fine"
else
	is "$rc" 2 "a zone of the tz database without the database: exit 2"
fi

# no TZ at all (cron's usual setting): times are the system's local time,
# as date(1) reads them, for one issue and for every row of a file
want=$(env -u TZ date -d '2013-07-01 08:00' +%s)
run env -u TZ issue-file --grid 371399101201 --category 治安 --text 无时区 \
	--at '2013-07-01 08:00'
is "$rc.$(sql "SELECT filed_at FROM issues WHERE text = '无时区'")" "0.$want" \
	"without TZ --at is the system's local time"
printf 'grid,category,text,filed_at\n%s\n%s\n' \
	"371399101201,治安,无时区二,2013-07-01 08:00" \
	"371399101201,治安,无时区三,2013-06-30 20:00" >notz.csv
env -u TZ issue-file --no-summary notz.csv >/dev/null
is "$(sql "SELECT group_concat(filed_at, ' ') FROM issues
	WHERE text LIKE '无时区_'")" \
	"$want $(env -u TZ date -d '2013-06-30 20:00' +%s)" \
	"and so is every row of a file"

done_testing
