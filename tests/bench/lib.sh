# lib.sh - helpers for the benchmarks (tests/bench/b-*.sh); source it.
# measure LABEL CMD...: runs CMD, prints nothing, sets $secs (wall time) and
# $rss (peak resident memory in MB) from GNU time or /proc.
set -eu
work=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# wall seconds and peak RSS of a command, whose output goes to $work/out
measure() {
	/usr/bin/env time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
		echo "bench: failed: $*" >&2
		tail -5 "$work/err" >&2
		return 1
	}
	secs=$(cut -d' ' -f1 "$work/time")
	rss=$(awk '{ printf "%.0f", $2 / 1024 }' "$work/time")
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

rate() {
	awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'
}

rows() {
	_n=$(wc -l <"$1")
	# an empty output has no header either
	echo $((_n > 0 ? _n - 1 : 0))
}
