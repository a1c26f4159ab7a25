#!/bin/sh
# the project explains itself: no file cites a document that is not in the
# repository (a design, domain or performance note kept somewhere else), and
# HACKING.md's map of the code and of the tests matches what is there
. "$(dirname "$0")/lib.sh"
cd "$GK_ROOT" || exit 1

# the files of the project, without build output and generated data
find . \( -name .git -o -name bin -o -name obj -o -name data \) -prune -o \
	-type f ! -name '*.db' ! -name '*.o' ! -name '*.a' -print |
	sed 's|^\./||' | LC_ALL=C sort >"$TMP/files"
# this test names what it looks for
grep -v '^tests/0011-self-contained\.t$' "$TMP/files" >"$TMP/scan"

# every NAME.md cited is a file of the repository
while read -r f; do
	grep -Io '[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\>' "$f" 2>/dev/null |
		sed "s|^|$f |"
done <"$TMP/scan" >"$TMP/cited"
while read -r f doc; do
	base=${doc##*/}
	grep -q "\(^\|/\)$base\$" "$TMP/files" || echo "$f: $doc"
done <"$TMP/cited" >"$TMP/missing"
is "$(cat "$TMP/missing")" "" "every document cited is in the repository"

# nor a path outside it
xargs grep -In -e '/work/' -e '\.\./shared' <"$TMP/scan" >"$TMP/outside" 2>/dev/null
is "$(cat "$TMP/outside")" "" "no path to a place outside the repository"

# HACKING.md names every module of lib/, each under its layer's table
for c in lib/core/*.[ch] lib/model/*.[ch] lib/prog/*.[ch]; do
	m=$(basename "${c%.*}")
	layer=$(dirname "$c")
	awk -v l="\`$layer/\`:" -v m="\`$m\`" '
		$0 == l { in_l = 1; next }
		/^`lib\// { in_l = 0 }
		/^## / { in_l = 0 }
		in_l && index($0, m) { found = 1 }
		END { exit !found }' HACKING.md || echo "$c"
done | sort -u >"$TMP/unnamed"
is "$(cat "$TMP/unnamed")" "" "HACKING.md names every module of lib/ in its layer"

# the test families of HACKING.md are those of tests/
ls tests/*.t | sed 's|tests/\(.\).*|\1xxx|' | sort -u >"$TMP/have"
sed -n 's/^ *| `\([0-9]xxx\)` |.*/\1/p' HACKING.md | sort -u >"$TMP/told"
is "$(cat "$TMP/told")" "$(cat "$TMP/have")" "HACKING.md's test families are those of tests/"

done_testing
