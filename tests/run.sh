#!/bin/sh
# run.sh - run every test and print "N passed, N failed".
#   tests/run.sh [BUILD-DIR] [TEST...]
# BUILD-DIR holds bin/ and obj/unit/ (obj/chk for make check, . by default).
# A test is a unit test binary or a tests/NNNN-name.t script printing TAP;
# each "ok" line is one pass, each "not ok" one failure, and a test that exits
# non-zero or prints no plan counts one more failure.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-.}
[ $# -gt 0 ] && shift
case $build in /*) ;; *) build=$root/$build ;; esac
export GK_BIN=$build/bin
# leaks are errors; sqlite and libc keep a few caches for the life of a process
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ $# -gt 0 ]; then
	tests="$*"
else
	tests="$(ls "$build"/obj/unit/* 2>/dev/null | grep -v '\.d$') $(ls "$root"/tests/*.t)"
fi

log=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-run.XXXXXX")
pg=$(mktemp -d /tmp/gridkit-pg.XXXXXX)
trap '"$root/tests/pg.sh" stop "$pg" 2>/dev/null; rm -rf "$log"' EXIT
pass=0
fail=0

# a throwaway PostgreSQL cluster for the tests that run on both stores
# ($GK_PG_URI); without PostgreSQL installed they skip that half, but a
# cluster that is installed and does not start is a failure
rmdir "$pg"
if uri=$("$root/tests/pg.sh" start "$pg" 2>"$log/pg.err"); then
	export GK_PG_URI="$uri"
	echo "ok   postgresql cluster in $pg"
else
	rc=$?
	if [ "$rc" -ne 77 ]; then
		echo "FAIL postgresql cluster did not start"
		sed 's/^/    /' "$log/pg.err" | tail -20
		fail=$((fail + 1))
	fi
	unset GK_PG_URI
fi
for t in $tests; do
	name=$(basename "$t")
	start=$(date +%s)
	if [ -x "$t" ] && [ "${t%.t}" = "$t" ]; then
		"$t" >"$log/out" 2>&1
	else
		sh "$t" >"$log/out" 2>&1
	fi
	rc=$?
	p=$(grep -c '^ok ' "$log/out")
	f=$(grep -c '^not ok ' "$log/out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if ! grep -q '^1\.\.[0-9]' "$log/out"; then
		f=$((f + 1))
		echo "# $name: no plan (died?)" >>"$log/out"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	secs=$(($(date +%s) - start))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name ($p passed, $f failed, ${secs}s)"
		grep -v '^ok ' "$log/out" | sed 's/^/    /' | head -60
	else
		echo "ok   $name ($p passed, ${secs}s)"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
