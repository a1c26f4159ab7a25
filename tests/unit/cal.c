/* cal.c - working time (lib/cal.c), with China's 2013 holidays from
 * tests/fixtures/calendar-2013.csv.  Besides the cases worked out by hand
 * below, a plain day-by-day walk written here with mktime() checks
 * random ones. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "clock.h"
#include "tap.h"

#define FIXTURE "tests/fixtures/calendar-2013.csv"

static int marked[64], marked_kind[64], nmarked;

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* the fixture, from the current directory or above the test binary */
static FILE *
open_fixture(const char *argv0)
{
	char path[PATH_MAX];
	FILE *fp;
	char *slash;
	int up;

	if ((fp = fopen(FIXTURE, "r")))
		return fp;
	snprintf(path, sizeof path, "%s", argv0);
	for (up = 0; up < 6; up++) {
		if (!(slash = strrchr(path, '/')))
			return NULL;
		*slash = '\0';
		snprintf(slash, sizeof path - strlen(path), "/%s", FIXTURE);
		if ((fp = fopen(path, "r")))
			return fp;
		*slash = '\0';
	}
	return NULL;
}

static struct cal *
load_2013(const char *argv0)
{
	struct cal *c = cal_new();
	char line[128], *comma;
	FILE *fp = open_fixture(argv0);
	int ymd, lines = 0, bad = 0;

	if (!ok(fp != NULL, "open %s", FIXTURE))
		return c;
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (lines++ == 0)
			continue;
		comma = strchr(line, ',');
		if (!comma) {
			bad++;
			continue;
		}
		*comma = '\0';
		if (clk_parse_ymd(line, &ymd) < 0 || nmarked == 64) {
			bad++;
			continue;
		}
		marked[nmarked] = ymd;
		marked_kind[nmarked] = strcmp(comma + 1, "workday") == 0 ?
		    CAL_WORKDAY : CAL_HOLIDAY;
		cal_set(c, ymd, marked_kind[nmarked]);
		nmarked++;
	}
	fclose(fp);
	is_int(bad, 0, "every row of the fixture reads");
	is_int(nmarked, 41, "41 dates in 2013's calendar");
	return c;
}

static int64_t
at(const char *s)
{
	int64_t t = 0;

	if (clk_parse(s, &t, NULL) < 0)
		printf("# bad time in the test: %s\n", s);
	return t;
}

/* the reference: a working day found by mktime()'s tm_wday and a linear
 * search of the dates read from the fixture */
static int
ref_workday(const struct tm *tm)
{
	int ymd = (tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 +
	    tm->tm_mday, i;

	for (i = 0; i < nmarked; i++)
		if (marked[i] == ymd)
			return marked_kind[i] == CAL_WORKDAY;
	return tm->tm_wday != 0 && tm->tm_wday != 6;
}

/* the local day of t, at 09:00, as the walk's starting point */
static void
ref_day(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	localtime_r(&tt, tm);
	tm->tm_hour = 9;
	tm->tm_min = tm->tm_sec = 0;
	tm->tm_isdst = -1;
}

static int64_t
ref_add(int64_t t, double hours)
{
	int64_t left = llround(hours * 3600), ws, from, room;
	struct tm tm;

	ref_day(t, &tm);
	for (;;) {
		struct tm day = tm;

		ws = (int64_t)mktime(&day);
		if (ref_workday(&day)) {
			from = t > ws ? t : ws;
			room = ws + 8 * 3600 - from;
			if (room > 0 && left <= room)
				return from + left;
			if (room > 0)
				left -= room;
		}
		tm.tm_mday++;
	}
}

static double
ref_hours(int64_t a, int64_t b)
{
	int64_t secs = 0, ws, lo, hi;
	struct tm tm;

	ref_day(a, &tm);
	for (;;) {
		struct tm day = tm;

		ws = (int64_t)mktime(&day);
		if (ws >= b)
			break;
		if (ref_workday(&day)) {
			lo = a > ws ? a : ws;
			hi = b < ws + 8 * 3600 ? b : ws + 8 * 3600;
			secs += hi > lo ? hi - lo : 0;
		}
		tm.tm_mday++;
	}
	return (double)secs / 3600;
}

static void
adds(const struct cal *c, const char *from, double hours, const char *want)
{
	char buf[CLK_BUFSZ];

	is_str(clk_fmt(cal_add(c, at(from), hours), buf), want,
	    "%s + %.10g working hours is %s", from, hours, want);
}

static void
test_add_2013(const struct cal *c)
{
	/* Sat 09-28 is a weekend, Sun 09-29 a make-up working day */
	adds(c, "2013-09-27 16:00", 8, "2013-09-29 16:00:00");
	adds(c, "2013-09-27 16:00", 16, "2013-09-30 16:00:00");
	adds(c, "2013-09-27 16:00", 17, "2013-09-30 17:00:00");
	/* National Day, 10-01 to 10-07 */
	adds(c, "2013-09-27 16:00", 17.5, "2013-10-08 09:30:00");
	/* Sat 10-12 is a working day */
	adds(c, "2013-09-27 16:00", 57, "2013-10-12 17:00:00");
	adds(c, "2013-09-27 16:00", 58, "2013-10-14 10:00:00");
	/* Mid-Autumn, 09-19 to 09-21, with Sun 09-22 worked */
	adds(c, "2013-09-18 16:30", 1, "2013-09-22 09:30:00");
	/* Spring Festival, 02-09 to 02-15, with Sat 02-16 worked */
	adds(c, "2013-02-08 16:00", 2, "2013-02-16 10:00:00");
	adds(c, "2012-12-31 16:00", 2, "2013-01-04 10:00:00");
	adds(c, "2013-09-23 07:00", 1, "2013-09-23 10:00:00");
	adds(c, "2013-09-23 09:00", 8, "2013-09-23 17:00:00");
	adds(c, "2013-09-23 16:59:59", 1.0 / 3600, "2013-09-23 17:00:00");
	adds(c, "2013-09-23 17:00", 1, "2013-09-24 10:00:00");
	adds(c, "2013-09-23 18:00", 1, "2013-09-24 10:00:00");
	adds(c, "2013-09-28 12:00", 1, "2013-09-29 10:00:00");
	adds(c, "2013-09-23 10:00", 0.25, "2013-09-23 10:15:00");
	adds(c, "2013-09-28 12:00", 0, "2013-09-28 12:00:00");
	/* 2014 has no dates in the calendar: weekends only */
	adds(c, "2014-01-03 16:00", 2, "2014-01-06 10:00:00");
	adds(c, "2014-01-06 09:00", 40, "2014-01-10 17:00:00");
	adds(c, "2014-01-06 09:00", 40.5, "2014-01-13 09:30:00");
}

static void
spans(const struct cal *c, const char *a, const char *b, double want)
{
	is_int(llround(cal_hours(c, at(a), at(b)) * 3600), llround(want * 3600),
	    "%s to %s is %g working hours", a, b, want);
}

static void
test_hours_2013(const struct cal *c)
{
	spans(c, "2013-09-27 16:00", "2013-09-29 16:00", 8);
	spans(c, "2013-09-30 12:00", "2013-10-08 10:00", 6);
	spans(c, "2013-09-23 08:00", "2013-09-23 18:00", 8);
	spans(c, "2013-09-23 10:00", "2013-09-23 11:30", 1.5);
	spans(c, "2013-09-28 00:00", "2013-09-28 23:00", 0);
	spans(c, "2013-10-01 00:00", "2013-10-08 00:00", 0);
	spans(c, "2013-01-01 00:00", "2014-01-01 00:00", 250 * 8);
	spans(c, "2013-09-23 12:00", "2013-09-23 11:00", 0);
	spans(c, "2013-09-23 12:00", "2013-09-23 12:00", 0);
}

static uint64_t lcg = 2013;

static uint64_t
draw(uint64_t n)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (lcg >> 17) % n;
}

/* random instants from 2012-12-01 to 2014-01-31 and hours up to 200,
 * in whole seconds */
static void
test_random(const struct cal *c, const char *tz)
{
	const int64_t lo = at("2012-12-01"), hi = at("2014-02-01");
	int i, add = 0, inverse = 0, hours = 0;

	for (i = 0; i < 3000; i++) {
		int64_t t = lo + (int64_t)draw((uint64_t)(hi - lo));
		int64_t u = lo + (int64_t)draw((uint64_t)(hi - lo));
		double h = (double)draw(200 * 3600 + 1) / 3600;
		int64_t d = cal_add(c, t, h);

		add += d != ref_add(t, h);
		inverse += llround(cal_hours(c, t, d) * 3600) !=
		    llround(h * 3600);
		hours += llround(cal_hours(c, t, u) * 3600) !=
		    llround(ref_hours(t, u) * 3600);
	}
	is_int(add, 0, "%s: 3000 random cal_add agree with a day-by-day walk",
	    tz);
	is_int(inverse, 0, "%s: cal_hours(t, cal_add(t, h)) is h", tz);
	is_int(hours, 0, "%s: 3000 random cal_hours agree with a day-by-day "
	    "walk", tz);
}

static void
test_far(const struct cal *c)
{
	const char *from[] = { "2013-01-04 09:00", "2013-09-27 16:00",
	    "2012-06-30 03:00" };
	const double hours[] = { 100000, 99999.75, 12345.5 };
	int i;

	for (i = 0; i < 3; i++) {
		int64_t t = at(from[i]), d = cal_add(c, t, hours[i]);
		char buf[CLK_BUFSZ];

		is_int(d, ref_add(t, hours[i]),
		    "%s + %.10g working hours is %s", from[i], hours[i],
		    clk_fmt(ref_add(t, hours[i]), buf));
		is_int(llround(cal_hours(c, t, d) * 4), llround(hours[i] * 4),
		    "and back: %.10g hours", hours[i]);
	}
}

static void
test_workday(const struct cal *c)
{
	struct cal *e = cal_new();

	ok(cal_workday(c, 20130929), "Sun 2013-09-29 is a working day");
	ok(cal_workday(c, 20131012), "Sat 2013-10-12 is a working day");
	ok(!cal_workday(c, 20131001), "Tue 2013-10-01 is a holiday");
	ok(!cal_workday(c, 20130928), "Sat 2013-09-28 is a weekend");
	ok(cal_workday(c, 20130930), "Mon 2013-09-30 is a working day");
	ok(!cal_workday(c, 20140104), "Sat 2014-01-04 is a weekend");
	ok(cal_workday(c, 20140106), "Mon 2014-01-06 is a working day");
	ok(!cal_workday(c, 20130230), "2013-02-30 is no day at all");
	ok(cal_active(c), "a calendar with dates is active");

	ok(!cal_active(e), "a new calendar is empty");
	cal_set(e, 20130230, CAL_HOLIDAY);
	ok(!cal_active(e), "a date that does not exist is not kept");
	ok(cal_workday(e, 20131001), "weekdays work in an empty calendar");
	cal_set(e, 20131001, CAL_HOLIDAY);
	ok(!cal_workday(e, 20131001), "marked a holiday");
	cal_set(e, 20131001, CAL_WORKDAY);
	ok(cal_workday(e, 20131001), "marked again, a working day");
	cal_set(e, 20131005, CAL_WORKDAY);
	cal_set(e, 20130101, CAL_HOLIDAY);
	ok(cal_workday(e, 20131005) && !cal_workday(e, 20130101) &&
	    cal_workday(e, 20131001), "dates set out of order are all kept");
	cal_free(e);
	cal_free(NULL);
}

static void
test_empty(void)
{
	struct cal *e = cal_new();
	int64_t t = at("2013-09-28 12:00");

	is_int(cal_add(e, t, 8), t + 8 * 3600, "empty calendar: 8 plain hours");
	is_int(cal_add(e, t, 0.5), t + 1800, "empty calendar: half an hour");
	is_int(cal_add(e, t, 0.0004), t + 1, "rounded to the second (1.44 s)");
	is_int(cal_add(e, t, 100000), t + 360000000LL, "100000 plain hours");
	is_int(cal_add(NULL, t, 1), t + 3600, "a NULL calendar is empty");
	ok(cal_hours(e, t, t + 5400) == 1.5, "empty calendar: 1.5 plain hours "
	    "between");
	ok(cal_hours(e, t + 5400, t) == 0, "empty calendar: 0 when b < a");
	cal_free(e);
}

/* New York, where summer time starts on Sun 2013-03-10 and ends on Sun
 * 2013-11-03: 09:00 is 09:00 on either side */
static void
test_summer_time(void)
{
	struct cal *c = cal_new();
	char buf[CLK_BUFSZ];
	int64_t t, d;

	zone("EST5EDT,M3.2.0,M11.1.0");
	cal_set(c, 20130704, CAL_HOLIDAY);
	t = at("2013-03-08 16:00");
	d = cal_add(c, t, 2);
	is_int(d, at("2013-03-11T10:00-04:00"), "Fri 16:00 EST + 2 working "
	    "hours is Mon 10:00 EDT (%s)", clk_fmt_iso(d, buf));
	ok(cal_hours(c, t, d) == 2, "and back");
	t = at("2013-11-01 16:00");
	d = cal_add(c, t, 2);
	is_int(d, at("2013-11-04T10:00-05:00"), "Fri 16:00 EDT + 2 working "
	    "hours is Mon 10:00 EST (%s)", clk_fmt_iso(d, buf));
	ok(cal_hours(c, t, d) == 2, "and back");
	cal_set(c, 20130310, CAL_WORKDAY);
	cal_set(c, 20131103, CAL_WORKDAY);
	is_int(cal_add(c, at("2013-03-09 12:00"), 1),
	    at("2013-03-10T10:00-04:00"), "on the day summer time starts, "
	    "work starts at 09:00 EDT");
	is_int(cal_add(c, at("2013-11-02 12:00"), 8),
	    at("2013-11-03T17:00-05:00"), "on the day it ends, work ends at "
	    "17:00 EST");
	cal_free(c);
}

int
main(int argc, char **argv)
{
	struct cal *c;

	(void)argc;
	zone("CST-8");
	c = load_2013(argv[0]);
	test_add_2013(c);
	test_hours_2013(c);
	test_random(c, "CST-8");
	test_far(c);
	test_workday(c);
	test_empty();
	zone("UTC0");
	test_random(c, "UTC0");
	zone("EST5EDT,M3.2.0,M11.1.0");
	test_random(c, "EST5EDT");
	test_summer_time();
	cal_free(c);
	return done_testing();
}
