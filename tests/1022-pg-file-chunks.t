#!/bin/sh
# On PostgreSQL, issue-file files a batch many issues to a statement, not
# one or two statements an issue: each statement is a round trip to the
# server and a plan run through, and a county's 35,000 issues spent more
# time on those than on the rows.  What it files, skips and refuses, and
# what it says about each, stays what filing them one by one gives: the
# same input on an SQLite store gives the same ids, the same messages
# naming the same lines, the same --rejects file and the same summary --
# with a ticket filed earlier in the same batch (in the same statement's
# reach, and earlier), a ticket first on a refused row, refused rows of
# every kind, rows the reader itself refuses between good ones, and a
# second file.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
export GRID_NOW='2013-07-01 09:00'
PG=$GRID_DB
LITE=$TMP/lite.db
N=3000

for db in "$PG" "$LITE"; do
	GRID_DB=$db grid-init --no-summary
	GRID_DB=$db small_base
	GRID_DB=$db grid-import --no-summary households "$FIX/small/households.csv"
	# two households with a cadre, whose issues start with the cadre
	printf 'household,cadre\nH001,C003\nH003,C004\n' |
		GRID_DB=$db GRID_NOW='2013-06-01' grid-import --no-summary pairs
done

pg_count_inserts issues

# N rows: most good, with a ticket each; now and then a ticket of a row a
# few lines up (skipped), of a row far up (skipped), a household that is
# not there, a reporter who is no cadre, a private that is no 0 or 1, a
# time in the future, a grid without a household, a ticket first on a row
# refused and then on a good one (filed), a row with a field too many (the
# reader refuses it), a bad ticket, and texts with what an array literal
# quotes (" \ { } , NULL)
{
	printf 'household,grid,category,text,source,reporter,private,filed_at,ref\n'
	i=1
	while [ $i -le $N ]; do
		h=H00$((i % 5 + 1))
		case $((i % 97)) in
		5) printf '%s,,供水,停水了,hotline,,,,T%d\n' $h $((i - 3)) ;;
		9) printf '%s,,供水,停水了,hotline,,,,T%d\n' $h $((i / 3)) ;;
		13) printf 'H404,,供水,停水了,hotline,,,,T%d\n' $i ;;
		14) printf '%s,,供水,停水了,hotline,,,,T%d\n' $h $((i - 1)) ;;
		21) printf '%s,,供水,停水了,visit,C404,,,T%d\n' $h $i ;;
		33) printf '%s,,供水,停水了,,,maybe,,T%d\n' $h $i ;;
		41) printf '%s,,供水,停水了,,,,2013-08-01 09:00,T%d\n' $h $i ;;
		50) printf ',371399101202,路灯,路灯坏了,patrol,C004,1,2013-06-30 20:00,\n' ;;
		61) printf '%s,,供水,停水了,,,,,T%d,extra\n' $h $i ;;
		77) printf '%s,,供水,停水了,,,,,bad ticket\n' $h ;;
		78) printf '%s,371399101202,供水,停水了,,,,,T%d\n' H001 $i ;;
		85) printf '%s,,NULL,"他说""停水{三天}"",\\还有 NULL",,,,,T%d\n' $h $i ;;
		86) printf '%s,,供水,NULL,,,,,T%d\n' $h $i ;;
		*) printf '%s,,供水,第%d户停水,hotline,C003,0,2013-06-2%d 08:00,T%d\n' \
			$h $i $((i % 9)) $i ;;
		esac
		i=$((i + 1))
	done
} >"$TMP/issues.csv"
# a second file: tickets of the first, and new ones
{
	printf 'household,category,text,ref\n'
	printf 'H001,供水,又停水了,T1\n'
	printf 'H002,供水,又停水了,U1\n'
	printf 'H003,供水,又停水了,U1\n'
	printf 'H009,供水,又停水了,U2\n'
	printf 'H004,供水,又停水了,U2\n'
} >"$TMP/more.csv"

file_all() {
	GRID_DB=$1 issue-file --rejects "$TMP/rej.$2" "$TMP/issues.csv" \
		"$TMP/more.csv" >"$TMP/out.$2" 2>"$TMP/err.$2"
	echo $? >"$TMP/rc.$2"
}
file_all "$LITE" lite
file_all "$PG" pg

is "$(cat "$TMP/rc.pg")" 1 "exit 1: rows were refused"
is "$(cat "$TMP/rc.lite")" 1 "exit 1 on SQLite too"
filed=$(wc -l <"$TMP/out.pg" | tr -d ' ')
ok "$([ "$filed" -gt $((N * 8 / 10)) ] && echo 0 || echo 1)" \
	"most rows filed ($filed)"
same_as_lite out "the same ids as on SQLite"
same_as_lite err "the same messages, naming the same lines"
same_as_lite rej "the same rows in --rejects, in the same order"
like "$(cat "$TMP/err.pg")" "issues.csv:103: ref 'T99' is issue [0-9]* already; skipped" \
	"a ticket filed a few lines up: skipped"
like "$(cat "$TMP/err.pg")" "issues.csv:62: 10 fields, but the header has 9" \
	"a row with a field too many refused by its line"
like "$(cat "$TMP/err.pg")" "more.csv:4: ref 'U1' is issue [0-9]* already; skipped" \
	"a ticket filed in the first row of a second file: skipped"
like "$(cat "$TMP/err.pg")" "more.csv: 5 read, 2 filed, 2 skipped, 1 rejected" \
	"the second file's summary"

q="SELECT id, coalesce(ref, ''), coalesce(household, ''), grid, text,
    coalesce(reporter, ''), private, rung, coalesce(rung_grid, ''),
    coalesce(cadre, ''), CAST(round(coalesce(hours, 0) * 100) AS integer), filed_at, coalesce(due_at, 0)
    FROM issues ORDER BY id"
psql_sql "$q" >"$TMP/rows.pg"
sqlite3 -separator '|' "$LITE" "$q" >"$TMP/rows.lite"
same_as_lite rows "the same issues in the store, field for field"
q="SELECT id, issue, kind, status, rung, coalesce(due_at, 0), at
    FROM events WHERE kind = 'filed' ORDER BY id"
psql_sql "$q" >"$TMP/ev.pg"
sqlite3 -separator '|' "$LITE" "$q" >"$TMP/ev.lite"
same_as_lite ev "the same 'filed' events, in the same order"

stmts=$(pg_counted)
echo "# statements inserting into issues for $filed issues: $stmts"
# a set of issues is filed by one statement; it ends early at a row the
# reader refuses (once every 97 rows here), whose message waits for the
# rows before it
ok "$([ "$stmts" -le $((filed / 50)) ] && echo 0 || echo 1)" \
	"at most one statement for every fifty issues filed ($stmts)"

# A run that changed 10,000 rows or more (a row a statement reports: an
# issue and its event are one) has the server sample the tables
# it changed (the planner of the next program needs their sizes), not
# every table of the store: a county's households took 0.4 s of it
analyzed() {
	psql_sql "SELECT string_agg(relname, ' ' ORDER BY relname)
	    FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL
	    AND relname IN ('issues', 'events', 'households', 'cadres', 'grids')"
}
is "$(analyzed)" "" "nothing analysed so far"
{
	printf 'household,category,text\n'
	i=0
	while [ $i -lt 10200 ]; do
		printf 'H00%d,供水,停水\n' $((i % 5 + 1))
		i=$((i + 1))
	done
} | issue-file --no-summary >/dev/null
t=0
while [ -z "$(analyzed)" ] && [ $t -lt 50 ]; do
	sleep 0.1
	t=$((t + 1))
done
is "$(analyzed)" "events issues" \
	"10,200 filed: issues and events analysed, the tables it did not change not"

done_testing
