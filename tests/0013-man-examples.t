#!/bin/sh
# every command of every man page's EXAMPLES runs: the lines that start with
# "$ " in a literal block (.Bd -literal ... .Ed), with their continuations
# and the mdoc escapes undone, run in order, page by page, in a store made
# the way the page's text says.  No command may end in a usage error (2), a
# store error (3) or a signal (>= 128); where the block shows the output
# under the command, the output (standard output and error together) is the
# one shown.  A crontab line of an example runs too (its command, on a copy
# of the store); any other line of a block that is neither a command nor
# output fails, so that nothing is left out unsaid.  The few commands a
# test cannot run are listed in skip() below, each with its reason, and
# the one it runs changed in rewrite().
. "$(dirname "$0")/lib.sh"

# the examples run from the top of a tree: examples/ and tests/unit/ as in
# the source tree, everything else (grid.db, the files they write) here
ln -s "$GK_ROOT/examples" "$TMP/examples"
mkdir "$TMP/tests"
ln -s "$GK_ROOT/tests/unit" "$TMP/tests/unit"
mkdir "$TMP/home"
HOME=$TMP/home
export HOME

# extract PAGE DIR: the commands of PAGE's EXAMPLES as DIR/N.cmd and the
# output shown under each as DIR/N.want (absent when none is shown)
extract() {
	rm -rf "$2"
	mkdir "$2"
	awk -v dir="$2" '
		function unesc(s) {
			gsub(/\\\(aq/, "\047", s); gsub(/\\&/, "", s)
			gsub(/\\e/, "\\", s); return s }
		function kind(k, c) {
			n++; printf "%s\n", c > (dir "/" n ".cmd"); close(dir "/" n ".cmd")
			print k > (dir "/" n ".kind"); close(dir "/" n ".kind")
		}
		function flush() {
			if (cmd != "") { n++; printf "%s\n", cmd > (dir "/" n ".cmd"); close(dir "/" n ".cmd") }
			cmd = ""
		}
		/^\.Sh EXAMPLES/ { ex = 1; next }
		/^\.Sh / { ex = 0 }
		!ex { next }
		/^\.Bd -literal/ { lit = 1; cont = 0; out = 0; next }
		/^\.Ed/ { flush(); lit = 0; cont = 0; out = 0; next }
		!lit { next }
		{ line = unesc($0) }
		cont || (cmd != "" && !out && line ~ /^>/) {
			sub(/^> ?/, "", line)
			cmd = cmd "\n" line
			cont = line ~ /[\\|]$/
			next
		}
		/^\$ / {
			flush(); out = 0
			cmd = substr(line, 3)
			cont = cmd ~ /[\\|]$/
			next
		}
		cmd == "" && !out && /^[0-9*][^ ]* +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]/ {
			# a crontab line: its command, with cron \% for %
			for (i = 0; i < 5; i++) sub(/^[^ ]+ +/, "", line)
			gsub(/\\%/, "%", line)
			kind("cron", line); next
		}
		cmd == "" && !out && /^[A-Za-z_][A-Za-z0-9_]*=/ { kind("env", line); next }
		cmd == "" && !out && /[^ \t]/ { kind("other", line); next }
		cmd != "" || out {
			# the output shown under the command
			if (!out) { flush(); out = 1 }
			print line > (dir "/" n ".want"); next
		}' "$1"
}

# skip PAGE N: why command N of PAGE is not run, or nothing
skip() {
	case $1:$2 in
	echo-wall:2) echo "chromium prints a PDF: a browser, not gridkit" ;;
	echo-wall:3)
		is_pg || return 1
		echo "sqlite3 reads the store file grid.db: on PostgreSQL the analyst's query is psql's"
		;;
	grid-top:1) echo "grid-top without --once draws on a terminal until q" ;;
	issue-list:8) echo "the analysis meeting's note, which issue-update's example already took (issue-show 7 shows it once)" ;;
	*) return 1 ;;
	esac
}

# rewrite PAGE N: a sed script that makes command N of PAGE runnable here,
# and why, or nothing
rewrite() {
	case $1:$2 in
	escalate:7) echo "s|/srv/grid/esc/|esc/|	the server's directory is esc/ here" ;;
	*) return 1 ;;
	esac
}

# nocmp PAGE N: why the output shown under command N of PAGE is not
# compared, or nothing (none today: every output shown is deterministic)
nocmp() {
	case $1:$2 in
	*) return 1 ;;
	esac
}

# compare_as PAGE N: how the output shown under command N of PAGE compares:
# "lines" (the lines as shown, but for the blanks that end them) or
# "words" (the page wraps a long line) or "home" (the page's $HOME is
# /home/clerk)
compare_as() {
	case $1:$2 in
	visit-log:2) echo words ;;
	grid-init:2) echo home ;;
	*) echo lines ;;
	esac
}

# before PAGE N: what happens to the store before command N of PAGE
before() {
	case $1:$2 in
	audit-draw:3)
		# "at the meeting": the seed 2013 was an illustration; the
		# meeting's draw is the first, after C00057's visits of May
		# (as in examples/pipelines.sh)
		paired '2013-03-01 09:00'
		{
			echo cadre,household,at
			for _v in 01 02 03 04 05 06 07 08 09 10 11 12 13; do
				echo "C00057,3713992000220200$_v,2013-05-$_v 10:00"
			done
		} | grid-import --no-summary visits ||
			{ echo "Bail out! cannot log visits"; exit 1; }
		;;
	esac
}

# the example county loaded, rules and calendar included
county() {
	store
	for k in levels units grids cadres households rules calendar; do
		grid-import --no-summary "$k" "$EX/$k.csv" ||
			{ echo "Bail out! cannot import examples/$k.csv"; exit 1; }
	done
}
# ... with its households paired since $1
paired() {
	county
	GRID_NOW=$1 grid-assign pair -q >/dev/null 2>&1 ||
		{ echo "Bail out! cannot pair"; exit 1; }
}
# ... and the year's issues filed and routed on its last evening
year() {
	paired '2013-01-01 09:00'
	GRID_NOW='2013-12-31 18:00' issue-file --no-summary "$EX/issues.csv" >"$TMP/ids" ||
		{ echo "Bail out! cannot file"; exit 1; }
	GRID_NOW='2013-12-31 18:00' issue-route -q <"$TMP/ids" >/dev/null 2>&1
}

# ... and a year of its issues, each month's filed and routed on its last
# evening and escalated that night
months() {
	paired '2013-01-01 09:00'
	for _e in 01-31 02-28 03-31 04-30 05-31 06-30 07-31 08-31 09-30 10-31 11-30 12-31; do
		awk -F, -v m="2013-${_e%-*}" 'NR == 1 || index($8, m) == 1' "$EX/issues.csv" |
			GRID_NOW="2013-$_e 18:00" issue-file --no-summary >"$TMP/ids" ||
			{ echo "Bail out! cannot file"; exit 1; }
		GRID_NOW="2013-$_e 18:00" issue-route -q <"$TMP/ids" >/dev/null 2>&1
		GRID_NOW="2013-$_e 23:00" escalate --no-summary >/dev/null ||
			{ echo "Bail out! cannot escalate"; exit 1; }
	done
}

# setup PAGE: the store (and the files) PAGE's examples start from
setup() {
	case $1 in issue-route | issue-update | issue-list | issue-show) return ;; esac
	unset GRID_NOW
	# with GK_TEST_STORE=pg a fresh database of the cluster, as store() makes
	if [ "${GK_TEST_STORE:-}" = pg ]; then
		pg_store || { echo "Bail out! no GK_PG_URI"; exit 1; }
	else
		GRID_DB=$TMP/grid.db
		export GRID_DB
	fi
	case $1 in
	issue-file)
		paired '2013-01-01 09:00'
		cat >new.csv <<-'EOF'
		household,category,text,filed_at
		371399001010010002,治安,晚上有人在楼道里偷电瓶车,
		371399001010010099,治安,楼道灯坏了,
		371399001010010003,,小区门口积水,
		371399001010010004,道路交通,路口红绿灯不亮,2013-13-01
		EOF
		printf '%s\n' '{"grid":"37139900101001","category":"市容环境","text":"小广告乱贴","source":"walk-in"}' >form.jsonl
		;;
	grid-init) is_pg || rm -f "$GRID_DB"* ;;
	grid-import)
		store
		printf '%s\n' household,cadre 371399001010010001,C00005 >moves.csv
		;;
	grid-assign)
		county
		export GRID_NOW='2013-03-01 09:00'
		printf '%s\n' grid,leader 37139900101001,C00005 >leaders.csv
		;;
	escalate)
		months
		mkdir -p esc
		export GRID_NOW='2014-01-06 10:00'
		;;
	audit-draw)
		paired '2013-03-01 09:00'
		export GRID_NOW='2013-06-01 10:00'
		;;
	visit-log)
		paired '2013-03-01 09:00'
		export GRID_NOW='2013-04-10 10:00'
		;;
	accountability | stats | echo-wall)
		months
		export GRID_NOW='2014-01-06 10:00'
		;;
	*)
		year
		export GRID_NOW='2014-01-06 10:00'
		;;
	esac
}

pages="issue-file issue-route issue-update issue-list issue-show"
for _m in "$GK_ROOT"/man/*.1; do
	_p=$(basename "$_m" .1)
	case " $pages " in *" $_p "*) ;; *) pages="$pages $_p" ;; esac
done

# script(1) of util-linux gives a command a terminal
has_script=
script -qec true /dev/null </dev/null >/dev/null 2>&1 && has_script=1

ncmd=0
for _p in $pages; do
	_d=$TMP/ex-$_p
	extract "$GK_ROOT/man/$_p.1" "$_d"
	setup "$_p"
	_n=1
	while [ -f "$_d/$_n.cmd" ]; do
		# (dash's echo, in ok, reads backslashes)
		_c=$(tr '\n' ' ' <"$_d/$_n.cmd" | sed 's/\\/\\\\/g')
		before "$_p" "$_n"
		_kind=$(cat "$_d/$_n.kind" 2>/dev/null)
		if [ "$_kind" = env ]; then
			_why="a crontab's setting for the lines under it, not a command"
		elif _why=$(skip "$_p" "$_n"); then
			:
		else
			_why=
		fi
		if [ -n "$_why" ]; then
			ok 0 "$_p: $_c # SKIP $_why"
			_n=$((_n + 1))
			continue
		fi
		_tty=
		if [ -f "$_d/$_n.want" ] && { grep -Eq '^-+(  +-+)*$' "$_d/$_n.want" ||
		    [ "$_p:$_n" = issue-show:2 ]; }; then
			_tty=1
		fi
		if [ "$_kind" = other ]; then
			# neither a command, a crontab line nor the output of one
			ok 1 "$_p: $_c (not a command: start it with \$ or a schedule)"
			_n=$((_n + 1))
			continue
		fi
		if _rw=$(rewrite "$_p" "$_n"); then
			sed "${_rw%%	*}" "$_d/$_n.cmd" >"$_d/$_n.rw"
			mv "$_d/$_n.rw" "$_d/$_n.cmd"
			_c="$_c(run as: $(tr '\n' ' ' <"$_d/$_n.cmd" | sed 's/\\/\\\\/g'): ${_rw#*	}) "
		fi
		if [ "$_kind" = cron ]; then
			# cron runs it some evening, not between the examples
			# around it: on a copy of the store
			# (on PostgreSQL a database made from the store)
			rm -f "$TMP/cron.db"*
			if is_pg; then
				_main=$GRID_DB
				store_save "$TMP/cron.saved"
				store_restore "$TMP/cron.saved"
				# shellcheck disable=SC1090
				(. "$_d/$_n.cmd") >"$_d/$_n.out" 2>&1 </dev/null
				rc=$?
				GRID_DB=$_main
				export GRID_DB
				(exit $rc)
			else
				sqlite3 "$GRID_DB" ".backup '$TMP/cron.db'"
				# shellcheck disable=SC1090
				(GRID_DB=$TMP/cron.db; . "$_d/$_n.cmd") >"$_d/$_n.out" 2>&1 </dev/null
			fi
			rc=$?
			_c="$_c(from cron)"
		elif [ -n "$_tty" ] && [ -z "$has_script" ]; then
			# shellcheck disable=SC1090
			{ . "$_d/$_n.cmd"; } >"$_d/$_n.out" 2>&1 </dev/null
			rc=$?
		elif [ -n "$_tty" ]; then
			# a table (or issue-show's text): the page shows what a
			# terminal shows
			script -qec "sh -c '. \"$_d/$_n.cmd\"'" /dev/null \
				</dev/null >"$_d/$_n.tty" 2>&1
			rc=$?
			tr -d '\r' <"$_d/$_n.tty" >"$_d/$_n.out"
		else
			# in this shell, so that an export or an assignment lasts
			# shellcheck disable=SC1090
			{ . "$_d/$_n.cmd"; } >"$_d/$_n.out" 2>&1 </dev/null
			rc=$?
		fi
		ncmd=$((ncmd + 1))
		# a refusal is an example only when the page shows it
		if [ -f "$_d/$_n.want" ]; then
			test "$rc" -ne 2 && test "$rc" -ne 3 && test "$rc" -lt 128
		else
			test "$rc" -eq 0
		fi
		ok $? "$_p: $_c (exit $rc)"
		[ "$rc" -eq 0 ] || sed 's/^/#   /' "$_d/$_n.out"
		if [ -f "$_d/$_n.want" ]; then
			if [ -n "$_tty" ] && [ -z "$has_script" ]; then
				ok 0 "$_p: the output of $_c # SKIP no script(1) of util-linux for a terminal"
			elif _why=$(nocmp "$_p" "$_n"); then
				ok 0 "$_p: the output of $_c # SKIP $_why"
			elif grep -qx '\.\.\.' "$_d/$_n.want"; then
				# "..." stands for lines left out
				_k=$(grep -nx '\.\.\.' "$_d/$_n.want" | cut -d: -f1)
				_h=$(head -n $((_k - 1)) "$_d/$_n.want")
				_t=$(sed "1,${_k}d" "$_d/$_n.want")
				_got=$(cat "$_d/$_n.out")
				case $_got in
				"$_h"*"$_t") ok 0 "$_p: the output of $_c" ;;
				*) is "$_got" "$(cat "$_d/$_n.want")" "$_p: the output of $_c" ;;
				esac
			elif [ "$(compare_as "$_p" "$_n")" = home ]; then
				is "$(sed "s|$HOME|/home/clerk|" "$_d/$_n.out")" "$(cat "$_d/$_n.want")" "$_p: the output of $_c"
			elif [ "$(compare_as "$_p" "$_n")" = words ]; then
				is "$(tr -s ' \n' '  ' <"$_d/$_n.out")" "$(tr -s ' \n' '  ' <"$_d/$_n.want")" "$_p: the output of $_c"
			else
				is "$(sed 's/[[:space:]]*$//' "$_d/$_n.out")" "$(cat "$_d/$_n.want")" "$_p: the output of $_c"
			fi
		fi
		_n=$((_n + 1))
	done
done
echo "# $ncmd commands run"

done_testing
