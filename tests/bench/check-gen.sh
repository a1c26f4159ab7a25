#!/bin/sh
# check-gen.sh - build tests/bench/gen and check the data it writes.
#
#   tests/bench/check-gen.sh [--city]
#
# 1. gen.c builds warning-free with cc (and clang when present), and both
#    builds, at -O2 and -O0, write byte-identical files;
# 2. the county scale is validated by check-gen.py (counts, codes, ID
#    numbers, references, statistics, routing with Python re and PCRE2);
# 3. the same seed gives the same sha256, another seed other files;
# 4. examples/ is exactly what the command in examples/README.md writes,
#    and households-gb18030.csv converts back to households.csv losslessly;
# 5. with --city: the city scale is timed, its file sizes printed, and it
#    is validated too (about 650 MB in $TMPDIR, a minute or two).
#
# Prints "ok"/"not ok" lines and exits 1 if anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
city=0
[ "${1-}" = --city ] && city=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-gen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

ok() {
	if [ "$1" -eq 0 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		fail=1
	fi
}

# 1. builds
cflags="-O2 -std=c11 -Wall -Wextra"
cc $cflags -o "$tmp/gen" "$here/gen.c" 2>"$tmp/cc.err"
ok $? "cc $cflags builds gen.c"
[ ! -s "$tmp/cc.err" ]
ok $? "cc: no warnings$(sed 's/^/ # /' "$tmp/cc.err")"
[ -x "$tmp/gen" ] || { echo "gen did not build" >&2; exit 1; }
cc -O0 -std=c11 -o "$tmp/gen-O0" "$here/gen.c"
builds="$tmp/gen-O0"
if command -v clang >/dev/null 2>&1; then
	clang $cflags -pedantic -o "$tmp/gen-clang" "$here/gen.c" \
	    2>"$tmp/clang.err"
	[ $? -eq 0 ] && [ ! -s "$tmp/clang.err" ]
	ok $? "clang $cflags -pedantic: no warnings"
	builds="$builds $tmp/gen-clang"
fi
for sc in district county; do
	"$tmp/gen" --scale $sc --out "$tmp/ref-$sc" 2>/dev/null
	for b in $builds; do
		rm -rf "$tmp/alt"
		"$b" --scale $sc --out "$tmp/alt" 2>/dev/null
		diff -r "$tmp/ref-$sc" "$tmp/alt" >/dev/null
		ok $? "$sc: $(basename "$b") writes the same bytes as gen"
	done
done

# 2. the county scale, validated
pcre=
if cc -D_POSIX_C_SOURCE=200809L -std=c11 -O2 -o "$tmp/pcre2first" \
    "$here/pcre2first.c" $(pkg-config --cflags --libs libpcre2-8 \
    2>/dev/null || echo -lpcre2-8) 2>/dev/null; then
	pcre="--pcre2 $tmp/pcre2first"
else
	echo "# no libpcre2-8 to build pcre2first: routing checked by Python only"
fi
cal=$root/examples/calendar.csv
start=$(date +%s.%N)
"$tmp/gen" --scale county --seed 1 --out "$tmp/a"
end=$(date +%s.%N)
echo "# county scale: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s"
$py "$here/check-gen.py" $pcre --calendar "$cal" county 2013 "$tmp/a"
ok $? "county: check-gen.py"

# 3. seeds
"$tmp/gen" --scale county --seed 1 --out "$tmp/b" 2>/dev/null
"$tmp/gen" --scale county --seed 2 --out "$tmp/c" 2>/dev/null
(cd "$tmp/a" && sha256sum *.csv) >"$tmp/a.sum"
(cd "$tmp/b" && sha256sum *.csv) >"$tmp/b.sum"
(cd "$tmp/c" && sha256sum *.csv) >"$tmp/c.sum"
sed 's/^/# /' "$tmp/a.sum"
cmp -s "$tmp/a.sum" "$tmp/b.sum"
ok $? "county: the same seed gives identical sha256 for every file"
# levels.csv and units.csv are the scale's fixed tables, not drawn
for f in grids cadres households rules issues; do
	a=$(grep " $f.csv" "$tmp/a.sum" | cut -d' ' -f1)
	c=$(grep " $f.csv" "$tmp/c.sum" | cut -d' ' -f1)
	[ "$a" != "$c" ]
	ok $? "county: another seed gives another $f.csv"
done
"$tmp/gen" --scale county --seed 1 --issues 10 --rules 50 \
    --out "$tmp/d" 2>/dev/null
for f in levels units grids cadres households; do
	cmp -s "$tmp/a/$f.csv" "$tmp/d/$f.csv"
	ok $? "county: --issues and --rules leave $f.csv as it was"
done
"$tmp/gen" --scale county --rules 200 --out "$tmp/e" 2>/dev/null
[ "$(awk 'END { print NR - 1 }' "$tmp/e/rules.csv")" -eq 200 ]
ok $? "county: --rules 200 gives 200 rules"

# 4. examples/
ex=$root/examples
cmd=$(sed -n 's/^    \(tests\/bench\/gen .*--out examples\)$/\1/p' \
    "$ex/README.md" | head -1)
[ -n "$cmd" ]
ok $? "examples/README.md documents the command: $cmd"
mkdir "$tmp/ex"
(cd "$tmp/ex" && mkdir -p tests/bench && cp "$tmp/gen" tests/bench/gen &&
    eval "$cmd" 2>/dev/null)
for f in levels units grids cadres households rules issues; do
	cmp -s "$tmp/ex/examples/$f.csv" "$ex/$f.csv"
	ok $? "examples/$f.csv is what the command writes"
done
$py "$here/check-gen.py" $pcre --calendar "$cal" district 2013 "$ex"
ok $? "district (examples/): check-gen.py"
iconv -f GB18030 -t UTF-8 "$ex/households-gb18030.csv" |
    cmp -s - "$ex/households.csv"
ok $? "examples/households-gb18030.csv converts back to households.csv"
iconv -f UTF-8 -t GB18030 "$ex/households.csv" |
    cmp -s - "$ex/households-gb18030.csv"
ok $? "examples/households-gb18030.csv is iconv's GB18030 of households.csv"
! iconv -f UTF-8 -t UTF-8 "$ex/households-gb18030.csv" >/dev/null 2>&1
ok $? "examples/households-gb18030.csv is not UTF-8 (really converted)"
cmp -s "$here/../fixtures/calendar-2013.csv" "$ex/calendar.csv"
ok $? "examples/calendar.csv is tests/fixtures/calendar-2013.csv"

# 5. the city scale
if [ $city -eq 1 ]; then
	/usr/bin/time -f '%e s, %M KB peak' -o "$tmp/time" \
	    "$tmp/gen" --scale city --out "$tmp/city"
	echo "# city scale: $(cat "$tmp/time")"
	ls -l "$tmp/city" | sed 's/^/# /'
	size=$(wc -c <"$tmp/city/households.csv")
	[ "$size" -gt 500000000 ]
	ok $? "city: households.csv is $size bytes (> 500 MB)"
	$py "$here/check-gen.py" $pcre --sample 50000 --calendar "$cal" \
	    city 2013 "$tmp/city"
	ok $? "city: check-gen.py"
fi

[ $fail -eq 0 ] && echo "# all passed" || echo "# FAILED"
exit $fail
