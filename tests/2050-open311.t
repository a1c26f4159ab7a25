#!/bin/sh
# grid-export issues -o open311: the GeoReport v2 requests response -- status
# only open or closed, gridkit's own state in status_notes and the
# extension object, times in ISO 8601 with the offset, the address masked
# and a private issue's text, answer and address left out unless --reveal,
# never a name, ID number or phone; the subtree and date filters; and the
# whole export of examples/ validated against the published schema
# (tests/fixtures/open311-georeport-v2-requests.schema.json, the Open311
# project's schema-validation repository, schema/georeport-v2/request.json,
# wrapped as the array a requests response is), when python3 and its jsonschema are there
. "$(dirname "$0")/lib.sh"
small_store H001:C005
skip() {
	T_N=$((T_N + 1))
	echo "ok $T_N # SKIP $1"
}
req() { printf '%s\n' "$out" | grep "^{\"service_request_id\":\"$1\"" | sed 's/,$//'; }

run grid-export issues -o open311
is "$rc.$out" "0.[]" "no issues: an empty array"

export GRID_NOW='2013-07-01 09:00'
issue-file --no-summary --household H001 --category 市容环境 --text '门口有人"占道"摆摊' --source hotline --ref 12345-1 >/dev/null
issue-file --no-summary --household H003 --category 社会救助 --text '家里的私事' --private >/dev/null
issue-file --no-summary --grid 371399102 --category 其他 --text '咨询征兵' >/dev/null
issue-file --no-summary --household H002 --category 市容环境 --text '同一个摊位' >/dev/null
issue-route -q --to U01 --assist 'U02;U03' --hours 10 1 >/dev/null 2>&1
GRID_NOW='2013-07-01 10:00' issue-update -q --accept 1 >/dev/null
GRID_NOW='2013-07-01 11:00' issue-update -q --resolve --note '已私下答复' 2 >/dev/null
GRID_NOW='2013-07-01 12:00' issue-update -q --reject --reason '不属于政府职责' 3 >/dev/null
GRID_NOW='2013-07-01 12:00' issue-update -q --duplicate-of 1 4 >/dev/null

run grid-export issues -o open311
is "$rc" 0 "exit 0"
is "$(printf '%s\n' "$out" | sed -n '1p;$p')" "[
]" "one array, a request a line"
is "$(req 1)" '{"service_request_id":"1","status":"open","status_notes":"accepted","service_name":"市容环境","service_code":"市容环境","description":"门口有人\"占道\"摆摊","agency_responsible":"城管局","requested_datetime":"2013-07-01T09:00:00+08:00","updated_datetime":"2013-07-01T10:00:00+08:00","expected_datetime":"2013-07-01T19:00:00+08:00","address":"清河县******","extended_attributes":{"status":"accepted","rung":0,"level":"联系干部","held_by":"C005","grid":"371399101201","unit":"U01","assisting_units":["U02","U03"],"escalations":0,"at_root":false,"source":"hotline","ref":"12345-1","private":false,"duplicate_of":null,"routed_datetime":"2013-07-01T09:00:00+08:00","accepted_datetime":"2013-07-01T10:00:00+08:00","resolved_datetime":null,"closed_datetime":null,"rejected_datetime":null}}' \
	"accepted: status open, accepted in the notes; the unit's name as agency; the address masked; rung, assisting units, ref in the extension"
is "$(req 2)" '{"service_request_id":"2","status":"closed","status_notes":"resolved","service_name":"社会救助","service_code":"社会救助","description":null,"agency_responsible":null,"requested_datetime":"2013-07-01T09:00:00+08:00","updated_datetime":"2013-07-01T11:00:00+08:00","expected_datetime":"2013-07-06T09:00:00+08:00","address":null,"extended_attributes":{"status":"resolved","rung":3,"level":"村","held_by":"371399101202","grid":"371399101202","unit":null,"assisting_units":[],"escalations":0,"at_root":false,"source":null,"ref":null,"private":true,"duplicate_of":null,"routed_datetime":null,"accepted_datetime":null,"resolved_datetime":"2013-07-01T11:00:00+08:00","closed_datetime":null,"rejected_datetime":null}}' \
	"private and resolved: closed; no text, no answer, no address"
is "$(req 3)" '{"service_request_id":"3","status":"closed","status_notes":"rejected: 不属于政府职责","service_name":"其他","service_code":"其他","description":"咨询征兵","agency_responsible":null,"requested_datetime":"2013-07-01T09:00:00+08:00","updated_datetime":"2013-07-01T12:00:00+08:00","expected_datetime":"2013-07-11T09:00:00+08:00","address":"新城镇","extended_attributes":{"status":"rejected","rung":2,"level":"乡镇","held_by":"371399102","grid":"371399102","unit":null,"assisting_units":[],"escalations":0,"at_root":false,"source":null,"ref":null,"private":false,"duplicate_of":null,"routed_datetime":null,"accepted_datetime":null,"resolved_datetime":null,"closed_datetime":null,"rejected_datetime":"2013-07-01T12:00:00+08:00"}}' \
	"rejected: closed, the reason in the notes; found in a grid: its name as the address"
like "$(req 4)" '"status":"closed","status_notes":"rejected: duplicate of issue 1".*"duplicate_of":1,' \
	"a duplicate: closed, linked in the extension"
unlike "$out" "张三|李四|王五|371399199001011232|13912345678|东关村1号|西关村1号|已私下答复|家里的私事" \
	"no name, ID number, phone, full address or private text anywhere"

run grid-export issues -o open311 --reveal
is "$(req 2 | cut -d, -f3,6,11)" '"status_notes":"resolved: 已私下答复","description":"家里的私事","address":"清河县城关镇西关村1号"' \
	"--reveal: the private issue's answer, text and address"
is "$(req 1 | cut -d, -f11)" '"address":"清河县城关镇东关村1号"' "--reveal: the address whole"
unlike "$out" "张三|王五|371399199001011232|13912345678" "still no name, ID number or phone"

run grid-export issues -o open311 --grid 371399102
is "$(printf '%s\n' "$out" | grep -c service_request_id)" 1 "--grid: the subtree only"
run grid-export issues -o open311 --since 2013-07-02
is "$out" "[]" "--since after every filing: none"
run grid-export issues -o open311 --grid 999
is "$rc" 2 "--grid of no grid: usage"
run grid-export grids -o open311
is "$rc.$out" "2." "-o open311 for another kind: usage"
like "$err" "-o open311 is for issues only" "says so"

# the whole of examples/, every state, against the schema
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import jsonschema' 2>/dev/null; then
	skip "needs python3 and python3-jsonschema"
	skip "needs python3 and python3-jsonschema"
	skip "needs python3 and python3-jsonschema"
	done_testing
	exit
fi
check() { python3 "$FIX/open311-check.py" "$FIX/open311-georeport-v2-requests.schema.json"; }
printf '[{"service_request_id":"1","status":"routed","service_code":"x","requested_datetime":"2013-07-01 09:00"}]' >bad.json
run check <bad.json
is "$rc.$out" "1.0/status: 'routed' is not one of ['open', 'closed']
0/requested_datetime: '2013-07-01 09:00' is not an RFC 3339 date-time" \
	"the check itself catches a bad status and a bad time"
grid-export issues -o open311 | check >/dev/null
ok $? "the small store validates"
example_store
grid-import --no-summary rules "$EX/rules.csv"
grid-import --no-summary calendar "$EX/calendar.csv"
export GRID_NOW='2013-12-31 18:00'
issue-file --no-summary "$EX/issues.csv" >ids 2>/dev/null
issue-route -q <ids >/dev/null 2>&1
head -40 ids | issue-update -q --accept >/dev/null 2>&1
head -30 ids | issue-update -q --resolve --note 已办结 >/dev/null 2>&1
head -20 ids | issue-update -q --close >/dev/null 2>&1
sed -n '41,45p' ids | issue-update -q --reject --reason 不属于政府职责 >/dev/null 2>&1
GRID_NOW='2014-03-01' escalate -q >/dev/null 2>&1
run sh -c 'grid-export issues -o open311 | python3 "$0" "$1"' "$FIX/open311-check.py" \
	"$FIX/open311-georeport-v2-requests.schema.json"
is "$rc.$out" "0." "examples/: 300 issues in every state validate against the GeoReport v2 schema"

done_testing
