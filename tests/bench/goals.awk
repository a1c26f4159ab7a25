# goals.awk - the table of targets that make bench prints at its end, from
# the rows each b-*.sh wrote with lib.sh's goal():
#   WORKLOAD SCALE UNIT VALUE FLOOR CMP TARGET MB      (tab-separated)
# UNIT: s (seconds), /s (a rate); CMP: le (at most) or ge (at least);
# TARGET: a number in UNIT, or Nx, N times the floor, or - for a row that
# only compares with a second floor (no verdict).  "ratio" is gridkit's
# time over its floor's; "met" says yes, or no, and "floor too" when the
# floor itself misses the target.  A last row holds the memory: the peak of
# every row against 64 MiB.
#   awk -F '\t' -f goals.awk GOALS
function num(v, unit) {
	if (v == "-" || v == "")
		return "-"
	if (unit == "/s")
		return sprintf("%d/s", v + 0.5)
	return sprintf(v < 1 ? "%.3f s" : "%.2f s", v)
}
function within(v, cmp, t) {
	return cmp == "le" ? v + 0 <= t + 0 : v + 0 >= t + 0
}
BEGIN {
	fmt = "%-24s %-7s %12s %5s %12s %6s %14s  %s\n"
	printf fmt, "workload", "scale", "gridkit", "MB", "floor", "ratio",
	    "target", "met"
	peak = 0
}
NF >= 8 {
	work = $1; scale = $2; unit = $3; v = $4; f = $5; cmp = $6; t = $7
	mb = $8
	rel = t ~ /x$/
	goal = rel ? substr(t, 1, length(t) - 1) * f : t
	if (t == "-")
		shown = "-"
	else if (rel)
		shown = (cmp == "le" ? "<= " : ">= ") t " floor"
	else
		shown = (cmp == "le" ? "<= " : ">= ") num(t, unit)
	r = "-"
	if (f != "-" && f + 0 > 0 && v + 0 > 0)
		r = sprintf("%.2f", unit == "/s" ? f / v : v / f)
	if (v == "-" || v == "" || t == "-")
		met = "-"
	else if (within(v, cmp, goal))
		met = "yes"
	else if (!rel && f != "-" && !within(f, cmp, goal))
		met = "no; floor too"
	else
		met = "no"
	printf fmt, work, scale, num(v, unit), mb, num(f, unit), r, shown, met
	if (mb + 0 > peak)
		peak = mb + 0
	rows++
}
END {
	if (rows)
		printf fmt, "memory, peak of all", "all", "-", peak, "-", "-",
		    "<= 64 MiB", peak <= 64 ? "yes" : "no"
}
