#!/bin/sh
# --rejects is never one of the inputs (nor the store), never reached
# through a symbolic link, created 0600, and written whole or not at all:
# grid-import, issue-file and grid-assign leader (ofile.h)
. "$(dirname "$0")/lib.sh"
small_store
umask 022
printf 'code,name\nU01,城管局\nU 02,坏代码\nU03,人社局\n' >u.csv
cp u.csv u.orig

# refused: rc 2, the message, the file byte for byte, nothing imported
refused() {
	_what=$1
	shift
	run "$@"
	is "$rc" 2 "$_what: usage error"
	like "$err" "is the input '.*': not writing over it" "$_what: says why"
	cmp -s u.csv u.orig
	ok $? "$_what: u.csv byte for byte"
}
before=$(sql 'SELECT count(*) FROM units')
refused "grid-import --rejects u.csv units u.csv" grid-import --rejects u.csv units u.csv
refused "the input given twice, rejects the second" grid-import --rejects ./u.csv units "$FIX/small/units.csv" u.csv
ln u.csv hard.csv
refused "a hard link of the input" grid-import --rejects hard.csv units u.csv
run sh -c 'grid-import --rejects u.csv units <u.csv'
is "$rc" 2 "the input on stdin: usage error"
cmp -s u.csv u.orig
ok $? "u.csv byte for byte"
is "$(sql 'SELECT count(*) FROM units')" "$before" "nothing imported by any of them"
hash=$(store_hash)
run grid-import --rejects "$GRID_DB" units u.csv
is "$rc" 2 "--rejects naming the store: usage error"
is "$(store_hash)" "$hash" "the store untouched"

printf 'grid,category,text\n371399101201,治安,夜里有人撬门\n371399101201,,没有类别\n' >i.csv
cp i.csv i.orig
run issue-file --rejects i.csv i.csv
is "$rc" 2 "issue-file --rejects i.csv i.csv: usage error"
cmp -s i.csv i.orig
ok $? "i.csv byte for byte"
is "$(sql 'SELECT count(*) FROM issues')" 0 "nothing filed"
printf 'grid,leader\n371399101201,C001\n371399101202,C999\n' >l.csv
cp l.csv l.orig
run grid-assign leader --rejects l.csv l.csv
is "$rc" 2 "grid-assign leader --rejects l.csv l.csv: usage error"
cmp -s l.csv l.orig
ok $? "l.csv byte for byte"

# a symbolic link: refused, its target untouched
printf 'precious\n' >target.csv
ln -s target.csv link.csv
run grid-import --rejects link.csv units u.csv
is "$rc" 2 "--rejects through a symbolic link: usage error"
like "$err" "'link.csv' is a symbolic link" "says so"
is "$(cat target.csv)" precious "the target untouched"
ln -s nowhere.csv dangling.csv
run grid-import --rejects dangling.csv units u.csv
is "$rc.$(ls nowhere.csv 2>/dev/null)" 2. "a dangling link: refused, nothing created"

# written: 0600, the bad rows
run grid-import --rejects r.csv units u.csv
is "$rc" 1 "a bad row: exit 1"
is "$(cat r.csv)" "code,name
U 02,坏代码" "the rejects: the header and the bad row"
is "$(stat -c %a r.csv)" 600 "created 0600: it may hold personal data"

# whole or not at all: a run that fails, or is killed, leaves the old file
# as it was and no half file beside it
printf 'old rejects\n' >r.csv
# the lock: the sqlite3 shell in a transaction, or psql holding the units
# in SHARE mode (readers in, writers waiting), as 4009 does
if is_pg; then
	sh -c 'printf "BEGIN;\nLOCK TABLE units IN SHARE MODE;\n"; sleep 3; printf "ROLLBACK;\n"' |
		psql -qAtX -d "$GRID_DB" &
else
	sh -c 'printf "BEGIN IMMEDIATE;\n"; sleep 3; printf "ROLLBACK;\n"' | sqlite3 "$GRID_DB" &
fi
lk=$!
sleep 0.5
# (a run with a row to change: on PostgreSQL one with nothing to write
# takes no lock, and would not wait)
printf 'code,name\nU 02,坏代码\nU03,水务局\n' >u2.csv
run env GRID_BUSY_TIMEOUT=200 grid-import --rejects r.csv units u2.csv
wait $lk
is "$rc" 3 "a store locked past the timeout: exit 3"
is "$(cat r.csv)" "old rejects" "the old rejects file as it was"
is "$(ls -A | grep -c '^\.r\.csv')" 0 "no half file beside it"

awk 'BEGIN { print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 1; i <= 200000; i++)
		printf "K%07d,户主%d,%s,,139%08d,东关村%d号,%d,\n", i, i,
		    i % 2 ? "371399101201" : "nowhere", i, i, i % 7 + 1 }' >big.csv
grid-import --no-summary --rejects r.csv households big.csv 2>/dev/null &
pid=$!
before=$(store_bytes)
i=0
while [ "$(store_bytes)" -lt $((before + 4000000)) ] &&
	kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid
is "$?" 137 "an import writing rejects killed half-way"
is "$(cat r.csv)" "old rejects" "the old rejects file as it was"
is "$(ls -A | grep -c '^\.r\.csv')" 0 "no half file beside it"

done_testing
