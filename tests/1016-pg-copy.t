#!/bin/sh
# A big load of households on PostgreSQL goes in by COPY and gives what
# SQLite's gives, byte for byte: the messages and the line of each bad
# row, the duplicates found after the load (a code, an ID number, across
# two files), --rejects, -q's keys, the exit code, and the rows, their ids
# and their text exactly (tabs, backslashes, \N and \. as text, newlines
# and carriage returns in quoted fields, Chinese and a 4-byte character,
# an empty field against a column the file lacks).  The table has its
# indexes, its reference and its trigger again after the load, and after
# a dry run; loading the file again finds every row unchanged, and a few
# rows changed are found and logged as on SQLite.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
PG=$GRID_DB
LITE=$TMP/grid.db
S=$FIX/small

# 20,000 rows, about 1.4 MB (big enough for the bulk path), and a second
# file without the columns phone, id_number, address and tags
python3 - <<'EOP'
import csv
special = {
    100: ["王\t五", "371399101201", "", "", "C:\\path\\N 与 \\\\ 双", "3", "a\\b"],
    101: ["反斜杠N", "371399101201", "", "", "\\N", "1", ""],
    102: ["反斜杠点", "371399101202", "", "", "\\.", "1", ""],
    103: ["多行", "371399101202", "", "", "第一行\r\n第二行\n行\r尾", "2", ""],
    104: ["空的", "371399101201", "", "", "", "", ""],
    106: ["重复", "371399101201", "", "", "重复的行", "1", ""],
    107: ["坏电话", "371399101201", "", "12345", "", "1", ""],
    108: ["没有网格", "371399101299", "", "", "", "1", ""],
    109: ["不是末级", "371399101", "", "", "", "1", ""],
    110: ["已撤销", "371399102201", "", "", "", "1", ""],
    111: ["身份证一", "371399101201", "371399199001011232", "", "", "1", ""],
    112: ["身份证二", "371399101202", "371399199001011232", "", "", "1", ""],
    113: ["表情", "371399101202", "", "", "山东省清河县城关镇东关村😀一号院\t东", "4", "低保;独居老人"],
    114: ["制表\t结尾\t", "371399101201", "", "", "\t", "1", " ; ;"],
}
code = {106: "C0000050", 19999: "C0000100"}
with open("big.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "head", "grid", "id_number", "phone", "address",
                "members", "tags"])
    for i in range(1, 20001):
        c = code.get(i, "C%07d" % i)
        if i in special:
            w.writerow([c] + special[i])
        elif i == 19999:
            w.writerow([c, "又重复", "371399101201", "", "", "", "1", ""])
        else:
            w.writerow([c, "户主%d" % i,
                        "371399101" + ("201" if i % 2 else "202"), "",
                        "139%08d" % i, "某村%d号" % i, str(i % 7 + 1), ""])
with open("more.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "head", "grid", "members"])
    w.writerow(["D0000001", "第二个文件", "371399101201", "2"])
    w.writerow(["C0000200", "跨文件重复", "371399101202", "1"])
    w.writerow(["D0000002", "带\\和\t", "371399101202", ""])
EOP
# the big file again, a few rows changed: a name, a phone cleared, 3 as
# 03 (the same number), a new row; without the column members
python3 - <<'EOP'
import csv
rows = list(csv.reader(open("big.csv", newline="")))
h = rows[0]
out = []
for r in rows[1:]:
    if r[0] == "C0000300": r[1] = "改名"
    if r[0] == "C0000302": r[4] = ""
    if r[0] == "C0000303": r[5] = r[5] + "\t\\新"
    out.append(r)
out.append(["E0000001", "新户", "371399101201", "", "", "", "5", ""])
m = h.index("members")
with open("changed.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([c for i, c in enumerate(h) if i != m])
    for r in out:
        w.writerow([c for i, c in enumerate(r) if i != m])
EOP
test "$(stat -c %s big.csv)" -gt 1048576
ok $? "the file is over 1 MiB"

# load DIR: the same on the store $GRID_DB, everything it says into DIR
load() {
	mkdir -p "$1"
	grid-init --no-summary >/dev/null 2>&1 || { echo "Bail out! grid-init"; exit 1; }
	for k in levels units grids cadres; do
		grid-import --no-summary "$k" "$S/$k.csv"
	done
	printf 'code,name,parent,status\n371399102201,南村,371399102,retired\n' >retire.csv
	grid-import --no-summary grids retire.csv
	grid-import households --dry-run big.csv more.csv >"$1/dry.out" 2>"$1/dry.err"
	echo $? >"$1/dry.rc"
	grid-import households -q --rejects "$1/rej.csv" big.csv more.csv \
		>"$1/load.out" 2>"$1/load.err"
	echo $? >"$1/load.rc"
	grid-import households big.csv more.csv >"$1/again.out" 2>"$1/again.err"
	echo $? >"$1/again.rc"
	grid-import households changed.csv >"$1/changed.out" 2>"$1/changed.err"
	echo $? >"$1/changed.rc"
	sed -i "s|$GRID_DB|STORE|g" "$1"/*.err
}

# every column of every row, each value in hex (NULL as NULL)
COLS="code head grid id_number phone address members tags status"
dump_lite() {
	q="SELECT id"
	for c in $COLS; do
		q="$q || '|' || CASE WHEN $c IS NULL THEN 'NULL' ELSE hex(CAST($c AS TEXT)) END"
	done
	sqlite3 -batch "$LITE" "$q FROM households ORDER BY id"
}
dump_pg() {
	q="SELECT id"
	for c in $COLS; do
		q="$q || '|' || CASE WHEN $c IS NULL THEN 'NULL' ELSE upper(encode(convert_to($c::text, 'UTF8'), 'hex')) END"
	done
	psql_sql "$q FROM households ORDER BY id"
}

GRID_DB=$LITE load "$TMP/lite"
GRID_DB=$PG load "$TMP/pg"

for f in dry.rc dry.out dry.err load.rc load.out load.err rej.csv again.rc again.out again.err \
    changed.rc changed.out changed.err; do
	if cmp -s "$TMP/lite/$f" "$TMP/pg/$f"; then
		ok 0 "$f: the same on both stores"
	else
		ok 1 "$f: the same on both stores"
		diff "$TMP/lite/$f" "$TMP/pg/$f" | head -12 | sed 's/^/#   /'
	fi
done

# what SQLite says, to be sure the comparison compares something
is "$(cat "$TMP/lite/load.rc")" 1 "bad rows: exit 1"
err=$(cat "$TMP/lite/load.err")
like "$err" "big.csv:111: phone '12345'" "a bad row named by its line"
like "$err" "big.csv:110: code 'C0000050' comes twice in this batch \\(first on line 51\\)" \
	"a duplicate found after the load"
like "$err" "more.csv:3: code 'C0000200' comes twice in this batch \\(first on line 204 of big.csv\\)" \
	"a duplicate across the files of a batch"
like "$err" "big.csv:116: id_number is held by household 'C0000111' already" \
	"an ID number held twice"
like "$err" "big.csv: 20000 read, 19993 added, 0 updated, 0 unchanged, 7 rejected" "the counts"
like "$(cat "$TMP/lite/again.err")" "big.csv: 20000 read, 0 added, 0 updated, 19993 unchanged, 7 rejected" \
	"loading again: every row unchanged"
like "$(cat "$TMP/lite/changed.err")" "changed.csv: 20001 read, 1 added, 3 updated, 19990 unchanged, 7 rejected" \
	"a few rows changed"
q="SELECT subject, detail FROM events WHERE kind = 'update' ORDER BY id"
GRID_DB=$LITE sql "$q" >lite.events
GRID_DB=$PG psql_sql "$q" >pg.events
is "$(grep -c "^household " lite.events)" 3 "each change logged"
cmp -s lite.events pg.events
ok $? "and logged the same on both stores"

dump_lite >lite.rows
dump_pg >pg.rows
is "$(wc -l <lite.rows)" 19996 "the rows of both files are in"
if cmp -s lite.rows pg.rows; then
	ok 0 "the rows, their ids and every byte of their text: the same on both stores"
else
	ok 1 "the rows, their ids and every byte of their text: the same on both stores"
	diff lite.rows pg.rows | head -12 | sed 's/^/#   /'
fi

GRID_DB=$PG
is "$(psql_sql "SELECT address FROM households WHERE code = 'C0000101'")" '\N' \
	"a \\N in the text stays text"
is "$(psql_sql "SELECT address IS NULL, members IS NULL FROM households WHERE code = 'C0000104'")" 't|t' \
	"an empty field is NULL"
is "$(psql_sql "SELECT address = E'第一行\\r\\n第二行\\n行\\r尾' FROM households WHERE code = 'C0000103'")" t \
	"newlines and a carriage return in a quoted field"
is "$(psql_sql "SELECT head = E'王\\t五' AND address = E'C:\\\\path\\\\N 与 \\\\\\\\ 双' FROM households WHERE code = 'C0000100'")" t \
	"a tab and backslashes"
is "$(psql_sql "SELECT id FROM households WHERE code = 'C0000100'")" 101 \
	"a row of the big load has its line as its id, as on SQLite"
is "$(psql_sql "SELECT status FROM households WHERE code = 'D0000001'")" active \
	"a column the file lacks takes its default"

# the table as it was before the load
is "$(psql_sql "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'households'")" \
	"households_code households_grid households_head households_id_number households_pkey" \
	"the indexes are there again"
is "$(psql_sql "SELECT conname FROM pg_constraint WHERE conrelid = 'households'::regclass AND contype = 'f'")" \
	households_grid_fkey "and the reference to the grids"
is "$(psql_sql "SELECT tgenabled FROM pg_trigger WHERE tgname = 'households_id'")" O \
	"and the trigger that numbers rows"
run grid-import --no-summary households more.csv
is "$(psql_sql "SELECT count(*) FROM households")" 19996 \
	"the store works on after the load"

done_testing
