#!/bin/sh
# a big load into an empty table: indexes built after the rows, duplicates
# still found and named by line, bad rows kept out, the store back in WAL
# mode with its indexes, and a second load takes the careful path
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store
for k in levels units grids cadres; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
# the indexes of households: SQLite's; on PostgreSQL pg_indexes' but the
# primary key's (SQLite's is the rowid)
indexes() {
	if is_pg; then
		sql "SELECT indexname FROM pg_indexes WHERE tablename = 'households' AND indexname <> 'households_pkey' ORDER BY indexname"
	else
		sql "SELECT name FROM sqlite_master WHERE tbl_name = 'households' AND type = 'index' ORDER BY name"
	fi
}
# 20,000 rows, about 1.2 MB: big enough for the bulk path
awk 'BEGIN {
	print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 1; i <= 20000; i++) {
		if (i == 500) { print "B0000007,重复,371399101201,,,重复的行,1,"; continue }
		if (i == 700) { print "B0000700,坏,371399101201,,12345,坏电话,1,"; continue }
		if (i == 900) { print "B0000900,\"多\n行\",371399101202,,,\"两行\",2,"; continue }
		if (i == 19999) { print "B0000007,又重复,371399101201,,,再一次,1,"; continue }
		printf "B%07d,户主%d,371399101%s,,139%08d,某村%d号,%d,\n", i, i, (i % 2 ? "201" : "202"), i, i, i % 7 + 1
	}
}' >big.csv
test "$(stat -c %s big.csv)" -gt 1048576
ok $? "the file is over 1 MiB"

run grid-import households --rejects rej.csv big.csv
is "$rc" 1 "bad rows: exit 1"
like "$err" "big.csv:701: phone '12345'" "a bad row is named by line"
like "$err" "big.csv:501: code 'B0000007' comes twice in this batch \\(first on line 8\\)" \
	"a duplicate found when the index is built is named by line"
like "$err" "big.csv:20001: code 'B0000007' comes twice in this batch \\(first on line 8\\)" \
	"and another, after a record of two lines"
like "$err" "20000 read, 19997 added, 0 updated, 0 unchanged, 3 rejected" "the counts"
is "$(sql 'SELECT count(*) FROM households')" 19997 "the good rows are in"
is "$(sql "SELECT head FROM households WHERE code = 'B0000007'")" "户主7" \
	"the first of two rows with one code is kept"
{
	head -1 big.csv
	sed -n '701p' big.csv
	sed -n '501p;20001p' big.csv
} >want.csv
cmp -s rej.csv want.csv
ok $? "--rejects has the three bad rows as they were (duplicates last)"
is "$(indexes | tr '\n' ' ')" \
	"households_code households_grid households_head households_id_number " "the indexes are there again"
# PostgreSQL's load drops the reference to grids and turns off the trigger
# that numbers the rows: both are back, and the reference holds
if is_pg; then
	is "$(sql "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'households'::regclass AND contype = 'f'")|$(sql "SELECT tgenabled FROM pg_trigger WHERE tgname = 'households_id'")|$(sql 'SELECT count(*) FROM households h WHERE NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = h.grid)')" \
		"FOREIGN KEY (grid) REFERENCES grids(code)|O|0" \
		"the reference to grids and the trigger that numbers rows are back"
else
	is "$(sql 'PRAGMA journal_mode')" wal "the store is in WAL mode again"
fi
pg_skip "SQLite's PRAGMA integrity_check of the file" ||
	is "$(sql 'PRAGMA integrity_check')" ok "and intact"
is "$(grid-export households -q | sed -n '1p;900p;19997p' | tr '\n' ' ')" \
	"B0000001 B0000902 B0020000 " "rows keep the order of the file"
is "$(sql "SELECT head FROM households WHERE code = 'B0000900'")" "多
行" "a quoted newline in a big load"

run grid-import households big.csv
like "$err" "20000 read, 0 added, 0 updated, 19997 unchanged, 3 rejected" \
	"loading it again: the careful path finds everything unchanged"

# --strict and --dry-run on a big load write nothing and keep the indexes
store
for k in levels units grids cadres; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
run grid-import households --strict big.csv
is "$(sql 'SELECT count(*) FROM households')" 0 "--strict: nothing written"
run grid-import households --dry-run big.csv
is "$(sql 'SELECT count(*) FROM households')" 0 "--dry-run: nothing written"
is "$(indexes | wc -l)" 4 "and the indexes stay"
pg_skip "SQLite's journal mode of the file" ||
	is "$(sql 'PRAGMA journal_mode')" wal "and WAL mode"

# somebody else at the store: the big load stays in WAL mode and works;
# on PostgreSQL a reader of the units in a transaction open all along
if is_pg; then
	printf '%s\n' 'BEGIN;' 'SELECT count(*) FROM units;' 'SELECT pg_sleep(3);' 'COMMIT;' |
		psql -qAtX -d "$GRID_DB" >/dev/null &
else
python3 - "$GRID_DB" <<'EOP' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM units").fetchall()
time.sleep(3)
EOP
fi
sleep 0.5
run grid-import --no-summary households big.csv
is "$(sql 'SELECT count(*) FROM households')" 19997 \
	"with another program at the store the load still lands"
wait

done_testing
