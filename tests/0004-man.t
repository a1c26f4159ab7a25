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

# the options of every command line in the man pages' and the README's
# examples (a line that starts with "$ ", and its continuations) are
# options their program has, so an example never teaches a removed one
# (tests/0013-man-examples.t runs the man pages' examples; the README's are
# checked only here)
progs=$(ls "$GK_ROOT"/cmd | sed 's/\.c$//' | tr '\n' ' ')
for p in $progs; do
	"$p" --completion-helper | awk -F'\t' '$1 == "opt" { print $2; print $3 }' |
		grep . | sed "s/^/$p /"
done >"$TMP/known"
for m in "$GK_ROOT"/man/*.[17] "$GK_ROOT"/README.md; do
	awk '
		/^\.Bd -literal/ { lit = 1; next }
		/^\.Ed/ { lit = 0; next }
		/^    \$ / || (lit && /^\$ /) { cmd = 1; sub(/^ *\$ /, ""); print; cont = /[|\\]$/; next }
		cmd && cont && (/^    > / || /^     *[^ $]/ || (lit && /^[ \t]/)) {
			sub(/^ *> ?/, ""); print; cont = /[|\\]$/; next }
		{ cmd = 0; cont = 0 }' "$m" |
	sed "s/'[^']*'//g; s/\"[^\"]*\"//g; s/\\\\e/\\\\/g" |
	tr '|;&()`' '\n\n\n\n\n\n' | while read -r line; do
		set -f
		# shellcheck disable=SC2086
		set -- $line
		set +f
		while [ $# -gt 0 ] && case $1 in *=*|env|xargs|at|nice|time) true ;; *) false ;; esac; do
			shift
		done
		[ $# -gt 0 ] || continue
		p=$1
		case " $progs " in *" $p "*) ;; *) continue ;; esac
		shift
		for a in "$@"; do
			case $a in
			--) break ;;
			--*) o=${a%%=*} ;;
			-?*) o=$(printf '%s' "$a" | cut -c1-2) ;;
			*) continue ;;
			esac
			grep -qx "$p $o" "$TMP/known" ||
				echo "$(basename "$m"): $p $o"
		done
	done
done >"$TMP/badopts"
is "$(cat "$TMP/badopts")" "" "every option in the examples is one its program has"

done_testing
