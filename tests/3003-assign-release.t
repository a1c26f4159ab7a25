#!/bin/sh
# grid-assign release: the cadre leaves (status left), his pairs end and
# his households go to the remaining cadres of their grid (or the nearest
# grid above with some), balanced and in runs, listed with -q; cadres
# come as operands or on stdin, as admins' pipelines give
. "$(dirname "$0")/lib.sh"

example_store
export GRID_NOW='2013-03-01 09:00'
grid-assign -q pair >/dev/null 2>&1

# 石双家园社区: C00006..C00009 have 35 35 34 34; C00006 leaves
export GRID_NOW='2013-09-01 09:00'
run grid-assign release C00006
is "$rc" 0 "release: exit 0"
is "$err" "grid-assign: 1 cadre released: 35 households handed on, 0 left unpaired" \
	"a summary"
is "$(sql "SELECT status FROM cadres WHERE code = 'C00006'")" left "he has left"
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00006' AND ended_at IS NULL")" \
	0 "his pairs ended"
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00006'
	AND ended_at = strftime('%s', '2013-09-01 01:00')")" 35 "at the time of the release"
is "$(sql "SELECT group_concat(cadre || ':' || n, ' ') FROM (SELECT cadre,
	count(*) AS n FROM pairs WHERE ended_at IS NULL
	AND household LIKE '37139900101002%' GROUP BY cadre ORDER BY cadre) AS a")" \
	"C00007:46 C00008:46 C00009:46" "his 35 level the three others at 46"
is "$(printf '%s\n' "$out" | sed 1d | awk -F'\t' '{ if ($2 != prev) n++; prev = $2 } END { print n }')" \
	3 "handed on in three runs"
is "$(printf '%s\n' "$out" | sed -n '2p')" "371399001010020001	C00007" \
	"the first of his households to the first cadre"
is "$(sql "SELECT kind || ' ' || subject || ' ' || detail FROM events
	WHERE kind IN ('update', 'release') ORDER BY id")" \
	'update cadre C00006 {"status":["active","left"]}
release cadre C00006 {"cadres":["C00006"],"households":35,"to":{"C00007":11,"C00008":12,"C00009":12},"unpaired":0}' \
	"the status change and a summary of the handover in the event log"
is "$(grid-export pairs --history -o tsv | grep -c '^371399001010020001')" 2 \
	"the history keeps both pairs"
run grid-assign pair
is "$out" "household	cadre" "nothing is left for pair"

# no cadre remains in 崔家村村 when its only cadre leaves: his households go
# to the cadre of 第一工作片 above, at once
run grid-assign -q release C00010
is "$rc" 0 "no cadre remains in the village: exit 0 all the same"
is "$(printf '%s\n' "$out" | wc -l)" 51 "-q lists his 51 households"
is "$(printf '%s\n' "$out" | head -1)" "371399001012010001" "one a line"
is "$(sql "SELECT group_concat(DISTINCT cadre) FROM pairs WHERE ended_at IS NULL
	AND household LIKE '37139900101201%'")" C00003 \
	"they go to the cadre of 第一工作片 above"
run grid-assign release C00010
is "$rc" 1 "released again: exit 1"
is "$err" "grid-assign: cadre 'C00010' has left already and has no households
grid-assign: 0 cadres released: 0 households handed on, 0 left unpaired" \
	"he has left already"

# admins' pipelines: the cadres of a unit, by xargs or on stdin
n=$(grid-export cadres -o tsv | awk -F'\t' '$3 == "U07" && $6 == "active"' | wc -l)
run sh -c "grid-export cadres -o tsv | awk '\$3==\"U07\"{print \$1}' | xargs grid-assign release"
is "$rc" 0 "grid-export | awk | xargs grid-assign release: exit 0"
like "$err" "$n cadres released" "every active cadre of U07"
is "$(sql "SELECT count(*) FROM cadres WHERE unit = 'U07' AND status = 'active'")" \
	0 "U07 has no active cadre"
run sh -c "grid-export cadres -o tsv | awk '\$3==\"U06\"' | grid-assign release"
is "$rc" 0 "whole tsv rows on stdin: exit 0"
is "$(sql "SELECT count(*) FROM cadres WHERE unit = 'U06' AND status = 'active'")" \
	0 "U06 has no active cadre"
run sh -c "printf 'code\nC00012\n\nC00013\n' | grid-assign release -q"
is "$rc" 0 "a header line and blank lines on stdin are skipped"
like "$err" "2 cadres released" "two cadres"
run sh -c ": | xargs grid-assign release"
is "$rc" 0 "nothing on stdin: nothing to do, exit 0"

# a cadre who left by an import hands his households on then and there
printf 'code,name,unit,grid,status\nC00028,x,U01,37139910001001,left\n' | grid-import --no-summary cadres
is "$(sql "SELECT count(*) FROM pairs WHERE cadre = 'C00028' AND ended_at IS NULL")" \
	0 "his households are handed on by the import"
run grid-assign release C00028
is "$rc" 1 "released after: he has nothing left to hand on"

# --per and refusals
run grid-assign release --per 50 --dry-run C00029
is "$rc" 1 "--per: some left unpaired, exit 1"
like "$err" "its 2 cadres are full \\(--per 50\\)" "says why"
like "$err" "\\(dry run: nothing written\\)" "a dry run"
is "$(sql "SELECT status FROM cadres WHERE code = 'C00029'")" active "nothing written"
run grid-assign release C99999 C00029
is "$rc" 1 "an unknown cadre: exit 1"
like "$err" "cadre 'C99999' does not exist" "says so"
like "$err" "1 cadre released" "the others are released"
run grid-assign release </dev/null
is "$rc" 0 "no cadre on an empty stdin: exit 0"

done_testing
