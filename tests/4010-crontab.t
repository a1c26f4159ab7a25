#!/bin/sh
# examples/crontab: each job, run the way cron runs it (its environment
# lines, % as a line break, \% as %) with /srv/grid moved into the test's
# directory, does what its comment says and prints nothing when all is well
. "$(dirname "$0")/lib.sh"
CT=$EX/crontab
srv=$TMP/srv
mkdir "$srv"
# the example county, its year filed and routed
GRID_DB=$srv/grid.db
export GRID_DB
grid-init -q
for k in levels units grids cadres households rules calendar; do
	grid-import -q "$k" "$EX/$k.csv"
done
GRID_NOW='2013-03-01 09:00' grid-assign pair -q >/dev/null 2>&1
GRID_NOW='2013-12-31 18:00' issue-file -q "$EX/issues.csv" |
	GRID_NOW='2013-12-31 18:00' issue-route -q >/dev/null 2>&1

# cron's environment: the crontab's own assignments, PATH aside (the
# programs under test come first), /srv/grid moved here
env_lines=$(grep -E '^[A-Z_]+=' "$CT" | grep -v '^PATH=' | sed "s|/srv/grid|$srv|g")
is "$(printf '%s\n' "$env_lines" | cut -d= -f1 | tr '\n' ' ')" \
	"GRID_DB TZ MAILTO " "the crontab sets GRID_DB, TZ and MAILTO"
# job N: the command of the Nth job line, as cron gives it to sh
job() {
	grep -E '^[0-9*]' "$CT" | sed -n "${1}p" | cut -f2- |
		sed "s|/srv/grid|$srv|g" | awk '{
			out = ""
			for (i = 1; i <= length($0); i++) {
				c = substr($0, i, 1)
				if (c == "\\" && substr($0, i + 1, 1) == "%") {
					out = out "%"; i++
				} else if (c == "%") {
					out = out "\n"
				} else
					out = out c
			}
			print out }'
}
is "$(grep -cE '^[0-9*]' "$CT")" 5 "five jobs"
# cron: a bare environment, the crontab's lines, sh -c
cron() {
	env -i HOME="$HOME" PATH="$GK_BIN:/usr/bin:/bin" GK_BIN="$GK_BIN" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
		$(printf '%s\n' "$env_lines" | tr '\n' ' ') GRID_NOW="$1" \
		sh -c "$2"
}

# the nightly escalation
cmd=$(job 1)
like "$cmd" '^mkdir -p .* && escalate --quiet -o csv > .*/escalated/\$\(date \+%F-%H%M%S\)\.csv$' \
	"job 1 is the nightly escalation"
mail=$(cron '2014-01-06 02:00' "$cmd" 2>&1)
is "$?" 0 "it runs"
is "$mail" "" "nothing for cron to mail"
f=$(ls "$srv"/escalated/*.csv)
is "$(head -1 "$f")" "id,from,to,due,held_by,unit" "the night's rows kept as CSV"
n=$(($(wc -l <"$f") - 1))
is "$n" "$(sqlite3 "$GRID_DB" 'SELECT count(*) FROM accountability')" \
	"a row an escalation"
ok "$([ "$n" -gt 0 ]; echo $?)" "the year's leftovers escalated ($n)"
sleep 1
mail=$(cron '2014-01-06 02:00' "$cmd" 2>&1)
is "$mail" "" "again the same night: still nothing to mail"
is "$(sqlite3 "$GRID_DB" 'SELECT count(*) FROM accountability')" "$n" \
	"and nothing escalated twice"
is "$(wc -l <"$f")" "$((n + 1))" "the first run's file is kept whole"
g=$(ls "$srv"/escalated/*.csv | grep -v "^$f\$")
is "$(cat "$g")" "id,from,to,due,held_by,unit" \
	"the second run's file: the header alone, nothing left to do"

# the reminders
cmd=$(job 2)
like "$cmd" 'escalate --warn 8 --quiet -o csv --bom' "job 2 is the reminders"
mail=$(cron '2014-01-24 07:30' "$cmd" 2>&1)
is "$mail" "" "nothing to mail"
is "$(head -c 3 "$srv/reminders.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" \
	"a BOM for Excel"
like "$(sed -n 1p "$srv/reminders.csv")" 'held_by,name,phone,id,' "the reminders' header"

# the monthly report
cmd=$(job 3)
like "$cmd" 'stats --month \$m -o csv --bom' "job 3 is the monthly report"
mail=$(cron '2014-01-01 03:00' "$cmd" 2>&1)
is "$mail" "" "nothing to mail"
m=$(date -d yesterday +%Y-%m)
ok "$([ -s "$srv/reports/$m.csv" ] && [ -s "$srv/reports/$m-units.csv" ]; echo $?)" \
	"last month's report and its units' report"

# the weekly backup: a store that opens, with the same issues
cmd=$(job 4)
like "$cmd" '\.backup' "job 4 is the backup"
# ten copies of weeks before
mkdir "$srv/backup"
for i in 01 02 03 04 05 06 07 08 09 10; do
	: >"$srv/backup/grid-2013-01-$i.db"
	touch -d "2013-01-$i" "$srv/backup/grid-2013-01-$i.db"
done
mail=$(cron '2014-01-05 04:00' "$cmd" 2>&1)
is "$mail" "" "nothing to mail"
is "$(ls "$srv"/backup/grid-*.db | wc -l)" 8 "the last eight kept"
b=$(ls -t "$srv"/backup/grid-*.db | head -1)
is "$(issue-list --db "$b" -q | wc -l)" 300 "the newest copy opens, with every issue"

# the evening's routing of what is still open
cmd=$(job 5)
like "$cmd" 'issue-route --all -q' "job 5 routes every open issue"
GRID_NOW='2014-01-06 10:00' issue-file -q --grid 371399001 --category 其他 --text 咨询 >/dev/null
mail=$(cron '2014-01-06 18:00' "$cmd" 2>&1)
is "$mail" "" "nothing to mail"
like "$(cat "$srv/adjudicate.log")" "no rule matches; route it by hand" \
	"what no rule matches is listed for adjudication"
like "$(tail -1 "$srv/adjudicate.log")" "routed, [0-9]+ need adjudication" "with the summary"

done_testing
