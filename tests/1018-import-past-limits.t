#!/bin/sh
# Past the limits of what a batch keeps in memory: the programs built with
# the limits small (a big batch from 4 KB, 50 keys held, a filter of 256
# bits for the keys of a load) so that a few hundred households go the way
# millions do.  On each store: a big load into the empty table (on
# PostgreSQL most rows held back by the filter for the server to check,
# 16 at a time: tests/1026), the same
# file again (nothing changes, nothing is logged, the duplicates named by
# their lines), a file with rows changed, a new one, an ID number held
# already and duplicates (each found, applied and logged as usual), a
# household moved away, the same as JSON Lines whose records lack a column
# now and then (the store's value kept) and with an address changed, and
# the file again through stdin (not a big batch: its keys past 50 go to
# the server).  Both stores say and store the same.
# On PostgreSQL an unchanged big batch costs no look-up of a household a
# record: the server's count of index scans of the table says so.
. "$(dirname "$0")/lib.sh"

LIM=$TMP/lim
make -s -C "$GK_ROOT" -j2 O="$LIM" CFLAGS='-O1 -g' \
	CPPFLAGS='-DBLOOM_BITS=256 -DHELD_MAX=16 -DSUMS_MAX=50 -DSEEN_MAX=50 -DBULK_MIN=4096' \
	"$LIM/bin/grid-init" "$LIM/bin/grid-import" >make.out 2>&1
ok $? "built with the limits small" || sed 's/^/#   /' make.out | tail -20
PATH=$LIM/bin:$PATH
S=$FIX/small
LITE=$TMP/grid.db

# 300 households, about 20 KB; line 41 a bad phone; line 121 has line
# 11's code, line 221 line 151's (both past the 50 keys held), line 261
# line 21's again
python3 - <<'EOP'
import csv, json
rows = []
for i in range(1, 301):
    rows.append(["H%04d" % i, "户主%d" % i,
                 "371399101" + ("201" if i % 2 else "202"), "",
                 "139%08d" % i, "某村%d号" % i, str(i % 7 + 1),
                 "低保" if i % 5 == 0 else ""])
rows[39][4] = "12345"
rows[119][0] = "H0010"
rows[219][0] = "H0150"
rows[259][0] = "H0020"
rows[59][3] = "371399199001011232"
head = ["code", "head", "grid", "id_number", "phone", "address", "members",
        "tags"]
def write(name, rs, h=head):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(h)
        w.writerows(rs)
write("h.csv", rows)
# changed: a name before the keys held run out and one after, a phone
# cleared, members 3 as 03 (the same), a household moved away, an ID
# number another household holds, a new household; line 121's duplicate
# now changes the name too
ch = [list(r) for r in rows]
ch[9][1] = "改名十"
ch[199][1] = "改名二百"
ch[179][4] = ""
ch[181][6] = "0" + ch[181][6]
ch.append(["H0301", "新户", "371399101201", "", "", "", "2", ""])
ch.append(["H0302", "同号", "371399101202", "371399199001011232", "", "",
           "1", ""])
ch[119][1] = "重复改名"
write("changed.csv", ch)
with open("moved.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(head + ["status"])
    for r in ch:
        w.writerow(r + ["moved" if r[0] == "H0240" else "active"])
# the changed file as JSON Lines: phone left out of every third record,
# tags of every fourth, id_number of every other (the store's kept)
with open("changed.jsonl", "w") as f:
    for n, r in enumerate(ch):
        o = dict(zip(head, r))
        if r[0] == "H0250":
            o["address"] = "新地址"
        if r[0] == "H0040":
            o["phone"] = "12345"
        elif n % 3 == 0:
            del o["phone"]
        if n % 4 == 0:
            del o["tags"]
        if n % 2 == 0 and r[0] != "H0302":
            del o["id_number"]
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
EOP
test "$(stat -c %s h.csv)" -gt 4096
ok $? "the file is over the 4 KB of a big batch"

# the index scans of households the server counted so far, once the last
# program's session has given its counts (its import event is counted)
scans() {
	_want=$1
	_i=0
	while [ "$_i" -lt 50 ]; do
		_n=$(psql_sql "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'events'")
		[ "$_n" -ge "$_want" ] && break
		sleep 0.1
		_i=$((_i + 1))
	done
	psql_sql "SELECT coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'households'"
}

# steps DIR: the batches on the store $GRID_DB, all each says into DIR
steps() {
	mkdir -p "$1"
	grid-init --no-summary >/dev/null 2>&1 || { echo "Bail out! grid-init"; exit 1; }
	for k in levels units grids cadres; do
		grid-import --no-summary "$k" "$S/$k.csv"
	done
	for step in load again changed moved jsonl stdin; do
		case $step in
		load | again) f=h.csv ;;
		changed) f=changed.csv ;;
		moved) f=moved.csv ;;
		jsonl) f=changed.jsonl ;;
		stdin) f=- ;;
		esac
		if is_pg; then
			before=$(scans 0)
			events=$(psql_sql "SELECT count(*) FROM events")
		fi
		if [ "$f" = - ]; then
			grid-import households -q --rejects "$1/$step.rej" \
				<moved.csv >"$1/$step.out" 2>"$1/$step.err"
		else
			grid-import households -q --rejects "$1/$step.rej" "$f" \
				>"$1/$step.out" 2>"$1/$step.err"
		fi
		echo $? >"$1/$step.rc"
		if is_pg; then
			after=$(scans "$((events + 1))")
			echo $((after - before)) >"$1/$step.scans"
		fi
		sql "SELECT subject, detail FROM events WHERE kind = 'update' ORDER BY id" >"$1/$step.events"
	done
	sql "SELECT code, head, grid, id_number, phone, address, members, tags, status FROM households ORDER BY code" >"$1/rows"
}

GRID_DB=$LITE steps "$TMP/lite"
D=$TMP/lite
is "$(cat "$D/load.rc")" 1 "the load: bad rows, exit 1"
err=$(cat "$D/load.err")
like "$err" "h.csv:41: phone '12345'" "a bad row named by its line"
like "$err" "h.csv:121: code 'H0010' comes twice in this batch \\(first on line 11\\)" \
	"a duplicate of a key held in memory"
like "$err" "h.csv:221: code 'H0150' comes twice in this batch \\(first on line 151\\)" \
	"a duplicate past the keys held"
like "$err" "h.csv: 300 read, 296 added, 0 updated, 0 unchanged, 4 rejected" "the counts"
err=$(cat "$D/again.err")
like "$err" "h.csv:121: code 'H0010' comes twice in this batch \\(first on line 11\\)" \
	"again: a duplicate of a key held"
like "$err" "h.csv:221: code 'H0150' comes twice in this batch \\(first on line 151\\)" \
	"again: a duplicate past the keys held"
like "$err" "h.csv:261: code 'H0020' comes twice in this batch \\(first on line 21\\)" \
	"again: a third"
like "$err" "h.csv: 300 read, 0 added, 0 updated, 296 unchanged, 4 rejected" \
	"again: every good row unchanged"
is "$(cat "$D/again.out")" "" "again: no key printed"
is "$(cat "$D/again.events")" "" "again: nothing logged"
is "$(head -1 "$D/again.rej"; sed -n '2,$p' "$D/again.rej" | cut -d, -f1 | tr '\n' ' ')" \
	"code,head,grid,id_number,phone,address,members,tags
H0040 H0010 H0150 H0020 " "again: --rejects has the bad rows as they were, in order"
err=$(cat "$D/changed.err")
like "$err" "changed.csv: 302 read, 1 added, 3 updated, 293 unchanged, 5 rejected" \
	"changed: the counts"
like "$err" "changed.csv:303: id_number is held by household 'H0060' already" \
	"changed: an ID number held by another household"
is "$(cat "$D/changed.out" | tr '\n' ' ')" "H0010 H0180 H0200 H0301 " \
	"changed: -q, the keys added or updated in order"
is "$(cat "$D/changed.events")" 'household H0010|{"head":"changed"}
household H0180|{"phone":"changed"}
household H0200|{"head":"changed"}' "changed: each change logged"
like "$(cat "$D/moved.err")" "moved.csv: 302 read, 0 added, 1 updated, 296 unchanged, 5 rejected" \
	"moved: one household moved away"
like "$(cat "$D/jsonl.err")" "changed.jsonl: 302 read, 0 added, 1 updated, 296 unchanged, 5 rejected" \
	"JSON Lines, columns left out: the store's values kept"
like "$(cat "$D/stdin.err")" "stdin: 302 read, 0 added, 1 updated, 296 unchanged, 5 rejected" \
	"stdin, not a big batch: the address back as it was"
like "$(cat "$D/stdin.err")" "stdin:221: code 'H0150' comes twice in this batch \\(first on line 151\\)" \
	"stdin: a duplicate past the keys held"

if pg_store; then
	GRID_DB=$GRID_DB steps "$TMP/pg"
	for step in load again changed moved jsonl stdin; do
		sed -i "s|$LITE|STORE|g" "$TMP/lite/$step.err"
		sed -i "s|$GRID_DB|STORE|g" "$TMP/pg/$step.err"
		same=0
		for x in rc out err rej events; do
			if ! cmp -s "$TMP/lite/$step.$x" "$TMP/pg/$step.$x"; then
				same=1
				echo "# $step.$x differs:"
				diff "$TMP/lite/$step.$x" "$TMP/pg/$step.$x" | head -8 | sed 's/^/#   /'
			fi
		done
		ok $same "$step: the same exit code, keys, messages, rejects and events on PostgreSQL"
	done
	cmp -s "$TMP/lite/rows" "$TMP/pg/rows"
	ok $? "the same rows on both stores"
	s=$(cat "$TMP/pg/again.scans")
	test "$s" -lt 30
	ok $? "an unchanged big batch looks up no household a record ($s index scans for 300 records)"
else
	for step in load again changed moved jsonl stdin rows scans; do
		ok 0 "# SKIP no PostgreSQL cluster (GK_PG_URI)"
	done
fi

done_testing
