#!/bin/sh
# grid-assign move and grid-import pairs: a move ends the old pair and
# starts a new one, so grid-export pairs --history shows both with their
# dates; a cadre who changes unit keeps his households
. "$(dirname "$0")/lib.sh"

example_store
export GRID_NOW='2013-03-01 09:00'
grid-assign -q pair >/dev/null 2>&1

export GRID_NOW='2013-07-15 10:30'
run grid-assign move --from C00007 --to C00006
is "$rc" 0 "move: exit 0"
is "$err" "grid-assign: 35 households moved from 'C00007' to 'C00006'" \
	"says how many, from whom to whom"
is "$(printf '%s\n' "$out" | sed -n '1p;2p;$p')" "household	cadre
371399001010020036	C00006
371399001010020070	C00006" "prints each household and its new cadre"
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00007' AND ended_at IS NULL")" \
	0 "C00007 has none left"
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00006' AND ended_at IS NULL")" \
	70 "C00006 has 70"
is "$(grid-export pairs --history --grid 37139900101002 -o tsv | grep '^371399001010020036')" \
	"371399001010020036	C00007	2013-03-01 09:00:00	2013-07-15 10:30:00
371399001010020036	C00006	2013-07-15 10:30:00	" \
	"--history: the old pair ended at the move, the new one started then"
is "$(sql "SELECT kind || ' ' || subject || ' ' || detail FROM events WHERE kind = 'move'")" \
	'move cadre C00007 {"from":"C00007","to":"C00006","grid":null,"households":35}' \
	"one event for the move"

# --grid limits a move to a subtree; -q and -o
export GRID_NOW='2013-07-16 10:30'
run grid-assign move -q --from C00041 --to C00045 --grid 37139910002203
is "$rc" 0 "move --grid: exit 0"
is "$(printf '%s\n' "$out" | wc -l)" 45 "-q: 45 households, one a line"
is "$(printf '%s\n' "$out" | head -1)" "371399100022030001" "no header with -q"
run grid-assign move --from C00045 --to C00044 --grid 37139910002203 -o jsonl
is "$(printf '%s\n' "$out" | head -1)" \
	'{"household":"371399100022030001","cadre":"C00044"}' "-o jsonl"

# refusals: nothing moves, exit 1
run grid-assign move --from C00007 --to C00006
is "$rc" 1 "a cadre with no households: exit 1"
is "$err" "grid-assign: cadre 'C00007' has no households" "says so"
run grid-assign move --from C00006 --to C00011
is "$rc" 1 "to a cadre who has left: exit 1"
like "$err" "cadre 'C00011' has left; move the households to an active cadre" \
	"says so"
run grid-assign move --from C00006 --to C99999
like "$err" "cadre 'C99999' does not exist" "an unknown cadre"
run grid-assign move --from C99999 --to C00006
like "$err" "cadre 'C99999' does not exist" "an unknown --from"
run grid-assign move --from C00006 --to C00006
like "$err" "cadre 'C00006' is both --from and --to" "the same cadre"
run grid-assign move --from C00006 --to C00008 --grid 371399100
is "$rc" 1 "no households under that grid: exit 1"
like "$err" "cadre 'C00006' has no households under grid '371399100'" "says so"
run grid-assign move --from C00006 --to C00008 --grid 999
like "$err" "grid '999' does not exist" "an unknown grid"
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00006' AND ended_at IS NULL")" \
	70 "nothing moved"
run grid-assign move --from C00006
is "$rc" 2 "--to missing: usage"
like "$err" "move needs --from and --to" "says so"
run grid-assign move --from C00006 --to C00008 extra
is "$rc" 2 "an extra operand: usage"
run grid-assign move --from C00006 --to C00008 --per 3
like "$err" "--per goes with pair or release, not move" "--per does not go with move"

# a list an admin made with a script: grid-import pairs moves each one
export GRID_NOW='2013-08-01 08:00'
printf 'household,cadre\n371399001010020001,C00008\n371399001010020002,C00009\n371399001010020003,C00006\n' >moves.csv
run grid-import pairs moves.csv
is "$rc" 0 "grid-import pairs: exit 0"
like "$err" "3 read, 0 added, 2 updated, 1 unchanged, 0 rejected" \
	"two moved, one was already his"
is "$(grid-export pairs --history -o tsv | grep -c '^371399001010020001')" 2 \
	"the moved household has two pairs in its history"
is "$(grid-export pairs --history -o tsv | grep '^371399001010020001' | tail -1)" \
	"371399001010020001	C00008	2013-08-01 08:00:00	" "the new one from now"

# a cadre who changes unit keeps his households
printf 'code,name,unit,grid\nC00008,冯雪琪,U05,37139900101002\n' | grid-import --no-summary cadres
is "$(sql "SELECT unit FROM cadres WHERE code = 'C00008'")" U05 "C00008 changed unit"
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00008' AND ended_at IS NULL")" \
	35 "and keeps his 35 households"

done_testing
