#!/bin/sh
# an empty result in TSV or CSV still prints its header, in every program
# that prints rows: a script tells "nothing" from "failed", and the nightly
# crontab line that re-runs does not leave an empty file where the night's
# rows were
. "$(dirname "$0")/lib.sh"
store
printf 'code,name,parent\nG1,一村,\n' | grid-import --no-summary grids
printf 'code,name\nU01,城管局\n' | grid-import --no-summary units

# CMD...: its first line in csv, then in tsv, on an empty store
first() {
	"$@" -o csv </dev/null 2>/dev/null | head -1
}
for c in "grid-export grids" "grid-export issues" "grid-export events" \
	"issue-list" "issue-show" "issue-route" "issue-route --all" \
	"issue-update --accept" "escalate" "escalate --warn 8" "stats" \
	"stats --by unit" "stats --agenda --grid G1" "visit-log --coverage" \
	"grid-assign pair" "grid-assign release" "grid-top --once" \
	"grid-top --once --panel overdue" "echo-wall G1"; do
	# shellcheck disable=SC2086
	h=$(first $c)
	like "$h" '^[a-z_0-9]+(,[a-z_0-9]+)*$' "$c: nothing to print, csv: the header"
	# shellcheck disable=SC2086
	t=$($c -o tsv </dev/null 2>/dev/null | head -1)
	is "$t" "$(printf '%s' "$h" | tr , '\t')" "$c: tsv: the header"
done
run escalate -o csv --bom
is "$out" "$(printf '\357\273\277id,from,to,due,held_by,unit')" \
	"escalate with nothing to do, --bom: the BOM and the header"
run escalate -q
is "$rc.$out" "0." "-q: keys only, no header"

done_testing
