#!/bin/sh
# issue-update: every transition of the life of an issue, with the state,
# the times and the event each leaves; every refusal names the state the
# issue is in, exits 1 and changes nothing (the issues, events and
# evaluations dumped before and after); several actions on one issue are
# all applied or none; duplicates, and notes on them landing on the original
. "$(dirname "$0")/lib.sh"
small_store H001:C005
V=371399101201
export GRID_NOW='2013-07-01 09:00'
for t in 一 二 三 四 五 六 七 八; do
	issue-file --no-summary --grid $V --category 市容环境 --text "问题$t" >/dev/null
done
issue-file --household H001 --category 治安 --text '门锁坏了' >/dev/null # 9
issue-route -q --to U01 --hours 10 1 2 3 4 5 6 >/dev/null 2>&1
time_of() { sql "SELECT coalesce(datetime($1, 'unixepoch', '+8 hours'), '-') FROM issues WHERE id = $2"; }
state() {
	sql "SELECT status, coalesce(unit, '-'), coalesce(answer, '-'), coalesce(reason, '-'),
	    coalesce(CAST(duplicate_of AS TEXT), '-'), datetime(due_at, 'unixepoch', '+8 hours'),
	    datetime(updated_at, 'unixepoch', '+8 hours') FROM issues WHERE id = $1"
}
last() {
	sql "SELECT kind, status, coalesce(unit, '-'), datetime(due_at, 'unixepoch', '+8 hours'),
	    prog, coalesce(detail, '-') FROM events WHERE issue = $1 ORDER BY id DESC LIMIT 1"
}
dump() {
	grid-export issues -o tsv
	grid-export events -o tsv
	sql 'SELECT * FROM evaluations'
}

# routed → accepted → resolved → closed
export GRID_NOW='2013-07-01 10:00'
run issue-update --accept 1
is "$rc.$out.$err" "0.id	status
1	accepted." "--accept: the issue and its new status on stdout"
is "$(time_of accepted_at 1)" "2013-07-01 10:00:00" "accepted_at is now"
is "$(last 1)" "accepted|accepted|U01|2013-07-01 19:00:00|issue-update|-" "the event"
export GRID_NOW='2013-07-01 11:00'
run issue-update --resolve --note '摊位已清理' 1
is "$rc.$out" "0.id	status
1	resolved" "--resolve --note"
is "$(state 1)" "resolved|U01|摊位已清理|-|-|2013-07-01 19:00:00|2013-07-01 11:00:00" \
	"the answer kept, the deadline as it was"
is "$(time_of resolved_at 1)" "2013-07-01 11:00:00" "resolved_at"
is "$(last 1)" 'resolved|resolved|U01|2013-07-01 19:00:00|issue-update|{"answer":"摊位已清理"}' \
	"the event carries the answer"
export GRID_NOW='2013-07-01 12:00'
run issue-update -q --close 1
is "$rc.$out" "0.1" "--close; -q the id only"
is "$(time_of closed_at 1)" "2013-07-01 12:00:00" "closed_at"
is "$(last 1)" "closed|closed|U01|2013-07-01 19:00:00|issue-update|-" "the event"
# feedback on a closed issue: recorded, stays closed, even unsatisfied
run issue-update --feedback satisfied 1
is "$rc.$out" "0.id	status
1	closed" "feedback satisfied on a closed issue"
run issue-update --feedback unsatisfied 1
is "$(state 1 | cut -d'|' -f1)" closed "unsatisfied on a closed issue does not reopen it"
run issue-update --rate-unit 4 1
is "$(last 1)" 'rating|closed|U01|2013-07-01 19:00:00|issue-update|{"unit":"U01","rating":4}' \
	"--rate-unit: the unit and the rating"
is "$(sql "SELECT issue, kind, value, coalesce(cadre, '-'), coalesce(unit, '-'), datetime(at, 'unixepoch', '+8 hours') FROM evaluations ORDER BY id")" \
	"1|feedback|satisfied|-|-|2013-07-01 12:00:00
1|feedback|unsatisfied|-|-|2013-07-01 12:00:00
1|rating|4|-|U01|2013-07-01 12:00:00" "the evaluations, a rating against the unit"
# reopen a closed issue: back to its unit, a fresh deadline of its hours
export GRID_NOW='2013-07-02 09:00'
run issue-update --reopen 1
is "$rc.$out" "0.id	status
1	routed" "--reopen a closed issue: routed again"
is "$(state 1)" "routed|U01|-|-|-|2013-07-02 19:00:00|2013-07-02 09:00:00" \
	"back to U01, answer cleared, 10 hours from now"
is "$(time_of accepted_at 1)|$(time_of resolved_at 1)|$(time_of closed_at 1)" "-|-|-" "the times of the old round cleared"
is "$(last 1)" "reopened|routed|U01|2013-07-02 19:00:00|issue-update|-" "the event"

# resolved, then the resident is unsatisfied: reopened to the same unit
run issue-update --accept --resolve --note '已答复' 2
is "$out" "id	status
2	resolved" "--accept --resolve at once"
export GRID_NOW='2013-07-02 10:30'
run issue-update --feedback unsatisfied 2
is "$rc.$out" "0.id	status
2	routed" "unsatisfied on a resolved issue: routed again"
is "$(state 2)" "routed|U01|-|-|-|2013-07-02 20:30:00|2013-07-02 10:30:00" \
	"to the same unit, 10 hours from now"
is "$(sql "SELECT kind, status, coalesce(detail, '-') FROM events WHERE issue = 2 ORDER BY id DESC LIMIT 2")" \
	'reopened|routed|{"by":"feedback"}
feedback|resolved|{"feedback":"unsatisfied"}' "the feedback, then the reopening by it"
run issue-update --resolve --note '再次处理' --feedback basic 2
is "$out" "id	status
2	resolved" "--resolve with --feedback basic: resolved, stays"
is "$(sql "SELECT group_concat(value, ',') FROM evaluations WHERE issue = 2")" "unsatisfied,basic" \
	"both feedbacks recorded"

# a small matter: resolved straight from open, on its rung
export GRID_NOW='2013-07-02 11:00'
run issue-update --resolve --note '联系干部已上门修好' 9
is "$rc.$out" "0.id	status
9	resolved" "an open issue resolved by its cadre"
is "$(sql 'SELECT status, rung, cadre, CASE WHEN unit IS NULL THEN 1 ELSE 0 END FROM issues WHERE id = 9')" "resolved|0|C005|1" \
	"at the cadre's rung, no unit"
run issue-update --feedback satisfied 9
is "$(sql "SELECT value, cadre FROM evaluations WHERE issue = 9")" "satisfied|C005" \
	"the resident's feedback goes to the contact cadre"
run issue-update --feedback unsatisfied 9
is "$(state 9)" "open|-|-|-|-|2013-07-05 11:00:00|2013-07-02 11:00:00" \
	"unsatisfied, no unit: open again on its rung, 72 hours"

# reject, and reopen a rejected issue
run issue-update --reject --reason '不属于政府职责' 3
is "$rc.$out" "0.id	status
3	rejected" "--reject --reason"
is "$(state 3)" "rejected|U01|-|不属于政府职责|-|2013-07-01 19:00:00|2013-07-02 11:00:00" "the reason"
is "$(time_of rejected_at 3)" "2013-07-02 11:00:00" "rejected_at"
is "$(last 3)" 'rejected|rejected|U01|2013-07-01 19:00:00|issue-update|{"reason":"不属于政府职责"}' "the event"
run issue-update --reject --reason '重复' 7
is "$(state 7 | cut -d'|' -f1-4)" "rejected|-|-|重复" "an open issue can be rejected"
run issue-update --reopen 7
is "$(state 7)" "open|-|-|-|-|2013-07-07 11:00:00|2013-07-02 11:00:00" \
	"reopened without a unit: open on its rung (村, 120 hours)"

# notes: on any state; they touch updated_at only
export GRID_NOW='2013-07-02 12:00'
run issue-update --note '已电话联系居民' 3 4
is "$rc.$out" "0.id	status
3	rejected
4	routed" "--note on a rejected and a routed issue"
is "$(last 4)" 'note|routed|U01|2013-07-01 19:00:00|issue-update|{"text":"已电话联系居民"}' "the note's event"

# duplicates
run issue-update --duplicate-of 4 5
is "$rc.$out" "0.id	status
5	rejected" "--duplicate-of: ended"
is "$(state 5)" "rejected|U01|-|duplicate of issue 4|4|2013-07-01 19:00:00|2013-07-02 12:00:00" \
	"linked to the original, with a reason"
is "$(last 5)" 'rejected|rejected|U01|2013-07-01 19:00:00|issue-update|{"duplicate_of":4}' "the event"
run issue-update --duplicate-of 5 6
is "$(state 6 | cut -d'|' -f4,5)" "duplicate of issue 4|4" "a duplicate of a duplicate links to the first"
export GRID_NOW='2013-07-02 13:00'
run issue-update --note '居民又打电话来问' 5
is "$rc.$out" "0.id	status
4	routed" "a note on a duplicate lands on the original, which is printed"
is "$(last 4)" 'note|routed|U01|2013-07-01 19:00:00|issue-update|{"text":"居民又打电话来问","from":5}' \
	"the original's event says where it came from"
is "$(sql "SELECT count(*) FROM events WHERE issue = 5 AND kind = 'note'")" 0 "nothing on the duplicate"
is "$(sql "SELECT datetime(updated_at, 'unixepoch', '+8 hours') FROM issues WHERE id = 4")" \
	"2013-07-02 13:00:00" "the original is touched"

# the ids from stdin
export GRID_NOW='2013-07-02 14:00'
runin '4
#6
' issue-update --note '批量' -o csv
is "$rc.$out" "0.id,status
4,routed
4,routed" "ids on stdin (#6 too); 6's note lands on 4, printed; -o csv"
is "$(state 6 | cut -d'|' -f1)" "rejected" "issue 6 itself stays ended"

# refusals: the state named, exit 1, nothing changed
before=$(dump)
refuse() {
	# refuse WANT-MESSAGE ARGS...
	_want=$1
	shift
	run issue-update "$@"
	is "$rc|$out|$err" "1|id	status|issue-update: $_want" "refused: issue-update $*"
}
refuse "issue 7 is open: only a routed issue can be accepted" --accept 7
refuse "issue 1 is routed: only a resolved issue can be closed" --close 1
refuse "issue 1 is routed: only a resolved, closed or rejected issue can be reopened" --reopen 1
refuse "issue 7 is open: only a resolved, closed or rejected issue can be reopened" --reopen 7
refuse "issue 3 is rejected: only an open, routed or accepted issue can be resolved" --resolve --note x 3
refuse "issue 2 is resolved: only an open, routed or accepted issue can be rejected" --reject --reason x 2
refuse "issue 4 is routed: only a resolved or closed issue can be given feedback" --feedback satisfied 4
refuse "issue 2 is resolved: only a routed issue can be accepted" --accept 2
refuse "issue 3 is rejected: only an open, routed or accepted issue can be marked a duplicate" --duplicate-of 4 3
refuse "issue 7 has no unit to rate" --rate-unit 3 7
refuse "issue 4 cannot be a duplicate of itself" --duplicate-of 5 4
refuse "issue 99 does not exist" --duplicate-of 99 4
refuse "issue 99 does not exist" --note x 99
refuse "'abc' is not an issue id" --note x abc
# several actions: all or none
run issue-update --accept --close 4
is "$rc.$out" "1.id	status" "refused: --accept --close on a routed issue"
like "$err" "^issue-update: issue 4 is [a-z]+: only a resolved issue can be closed$" "the close is refused"
is "$(dump)" "$before" "nothing changed by any refusal"
run issue-update --accept 4 7 8
is "$rc.$out" "1.id	status
4	accepted" "one refused among several: the others done, exit 1"
is "$err" "issue-update: issue 7 is open: only a routed issue can be accepted
issue-update: issue 8 is open: only a routed issue can be accepted" "each named"
run issue-update --dry-run --resolve --note x 4
is "$rc.$out" "0.id	status
4	resolved" "--dry-run says what it would do"
is "$(state 4 | cut -d'|' -f1)" accepted "and does nothing"

# usage errors: exit 2, nothing done
before=$(dump)
for args in "--reason x 4" "--reject 4" "--reject --reason x --accept 4" \
	"--duplicate-of 1 --close 4" "--feedback bad 4" "--rate-unit 0 4" "--rate-unit 6 4" \
	"--rate-unit x 4" "--duplicate-of abc 4" "4"; do
	run issue-update $args
	is "$rc.$out" "2." "usage: issue-update $args"
done
run issue-update --accept </dev/null
is "$rc.$out" "0.id	status" "an empty pipe: nothing to do"
is "$(dump)" "$before" "nothing changed"
run issue-update --feedback great 4
like "$err" "bad feedback 'great' \(use satisfied, basic or unsatisfied\)" "a bad feedback word"
run issue-update --rate-unit 6 4
like "$err" "bad rating '6' \(use 1 to 5\)" "a rating out of range"

# ratings 1..5 all accepted
run issue-update --rate-unit 1 --rate-unit 5 4
is "$(last 4)" 'rating|accepted|U01|2013-07-01 19:00:00|issue-update|{"unit":"U01","rating":5}' \
	"--rate-unit given twice: the last one"
for r in 1 2 3; do issue-update -q --rate-unit $r 4 >/dev/null; done
is "$(sql "SELECT group_concat(value, ',') FROM evaluations WHERE issue = 4 AND kind = 'rating'")" \
	"5,1,2,3" "every rating in the evaluations"

# an original marked a duplicate itself later: its duplicates follow it
for t in 十 十一 十二 十三; do
	issue-file --no-summary --grid $V --category 市容环境 --text "问题$t" >/dev/null
done
issue-update -q --duplicate-of 10 11 >/dev/null
issue-update -q --duplicate-of 12 10 >/dev/null
run issue-update --note '还没修' 11
is "$rc.$out" "0.id	status
12	open" "a note on 11 (a duplicate of 10, now a duplicate of 12) lands on 12"
is "$(sql "SELECT issue, detail FROM events WHERE kind = 'note' ORDER BY id DESC LIMIT 1")" \
	'12|{"text":"还没修","from":11}' "the event is on 12"
run issue-update --duplicate-of 11 13
is "$(state 13 | cut -d'|' -f4,5)" "duplicate of issue 12|12" "a new duplicate of 11 links to 12"

done_testing
