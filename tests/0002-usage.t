#!/bin/sh
# every program: -h prints usage on stdout and exits 0, --version works, an
# unknown option is a usage error (exit 2) on stderr, and every program but
# grid-init refuses a missing store with exit 3, creating nothing
. "$(dirname "$0")/lib.sh"

for src in "$GK_ROOT"/cmd/*.c; do
	p=$(basename "$src" .c)
	run "$p" -h
	is "$rc" 0 "$p -h exits 0"
	like "$out" "^usage: $p " "$p -h prints usage on stdout"
	run "$p" --help
	like "$out" "^options:" "$p --help lists the options"
	run "$p" --version
	like "$out" "^$p \\(gridkit\\) [0-9]" "$p --version"
	run "$p" --no-such-option
	is "$rc" 2 "$p: an unknown option exits 2"
	like "$err" "^$p: unknown option '--no-such-option'" "$p: says which option"
	is "$out" "" "$p: nothing on stdout for a usage error"
	[ "$p" = grid-init ] && continue
	run env GRID_DB="$TMP/none.db" "$p" </dev/null
	if [ "$rc" -eq 3 ]; then
		ok 0 "$p: a missing store exits 3"
	else
		# a program that needs operands may refuse its usage first
		is "$rc" 2 "$p: a missing store exits 3 (or usage, 2)"
	fi
	test ! -e "$TMP/none.db"
	ok $? "$p: creates no store"
done

done_testing
