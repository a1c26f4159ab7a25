#!/bin/sh
# echo-wall: a village's public notice; never a private issue, a head's
# full name, an ID number or a phone, in any format, though residents and
# clerks typed them into the texts and answers; the period; HTML escaped
. "$(dirname "$0")/lib.sh"
example_store
grid-import --no-summary rules "$EX/rules.csv"
V=37139900102001


at 2014-01-01 issue-file --no-summary <"$EX/issues.csv" >/dev/null
at 2014-01-01 issue-route --all -q >/dev/null 2>&1
like "$(sql "SELECT count(*) FROM issues WHERE grid = '$V' AND private = 1")" \
	'^[1-9]' "the village has private issues"

# answers that name people and give their numbers, as clerks write them
hh=$(sql "SELECT code FROM households WHERE grid = '$V' AND phone LIKE '1%'
	AND id_number IS NOT NULL ORDER BY code LIMIT 1")
head=$(sql "SELECT head FROM households WHERE code = '$hh'")
h1=$(sql "SELECT substr(head, 1, 1) FROM households WHERE code = '$hh'")
idn=$(sql "SELECT id_number FROM households WHERE code = '$hh'")
tel=$(sql "SELECT phone FROM households WHERE code = '$hh'")
other=$(sql "SELECT head || '|' || phone FROM households WHERE grid != '$V'
	AND phone LIKE '0539-%' ORDER BY code LIMIT 1")
ohead=${other%|*}
o1=$(sql "SELECT substr('$ohead', 1, 1)")
otel=${other#*|}
id1=$(at '2014-01-02 09:00' issue-file --household "$hh" --category 邻里纠纷 \
	--text "和邻居${ohead}（电话${otel}）因排水吵架，我的电话是${tel}，身份证${idn}")
id2=$(at '2014-01-02 09:30' issue-file --grid $V --category 市容环境 \
	--text '路边有人贴<script>alert("x")</script>小广告 & 乱涂乱画')
id3=$(at '2014-01-02 10:00' issue-file --household "$hh" --category 社会救助 \
	--text "低保申请，身份证${idn}" --private)
at '2014-01-03 09:00' issue-update -q --resolve \
	--note "已约${head}和${ohead}调解，回访电话 +86 ${tel}" "$id1" >/dev/null
at '2014-01-03 09:00' issue-update -q --resolve --note '已答复本人' "$id3" >/dev/null
id4=$(at '2014-01-04 09:00' issue-file --grid $V --category 其他 --text '咨询社保政策')
at '2014-01-04 10:00' issue-update -q --reject --reason '已电话解答，不属于诉求' "$id4" >/dev/null
private=$(sql "SELECT group_concat(id, ' ') FROM issues WHERE grid = '$V'
	AND private = 1")

# every head's name, ID number and phone in the store (cadres' phones too)
sql "SELECT head FROM households" | sort -u >names
sql "SELECT id_number FROM households WHERE id_number IS NOT NULL
	UNION SELECT phone FROM households WHERE phone IS NOT NULL
	UNION SELECT phone FROM cadres WHERE phone IS NOT NULL" >numbers
sql "SELECT text FROM issues WHERE private = 1" >private-texts

for mode in table tsv csv jsonl html; do
	run at 2014-01-10 echo-wall --since 2013-01-01 -o $mode $V
	is "$rc" 0 "-o $mode"
	printf '%s\n' "$out" >wall.$mode
	n=$(grep -c -F -f names wall.$mode)
	is "$n" 0 "-o $mode: no head's full name"
	[ "$n" -eq 0 ] || grep -o -F -f names wall.$mode | sort -u | sed 's/^/# /'
	is "$(grep -c -F -f numbers wall.$mode)" 0 \
		"-o $mode: no ID number, no phone"
	is "$(grep -c -F -f private-texts wall.$mode)" 0 \
		"-o $mode: no private issue"
done
run at 2014-01-10 echo-wall --since 2013-01-01 -o tsv $V
for p in $private; do
	unlike "$(echo "$out" | cut -f1)" "^$p\$" "private issue $p is not on the wall"
done
like "$out" "^$id1	$h1\*+	邻里纠纷	和邻居$o1\*+（电话0539-\*+[0-9]{4}）因排水吵架，我的电话是1[0-9]{2}\*{4}[0-9]{4}，身份证[0-9]{6}\*{8}[0-9]{3}[0-9X]	2014-01-02	resolved	已约$h1\*+和$o1\*+调解，回访电话 1[0-9]{2}\*{4}[0-9]{4}	" \
	"the head masked; names, ID number and phones scrubbed from text and answer"
is "$(echo "$out" | head -1)" "id	head	category	text	filed_on	status	answer	unit	resolved_on" \
	"the columns"
shown=$(echo "$out" | sed 1d | wc -l | tr -d ' ')
is "$shown" "$(sql "SELECT count(*) FROM issues WHERE grid = '$V' AND private = 0")" \
	"every other issue of the village is on the wall"

# the period: what was filed in it, and older ones still open or answered in it
run at 2014-01-10 echo-wall --month 2014-01 -o tsv $V
is "$(echo "$out" | sed 1d | cut -f1 | sort -n | tr '\n' ' ')" \
	"$(sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM issues
		WHERE grid = '$V' AND private = 0 AND (filed_at >= strftime('%s',
		'2014-01-01', '-8 hours') OR status IN ('open', 'routed',
		'accepted') OR resolved_at >= strftime('%s', '2014-01-01',
		'-8 hours')) ORDER BY id) AS a") " \
	"--month: its new demands, and the older ones still open or answered in it"
run at 2014-01-10 echo-wall --month 2012-12 -o tsv $V
is "$out" "id	head	category	text	filed_on	status	answer	unit	resolved_on" \
	"a month before anything: an empty wall"
run at 2014-01-10 echo-wall -o tsv $V
is "$(echo "$out" | sed 1d | wc -l | tr -d ' ')" \
	"$(at 2014-01-10 echo-wall --month 2014-01 -o tsv $V | sed 1d | wc -l | tr -d ' ')" \
	"without a period: the current month"

# the page
h=$(cat wall.html)
like "$h" '^<!DOCTYPE html>' "-o html: an HTML page"
like "$h" '@page \{ size: A4' "for A4"
like "$h" '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"' \
	"with the system's Chinese fonts"
like "$h" '<p class="where">清河县城关街道第二工作片' "headed by the village's full name"
like "$h" '&lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt;小广告 &amp; 乱涂乱画' \
	"every text escaped"
unlike "$h" '<script' "no markup comes through"
unlike "$h" '<link|src=|url\(' "self-contained: nothing to fetch"
like "$h" '<td class="s">已办结</td>' "states in words residents read"
like "$h" "<td class=\"s\">不予受理</td><td class=\"a\">已电话解答，不属于诉求</td>" \
	"a rejection with its reason"
like "$h" '<p class="sum">共 [0-9]+ 件，已办结 [0-9]+ 件，办理中 [0-9]+ 件，不予受理 1 件。</p>' \
	"and the counts"
like "$h" '</html>$' "and complete"
run at 2014-01-10 echo-wall --since 2013-01-01 -q $V
is "$(echo "$out" | head -1)" "$(sql "SELECT min(id) FROM issues WHERE grid = '$V' AND private = 0")" \
	"-q: the ids"
run at 2014-01-10 echo-wall -q -o html $V
unlike "$out" '<' "-q wins over html: keys only"

# a head of any household of the store is masked in a text shown: one of
# another township, one who moved away, and of two heads where one's name
# starts the other's, the longer where it stands (the wall looks the names
# up from the texts it shows, not from the village's households)
far=$(sql "SELECT code FROM households WHERE grid NOT LIKE '37139900102%'
	ORDER BY code DESC LIMIT 2")
f1=$(echo "$far" | sed -n 1p)
f2=$(echo "$far" | sed -n 2p)
sql "UPDATE households SET head = '司马相如' WHERE code = '$f1';
	UPDATE households SET head = '司马相', status = 'moved'
	WHERE code = '$f2'"
id5=$(at '2014-01-05 09:00' issue-file --grid $V --category 邻里纠纷 \
	--text "邻乡的司马相如和搬走的司马相有地界纠纷")
at '2014-01-05 10:00' issue-update -q --resolve \
	--note "已联系司马相调解" "$id5" >/dev/null
for mode in tsv html; do
	run at 2014-01-10 echo-wall --since 2013-01-01 -o $mode $V
	unlike "$out" "司马相" "-o $mode: no head of another township, moved or not"
done
run at 2014-01-10 echo-wall --since 2013-01-01 -o tsv $V
like "$out" "^$id5	-?	邻里纠纷	邻乡的司\*\*\*和搬走的司\*\*有地界纠纷	2014-01-05	resolved	已联系司\*\*调解	" \
	"each masked whole, the longer name where it stands"

# refusals
run echo-wall
is "$rc" 2 "no grid: a usage error"
like "$err" "no grid given" "says so"
run echo-wall 999
is "$rc" 2 "a grid that does not exist"
like "$err" "echo-wall: grid '999' does not exist" "is named"
run echo-wall -o pdf $V
is "$rc" 2 "an unknown mode"
like "$err" "use table, tsv, csv, jsonl or html" "lists html"
run echo-wall --month 13 $V
is "$rc" 2 "a bad month"
run echo-wall --month 2014-01 --since 2014-01-01 $V
is "$rc" 2 "--month and --since together"
run echo-wall $V $V
is "$rc" 2 "one grid only"
run echo-wall --db nosuch.db $V
is "$rc" 3 "a missing store"

# the printed sheet: a busy village's month, 32 demands, on one A4 sheet,
# ids, dates, states, categories and units never broken inside a word
W=37139910002202 # 姜家寨村: no household, no demand before
awk -F, 'NR > 1 && $3 != "" && $0 !~ /"/ { print $3 "," $4 }' \
	"$EX/issues.csv" | head -30 >texts # and 2 of examples/ still open there
i=0
while IFS=, read -r c t; do
	i=$((i + 1))
	d=$(printf '2015-02-%02d' $((i % 27 + 1)))
	id=$(at "$d 09:00" issue-file --grid $W --category "$c" --text "$t")
	at "$d 09:00" issue-route -q --no-summary "$id" >/dev/null 2>&1
	[ $((i % 4)) -eq 0 ] || at "$d 16:00" issue-update -q --resolve \
		--note '已安排人员到现场处理，问题已解决，已向居民反馈处理结果' "$id" >/dev/null
done <texts
at '2015-03-02 10:00' echo-wall --month 2015-02 -o html $W >busy.html
is "$(grep -c '<tr><td class="n">' busy.html)" 32 "a wall of 32 demands"
like "$(cat busy.html)" '@page \{ size: A4 landscape;' "on A4 landscape"
unlike "$(cat busy.html)" 'word-break: *break-all' "no word broken anywhere"
like "$(cat busy.html)" 'th, td \{[^}]*white-space: nowrap;' \
	"short cells on one line: ids, dates, states, categories, units"
like "$(cat busy.html)" 'td\.t, td\.a \{ white-space: pre-line;' \
	"the demand and the answer wrap"
if command -v chromium >/dev/null && command -v pdfinfo >/dev/null; then
	timeout 300 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$TMP/chromium" --no-pdf-header-footer \
		--print-to-pdf="$TMP/busy.pdf" "file://$TMP/busy.html" >/dev/null 2>&1
	is "$(pdfinfo busy.pdf | sed -n 's/^Pages: *//p')" 1 \
		"chromium prints the 32 demands on one sheet"
	is "$(pdftotext -layout busy.pdf - | grep -oE '2015-0[23]-[0-9]{2}' | wc -l | tr -d ' ')" \
		"$(grep -oE '2015-0[23]-[0-9]{2}' busy.html | wc -l | tr -d ' ')" \
		"every date printed whole"
else
	ok 0 "the printed sheet # SKIP chromium or poppler-utils not installed"
fi
done_testing
