#!/bin/sh
# issue-route and a pattern that hits one of PCRE2's limits: whether the
# rule matches is unknown, so the issue is not taken for "no match" and
# handed to a later rule: it goes to adjudication with the reason, the
# rule is reported once a run, and the other issues are routed
. "$(dirname "$0")/lib.sh"
small_store
export GRID_NOW='2013-07-01 09:00'
# (*LIMIT_MATCH=...) lowers the limit for this pattern: catastrophic
# backtracking on a long run of a's reaches it at once
cat >rules.csv <<'EOF2'
order,category,pattern,unit,hours
1,,(*LIMIT_MATCH=1000)(a+)+$,U01,24
2,,a,U02,48
3,,路灯,U02,48
EOF2
grid-import --no-summary rules rules.csv
G=371399101201
long=$(printf 'a%.0s' $(seq 1 40))
{
	echo grid,category,text
	echo "$G,其他,${long}b"
	echo "$G,其他,${long}c"
	echo "$G,其他,路灯坏了"
} | issue-file --no-summary - >/dev/null
run issue-route 1 2 3
is "$rc" 1 "exit 1: issues need adjudication"
is "$(sql "SELECT id || ' ' || status || ' ' || coalesce(unit, '-') FROM issues ORDER BY id" | tr '\n' ' ')" \
	"1 open - 2 open - 3 routed U02 " \
	"the issues rule 1 cannot decide stay open, not routed by rule 2; the other is routed"
is "$(printf '%s\n' "$err" | grep -c "rule 1: its pattern hit PCRE2's match limit")" 1 \
	"the rule is reported once"
like "$err" "issue 1 \(其他\): rule 1 cannot tell whether it matches \(PCRE2's match limit\); route it by hand" \
	"issue 1 goes to adjudication with the reason"
like "$err" "issue 2 \(其他\): rule 1 cannot tell" "and issue 2"
unlike "$err" "no rule matches" "neither is taken for no match"
like "$err" "1 routed, 2 need adjudication" "counted for adjudication"

done_testing
