#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "clock.h"
#include "util.h"

#define YEAR_MIN 1900
#define YEAR_MAX 9999

/* a time as written, before it is placed on the time line */
struct when {
	int y, mon, d, h, min, sec;
	int has_time;
	int has_off;
	long off; /* seconds east of UTC */
};

/* read between lo and hi decimal digits; 0 on success */
static int
digits(const char **pp, int lo, int hi, int *v)
{
	const char *p = *pp;
	int n = 0;

	*v = 0;
	while (n < hi && *p >= '0' && *p <= '9') {
		*v = *v * 10 + (*p++ - '0');
		n++;
	}
	if (n < lo)
		return -1;
	*pp = p;
	return 0;
}

/* YYYY-M[M]-D[D] or with '/' */
static int
parse_date(const char **pp, struct when *w)
{
	const char *p = *pp;
	char sep;

	if (digits(&p, 4, 4, &w->y) < 0)
		return -1;
	sep = *p;
	if (sep != '-' && sep != '/')
		return -1;
	p++;
	if (digits(&p, 1, 2, &w->mon) < 0 || *p++ != sep ||
	    digits(&p, 1, 2, &w->d) < 0)
		return -1;
	if (w->y < YEAR_MIN || w->y > YEAR_MAX ||
	    !civil_valid(w->y, w->mon, w->d))
		return -1;
	*pp = p;
	return 0;
}

/* H[H]:MM[:SS[.fraction]]; a fraction, as JavaScript writes, is dropped */
static int
parse_clock(const char **pp, struct when *w)
{
	const char *p = *pp;
	int ignored;

	if (digits(&p, 1, 2, &w->h) < 0 || *p++ != ':' ||
	    digits(&p, 2, 2, &w->min) < 0)
		return -1;
	w->sec = 0;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &w->sec) < 0)
			return -1;
		if (*p == '.') {
			p++;
			if (digits(&p, 1, 9, &ignored) < 0)
				return -1;
		}
	}
	if (w->h > 23 || w->min > 59 || w->sec > 59)
		return -1;
	w->has_time = 1;
	*pp = p;
	return 0;
}

/* Z, ±HH:MM, ±HHMM or ±HH */
static int
parse_offset(const char **pp, struct when *w)
{
	const char *p = *pp;
	int sign, hh, mm = 0;

	if (*p == 'Z') {
		w->has_off = 1;
		w->off = 0;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, 2, &hh) < 0)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &mm) < 0)
			return -1;
	} else if (*p >= '0' && *p <= '9' && digits(&p, 2, 2, &mm) < 0) {
		return -1;
	}
	if (hh > 23 || mm > 59)
		return -1;
	w->has_off = 1;
	w->off = sign * (hh * 3600L + mm * 60L);
	*pp = p;
	return 0;
}

/* the whole string must be one time, nothing after it */
static int
parse_when(const char *s, struct when *w)
{
	const char *p = s;

	w->has_time = w->has_off = 0;
	w->h = w->min = w->sec = 0;
	w->off = 0;
	if (parse_date(&p, w) < 0)
		return -1;
	if (*p == ' ' || *p == 'T') {
		p++;
		if (parse_clock(&p, w) < 0)
			return -1;
		if (*p && parse_offset(&p, w) < 0)
			return -1;
	}
	return *p ? -1 : 0;
}

/* @EPOCH, within the years a date may be written in */
static int
parse_epoch(const char *s, int64_t *t)
{
	const int64_t lo = (int64_t)civil_days(YEAR_MIN, 1, 1) * 86400;
	const int64_t hi = (int64_t)civil_days(YEAR_MAX + 1, 1, 1) * 86400;
	const char *p = s;
	int64_t v = 0;
	int neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > hi)
			return -1;
	}
	if (*p)
		return -1;
	v = neg ? -v : v;
	if (v < lo)
		return -1;
	*t = v;
	return 0;
}

static struct tm *
local(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	return localtime_r(&tt, tm);
}

/* a local wall-clock time as seconds; mktime() normalises a day or month
 * one past the end, which is how the next midnight and next month are had,
 * and a time skipped by a change to summer time */
static int
from_local(int y, int mon, int d, int h, int min, int sec, int64_t *t)
{
	struct tm tm = { 0 };
	time_t r;

	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = min;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	r = mktime(&tm);
	/* -1 is also 1969-12-31 23:59:59 UTC, which mktime() has then
	 * normalised tm to; errno cannot tell, as tzset() may set it */
	if (r == (time_t)-1 && tm.tm_year != 69 && tm.tm_year != 70)
		return -1;
	*t = r;
	return 0;
}

static int
to_time(const struct when *w, int64_t *t)
{
	if (!w->has_off)
		return from_local(w->y, w->mon, w->d, w->h, w->min, w->sec, t);
	*t = (int64_t)civil_days(w->y, w->mon, w->d) * 86400 +
	    w->h * 3600L + w->min * 60L + w->sec - w->off;
	return 0;
}

int
clk_parse(const char *s, int64_t *t, int *has_time)
{
	struct when w;

	if (!s)
		return -1;
	if (*s == '@') {
		if (parse_epoch(s + 1, t) < 0)
			return -1;
		if (has_time)
			*has_time = 1;
		return 0;
	}
	if (parse_when(s, &w) < 0 || to_time(&w, t) < 0)
		return -1;
	if (has_time)
		*has_time = w.has_time;
	return 0;
}

int
clk_parse_until(const char *s, int64_t *t)
{
	struct when w;

	if (!s)
		return -1;
	if (*s == '@')
		return parse_epoch(s + 1, t);
	if (parse_when(s, &w) < 0)
		return -1;
	if (w.has_time)
		return to_time(&w, t);
	return from_local(w.y, w.mon, w.d + 1, 0, 0, 0, t);
}

int64_t
clk_now(void)
{
	static int64_t now;
	static int done;
	const char *env;

	if (done)
		return now;
	env = getenv("GRID_NOW");
	if (env && *env) {
		if (clk_parse(env, &now, NULL) < 0)
			die(EXIT_USAGE, "bad GRID_NOW '%s': want "
			    "YYYY-MM-DD[ HH:MM[:SS]], ISO 8601 or @EPOCH", env);
	} else {
		now = (int64_t)time(NULL);
	}
	done = 1;
	return now;
}

int64_t
clk_live(void)
{
	const char *env = getenv("GRID_NOW");

	return env && *env ? clk_now() : (int64_t)time(NULL);
}

long long
clk_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the fields of t in local time, within the years clk_parse() reads, so
 * that everything written reads back */
static int
fields(int64_t t, struct tm *tm)
{
	int y;

	if (!local(t, tm))
		return -1;
	y = tm->tm_year + 1900;
	return y >= YEAR_MIN && y <= YEAR_MAX ? 0 : -1;
}

/* v as exactly width digits; v is in range, as fields() made sure */
static char *
put_num(char *p, long v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

static char *
put_date(char *p, const struct tm *tm)
{
	p = put_num(p, tm->tm_year + 1900, 4);
	*p++ = '-';
	p = put_num(p, tm->tm_mon + 1, 2);
	*p++ = '-';
	return put_num(p, tm->tm_mday, 2);
}

static char *
put_clock(char *p, const struct tm *tm)
{
	p = put_num(p, tm->tm_hour, 2);
	*p++ = ':';
	p = put_num(p, tm->tm_min, 2);
	*p++ = ':';
	return put_num(p, tm->tm_sec, 2);
}

/* a time outside those years is written as @EPOCH: exact, and plainly
 * not a date */
static char *
fmt_epoch(int64_t t, char buf[CLK_BUFSZ])
{
	snprintf(buf, CLK_BUFSZ, "@%lld", (long long)t);
	return buf;
}

char *
clk_fmt(int64_t t, char buf[CLK_BUFSZ])
{
	struct tm tm;
	char *p;

	if (fields(t, &tm) < 0)
		return fmt_epoch(t, buf);
	p = put_date(buf, &tm);
	*p++ = ' ';
	p = put_clock(p, &tm);
	*p = '\0';
	return buf;
}

char *
clk_fmt_date(int64_t t, char buf[CLK_BUFSZ])
{
	struct tm tm;

	if (fields(t, &tm) < 0)
		return fmt_epoch(t, buf);
	*put_date(buf, &tm) = '\0';
	return buf;
}

/* the offset is whole minutes: ISO 8601 has no seconds in an offset */
char *
clk_fmt_iso(int64_t t, char buf[CLK_BUFSZ])
{
	struct tm tm;
	long off;
	char *p;

	if (fields(t, &tm) < 0)
		return fmt_epoch(t, buf);
	off = tm.tm_gmtoff;
	p = put_date(buf, &tm);
	*p++ = 'T';
	p = put_clock(p, &tm);
	*p++ = off < 0 ? '-' : '+';
	off = off < 0 ? -off : off;
	p = put_num(p, off / 3600, 2);
	*p++ = ':';
	p = put_num(p, off / 60 % 60, 2);
	*p = '\0';
	return buf;
}

int
clk_month(const char *ym, int64_t *lo, int64_t *hi)
{
	const char *p = ym;
	int y, m;

	if (!p || digits(&p, 4, 4, &y) < 0 || (*p != '-' && *p != '/'))
		return -1;
	p++;
	if (digits(&p, 1, 2, &m) < 0 || *p)
		return -1;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return -1;
	if (from_local(y, m, 1, 0, 0, 0, lo) < 0 ||
	    from_local(y, m + 1, 1, 0, 0, 0, hi) < 0)
		return -1;
	return 0;
}

int64_t
clk_day_start(int64_t t)
{
	struct tm tm;
	int64_t r;

	if (!local(t, &tm) || from_local(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, 0, 0, 0, &r) < 0)
		return t;
	return r;
}

int
clk_parse_ymd(const char *s, int *ymd)
{
	struct when w;

	if (!s || parse_when(s, &w) < 0 || w.has_time)
		return -1;
	*ymd = w.y * 10000 + w.mon * 100 + w.d;
	return 0;
}

/* TZ: the C library takes any value without a word, and reads one it
 * cannot use as UTC, which would put every deadline eight hours off in
 * China.  A value is good when it names a zone file (":Asia/Shanghai",
 * "Asia/Shanghai", under $TZDIR or /usr/share/zoneinfo, or a path) or is
 * a POSIX TZ string ("CST-8", "EST5EDT,M3.2.0,M11.1.0") */

/* a zone file: a regular file starting with TZif */
static int
tz_file(const char *name)
{
	const char *dir = getenv("TZDIR");
	char path[4096], magic[4];
	FILE *fp;
	int ok;

	if (!*name)
		return 0;
	if (name[0] == '/')
		snprintf(path, sizeof path, "%s", name);
	else
		snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir :
		    "/usr/share/zoneinfo", name);
	if (!(fp = fopen(path, "rb")))
		return 0;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

/* a zone's name: three or more letters, or <...> of letters, digits, +
 * and -; *p moves past it */
static int
tz_name(const char **p)
{
	const char *s = *p;
	size_t n = 0;

	if (*s == '<') {
		for (s++; isalnum((unsigned char)s[n]) || s[n] == '+' ||
		    s[n] == '-'; n++)
			;
		if (n < 3 || s[n] != '>')
			return 0;
		*p = s + n + 1;
		return 1;
	}
	while (isalpha((unsigned char)s[n]))
		n++;
	*p = s + n;
	return n >= 3;
}

/* [+-]hh[:mm[:ss]], hh at most max; *p moves past it */
static int
tz_hms(const char **p, int sign, int max)
{
	const char *s = *p;
	int i, v;

	if (sign && (*s == '+' || *s == '-'))
		s++;
	for (i = 0; i < 3; i++) {
		if (i && *s != ':')
			break;
		if (i)
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		v = *s++ - '0';
		if (isdigit((unsigned char)*s))
			v = v * 10 + *s++ - '0';
		if (i == 0 && isdigit((unsigned char)*s) && max > 99)
			v = v * 10 + *s++ - '0';
		if (v > (i ? 59 : max))
			return 0;
	}
	*p = s;
	return 1;
}

/* a number from lo to hi; *p moves past it */
static int
tz_num(const char **p, int lo, int hi)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)**p))
		return 0;
	v = strtol(*p, &end, 10);
	*p = end;
	return v >= lo && v <= hi;
}

/* a rule's date and time: Jn, n or Mm.w.d, then /time */
static int
tz_when(const char **p)
{
	if (**p == 'J') {
		(*p)++;
		if (!tz_num(p, 1, 365))
			return 0;
	} else if (**p == 'M') {
		(*p)++;
		if (!tz_num(p, 1, 12) || *(*p)++ != '.' || !tz_num(p, 1, 5) ||
		    *(*p)++ != '.' || !tz_num(p, 0, 6))
			return 0;
	} else if (!tz_num(p, 0, 365)) {
		return 0;
	}
	if (**p == '/') {
		(*p)++;
		return tz_hms(p, 1, 167);
	}
	return 1;
}

static int
tz_posix(const char *s)
{
	if (!tz_name(&s) || !tz_hms(&s, 1, 24))
		return 0;
	if (!*s)
		return 1;
	if (!tz_name(&s))
		return 0;
	if (*s && *s != ',' && !tz_hms(&s, 1, 24))
		return 0;
	if (!*s)
		return 1;
	if (*s++ != ',' || !tz_when(&s) || *s++ != ',' || !tz_when(&s))
		return 0;
	return !*s;
}

int
clk_tz_ok(const char *tz)
{
	/* what the C library falls back to is what these ask for */
	if (!tz || !*tz || strcmp(tz, "UTC") == 0 || strcmp(tz, "GMT") == 0)
		return 1;
	if (*tz == ':')
		return tz_file(tz + 1);
	return tz_file(tz) || tz_posix(tz);
}

void
clk_check_tz(void)
{
	const char *tz = getenv("TZ");

	/* Without TZ the C library reads the system's zone, and mktime()
	 * stats /etc/localtime again on every call to see if it changed: a
	 * system call for every time a program parses (35,489 of them to
	 * file a county's issues).  Naming that same file keeps its meaning
	 * (UTC if it is missing, as before) and reads it once */
	if (!tz) {
		setenv("TZ", ":/etc/localtime", 1);
		return;
	}
	if (!clk_tz_ok(tz))
		die(EXIT_USAGE, "TZ '%s' is not a time zone this system knows "
		    "(the C library would read it as UTC): name a zone such as "
		    "Asia/Shanghai, or give a POSIX TZ such as CST-8", tz);
}
