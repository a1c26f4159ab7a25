#!/bin/sh
# lib/ has three layers and includes only point down them:
#   core  - every program's plumbing (util, text, clock, store, rec, out, cli)
#   model - the domain (tree, issue, rules, pairs, calendar, import engine)
#   prog  - the body of one program, named after it (issue_list, echo_wall)
# A core module never includes the model or a program body; a model module
# never includes a program body; no two headers include each other in a
# cycle; every module's header is in the same folder as its source.
. "$(dirname "$0")/lib.sh"

cd "$GK_ROOT/lib" || exit 1
rank() { case $1 in core) echo 0 ;; model) echo 1 ;; prog) echo 2 ;; *) echo 9 ;; esac; }
layer_of() { for l in core model prog; do [ -e "$l/$1" ] && { echo "$l"; return; }; done; echo none; }

bad=
for f in core/* model/* prog/*; do
	from=${f%%/*}
	for h in $(sed -n 's/^#include "\(.*\)".*/\1/p' "$f"); do
		to=$(layer_of "$h")
		if [ "$to" = none ] || [ "$(rank "$to")" -gt "$(rank "$from")" ]; then
			bad="$bad $f->$h($to)"
		fi
	done
done
is "$bad" "" "every include of lib/ points to its own layer or below"
is "$(ls -p | grep -v /)" "" "lib/ has no module outside the layers"

for c in core/*.c model/*.c prog/*.c; do
	[ -e "${c%.c}.h" ] || echo "$c"
done >"$TMP/orphans"
is "$(cat "$TMP/orphans")" "" "every module has its header beside it"

# no cycle among the headers: tsort fails on a cycle
for f in core/*.h model/*.h prog/*.h; do
	n=$(basename "$f")
	echo "$n $n"
	sed -n 's/^#include "\(.*\.h\)".*/\1/p' "$f" | while read -r h; do echo "$n $h"; done
done >"$TMP/edges"
tsort "$TMP/edges" >/dev/null 2>"$TMP/tsort.err"
ok $? "the headers include each other in no cycle" || sed 's/^/# /' "$TMP/tsort.err"

# the cmd/ mains use lib/ only through headers
is "$(grep -l '#include "\.\./' ../cmd/*.c)" "" "no program reaches into lib/ by path"

done_testing
