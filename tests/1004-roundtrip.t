#!/bin/sh
# export -> import into a new store -> export gives the same bytes, for
# every kind grid-import reads
. "$(dirname "$0")/lib.sh"
example_store
grid-import --no-summary rules "$EX/rules.csv"
grid-import --no-summary calendar "$EX/calendar.csv"
first=$GRID_DB
# another fresh store of the same kind as the first: a file, or a database
# of the cluster
new_store() {
	if is_pg; then
		pg_store || { echo "Bail out! no GK_PG_URI"; exit 1; }
	else
		GRID_DB=$TMP/$1
		export GRID_DB
	fi
	grid-init --no-summary
}
# a few pairs and visits
grid-export households -q | head -40 >hh
grid-export cadres -o tsv | awk -F'\t' 'NR > 1 && $6 == "active" { print $1 }' |
	head -4 >cc
awk 'NR == FNR { c[n++] = $1; next } { print $1 "," c[FNR % n] }' cc hh |
	sed '1i household,cadre' >pairs.csv
grid-import --no-summary pairs pairs.csv
is "$(sql 'SELECT count(*) FROM pairs')" 40 "40 pairs"
GRID_NOW="2013-07-01 10:00" grid-export pairs -o csv --reveal |
	awk -F, 'NR > 1 { printf "%s,%s,2013-06-%02d 09:30,走访\n", $2, $1, NR % 28 + 1 }' |
	sed '1i cadre,household,at,note' >visits.csv
run grid-import visits visits.csv
is "$rc" 0 "visits import"

kinds="levels units grids cadres households rules calendar pairs visits"
for k in $kinds; do
	grid-export "$k" -o csv --reveal >"$k.1.csv"
done
new_store copy.db
for k in $kinds; do
	run grid-import "$k" "$k.1.csv"
	is "$rc" 0 "re-import $k into a new store"
done
for k in $kinds; do
	grid-export "$k" -o csv --reveal >"$k.2.csv"
	cmp -s "$k.1.csv" "$k.2.csv"
	ok $? "$k: export, import, export gives the same bytes"
	test "$(wc -l <"$k.1.csv")" -gt 1
	ok $? "$k: and it is not empty"
done
for m in tsv jsonl; do
	grid-export households -o $m --reveal >"h.$m"
	GRID_DB=$first grid-export households -o $m --reveal >"h0.$m"
	cmp -s "h.$m" "h0.$m"
	ok $? "households as $m are the same in both stores"
done
# JSON Lines in, too
new_store copy2.db
for k in levels units grids cadres households; do
	GRID_DB=$first grid-export "$k" -o jsonl --reveal | grid-import --no-summary "$k"
done
grid-export households -o csv --reveal >h3.csv
cmp -s households.1.csv h3.csv
ok $? "a JSON Lines export imports to the same households"

done_testing
