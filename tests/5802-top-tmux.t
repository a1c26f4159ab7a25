#!/bin/sh
# grid-top for real, in a terminal: tmux runs it at 100x30 in a UTF-8
# locale against a store that other programs write to meanwhile; the test
# sends keys and reads the screen back.  Every wait polls the screen until
# what is expected shows, up to a deadline: nothing assumes a speed.
. "$(dirname "$0")/lib.sh"
if ! command -v tmux >/dev/null; then
	echo "ok 1 - grid-top in a terminal # SKIP tmux is not installed"
	echo "1..1"
	exit 0
fi
small_store
printf 'household,cadre\nH001,C003\n' | grid-import --no-summary pairs
export GRID_NOW='2014-01-06 20:00'
issue-file --no-summary --household H001 --category 市容环境 \
	--text 东关村北门垃圾堆了8天没有清运 --at '2014-01-01 10:00' >/dev/null
issue-file --no-summary --grid 371399101 --category 道路交通 \
	--text 城关镇集市车辆乱停乱放 --at '2013-12-01 10:00' >/dev/null
issue-file --no-summary --household H005 --category 其他 --text 咨询征兵报名的时间 \
	--at '2014-01-06 09:00' >/dev/null

# a tmux server of our own, without anyone's configuration
SOCK=$TMP/tmux
tmx() {
	tmux -S "$SOCK" -f /dev/null "$@"
}
trap 'tmx kill-server 2>/dev/null; pg_drop; rm -rf "$TMP"' EXIT

# start [ARGS...]: grid-top in a new session; its pid goes to $TMP/pid,
# its exit code to $TMP/rc
start() {
	rm -f "$TMP/rc" "$TMP/pid"
	tmx new-session -d -s top -x 100 -y 30 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color TZ=$TZ \
		GRID_DB='$GRID_DB' GRID_NOW='$GRID_NOW' PATH='$PATH' \
		ASAN_OPTIONS='${ASAN_OPTIONS:-}' \
		sh -c 'echo \$\$ >\"$TMP/pid\"; exec grid-top -d 0.3 $*'; \
		echo \$? >'$TMP/rc'; sleep 600"
}

# wait_for TEXT, wait_line ERE: poll the screen until it shows TEXT, or a
# line matching ERE (30 s at most); the screen is left in $screen.  A frame
# may be caught half drawn: what is checked is always polled for.
wait_for() {
	poll -F "$1"
}
wait_line() {
	poll -E "$1"
}
poll() {
	_n=0
	while [ $_n -lt 300 ]; do
		screen=$(tmx capture-pane -p -t top 2>/dev/null)
		printf '%s\n' "$screen" | grep -q "$1" -- "$2" && return 0
		sleep 0.1
		_n=$((_n + 1))
	done
	printf '# the screen, waiting for "%s":\n' "$2"
	printf '%s\n' "$screen" | sed 's/^/#   /'
	return 1
}

# see ERE NAME: a line of the screen matches, soon
see() {
	wait_line "$1"
	ok $? "$2"
}

# gone TEXT NAME: the screen no longer shows TEXT, soon
gone() {
	_n=0
	while [ $_n -lt 300 ]; do
		screen=$(tmx capture-pane -p -t top 2>/dev/null)
		case $screen in *"$1"*) ;; *) ok 0 "$2"; return ;; esac
		sleep 0.1
		_n=$((_n + 1))
	done
	ok 1 "$2"
	printf '%s\n' "$screen" | sed 's/^/#   /'
}

# wait_rc: until grid-top has exited; its code in $rc
wait_rc() {
	_n=0
	while [ $_n -lt 300 ] && [ ! -s "$TMP/rc" ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	rc=$(cat "$TMP/rc" 2>/dev/null)
}

keys() {
	tmx send-keys -t top "$@"
}

start
wait_for " grid-top  all grids  by level"
ok $? "the board comes up"
see "2014-01-06 20:00:00  every 0.3s" "the time and the delay in the title"
see "^联系干部 +1 +0 +0 +0 +0 +0 +0 +1" "the contact cadres' rung, by its Chinese name"
see "#2 +634h 乡镇 +- +城关镇 +道路交通 城关镇集市车辆乱停乱放" \
	"the most overdue issue first, its Chinese text whole"
see "^overdue 2, most overdue first" "two overdue"
see "^q quit  j/k move" "the keys on the last line"
printf '%s' "$screen" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1
ok $? "the screen is valid UTF-8: no character broken"
unlike "$screen" "$(printf '\357\277\275')" "no replacement character"

# the store is written to while the board runs
issue-file --no-summary --household H003 --category 治安 --text 西关村有人聚众赌博 \
	>/dev/null
see "20:00:00 +filed +#4 +西关村 .*西关村有人聚众赌博" \
	"a new issue shows after a refresh, as the newest event"
issue-route -q --to U01 --hours 1 4 >/dev/null 2>&1
see "routed +#4 +西关村 +城管局" "its routing shows as it happens"
n=0
i=0
while [ $i -lt 10 ]; do
	GRID_BUSY_TIMEOUT=0 issue-file --no-summary --grid 371399101202 --category 治安 \
		--text "巡查$i" >/dev/null 2>&1 && n=$((n + 1))
	i=$((i + 1))
done
is "$n" 10 "writers never wait for the board (no busy timeout, no failure)"
see "巡查9" "the last of them shows"

# keys: j and Enter, k and Enter, q back
keys j Enter
see "^ issue #1  市容环境  东关村" "j, Enter: the history of the second overdue issue"
see "^ text +东关村北门垃圾堆了8天没有清运" "its text"
see "^ rung +0 联系干部" "its rung"
see "^ 2014-01-01 10:00:00 +filed +open +联系干部" "its events"
see "^ +on the rung 联系干部; due 2014-01-0" \
	"each event in words, as issue-show says it, not its JSON"
see "^q back  j/k scroll" "how to get back"
keys q
see "^q quit  j/k move" "q: back to the board"
keys k Enter
see "^ issue #2  道路交通  城关镇" "k, Enter: the first overdue issue"
keys Escape
see "^q quit  j/k move" "Esc: back to the board"

# / narrows to a grid by its Chinese name
keys /
wait_for "grid (code or name; empty: all): _"
ok $? "/ asks for a grid"
keys -l "城关镇"
wait_for "grid (code or name; empty: all): 城关镇_"
ok $? "Chinese typed in shows as typed"
keys Enter
see "^ grid-top  城关镇 371399101  by level" "Enter: the board of 城关镇"
gone "咨询征兵报名的时间" "without 新城镇's issues"
see "巡查9" "with its villages'"
keys g
see "^ grid-top  城关镇 371399101  by grid" "g: counts by grid"
see "^东关村 +1 +0 " "its villages"
see "^\\(here\\) 城关镇 +1 " "and the township itself"
keys /
keys -l "北京"
keys Enter
wait_for "grid '北京' does not exist (by code or name)"
ok $? "a grid that does not exist: said on the last line"
keys u
see "^ grid-top  清河县 371399  by grid" "u: up to the county"
keys '?'
see "^ grid-top: keys" "?: the help"
keys x
see "^q quit  j/k move" "any key: back"

# resizing lays the board out again
tmx resize-window -t top -x 160 -y 40
see "^grid +open .*overdue  overdue 2, most overdue first" \
	"160 columns: the overdue issues beside the counts"
tmx resize-window -t top -x 80 -y 24
see "^overdue 2, most overdue first" "80x24: stacked again"
keys q
wait_rc
is "$rc" 0 "q quits, exit 0"
screen=$(tmx capture-pane -p -t top)
unlike "$screen" "grid-top" "and the terminal is given back clean"
tmx kill-session -t top

# SIGINT and SIGTERM end it too, and give the terminal back
for sig in INT:130 TERM:143; do
	code=${sig#*:}
	sig=${sig%:*}
	start
	wait_for " grid-top  all grids  by level"
	kill -s $sig "$(cat "$TMP/pid")"
	wait_rc
	is "$rc" "$code" "SIG$sig: it dies of it"
	screen=$(tmx capture-pane -p -t top)
	unlike "$screen" "grid-top" "SIG$sig: the terminal is given back clean"
	tmx kill-session -t top
done

# a terminal that cannot move the cursor is refused
rm -f "$TMP/rc"
tmx new-session -d -s top -x 80 -y 24 "env TERM=dumb LANG=C.UTF-8 \
	GRID_DB='$GRID_DB' PATH='$PATH' ASAN_OPTIONS='${ASAN_OPTIONS:-}' \
	grid-top; echo \$? >'$TMP/rc'; sleep 600"
wait_rc
is "$rc" 2 "TERM=dumb: exit 2"
wait_for "grid-top: terminal type 'dumb' cannot move the cursor"
ok $? "and says why"
tmx kill-session -t top

# a store error while it runs is shown once the board is gone
start
wait_for " grid-top  all grids  by level"
sql "ALTER TABLE issues RENAME TO issues_gone"
wait_rc
is "$rc" 3 "the store broken under it: exit 3"
wait_for "grid-top: store"
# the store as it was named, and the database's own words, on one line
# (-J: a long URI wraps on the terminal); no more than SQLite says
screen=$(tmx capture-pane -p -J -t top)
if is_pg; then
	want="'postgresql://.*$(pg_dbname).*': cannot run a query: relation \"issues\" does not exist *\$"
else
	want="'.*grid.db': .*no such table"
fi
like "$screen" "^grid-top: store $want" \
	"the message is on the terminal after the board"
tmx kill-session -t top

done_testing
