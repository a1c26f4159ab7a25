#!/bin/sh
# every program has a man page, mandoc finds nothing wrong in any page, and
# every page names every long option its program has
. "$(dirname "$0")/lib.sh"

for src in "$GK_ROOT"/cmd/*.c; do
	p=$(basename "$src" .c)
	test -f "$GK_ROOT/man/$p.1"
	ok $? "man/$p.1 exists"
	for o in $("$p" --completion-helper | awk -F'\t' '$1 == "opt" { print substr($3, 3) }'); do
		grep -q -- "Fl -$o\\>" "$GK_ROOT/man/$p.1"
		ok $? "man/$p.1 documents --$o"
	done
done
# and every word an option or the operands take (an output mode, a kind)
for src in "$GK_ROOT"/cmd/*.c; do
	p=$(basename "$src" .c)
	"$p" --completion-helper | awk -F'\t' '
		$1 == "opt" && $5 != "" && $5 !~ /^@/ {
			n = split($5, w, " "); for (i = 1; i <= n; i++) print $3, w[i] }
		$1 == "args" {
			n = split($2, w, " ")
			for (i = 1; i <= n; i++) if (w[i] !~ /^@/) print "operand", w[i] }' |
	while read -r o w; do
		case $w in *[!0-9]*) ;; *) continue ;; esac # numbers: a range
		grep -q -- "^\..*Cm.* $w\>" "$GK_ROOT/man/$p.1" || echo "$o $w"
	done >"$TMP/words"
	is "$(cat "$TMP/words")" "" "man/$p.1 documents every word its options take"
done
test -f "$GK_ROOT/man/gridkit.7"
ok $? "man/gridkit.7 exists"
if command -v mandoc >/dev/null; then
	for m in "$GK_ROOT"/man/*.[17]; do
		run mandoc -Tlint -Wwarning "$m"
		is "$out$err" "" "mandoc -Tlint: $(basename "$m")"
	done
	like "$(mandoc -Tutf8 "$GK_ROOT/man/gridkit.7" | col -b)" \
		'\(“county”, “township”, “village”\)' \
		"gridkit.7: the names of the levels are quoted one by one"
fi
# a quoting macro (Dq, Ql, Sq, Qq) quotes the rest of its line: a macro
# after it on that line ends up inside the quotes, which is how the levels
# of gridkit.7 once rendered as ("county, "township, "village""")
for m in "$GK_ROOT"/man/*.[17]; do
	run grep -nE '^\..*\<(Dq|Ql|Sq|Qq)\s.*\s(Va|Dq|Ql|Sq|Qq|Cm|Ar|Fl|Ev|Pa|Sy|Em|Xr|Nm|Li|Ns|No)(\s|$)' "$m"
	is "$out" "" "$(basename "$m"): no macro inside a quote by mistake"
done

done_testing
