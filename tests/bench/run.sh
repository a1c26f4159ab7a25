#!/bin/sh
# run.sh - make bench: generate county- and city-scale data once (cached in
# tests/bench/data/), then run every tests/bench/b-*.sh, each printing its
# measurements side by side with the yardstick (the sqlite3 shell) as
# ratios, and at the end the table of targets: each beside its floor, met
# or not (goals.awk).  Absolute times drift between machines; ratios
# measured in one run are what to compare (tests/bench/README: the
# targets and what was measured).
#   tests/bench/run.sh [b-NAME ...]       BENCH_SCALES="county city"
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${BENCH_DATA:-$here/data}
scales=${BENCH_SCALES:-county city}
export BENCH_BIN=${BENCH_BIN:-$root/bin} BENCH_DATA=$data BENCH_SCALES=$scales
export PATH=$BENCH_BIN:$PATH TZ=${TZ:-CST-8}

cc -O2 -std=c11 -Wall -Wextra -o "$here/gen" "$here/gen.c"
for s in $scales; do
	if [ ! -f "$data/$s/.done" ]; then
		echo "bench: generating $s-scale data in $data/$s" >&2
		mkdir -p "$data/$s"
		"$here/gen" --scale "$s" --seed bench --out "$data/$s"
		touch "$data/$s/.done"
	fi
done

# each b-*.sh writes its rows of the targets' table here (lib.sh, goal)
BENCH_GOALS=$(mktemp "${TMPDIR:-/tmp}/gridkit-goals.XXXXXX")
export BENCH_GOALS
trap 'rm -f "$BENCH_GOALS"' EXIT

echo "gridkit bench, $(date '+%Y-%m-%d %H:%M'), $(nproc) cores, sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
if [ $# -gt 0 ]; then
	set -- $(for b in "$@"; do echo "$here/${b%.sh}.sh"; done)
else
	set -- "$here"/b-*.sh
fi
for b in "$@"; do
	echo
	echo "== $(basename "$b" .sh)"
	sh "$b"
done

# the targets, every row measured above beside its floor
if [ -s "$BENCH_GOALS" ]; then
	echo
	echo "== the targets (tests/bench/README)"
	awk -F '\t' -f "$here/goals.awk" "$BENCH_GOALS"
fi
