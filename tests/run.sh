#!/bin/sh
# run.sh - run every test and print "N passed, N failed".
#   tests/run.sh [BUILD-DIR] [TEST...]
# BUILD-DIR holds bin/ and obj/unit/ (obj/chk for make check, . by default).
# A test is a unit test binary or a tests/NNNN-name.t script printing TAP;
# each "ok" line is one pass, each "not ok" one failure, and a test that exits
# non-zero or prints no plan counts one more failure.
# GK_TEST_JOBS=N runs N tests at a time (1 by default); each test has its
# own directory and store, and the results are printed in the order given.
# GK_TEST_STORE=pg puts every test on a database of its own in the cluster
# started here (tests/lib.sh).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)

# run.sh --one LOGDIR N TEST: run one test, its output into LOGDIR/N.out,
# its exit code and seconds into LOGDIR/N.rc
if [ "${1:-}" = --one ]; then
	t=$4
	start=$(date +%s)
	if [ -x "$t" ] && [ "${t%.t}" = "$t" ]; then
		"$t" >"$2/$3.out" 2>&1
	else
		sh "$t" >"$2/$3.out" 2>&1
	fi
	echo "$? $(($(date +%s) - start))" >"$2/$3.rc"
	exit 0
fi
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
jobs=${GK_TEST_JOBS:-1}
case $jobs in '' | *[!0-9]* | 0) echo "run.sh: GK_TEST_JOBS='$jobs' is not a count" >&2; exit 2 ;; esac
if [ "$jobs" -gt 1 ]; then
	# all at once, N at a time; reported below in order
	n=0
	for t in $tests; do
		n=$((n + 1))
		printf '%s %s\n' "$n" "$t"
	done | xargs -P "$jobs" -n 2 sh "$0" --one "$log"
fi
n=0
for t in $tests; do
	n=$((n + 1))
	name=$(basename "$t")
	[ "$jobs" -gt 1 ] || sh "$0" --one "$log" "$n" "$t"
	read -r rc secs <"$log/$n.rc"
	out=$log/$n.out
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if ! grep -q '^1\.\.[0-9]' "$out"; then
		f=$((f + 1))
		echo "# $name: no plan (died?)" >>"$out"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name ($p passed, $f failed, ${secs}s)"
		grep -v '^ok ' "$out" | sed 's/^/    /' | head -60
	else
		echo "ok   $name ($p passed, ${secs}s)"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
