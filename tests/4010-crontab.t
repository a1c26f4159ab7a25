#!/bin/sh
# examples/crontab: each job, run the way cron runs it (its environment
# lines, % as a line break, \% as %) with /srv/grid moved into the test's
# directory, does what its comment says and prints nothing when all is well;
# each runs at the Beijing time its comment says, on a machine that keeps
# Beijing time, and examples/crontab-utc's at the same times on a UTC one
. "$(dirname "$0")/lib.sh"
CT=$EX/crontab
srv=$TMP/srv
mkdir "$srv"
# the example county, its year filed and routed
GRID_DB=$srv/grid.db
export GRID_DB
grid-init --no-summary
for k in levels units grids cadres households rules calendar; do
	grid-import --no-summary "$k" "$EX/$k.csv"
done
GRID_NOW='2013-03-01 09:00' grid-assign pair -q >/dev/null 2>&1
GRID_NOW='2013-12-31 18:00' issue-file --no-summary "$EX/issues.csv" |
	GRID_NOW='2013-12-31 18:00' issue-route -q >/dev/null 2>&1

# cron's environment: the crontab's own assignments, PATH aside (the
# programs under test come first), /srv/grid moved here
env_lines=$(grep -E '^[A-Z_]+=' "$CT" | grep -v '^PATH=' | sed "s|/srv/grid|$srv|g")
is "$(printf '%s\n' "$env_lines" | cut -d= -f1 | tr '\n' ' ')" \
	"GRID_DB TZ MAILTO " "the crontab sets GRID_DB, TZ and MAILTO"
# job N: the command of the Nth job line, as cron gives it to sh
job() {
	grep -E '^[0-9*]' "${CT}" | sed -n "${1}p" | cut -f2- |
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
like "$cmd" '^mkdir -p .* && escalate --no-summary -o csv > .*/escalated/\$\(date \+%F-%H%M%S\)\.csv$' \
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
like "$cmd" 'escalate --warn 8 --no-summary -o csv --bom' "job 2 is the reminders"
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

# the times.  cron reads the schedule in the machine's time zone (Debian's
# cron does not apply TZ= to it), so the crontab says to keep the machine
# on Beijing time, and crontab-utc gives the same jobs for a UTC machine.
# fires ZONE_HOURS FILE: every firing of every job in 2013 and 2014, on a
# machine whose clock is UTC+ZONE_HOURS, as "JOB YYYY-MM-DD HH:MM Dn" in
# Beijing time (Dn: the day of the week, 0 Sunday); a job that begins
# with a guard on the date in Beijing fires only when the guard holds
fires() {
	awk -v off="$1" -F'\t' '
	function civil(t, f,   days, z, era, doe, yoe, doy, mp) {
		days = int(t / 86400)
		z = days + 719468; era = int(z / 146097); doe = z - era * 146097
		yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
		    int(doe / 146096)) / 365)
		doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
		mp = int((5 * doy + 2) / 153)
		f["d"] = doy - int((153 * mp + 2) / 5) + 1
		f["m"] = mp < 10 ? mp + 3 : mp - 9
		f["y"] = yoe + era * 400 + (f["m"] <= 2)
		f["w"] = (days + 4) % 7
		f["H"] = int((t % 86400) / 3600); f["M"] = int((t % 3600) / 60)
	}
	function field(spec, v,   n, i, p, r) {
		if (spec == "*") return 1
		n = split(spec, p, ",")
		for (i = 1; i <= n; i++) {
			if (split(p[i], r, "-") == 2) {
				if (v >= r[1] + 0 && v <= r[2] + 0) return 1
			} else if (v == p[i] + 0) return 1
		}
		return 0
	}
	/^[0-9*]/ { split($1, s, " "); n++
		for (i = 1; i <= 5; i++) sched[n, i] = s[i]
		guard[n] = index($2, "[ \"$(date +\\%d)\" = 01 ] || exit 0;") == 1 }
	END {
		for (t = 1356969600; t < 1420041600; t += 1800) {
			civil(t + off * 3600, L); civil(t + 8 * 3600, B)
			for (j = 1; j <= n; j++) {
				dom = field(sched[j, 3], L["d"]); dow = field(sched[j, 5], L["w"])
				day = sched[j, 3] != "*" && sched[j, 5] != "*" ? dom || dow : dom && dow
				if (field(sched[j, 1], L["M"]) && field(sched[j, 2], L["H"]) &&
				    field(sched[j, 4], L["m"]) && day && (!guard[j] || B["d"] == 1))
					printf "%d %04d-%02d-%02d %02d:%02d D%d\n", j, B["y"],
					    B["m"], B["d"], B["H"], B["M"], B["w"]
			}
		}
	}' "$2" | sort
}
fires 8 "$CT" >beijing
like "$(sed -n '/^# The times/,/^$/p' "$CT")" \
	'timedatectl set-timezone Asia/Shanghai' \
	"the crontab says how to keep the machine on Beijing time"
is "$(grep -c '^1 .* 02:00 ' beijing)" 730 "job 1: at 02:00 Beijing time, every night"
is "$(grep '^2 ' beijing | grep -vc ' 07:30 D[1-5]$')" 0 \
	"job 2: at 07:30, Monday to Friday only"
is "$(grep -c '^2 ' beijing)" 522 "job 2: every working day of two years"
is "$(grep '^3 ' beijing | cut -d' ' -f2,3 | sed -n '1p;2p;24p' | tr '\n' ' ')" \
	"2013-01-01 03:00 2013-02-01 03:00 2014-12-01 03:00 " \
	"job 3: at 03:00 on the 1st of every month"
is "$(grep -c '^3 ' beijing)" 24 "job 3: once a month"
is "$(grep '^4 ' beijing | grep -vc ' 04:00 D0$')" 0 "job 4: at 04:00 on Sundays"
is "$(grep '^5 ' beijing | grep -vc ' 18:00 D[1-5]$')" 0 \
	"job 5: at 18:00, Monday to Friday only"
is "$(grep -c '^5 ' beijing)" 522 "job 5: every working day of two years"
fires 0 "$EX/crontab-utc" >utc
is "$(diff beijing utc)" "" \
	"crontab-utc on a UTC machine: every job at the same Beijing times"
fires 0 "$CT" >wrong
isnt=$(cmp -s beijing wrong; echo $?)
is "$isnt" 1 "(the Beijing crontab on a UTC machine would run 8 hours late)"
is "$(grep -E '^[0-9*]' "$EX/crontab-utc" | cut -f2- |
	sed 's/^\[ "$(date +\\%d)" = 01 \] || exit 0; //')" \
	"$(grep -E '^[0-9*]' "$CT" | cut -f2-)" "crontab-utc: the same jobs"
is "$(grep -E '^[A-Z_]+=' "$EX/crontab-utc")" "$(grep -E '^[A-Z_]+=' "$CT")" \
	"crontab-utc: the same environment"
# crontab-utc's monthly job runs on the 28th to the 31st and goes on only
# on the 1st in Beijing: a date(1) that says which day it is
mkdir fake
printf '#!/bin/sh\n[ "$1" = +%%d ] && { echo "$DAY"; exit 0; }\nexec /bin/date "$@"\n' >fake/date
chmod +x fake/date
cmd=$(CT=$EX/crontab-utc job 3)
rm -rf "$srv/reports"
mail=$(cron '2014-01-01 03:00' "DAY=31 PATH=$TMP/fake:\$PATH; export DAY PATH; $cmd" 2>&1)
is "$mail.$(ls "$srv/reports" 2>/dev/null)" "." \
	"crontab-utc job 3 on the 31st in Beijing: nothing done, nothing to mail"
mail=$(cron '2014-01-01 03:00' "DAY=01 PATH=$TMP/fake:\$PATH; export DAY PATH; $cmd" 2>&1)
is "$mail" "" "crontab-utc job 3 on the 1st in Beijing: nothing to mail"
ok "$([ -s "$srv/reports/$m.csv" ]; echo $?)" "and last month's report"
# the evening's routing of what is still open
cmd=$(job 5)
like "$cmd" 'issue-route --all -q' "job 5 routes every open issue"
GRID_NOW='2014-01-06 10:00' issue-file --no-summary --grid 371399001 --category 其他 --text 咨询 >/dev/null
mail=$(cron '2014-01-06 18:00' "$cmd" 2>&1)
is "$mail" "" "nothing to mail"
like "$(cat "$srv/adjudicate.log")" "no rule matches; route it by hand" \
	"what no rule matches is listed for adjudication"
like "$(tail -1 "$srv/adjudicate.log")" "routed, [0-9]+ need adjudication" "with the summary"

done_testing
