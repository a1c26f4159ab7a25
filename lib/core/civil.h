/*
 * civil.h - dates of the proleptic Gregorian calendar as day numbers, for
 * clock.c and cal.c.  Plain arithmetic, no time zone and no C library:
 * a date has no time zone, and counting days through mktime() would be
 * both slow and wrong across a change to or from summer time.
 *
 * The day algorithms are Howard Hinnant's "chrono-compatible low-level
 * date algorithms"; day 0 is 1970-01-01.
 */
#ifndef GK_CIVIL_H
#define GK_CIVIL_H

static inline int
civil_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline int
civil_mdays(long y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && civil_leap(y) ? 29 : mdays[m - 1];
}

/* 1 if y-m-d is a date that exists */
static inline int
civil_valid(long y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= civil_mdays(y, m);
}

static inline long
civil_days(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static inline void
civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* 0 for Sunday .. 6 for Saturday, as tm_wday; 1970-01-01 was a Thursday */
static inline int
civil_wday(long z)
{
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

#endif
