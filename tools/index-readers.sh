#!/bin/sh
# index-readers.sh - which statements of gridkit read each index of the
# store.  Every index costs each writer that moves its entries (bench README:
# routing a county's issues spends 21 % of its floor on issues_due alone);
# one that no statement reads is that cost for nothing.  The floor of a
# writer keeps "the indexes a query truly needs", and this says which.
#
#   tools/index-readers.sh [tests/NNNN-*.t ...]      (make index-readers)
#
# Builds gridkit with -DGK_PLAN_LOG into obj/plan (lib/core/sql_sqlite.c:
# the query plan of every statement a program prepares, appended to
# $GK_PLAN_LOG), runs the tests with it (all of them, or those named), and
# prints each index of a new store with the number of distinct statements
# whose plan reads it and the programs that prepare them.  Exits 1 when an
# index that no constraint needs is read by none of them.  The plans are
# those of the tests' small stores: at scale the planner may prefer
# another index, never one that is not there.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
make --no-print-directory O=obj/plan CFLAGS="-O2 -g -DGK_PLAN_LOG" \
	all units -j"$(nproc)" >/dev/null
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-plans.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
GK_PLAN_LOG=$tmp/plans GK_TEST_JOBS=${GK_TEST_JOBS:-$(nproc)} \
	tests/run.sh obj/plan "$@" >"$tmp/tests" 2>&1 ||
	{ tail -5 "$tmp/tests" >&2; echo "index-readers: the tests failed" >&2;
	  exit 1; }
GK_PLAN_LOG= obj/plan/bin/grid-init --no-summary --db "$tmp/store.db"
sqlite3 -separator '	' "$tmp/store.db" "SELECT name, tbl_name,
    CASE WHEN name LIKE 'sqlite_autoindex%' OR sql LIKE 'CREATE UNIQUE%'
      THEN 'unique' ELSE '' END
    FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name" \
    >"$tmp/indexes"
touch "$tmp/plans"
# the programs' statements, not the unit tests' (tests/unit)
ls obj/plan/bin >"$tmp/progs"
awk -F '\t' '
FILENAME == ARGV[1] { prog[$1] = 1; next }
FILENAME == ARGV[2] { name[++n] = $1; tbl[n] = $2; uniq[n] = $3; next }
!($1 in prog) { next }
{
	# "SEARCH t USING [COVERING ]INDEX name (...)", "SCAN t USING INDEX name"
	if (!match($2, /INDEX [A-Za-z0-9_]+/))
		next
	ix = substr($2, RSTART + 6, RLENGTH - 6)
	if (!((ix, $3) in seen)) {
		seen[ix, $3] = 1
		stmts[ix]++
	}
	if (!((ix, $1) in byprog)) {
		byprog[ix, $1] = 1
		progs[ix] = progs[ix] (progs[ix] == "" ? "" : " ") $1
	}
}
END {
	printf "%-40s %-20s %5s  %s\n", "index", "table", "stmts",
	    "read by"
	for (i = 1; i <= n; i++) {
		ix = name[i]
		who = progs[ix]
		if (!stmts[ix])
			who = uniq[i] ? "(none: it keeps a key unique)" : \
			    "NONE: written by every writer, read by nobody"
		printf "%-40s %-20s %5d  %s\n", ix, tbl[i], stmts[ix], who
		if (!stmts[ix] && !uniq[i])
			unread++
	}
	exit unread ? 1 : 0
}' "$tmp/progs" "$tmp/indexes" "$tmp/plans"
