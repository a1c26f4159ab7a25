/*
 * stats.h - the monthly report (stats(1); gridkit(7), "Reports"):
 * what was filed, routed and resolved, on time or not and at which rung,
 * escalated, held to account, how residents felt, how well the cadres
 * visited, over a period and as of its end; for the whole store or a
 * subtree, and broken down by level, grid, unit, category, cadre or month.
 *
 * Every figure comes from the event history, not from the issues' current
 * columns: an issue's events carry its state after each change, so its
 * state at the end of a period is the one its last event before that end
 * carries, and a month's figures do not move when its issues are resolved
 * or reopened later.  Figures are aggregated in SQL over the indexes on
 * time (events_kind, issues_filed, accountability_at, evaluations_at,
 * visits_at); only the resolution times of the period come into C, in
 * order, for the percentiles.
 *
 * --by unit, grid and month also give the field's indicators (stats(1),
 * "The indicators"): of the issues due in the period -- one of their
 * deadlines fell in it, or they were resolved in it; not rejected or
 * parked at its end -- those closed, closed on time, reworked, extended
 * and returned, and from them a score and a grade.  The issues due are found
 * from the deadlines the events carry (events_due) and the resolutions of
 * the period (events_kind), each looked at as it stood at the end.
 */
#ifndef GK_STATS_H
#define GK_STATS_H

#include <stdint.h>

#include "out.h"
#include "store.h"

enum stats_by {
	STATS_HEADLINE,
	STATS_LEVEL,
	STATS_GRID,
	STATS_UNIT,
	STATS_CATEGORY,
	STATS_CADRE,
	STATS_MONTH
};

struct stats_opts {
	int64_t lo, hi;     /* the period [lo, hi) */
	const char *grid;   /* only issues found in this subtree; NULL: all */
	enum stats_by by;
	long min;           /* leave out rows counting fewer issues */
	enum out_mode mode;
	unsigned outflags;
	int bars;           /* a bar per row (a table on a terminal) */
	/* the score's weights: on-time closure rate, closure rate,
	 * satisfaction, 100 - rework rate; all 0: 40, 30, 20, 10 */
	double weights[4];
};

/* "40,30,20,10" → w; 0 on success (four numbers >= 0, not all 0) */
int stats_parse_weights(const char *s, double w[4]);

/* "level", "grid", ... → by; 0 on success */
int stats_parse_by(const char *s, enum stats_by *by);

/* write the report to stdout; returns the exit code (a --grid that does
 * not exist is a usage error, exit 2) */
int stats_run(struct store *st, const struct stats_opts *o);

/* a bar of `cells` character cells for v of max, drawn with the eighth
 * blocks (U+258F..U+2588), into buf (at least 3 * cells + 1 bytes); an
 * empty string for 0, at least one eighth for any v > 0 */
char *stats_bar(double v, double max, int cells, char *buf);

#endif
