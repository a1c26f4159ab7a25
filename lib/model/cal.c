#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "civil.h"
#include "util.h"

/* a working day is CAL_DAY_HOURS long in elapsed time, from 09:00 local:
 * summer time changes at night, and a fixed length keeps cal_hours() the
 * exact inverse of cal_add() */
#define DAY_SECS ((int64_t)CAL_DAY_HOURS * 3600)

/* dates are kept as day numbers (civil.h), sorted, so that "no marked
 * date in the next week" is one binary search */
struct mark {
	long day;
	enum cal_kind kind;
};

struct cal {
	struct mark *m;
	size_t n, cap;
};

struct cal *
cal_new(void)
{
	return xcalloc(1, sizeof(struct cal));
}

void
cal_free(struct cal *c)
{
	if (!c)
		return;
	free(c->m);
	free(c);
}

/* the index of the first mark on or after day */
static size_t
lower_bound(const struct cal *c, long day)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->m[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
ymd_day(int ymd, long *day)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	if (!civil_valid(y, m, d))
		return -1;
	*day = civil_days(y, m, d);
	return 0;
}

void
cal_set(struct cal *c, int ymd, enum cal_kind kind)
{
	long day;
	size_t i;

	if (ymd_day(ymd, &day) < 0)
		return;
	i = lower_bound(c, day);
	if (i < c->n && c->m[i].day == day) {
		c->m[i].kind = kind;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->m = xrealloc(c->m, c->cap * sizeof(c->m[0]));
	}
	memmove(c->m + i + 1, c->m + i, (c->n - i) * sizeof(c->m[0]));
	c->m[i].day = day;
	c->m[i].kind = kind;
	c->n++;
}

int
cal_active(const struct cal *c)
{
	return c && c->n > 0;
}

/* 1 if no date in [lo, hi) is marked */
static int
unmarked(const struct cal *c, long lo, long hi)
{
	size_t i = lower_bound(c, lo);

	return i == c->n || c->m[i].day >= hi;
}

static int
weekday(long day)
{
	int wd = civil_wday(day);

	return wd != 0 && wd != 6;
}

static int
is_work(const struct cal *c, long day)
{
	size_t i = lower_bound(c, day);

	if (i < c->n && c->m[i].day == day)
		return c->m[i].kind == CAL_WORKDAY;
	return weekday(day);
}

int
cal_workday(const struct cal *c, int ymd)
{
	long day;

	return ymd_day(ymd, &day) == 0 && is_work(c, day);
}

/* the first working day after day; marks are finite, so weekdays beyond
 * them end the search */
static long
next_work(const struct cal *c, long day)
{
	do
		day++;
	while (!is_work(c, day));
	return day;
}

/* the working day k working days after the working day day.  A plain
 * weekday with no marked date in the week after it is followed by exactly
 * five working days to the same weekday, so whole weeks go in one step */
static long
skip_work(const struct cal *c, long day, int64_t k)
{
	while (k > 0) {
		if (k >= 5 && weekday(day) && unmarked(c, day, day + 8)) {
			day += 7;
			k -= 5;
		} else {
			day = next_work(c, day);
			k--;
		}
	}
	return day;
}

/* working days in [lo, hi) */
static int64_t
count_work(const struct cal *c, long lo, long hi)
{
	int64_t n = 0;

	while (lo < hi) {
		if (hi - lo >= 7 && unmarked(c, lo, lo + 7)) {
			n += 5;
			lo += 7;
		} else {
			n += is_work(c, lo);
			lo++;
		}
	}
	return n;
}

/* the local date of t, as a day number */
static long
local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm))
		return (long)(t / 86400);
	return civil_days(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

/* 09:00 local on day, through mktime(), since a day is not 86400 seconds
 * on the days summer time starts and ends */
static int64_t
window_start(long day)
{
	struct tm tm = { 0 };
	long y;
	int m, d;

	civil_from_days(day, &y, &m, &d);
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = CAL_DAY_START / 3600;
	tm.tm_min = CAL_DAY_START / 60 % 60;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t
cal_add(const struct cal *c, int64_t t, double hours)
{
	int64_t secs = llround(hours * 3600), start, ws, k;
	long day;

	if (!cal_active(c))
		return t + secs;
	if (secs <= 0)
		return t;
	day = local_day(t);
	ws = window_start(day);
	if (!is_work(c, day) || t >= ws + DAY_SECS) {
		day = next_work(c, day);
		ws = window_start(day);
	}
	start = t > ws ? t : ws;
	if (secs <= ws + DAY_SECS - start)
		return start + secs;
	secs -= ws + DAY_SECS - start;
	/* whole days first, leaving (0, DAY_SECS] for the last day, so a
	 * deadline at the end of a day is 17:00, not 09:00 the day after */
	k = (secs - 1) / DAY_SECS;
	day = skip_work(c, next_work(c, day), k);
	return window_start(day) + secs - k * DAY_SECS;
}

/* seconds of [a, b) inside the working window of day */
static int64_t
overlap(const struct cal *c, long day, int64_t a, int64_t b)
{
	int64_t ws, lo, hi;

	if (!is_work(c, day))
		return 0;
	ws = window_start(day);
	lo = a > ws ? a : ws;
	hi = b < ws + DAY_SECS ? b : ws + DAY_SECS;
	return hi > lo ? hi - lo : 0;
}

double
cal_hours(const struct cal *c, int64_t a, int64_t b)
{
	long da, db;
	int64_t secs;

	if (b <= a)
		return 0;
	if (!cal_active(c))
		return (double)(b - a) / 3600;
	da = local_day(a);
	db = local_day(b);
	if (da == db)
		return (double)overlap(c, da, a, b) / 3600;
	secs = overlap(c, da, a, b) + overlap(c, db, a, b) +
	    count_work(c, da + 1, db) * DAY_SECS;
	return (double)secs / 3600;
}
