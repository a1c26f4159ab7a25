#!/bin/sh
# The same pipeline on an SQLite store and on a PostgreSQL store gives the
# same output, byte for byte: a month of the example county (June's
# problems filed in one go, then July day by day as examples/demo.sh works
# it: filed, routed, handled, answered, escalated at night), then every
# export of every kind in every format, the lists, every issue's history,
# the reports, the echo wall, the live board, the accountability cases and
# a public audit, and the exit codes and messages of a few failures.
# Every step runs at a fixed time (GRID_NOW); the login is the same.
. "$(dirname "$0")/lib.sh"

pg_store_or_skip
PG=$GRID_DB
LITE=$TMP/grid.db
V=37139900101001 # a community (光西花园社区)
S=371399001      # a street office (城关街道)

# step NAME CMD...: run CMD (a shell command line) into $out/NAME.out and
# $out/NAME.err, its exit code into $out/NAME.rc; the store as the
# messages print it becomes STORE
step() {
	_n=$1
	shift
	sh -c "$*" >"$out/$_n.out" 2>"$out/$_n.err" </dev/null
	echo $? >"$out/$_n.rc"
	sed -i "s|$GRID_DB|STORE|g" "$out/$_n.err"
}

county() {
	out=$1
	mkdir -p "$out"
	step init "GRID_NOW='2013-05-31 08:00' grid-init"
	for k in levels units grids cadres households rules calendar; do
		step "import-$k" "GRID_NOW='2013-05-31 08:30' grid-import $k '$EX/$k.csv'"
	done
	step import-gb18030 "GRID_NOW='2013-05-31 08:40' grid-import --dry-run --encoding gb18030 households '$EX/households-gb18030.csv'"
	step pair "GRID_NOW='2013-05-31 09:00' grid-assign pair"
	# June in one go, a few handled by hand
	step file-june "awk -F, 'NR == 1 || index(\$8, \"2013-06\") == 1' '$EX/issues.csv' |
		GRID_NOW='2013-06-30 18:00' issue-file -q"
	step route-june "GRID_NOW='2013-06-30 18:05' issue-list --status open -q |
		GRID_NOW='2013-06-30 18:05' issue-route"
	step accept-june "GRID_NOW='2013-07-01 09:00' issue-list --status routed -q |
		awk 'NR % 2 == 1' | GRID_NOW='2013-07-01 09:00' issue-update --accept -q"
	# July, day by day, as examples/demo.sh
	for d in $(seq 1 31); do
		day=$(printf '2013-07-%02d' "$d")
		GRID_NOW="$day 18:00" sh -c "
		awk -F, -v day=$day 'NR == 1 || index(\$8, day) == 1' '$EX/issues.csv' |
			issue-file --no-summary | issue-route -q >/dev/null 2>&1
		issue-list --status routed -q | awk 'NR % 3 == 0' |
			issue-update --accept --resolve --note '已办结，已电话回复' -q >/dev/null
		issue-list --status open --level 0 -q | awk 'NR % 2 == 0' |
			issue-update --resolve --note '联系干部当场解决' -q >/dev/null
		GRID_NOW='$day 20:00' issue-list --status resolved -q | awk 'NR % 5 != 0' |
			GRID_NOW='$day 20:00' issue-update --close --feedback satisfied --rate-unit 5 -q >/dev/null
		GRID_NOW='$day 20:00' issue-list --status resolved -q | awk 'NR % 2 == 0' |
			GRID_NOW='$day 20:00' issue-update --feedback unsatisfied -q >/dev/null
		GRID_NOW='$day 23:00' escalate --no-summary >/dev/null" >>"$out/july.log" 2>&1
	done
	step visits "grid-export pairs -o tsv | awk -F'\t' 'NR == 1 { print \"cadre,household,at\"; next }
		NR % 3 == 0 { printf \"%s,%s,2013-07-%02d 10:00\n\", \$2, \$1, 1 + NR % 28 }' |
		GRID_NOW='2013-08-01 09:00' grid-import visits"
	step visit-one "GRID_NOW='2013-08-01 10:00' visit-log C00004 371399001010010001 --note 入户走访"
	step move "GRID_NOW='2013-08-01 11:00' grid-assign move --from C00004 --to C00005"
	# the field's case rules, on issues picked by their place in a list
	# (the same on both stores, or the lists differ first)
	export GRID_NOW='2013-08-01 14:00'
	_o=$(issue-list --status routed,accepted -q | tr '\n' ' ')
	set -- $_o
	step case-extend "issue-update --extend 16 --reason 需要协调 $1"
	step case-park "issue-update --park --reason 资金未到位 $2"
	step case-refer "issue-update --refer-up --reason 超出权限 $3"
	step case-return "issue-update --return --reason 不属本单位 $4"
	step case-route "issue-route --to U01 --assist 'U02;U03' --cooperate U04 --hours 8 $4"
	step case-owner "issue-update --owner C00010 $5"
	step case-reject "issue-update --reject --reason 不属政府职责 $6"
	step case-dup "issue-update --duplicate-of $1 $7"
	_c=$(issue-list --status closed -q | tr '\n' ' ')
	set -- $_c
	step case-reopen "issue-update --reopen --reason 群众不满意 $1"
	step case-resolve "issue-update --accept --resolve --note 已处理 $1"
	step case-rework "issue-update --rework --reason 现场核查未通过 $1"
	step case-rate "issue-update --rate-grid 4 $2"
	step case-dry "issue-update --dry-run --close $3"
	step case-unpark "GRID_NOW='2013-08-03 10:00' issue-update --unpark $(echo $_o | cut -d' ' -f2)"
	step import-rules-replace "head -15 '$EX/rules.csv' | grid-import --replace rules"
	step import-households-update "printf 'code,head,grid,phone\n371399001010010001,陈廷,$V,13800000000\n' | grid-import households"
	step import-grids-update "printf 'code,name,parent,leader\n$V,光西花园新社区,37139900101,C00004\n' | grid-import grids"
	step export-after-cases grid-export -o jsonl issues
	step events-after-cases grid-export -o jsonl events

	export GRID_NOW='2013-08-02 09:00'
	for k in grids levels units cadres households rules pairs visits \
	    calendar offices issues events accountability; do
		for m in tsv jsonl; do
			step "export-$k-$m" grid-export -o $m $k
		done
	done
	for k in households issues events accountability; do
		for m in csv table; do
			step "export-$k-$m" grid-export -o $m $k
		done
	done
	step export-households-reveal grid-export --reveal -o csv households
	step export-pairs-history grid-export --history pairs
	step export-issues-grid grid-export --grid $S issues
	step export-issues-since "grid-export --since 2013-07-10 --until 2013-07-20 issues"
	step export-open311 grid-export -o open311 issues
	step export-open311-reveal grid-export --reveal -o open311 issues
	step export-bom grid-export --bom -o csv cadres
	step export-keys grid-export -q households

	step list issue-list
	step list-jsonl issue-list -o jsonl
	step list-csv issue-list -o csv
	step list-table issue-list -o table
	step list-open "issue-list --status open,routed,accepted,parked"
	step list-overdue issue-list --overdue
	step list-grid issue-list --grid $S
	step list-level issue-list --level 0
	step list-since "issue-list --since 2013-07-15 --until 2013-07-20"
	step list-reveal issue-list --reveal
	for id in $(issue-list -q); do
		step "show-$id" issue-show "$id"
	done
	for id in $(issue-list -q | awk 'NR % 5 == 1'); do
		step "show-$id-jsonl" issue-show -o jsonl "$id"
	done

	for by in '' level grid unit category cadre month; do
		for m in tsv jsonl; do
			step "stats-$by-$m" stats --month 2013-07 ${by:+--by $by} -o $m
		done
		step "stats-$by-table" stats --month 2013-07 ${by:+--by $by} -o table
	done
	step stats-june stats --month 2013-06
	step stats-grid stats --month 2013-07 --grid $S
	step stats-grid-by stats --month 2013-07 --grid $S --by grid
	step stats-since "stats --since 2013-06-15 --until 2013-07-20 --by month"
	step stats-min stats --month 2013-07 --by category --min 2
	step stats-weights stats --month 2013-07 --by unit --weights 25,25,25,25
	step agenda stats --agenda --grid $S
	step agenda-list stats --agenda --grid $S --list
	step agenda-unit stats --agenda --grid $S --by unit
	step agenda-grid stats --agenda --grid $S --by grid
	step agenda-decisions stats --agenda --grid $S --decisions

	step wall echo-wall $V --month 2013-07
	step wall-table echo-wall $V --month 2013-07 -o table
	step wall-html echo-wall $V --month 2013-07 -o html
	step wall-street echo-wall $S --month 2013-07 -o jsonl
	step wall-since echo-wall $S --since 2013-06-01

	for p in '' counts overdue latest units; do
		step "top-$p" grid-top --once ${p:+--panel $p}
	done
	for by in grid unit category; do
		step "top-by-$by" grid-top --once --by $by
	done
	step top-grid grid-top --once --grid $S -o jsonl

	step coverage visit-log --coverage --since 2013-07-01 --until 2013-07-31
	step coverage-grid visit-log --coverage --grid $S

	step warn escalate --warn 72
	step warn-grid escalate --warn 200 --grid $S -o jsonl
	step escalate-dry "GRID_NOW='2013-08-09 23:00' escalate --dry-run"
	step escalate "GRID_NOW='2013-08-09 23:00' escalate"
	step escalate-again "GRID_NOW='2013-08-12 23:00' escalate"
	step acc accountability
	step acc-pending accountability --status pending -o jsonl
	_c=$(accountability -q --status pending | head -1)
	_d=$(accountability -q --status pending | sed -n 2p)
	step acc-confirm "GRID_NOW='2013-08-13 10:00' accountability --confirm '$_c' --person C00004 --unit U01 --outcome 约谈"
	step acc-waive "GRID_NOW='2013-08-13 10:05' accountability --waive '$_d' --reason 不可抗力"
	step acc-after accountability --since 2013-07-01
	step acc-grid accountability --grid $S -o csv
	step stats-august "GRID_NOW='2013-08-20 09:00' stats --month 2013-08 --by unit"

	step draw "GRID_NOW='2013-08-14 09:00' audit-draw --seed 2013-08-14 --count 3"
	_h=$(cut -f1 "$out/draw.out" | sed -n 2p)
	step draw-record "GRID_NOW='2013-08-14 10:00' audit-draw --record 1 '$_h' confirmed --note 属实"
	step draw-report "GRID_NOW='2013-08-14 11:00' audit-draw --report 1"
	step draw-dry "GRID_NOW='2013-08-14 12:00' audit-draw --dry-run --seed x --grid $S"

	# failures: the same exit codes and messages
	step fail-show issue-show 99999
	step fail-update "issue-update --close 99999"
	step fail-route "echo 99999 | issue-route"
	step fail-import "printf 'code,name,unit,grid,phone,status\nC09999,某某,U99,$V,123,active\nC00004,张刚新,U01,nosuch,,active\n' | grid-import cadres"
	step fail-import-strict "printf 'code,name,unit,grid,phone,status\nC09999,某某,U01,$V,,active\nC09998,某某,U99,$V,,active\n' | grid-import --strict cadres"
	step fail-acc "accountability --confirm 99999 --outcome x"
	step fail-grid "issue-list --grid nosuch"
	step fail-stats "stats --grid nosuch --month 2013-07"
	step fail-wall "echo-wall nosuch"
	step fail-pair "grid-assign move 371399001010010002 C09999"
	step fail-file "printf 'household,grid,category,text\n1234,,x,y\n' | issue-file"
	step visit-again "visit-log C00004 371399001010010001 --at '2013-08-01 10:00'"
	step export-events-end grid-export events
	unset GRID_NOW
}

GRID_DB=$LITE county "$TMP/lite"
GRID_DB=$PG county "$TMP/pg"

n=0
for f in "$TMP"/lite/*; do
	name=$(basename "$f")
	n=$((n + 1))
	if cmp -s "$f" "$TMP/pg/$name"; then
		ok 0 "$name: the same on both stores"
	else
		ok 1 "$name: the same on both stores"
		diff "$f" "$TMP/pg/$name" | head -12 | sed 's/^/#   /'
	fi
done
# the run did something: rows in the exports, issues shown, cases
# decided, and the steps meant to succeed did, those meant to fail failed
is "$(wc -l <"$TMP/lite/export-issues-tsv.out")" 56 "every issue of June and July exported"
is "$(ls "$TMP"/lite/show-*.out | wc -l)" 66 "each one shown, in text, and one in five as rows"
is "$(grep -c -e 'confirmed.*C00004	U01	约谈' -e 'waived.*不可抗力' "$TMP/lite/acc-after.out")" 2 \
	"a case confirmed and one waived"
is "$(cd "$TMP/lite" && grep -L '^0$' *.rc | grep -v '^case-' | tr '\n' ' ')" \
	"$(cd "$TMP/lite" && ls fail-*.rc | tr '\n' ' ')" \
	"every step but the failures exits 0"
# ten of the fourteen steps apply; the others are refused by the case
# rules, with the same exit code and message on both stores (compared above)
is "$(cd "$TMP/lite" && grep -l '^0$' case-*.rc | wc -l)" 10 \
	"the case rules applied where they may"
done_testing
