#!/bin/sh
# -q means one thing in every program: the keys (issue ids, codes) and
# nothing else, one a line, for the next program -- the first column of
# what the program prints without it.  A summary on stderr is silenced by
# one switch, --no-summary, in every program that prints one.  grid-init and
# issue-show have no keys, so no -q.
. "$(dirname "$0")/lib.sh"
example_store
grid-import --no-summary rules "$EX/rules.csv"
grid-import --no-summary calendar "$EX/calendar.csv"
V=37139900102001

save() { sqlite3 "$GRID_DB" ".backup '$TMP/saved.db'"; }
restore() {
	rm -f "$GRID_DB-wal" "$GRID_DB-shm"
	cp "$TMP/saved.db" "$GRID_DB"
}

# first NAME CMD...: from the same store, CMD -q prints the first column of
# CMD -o tsv's rows, and something
first() {
	_name=$1
	shift
	save
	run "$@" -o tsv
	_want=$(printf '%s\n' "$out" | sed 1d | cut -f1)
	restore
	run "$@" -q
	is "$out" "$_want" "$_name -q: the first column, one a line"
	test -n "$out"
	ok $? "$_name -q: prints keys"
	unlike "$out" '	' "$_name -q: no second column"
}

# pairing, the programs that read pairs
first "grid-assign pair" env GRID_NOW='2013-03-01 09:00' grid-assign pair
GRID_NOW='2013-03-01 09:00' grid-assign pair --no-summary >/dev/null
first "grid-export households" grid-export households --grid $V
first "grid-export units" grid-export units
first "grid-assign move" env GRID_NOW='2013-04-01 09:00' grid-assign move \
	--from C00007 --to C00006
first "visit-log --coverage" visit-log --coverage --grid 37139900101
first "audit-draw" env GRID_NOW='2013-06-01 10:00' audit-draw --seed 2013 \
	--dry-run

# issues
save
run env GRID_NOW='2014-01-01' issue-file --no-summary "$EX/issues.csv"
all=$out
restore
run env GRID_NOW='2014-01-01' issue-file -q --no-summary "$EX/issues.csv"
is "$out" "$all" "issue-file -q: the new ids, as without it"
like "$out" '^[0-9]+$' "issue-file -q: ids"
first "issue-route" env GRID_NOW='2014-01-01' issue-route --all
GRID_NOW='2014-01-01' issue-route --all --no-summary >/dev/null 2>&1
first "issue-list" issue-list --status routed --grid 37139900102
first "issue-update" env GRID_NOW='2014-01-02' issue-update --accept 2 3 4
first "grid-top --panel overdue" env GRID_NOW='2014-03-01 01:00' grid-top \
	--once --panel overdue
first "grid-top --panel units" env GRID_NOW='2014-03-01 01:00' grid-top \
	--once --panel units
first "escalate" env GRID_NOW='2014-03-01 02:00' escalate
GRID_NOW='2014-03-01 02:00' escalate --no-summary >/dev/null
first "stats" stats --month 2014-01 --by unit
first "echo-wall" echo-wall --month 2014-01 $V

# escalate --warn: its keys are the issues' ids, though its rows are
# grouped by who holds them
run env GRID_NOW='2014-03-01 12:00' escalate --warn 8 -o tsv
want=$(printf '%s\n' "$out" | sed 1d | cut -f4)
run env GRID_NOW='2014-03-01 12:00' escalate --warn 8 -q
is "$out" "$want" "escalate --warn -q: the issue ids of the rows"

# grid-import: the keys of the records added or updated, after the commit
printf 'code,name\nU01,住建局（改）\nU02,%s\nU90,新局\nU91\n' \
	"$(sql "SELECT name FROM units WHERE code = 'U02'")" >units.csv
save
run grid-import -q --dry-run units units.csv
is "$out" "U01
U90" "grid-import -q --dry-run: the codes that would be added or updated"
run grid-import -q --strict units units.csv
is "$rc.$out" "1." "grid-import -q --strict with a bad row: nothing written, no keys"
run grid-import -q units units.csv
is "$rc.$out" "1.U01
U90" "grid-import -q: updated and added, not unchanged or rejected"
like "$err" "units.csv: 4 read, 1 added, 1 updated, 1 unchanged, 1 rejected" \
	"grid-import -q: the summary stays on stderr"
run grid-import -q units units.csv
is "$out" "" "grid-import -q again: nothing changed, no keys"
# a grid before its parent is held until the parent is in
printf 'code,name,parent\n371399998,孙二,3713998\n3713998,子二,371399\n' >g2.csv
run grid-import -q grids g2.csv
is "$(printf '%s\n' "$out" | sort)" "3713998
371399998" "grid-import -q: a held record prints its key too"
restore
printf 'depth,name,hours\n5,组,8\n' | grid-import -q levels >out 2>/dev/null
is "$(cat out)" 5 "grid-import -q levels: the depth"

# no keys, no -q
run grid-init -q
is "$rc" 2 "grid-init has no keys: -q is a usage error"
run issue-show -q 1
is "$rc" 2 "issue-show has no keys: -q is a usage error"

# --no-summary: the same switch wherever a summary is printed
for p in "$GK_ROOT"/cmd/*.c; do
	p=$(basename "$p" .c)
	"$p" --help | grep -q -- '--no-summary' && have="${have:-} $p"
done
is "$have" " audit-draw escalate grid-assign grid-import grid-init issue-file issue-route" \
	"--no-summary in every program that prints a summary"
restore
run grid-init --no-summary
is "$rc.$out.$err" "0.." "grid-init --no-summary: silent"
run grid-import --no-summary units units.csv
like "$err" "^grid-import: units.csv:5: " \
	"grid-import --no-summary: the bad record is still named"
run env GRID_NOW='2014-01-01' issue-file --no-summary --grid $V \
	--category 市容环境 --text 路边垃圾没人清运
is "$err" "" "issue-file --no-summary"
run env GRID_NOW='2014-01-01' issue-route --no-summary -q "$out"
is "$err" "" "issue-route --no-summary"
run env GRID_NOW='2014-03-01 02:00' escalate --no-summary -q
is "$err" "" "escalate --no-summary"
run env GRID_NOW='2014-03-01 09:00' grid-assign pair --no-summary -q
is "$err" "" "grid-assign --no-summary"
run env GRID_NOW='2014-03-01 09:00' audit-draw --seed x --dry-run \
	--no-summary -q
is "$err" "" "audit-draw --no-summary"

done_testing
