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
