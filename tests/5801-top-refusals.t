#!/bin/sh
# grid-top refuses what it cannot do, with exit 2 and a message that says
# why: no terminal, options that go with --once, bad values, a grid that is
# not there or not one; a missing store is exit 3
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store
for k in levels units grids; do
	grid-import --no-summary "$k" "$S/$k.csv"
done

# the tests' stdout is a file, not a terminal
run grid-top
is "$rc" 2 "stdout not a terminal: exit 2"
is "$err" "grid-top: stdout is not a terminal: grid-top draws a full-screen board (use --once for one frame as text)" \
	"and says what to do instead"
is "$out" "" "nothing on stdout"
if command -v script >/dev/null; then
	run script -qec "grid-top </dev/null" /dev/null
	is "$rc" 2 "stdin not a terminal: exit 2"
	like "$out" "stdin is not a terminal" "says so"
fi

refuse() {
	want=$1
	shift
	run grid-top "$@"
	is "$rc" 2 "grid-top $*: exit 2"
	like "$err" "$want" "grid-top $*: $want"
}
refuse "^grid-top: -o, -q, --bom and --panel go with --once" -o tsv
refuse "^grid-top: -o, -q, --bom and --panel go with --once" --panel counts
refuse "^grid-top: -q needs --panel" --once -q
refuse "^grid-top: --delay goes without --once" --once -d 5
refuse "^grid-top: unknown grouping 'rung' \\(use level, grid, unit or category\\)" --once --by rung
refuse "^grid-top: unknown panel 'all'" --once --panel all
refuse "^grid-top: bad delay '0': want seconds, 0.1 to 3600" -d 0
refuse "^grid-top: bad delay 'soon'" -d soon
refuse "^grid-top: bad delay '5000'" -d 5000
refuse "^grid-top: bad limit '0': want 1 to 100000" --once --limit 0
refuse "^grid-top: unexpected argument 'now'" --once now
refuse "^grid-top: unknown output mode 'xml'" --once -o xml
refuse "^grid-top: grid '北京' does not exist \\(by code or name\\)$" --once --grid 北京
refuse "^grid-top: 3 grids match '村': 东关村 371399101201, 西关村 371399101202, 南村 371399102201$" \
	--once --grid 村
run grid-top --once --grid 关村
is "$rc" 2 "two grids whose names hold the text: exit 2"

# a part of a name: the case of ASCII letters does not count, on either
# store (SQLite's LIKE ignores it, PostgreSQL's does not), and % and _ in
# it are letters, not wildcards
printf 'code,name,parent,leader\n371399101299,Riverside 100%%,371399101,\n' >"$TMP/g.csv"
grid-import --no-summary grids "$TMP/g.csv"
for q in riverside RIVERSIDE 'side 100%' 'SIDE 1'; do
	run grid-top --once --panel counts --grid "$q"
	is "$rc" 0 "--grid '$q': a part of 'Riverside 100%', whatever the case"
done
refuse "^grid-top: grid 'side_100' does not exist" --once --grid side_100
refuse "^grid-top: grid '10%%' does not exist" --once --grid 10%%

run env GRID_DB="$TMP/none.db" grid-top --once
is "$rc" 3 "a missing store: exit 3"
like "$err" "^grid-top: no store '.*none.db'" "says so"
test ! -e "$TMP/none.db"
ok $? "and creates none"

run env GRID_NOW=yesterday grid-top --once
is "$rc" 2 "a bad GRID_NOW: exit 2"

run grid-top -d 0.5 --once
is "$rc" 2 "-d with --once, in either order"

done_testing
