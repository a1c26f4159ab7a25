#!/bin/sh
# visit-log: a cadre's visit to his household is recorded to the minute,
# once; a visit by a cadre whose household it was not at that time is
# refused naming whose it was; --coverage counts households, visited, share
. "$(dirname "$0")/lib.sh"

example_store
export GRID_NOW='2013-03-01 09:00'
grid-assign -q pair >/dev/null 2>&1
# 光西花园社区: C00004 has 0001..0041, C00005 0042..0082
H1=371399001010010001
H2=371399001010010002
H42=371399001010010042

export GRID_NOW='2013-04-10 18:00'
run visit-log C00004 $H1 --at '2013-04-10 09:30:45' --note '了解低保申请'
is "$rc" 0 "a visit: exit 0"
is "$out$err" "" "silent"
is "$(sql "SELECT cadre || ' ' || household || ' ' || datetime(at, 'unixepoch') || ' ' || note FROM visits")" \
	"C00004 $H1 2013-04-10 01:30:00 了解低保申请" "stored to the minute, with the note"
is "$(sql "SELECT subject || ' ' || detail FROM events WHERE kind = 'visit'")" \
	"household $H1 {\"cadre\":\"C00004\",\"at\":\"2013-04-10 09:30:00\"}" \
	"an event"
run visit-log C00004 $H1 --at '2013-04-10 09:30:10'
is "$rc" 0 "the same minute again: exit 0"
is "$err" "visit-log: the visit of cadre 'C00004' to household '$H1' at 2013-04-10 09:30:00 is recorded already" \
	"says it is there already"
is "$(sql "SELECT count(*) FROM visits")" 1 "not stored twice"
run visit-log C00004 $H2
is "$rc" 0 "without --at: now"
is "$(sql "SELECT datetime(at, 'unixepoch') FROM visits WHERE household = '$H2'")" \
	"2013-04-10 10:00:00" "at GRID_NOW"

# the wrong cadre
run visit-log C00005 $H1 --at '2013-04-09 10:00'
is "$rc" 1 "another cadre's household: exit 1"
is "$err" "visit-log: household '$H1' was not paired with cadre 'C00005' at 2013-04-09 10:00:00 (its cadre was 'C00004')" \
	"refused, naming whose household it was"
export GRID_NOW='2013-05-01 09:00'
grid-assign -q move --from C00004 --to C00005 >/dev/null 2>&1
run visit-log C00005 $H1 --at '2013-04-20 10:00'
is "$rc" 1 "before the move it was still C00004's"
like "$err" "its cadre was 'C00004'" "says so"
run visit-log C00004 $H1 --at '2013-04-20 10:00'
is "$rc" 0 "C00004 may still log a visit he made before the move"
run visit-log C00004 $H1 --at '2013-05-01 08:59'
is "$rc" 0 "up to the minute of the move"
run visit-log C00004 $H1 --at '2013-05-01 09:00'
is "$rc" 1 "but not from then on"
run visit-log C00005 $H1 --at '2013-05-01 09:00'
is "$rc" 0 "when it is C00005's"
run visit-log C00004 $H1 --at '2013-02-01 10:00'
is "$rc" 0 "a household's first pair also covers the time before it was recorded"
run visit-log C00004 $H1 --at '2014-01-01 10:00'
is "$rc" 1 "a visit in the future: exit 1"
like "$err" "the visit at 2014-01-01 10:00:00 is in the future" "says so"
printf 'code,head,grid\nX1,某,37139900101001\n' | grid-import --no-summary households
run visit-log C00004 X1 --at '2013-04-01 10:00'
is "$err" "visit-log: household 'X1' was not paired with cadre 'C00004' at 2013-04-01 10:00:00 (it had no cadre)" \
	"a household with no cadre"
run visit-log C99999 $H1
is "$err" "visit-log: cadre 'C99999' does not exist" "an unknown cadre"
run visit-log C00004 nope
is "$err" "visit-log: household 'nope' does not exist" "an unknown household"

# usage
run visit-log C00004
is "$rc" 2 "one operand: usage"
like "$err" "give a cadre and a household" "says so"
run visit-log C00004 $H1 --at yesterday
is "$rc" 2 "a bad time: usage"
like "$err" "bad time 'yesterday' for --at" "says so"
run visit-log C00004 $H1 --since 2013-01-01
like "$err" "--grid, --since and --until go with --coverage" "--since needs --coverage"
run visit-log --coverage C00004 $H1
like "$err" "--coverage takes no visit" "--coverage takes no operands"
run visit-log C00005 $H1 --note "$(head -c 501 /dev/zero | tr '\0' x)"
like "$err" "the note is 501 characters long; at most 500" "a note too long"

# a batch through grid-import visits
printf 'cadre,household,at\nC00005,%s,2013-04-15 10:00\nC00005,%s,2013-04-16 10:00\nC00004,%s,2013-04-16 10:00\n' \
	$H42 371399001010010043 $H42 >v.csv
run grid-import visits v.csv
is "$rc" 1 "grid-import visits: the wrong cadre's row is rejected"
like "$err" "v.csv:4: household '$H42' was not paired with cadre 'C00004'" \
	"by line, naming the cadre"

# coverage
run visit-log --coverage --grid 37139900101001
is "$rc" 0 "--coverage: exit 0"
is "$out" "cadre	name	grid	households	visited	share	visits	last_visit
C00004	张刚新	37139900101001	0	0		5	2013-05-01 08:59:00
C00005	钟俊然	37139900101001	82	3	0.037	3	2013-05-01 09:00:00" \
	"each cadre: households now, how many of them visited, share, visits, the last"
run visit-log --coverage --grid 37139900101001 --since 2013-04-15 --until 2013-04-16
is "$(printf '%s\n' "$out" | sed 1d)" "C00004	张刚新	37139900101001	0	0		0	
C00005	钟俊然	37139900101001	82	2	0.024	2	2013-04-16 10:00:00" \
	"a period: --until a bare date takes in that whole day"
run visit-log --coverage --grid 37139900101001 -q
is "$out" "C00004
C00005" "-q: the cadres"
run visit-log --coverage -o jsonl --grid 37139900101002 --until 2013-01-01
is "$(printf '%s\n' "$out" | head -1)" \
	'{"cadre":"C00006","name":"刘欣琪","grid":"37139900101002","households":35,"visited":0,"share":0.000,"visits":0,"last_visit":null}' \
	"jsonl: numbers as numbers, no visit as null"
run visit-log --coverage
is "$(printf '%s\n' "$out" | sed 1d | wc -l)" 64 "all cadres: the 64 active (C00011 has left and made no visit)"
visit-log C00006 371399001010020001 --at 2013-04-02
grid-assign -q release C00006 C00007 >/dev/null 2>&1
run visit-log --coverage --grid 37139900101002 -q
is "$out" "C00006
C00008
C00009" "a cadre who left is listed when he visited in the period"
run visit-log --coverage --grid 999
is "$rc" 2 "an unknown grid: exit 2"

done_testing
