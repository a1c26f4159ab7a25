#!/bin/sh
# an import killed half-way leaves the store as it was (whole records
# only), and running it again finishes; two imports at once both land
. "$(dirname "$0")/lib.sh"
S=$FIX/small
store
for k in levels units grids cadres; do
	grid-import --no-summary "$k" "$S/$k.csv"
done
n=300000
awk -v n=$n 'BEGIN {
	print "code,head,grid,id_number,phone,address,members,tags"
	for (i = 1; i <= n; i++)
		printf "K%07d,户主%d,371399101201,,139%08d,东关村%d号,%d,\n", i, i, i, i, i % 7 + 1
}' >big.csv

# the bytes of the store (store_bytes): file and log (the load writes to
# the log; the store stays in WAL mode), or PostgreSQL's database
before=$(store_bytes)
hash=$(store_hash)
grid-import --no-summary households big.csv &
pid=$!
# wait until the import is writing, then kill it hard
i=0
while [ "$(store_bytes)" -lt $((before + 2000000)) ] &&
	kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid
killed=$?
is "$killed" 137 "the import was killed half-way"
is "$(sql 'SELECT count(*) FROM households')" 0 \
	"the store kept nothing of the killed batch"
is "$(store_hash)" "$hash" "and is as it was"
pg_skip "SQLite's PRAGMA integrity_check of the file" ||
	is "$(sql 'PRAGMA integrity_check')" ok "and is intact"
run grid-import households big.csv
is "$rc" 0 "running it again"
is "$(sql 'SELECT count(*) FROM households')" $n "finishes the import"
is "$(sql "SELECT count(*) FROM households WHERE head IS NULL OR phone IS NULL OR members IS NULL")" 0 \
	"with whole records"

# two imports at once: the second waits for the first, none fails
awk 'NR == 1 || /^K000/' big.csv | sed 's/^K/L/' >a.csv
awk 'NR == 1 || /^K001/' big.csv | sed 's/^K/M/' >b.csv
grid-import --no-summary households big.csv >/dev/null 2>&1 &
p0=$!
grid-import households a.csv 2>a.err &
p1=$!
grid-import households b.csv 2>b.err &
p2=$!
wait $p0
wait $p1
r1=$?
wait $p2
r2=$?
is "$r1.$r2" "0.0" "two imports at once both succeed"
is "$(sql "SELECT count(*) FROM households WHERE code LIKE 'L%' OR code LIKE 'M%'")" \
	"$(( $(wc -l <a.csv) + $(wc -l <b.csv) - 2 ))" "and every record landed once"
unlike "$(cat a.err b.err)" "locked" "no 'database is locked'"

done_testing
