#!/bin/sh
# the release build under valgrind: no invalid access, no leak, for every
# program on the example county (ASan covers the rest of the suite; the two
# cannot run together, so this test uses bin/, which make check builds too)
. "$(dirname "$0")/lib.sh"
R=$GK_ROOT/bin

if ! command -v valgrind >/dev/null || [ ! -x "$R/grid-init" ]; then
	ok 0 "# SKIP no valgrind or no release build"
	done_testing
	exit
fi
vg() {
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--suppressions="$GK_ROOT/tests/valgrind.supp" \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--log-file="$TMP/vg.log" "$@"
}
check() {
	name=$1
	shift
	vg "$@" >"$TMP/vg.out" 2>"$TMP/vg.err"
	rc=$?
	if [ $rc -eq 99 ]; then
		ok 1 "valgrind: $name"
		sed 's/^/# /' "$TMP/vg.log" | head -30
	else
		ok 0 "valgrind: $name"
	fi
}

check "grid-init" "$R/grid-init" --no-summary
for k in levels units grids cadres rules calendar; do
	check "grid-import $k" "$R/grid-import" --no-summary "$k" "$EX/$k.csv"
done
check "grid-import households (GB18030)" "$R/grid-import" --no-summary --encoding gb18030 \
	"$EX/households-gb18030.csv"
check "grid-import with bad rows" "$R/grid-import" --no-summary --rejects "$TMP/r.csv" \
	households "$FIX/bad-households.csv"
check "grid-export households" "$R/grid-export" households -o jsonl
check "grid-export as a table" "$R/grid-export" cadres -o table
export GRID_NOW="2013-07-01 09:00"
head -41 "$EX/issues.csv" | sed 's/,2013-[0-9-]* [0-9:]*,/,2013-06-30 10:00,/' >issues.csv
check "issue-file" "$R/issue-file" --no-summary issues.csv
check "issue-route" "$R/issue-route" --all -o csv
check "issue-update" "$R/issue-update" --accept 1 2 3
check "issue-update refused" "$R/issue-update" --close 4
export GRID_NOW="2013-07-20 02:00"
check "escalate" "$R/escalate" -o table
check "escalate --warn" "$R/escalate" --warn 48
for p in "$R"/*; do
	n=$(basename "$p")
	case " grid-init grid-import grid-export issue-file issue-route issue-update escalate " in
	*" $n "*) continue ;;
	esac
	check "$n --help" "$p" --help
done

done_testing
