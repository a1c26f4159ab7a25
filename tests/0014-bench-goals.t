#!/bin/sh
# make bench's table of targets (tests/bench/goals.awk): each row's "met"
# from its value, its floor and its target, as the README's table reads
# it -- yes; no; or "no; floor too" when the floor misses the target as
# well -- the ratio as gridkit's time over the floor's, a target relative
# to the floor, and the memory row, the peak of all against 64 MiB.  No
# timing here: the rows are written by hand
. "$(dirname "$0")/lib.sh"

# row WORKLOAD SCALE UNIT VALUE FLOOR CMP TARGET MB
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"
}
{
	row "escalate, 1 % overdue" county s 0.49 0.12 le 1 18
	row "escalate, 1 % overdue" city s 1.88 0.61 le 1 44
	row "stats --month 2015-11" city s 0.69 3.54 le 0.3 31
	row issue-file city /s 16197 67000 ge 100000 43
	row issue-route county /s 250000 300000 ge 200000 30
	row "grid-import households" city s 24.18 7.16 le 1.2x 17
	row "  re-import, unchanged" city s 15.53 24.18 le 1x 17
	row "  beside sqlite3 -json" city s 3.80 5.45 le 1.5x 11
} >goals
out=$(awk -F '\t' -f "$GK_ROOT/tests/bench/goals.awk" goals)
# the row of WORKLOAD at SCALE
line() {
	printf '%s\n' "$out" | grep -F -- "$1" | grep -F " $2 "
}
like "$(printf '%s\n' "$out" | head -1)" \
	'^workload +scale +gridkit +MB +floor +ratio +target +met$' "the header"
like "$(line 'escalate' county)" ' 0\.490 s +18 +0\.120 s +4\.08 +<= 1\.00 s +yes$' \
	"within the target: yes, the ratio gridkit over floor"
like "$(line 'escalate' city)" ' 1\.88 s +44 +0\.610 s +3\.08 +<= 1\.00 s +no$' \
	"the floor within the target, gridkit not: no"
like "$(line 'stats' city)" '0\.690 s .* no; floor too$' \
	"gridkit and its floor both above the target: no; floor too"
like "$(line 'issue-file' city)" ' 16197/s +43 +67000/s +4\.14 +>= 100000/s +no; floor too$' \
	"a rate: the ratio is the floor's rate over gridkit's (time over time)"
like "$(line 'issue-route' county)" '250000/s .* >= 200000/s +yes$' \
	"a rate at or above its target: yes"
like "$(line 'grid-import' city)" '24\.18 s .* 3\.38 +<= 1\.2x floor +no$' \
	"a target relative to the floor: 1.2x of it, missed"
like "$(line 're-import' city)" '<= 1x floor +yes$' \
	"an unchanged re-import no slower than the first: yes"
like "$(line 'sqlite3 -json' city)" '0\.70 +<= 1\.5x floor +yes$' \
	"within 1.5x of sqlite3 -json: yes"
like "$(line 'memory' all)" ' 44 .*<= 64 MiB +yes$' \
	"memory: the peak of every row, within 64 MiB"
# a reference row: a floor to compare with, no target of its own
row "  keys only" city /s 16197 76000 ge - 43 >>goals
out=$(awk -F '\t' -f "$GK_ROOT/tests/bench/goals.awk" goals)
like "$(line 'keys only' city)" ' 16197/s +43 +76000/s +4\.69 +- +-$' \
	"a row without a target: its ratio, no verdict"
row "grid-assign pair" city s 14.27 12.41 le 10 70 >>goals
out=$(awk -F '\t' -f "$GK_ROOT/tests/bench/goals.awk" goals)
like "$(line 'memory' all)" ' 70 .*<= 64 MiB +no$' \
	"a row above 64 MiB: the memory row says no"
is "$(awk -F '\t' -f "$GK_ROOT/tests/bench/goals.awk" /dev/null | wc -l | tr -d ' ')" 1 \
	"no rows: the header alone, no memory row"
done_testing
