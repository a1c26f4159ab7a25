/*
 * wall.h - the echo wall (回音壁, doc/domain.md): the public notice of a
 * village or community, saying how each demand of its households was
 * answered.
 *
 * An issue is on the wall when it was found in the grid (or below it),
 * is not private, and was filed before the period's end and not finished
 * (resolved, closed or rejected) before its start: the period's new
 * demands, and the older ones still open or answered in it.  Each shows as
 * it stands now.  Nothing personal goes out: a private issue not at all, a
 * head's name masked (张*), never an ID number or a phone; the text and
 * the answer are scrubbed (scrub.h) of numbers and of the names of the
 * grid's heads.
 *
 * As rows (out.h) for the screen and for spreadsheets, or as a printable
 * A4 sheet of HTML with everything it needs inside (landscape: 32 demands
 * fit on one).
 */
#ifndef GK_WALL_H
#define GK_WALL_H

#include <stdint.h>
#include <stdio.h>

#include "out.h"
#include "store.h"

struct echo_wall_opts {
	int64_t lo, hi;    /* the period [lo, hi) */
	int month;         /* it is one calendar month (for the title) */
	int html;          /* a page of HTML, not rows */
	enum out_mode mode;
	unsigned outflags;
};

/* write grid's wall to fp; returns the exit code (a grid that does not
 * exist is a usage error, exit 2) */
int echo_wall_run(struct store *st, const char *grid, const struct echo_wall_opts *o,
    FILE *fp);

#endif
