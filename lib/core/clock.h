/*
 * clock.h - time as every program reads and prints it (gridkit(7), "Time").
 *
 * Times are seconds since the epoch (int64_t) inside gridkit and in the
 * store; they are read and printed in local time per TZ.  Accepted input:
 *   YYYY-MM-DD                       local midnight
 *   YYYY-MM-DD HH:MM[:SS]            local time ('T' may replace the blank)
 *   YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM|±HHMM|±HH)   ISO 8601 with an offset
 *   @EPOCH                           seconds since 1970-01-01 UTC
 * and, because Excel on Chinese Windows writes them, '/' for '-' and one-digit
 * months, days and hours (2013/7/1 9:30).  Years run from 1900 to 9999.
 * An offset may follow a blank too, and a fraction of a second after the
 * seconds (as JavaScript writes them) is dropped.  Nothing else may follow:
 * no blanks, no trailing text.
 *
 * GRID_NOW (same formats) replaces the current time for every program, so
 * tests and back-filling are deterministic; an empty GRID_NOW is as good
 * as none.  A time outside the years 1900-9999 is written as @EPOCH.
 */
#ifndef GK_CLOCK_H
#define GK_CLOCK_H

#include <stdint.h>

#define CLK_BUFSZ 32

/* parse a time; 0 on success.  *has_time (if not NULL) is 0 when only a
 * date was given, so that "--until 2013-07-31" can mean the whole day */
int clk_parse(const char *s, int64_t *t, int *has_time);

/* like clk_parse, but a bare date means the end of that day (the next
 * midnight), for the upper bound of a period */
int clk_parse_until(const char *s, int64_t *t);

/* the current time: GRID_NOW if set, else the clock; a GRID_NOW that does
 * not parse is a usage error (exit 2).  The same value for a whole run */
int64_t clk_now(void);

/* the current time for a program that runs on and on (grid-top): GRID_NOW
 * when it is set, as clk_now(), else the clock at each call */
int64_t clk_live(void);

/* 1 if tz (a value of TZ; NULL or empty: the system's zone) is one the C
 * library can use: a zone file (":Asia/Shanghai", "Asia/Shanghai", under
 * $TZDIR or /usr/share/zoneinfo, or a path) or a POSIX TZ string ("CST-8",
 * "EST5EDT,M3.2.0,M11.1.0").  Anything else the C library reads as UTC
 * without a word */
int clk_tz_ok(const char *tz);
/* exit 2 with a message when $TZ is not one: every program calls it
 * through cli_next() once its options are read */
void clk_check_tz(void);

/* milliseconds of a monotonic clock: for pacing and timing, not dates */
long long clk_ms(void);

/* "YYYY-MM-DD HH:MM:SS", local time */
char *clk_fmt(int64_t t, char buf[CLK_BUFSZ]);
/* "YYYY-MM-DD", local time */
char *clk_fmt_date(int64_t t, char buf[CLK_BUFSZ]);
/* ISO 8601 with the local offset: "YYYY-MM-DDTHH:MM:SS+08:00" */
char *clk_fmt_iso(int64_t t, char buf[CLK_BUFSZ]);

/* "YYYY-MM" → [first second of the month, first second of the next) in
 * local time; 0 on success */
int clk_month(const char *ym, int64_t *lo, int64_t *hi);

/* local midnight at or before t */
int64_t clk_day_start(int64_t t);

/* a calendar date "YYYY-MM-DD" (also 2013/7/1): 0 on success, *ymd set to
 * y*10000 + m*100 + d, for the calendar of holidays */
int clk_parse_ymd(const char *s, int *ymd);

#endif
