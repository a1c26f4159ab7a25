/*
 * period.h - the period a report covers, from --month, --since and --until,
 * the same way in stats and echo-wall.
 *
 * A period is [lo, hi): lo included, hi not.  --month YYYY-MM is that
 * calendar month in local time; --since T alone runs to now (included);
 * --until T alone runs from the beginning (a bare date: to the end of that
 * day); with neither, the period is the current month (GRID_NOW's), which
 * may still be running.  --month goes alone.
 */
#ifndef GK_PERIOD_H
#define GK_PERIOD_H

#include <stdint.h>

struct period {
	int64_t lo, hi;
	int month;     /* it is one whole calendar month */
};

/* 0, or -1 with a message for cli_misuse in *why */
int period_parse(const char *month, const char *since, const char *until,
    struct period *p, const char **why);

/* the first second (local midnight of the first day) of the month of t,
 * and of the month after it */
int64_t period_month_start(int64_t t);
int64_t period_next_month(int64_t t);
/* "YYYY-MM" of t, in buf (at least 8 bytes) */
char *period_month_name(int64_t t, char *buf);

#endif
