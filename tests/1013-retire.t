#!/bin/sh
# nothing is deleted, things retire: a status column on grids, units, rules
# (active/retired), cadres (active/left) and households (active/moved),
# imported and exported, and what each does: a retired grid takes no new
# households, a retired unit gets no routes, a retired rule no longer
# matches, a moved household's pair ends and it gets no new one, a cadre
# imported as left hands his households on; rules --replace retires the
# rules the file does not name
. "$(dirname "$0")/lib.sh"

small_store H001:C003 H002:C003 H003:C004 H004:C004
export GRID_NOW='2013-07-01 09:00'

# the column, exported and imported back unchanged
for k in grids units cadres households; do
	h=$(grid-export "$k" -o csv | head -1)
	like "$h" ',status$' "grid-export $k has a status column"
done
is "$(grid-export households -o tsv | sed -n 2p | cut -f9)" active \
	"households are active unless they moved"
for k in grids units cadres households; do
	grid-export "$k" -o csv --reveal >"$k.csv"
	run grid-import "$k" "$k.csv"
	like "$err" "0 added, 0 updated, [0-9]+ unchanged, 0 rejected" \
		"grid-export $k --reveal | grid-import $k: unchanged"
done
run sh -c 'printf "code,name,status\nU01,城管局,gone\n" | grid-import units'
is "$rc" 1 "a status that is not a word of the kind: rejected"
like "$err" "status 'gone': must be active or retired" "says which words"
run sh -c 'printf "code,head,grid,status\nH001,张三,371399101201,retired\n" | grid-import households'
like "$err" "status 'retired': must be active or moved" "households move, not retire"

# a retired grid takes no new households; those it has stay
printf 'code,name,status\n371399101202,西关村,retired\n' | grid-import --no-summary grids
is "$(sql "SELECT status FROM grids WHERE code = '371399101202'")" retired \
	"grid-import grids retires a grid"
is "$(sql "SELECT status FROM grids WHERE code = '371399101201'")" active \
	"the others stay active"
is "$(sql "SELECT parent || ' ' || coalesce(leader, '-') FROM grids WHERE code = '371399101202'")" \
	"371399101 C004" "a file without parent and leader keeps them"
run sh -c 'printf "code,head,grid\nH006,孙八,371399101202\n" | grid-import households'
is "$rc" 1 "a new household in a retired grid: rejected"
like "$err" "grid '371399101202' is retired: it takes no new households" "says why"
run sh -c 'printf "code,head,grid\nH001,张三,371399101202\n" | grid-import households'
is "$rc" 1 "a household moved into a retired grid: rejected"
run sh -c 'printf "code,head,grid,members\nH003,王五,371399101202,2\n" | grid-import households'
is "$rc" 0 "a household of the retired grid is still updated"
is "$(grid-export grids -o csv | grep '^371399101202,')" \
	"371399101202,西关村,371399101,C004,retired" "and exported so"

# a retired unit gets no routes: rules to it are skipped, --to refused
cat >rules.csv <<EOF
order,category,pattern,unit,hours
10,,井盖,U01,24
20,,井盖|路灯,U03,48
30,,路灯,U03,48
EOF
grid-import --no-summary rules rules.csv
is "$(grid-export rules -o tsv | sed -n 2p | cut -f8)" active \
	"grid-export rules has the status column"
issue-file --no-summary --grid 371399101201 --category 市容环境 --text 井盖丢了 >/dev/null
printf 'code,name,status\nU01,城管局,retired\n' | grid-import --no-summary units
run sh -c 'echo 1 | issue-route'
is "$(printf '%s\n' "$out" | sed 1d | cut -f2)" U03 \
	"a rule to a retired unit is skipped: the next one routes"
issue-file --no-summary --grid 371399101201 --category 市容环境 --text 路灯坏了 >/dev/null
run sh -c 'echo 2 | issue-route --to U01'
is "$rc" 2 "--to a retired unit: refused"
like "$err" "unit 'U01' is retired: it gets no routes" "says why"
is "$(sql "SELECT status FROM issues WHERE id = 2")" open "and nothing changed"

# a retired rule no longer matches; --replace retires what the file lacks
printf 'order,category,pattern,unit,hours,status\n30,,路灯,U03,48,retired\n' |
	grid-import --no-summary rules
run sh -c 'echo 2 | issue-route'
is "$(printf '%s\n' "$out" | sed 1d | cut -f2)" U03 "rule 20 matches"
issue-file --no-summary --grid 371399101201 --category 市容环境 --text 路灯不亮 >/dev/null
printf 'order,category,pattern,unit,hours\n30,,路灯,U02,48\n' >one.csv
run grid-import --replace rules one.csv
is "$rc" 0 "grid-import --replace rules: exit 0"
like "$err" "2 rules not in the batch retired" "says how many retired"
is "$(sql "SELECT \"order\" || ':' || status FROM rules ORDER BY 1" | tr '\n' ' ')" \
	"10:retired 20:retired 30:active " \
	"the rules missing from the file retire; the one named is active again"
run sh -c 'echo 3 | issue-route'
is "$(printf '%s\n' "$out" | sed 1d | cut -f2)" U02 "only the file's rule routes"
is "$(sql "SELECT count(*) FROM rules")" 3 "nothing deleted"
printf 'order,category,pattern,unit,hours\n10,,井盖,U03,24\n30,,路灯,U02,48\n' |
	grid-import --no-summary --replace rules
run sh -c 'printf "order,category,pattern,unit,hours\n010,,(,U03,24\n" | grid-import --replace rules'
is "$rc" 1 "a bad row in a --replace batch: rejected, exit 1"
is "$(sql "SELECT \"order\" || ':' || status FROM rules ORDER BY 1" | tr '\n' ' ')" \
	"10:active 20:retired 30:retired " \
	"the rule it names (010 is 10) is not retired for a typo; the others are"
# a producer that failed in a pipe gives an empty input: --replace then
# takes nothing out (it would retire every rule), and says so
run sh -c 'false | grid-import --replace rules'
is "$rc" 1 "--replace of an empty input: exit 1"
like "$err" "empty file: nothing taken out \(--replace\)" "says nothing was taken out"
is "$(sql "SELECT \"order\" || ':' || status FROM rules ORDER BY 1" | tr '\n' ' ')" \
	"10:active 20:retired 30:retired " "an empty input retires no rule"
printf 'order,category,pattern,unit,hours
10,,井盖,U03,24
' >r1.csv
run grid-import --replace rules r1.csv missing.csv
is "$rc" 1 "--replace with an input that cannot be read: exit 1"
is "$(sql "SELECT \"order\" || ':' || status FROM rules ORDER BY 1" | tr '\n' ' ')" \
	"10:active 20:retired 30:retired " "nothing retired when one input could not be read"
run grid-import --replace units units.csv
is "$rc" 2 "--replace with another kind: a usage error"

# a household that moved away: its pair ends, it gets no new one
printf 'code,head,grid,status\nH002,李四,371399101201,moved\n' | grid-import --no-summary households
is "$(sql "SELECT count(*) FROM pairs WHERE household = 'H002' AND ended_at IS NULL")" \
	0 "a moved household's pair ends"
is "$(sql "SELECT count(*) FROM pairs WHERE household = 'H002'
	AND ended_at = strftime('%s', '2013-07-01 01:00')")" 1 "at the time of the import"
run grid-assign pair
is "$(printf '%s\n' "$out" | grep -c H002)" 0 "grid-assign pair leaves it alone"
run sh -c 'printf "household,cadre\nH002,C005\n" | grid-import pairs'
is "$rc" 1 "pairing it by hand: rejected"
like "$err" "household 'H002' has moved away" "says why"

# a cadre imported as left hands his households on, as release does
printf 'code,name,unit,grid,status\nC003,张伟,U02,371399101201,left\n' >left.csv
run grid-import cadres left.csv
is "$rc" 0 "grid-import cadres with a cadre who left: exit 0"
is "$(sql "SELECT group_concat(household || ':' || cadre) FROM pairs
	WHERE ended_at IS NULL AND household IN ('H001', 'H002')")" "H001:C005" \
	"his household goes to the other cadre of its grid (the moved one to nobody)"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'release'")" 1 \
	"the handover is in the event log"
n=$(issue-file --no-summary --household H001 --category 其他 --text 漏雨)
is "$(sql "SELECT rung || ' ' || cadre FROM issues WHERE id = $n")" "0 C005" \
	"a new issue of the household starts with its new cadre"
run grid-import cadres left.csv
like "$err" "0 updated, 1 unchanged" "importing him again changes nothing"

done_testing
