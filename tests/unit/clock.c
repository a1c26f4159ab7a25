/* clock.c - reading and writing times (lib/clock.c).  The expected seconds
 * were worked out apart from the code under test, with Python's datetime
 * and fixed offsets, e.g.
 *   datetime(2013, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "tap.h"

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
parses(const char *s, int64_t want, int want_has_time)
{
	int64_t t = -7;
	int has_time = -7;

	if (!is_int(clk_parse(s, &t, &has_time), 0, "'%s' parses", s))
		return;
	is_int(t, want, "'%s' is %lld", s, (long long)want);
	is_int(has_time, want_has_time, "'%s' %s a time of day", s,
	    want_has_time ? "has" : "has no");
}

static void
refused(const char *s)
{
	int64_t t = 12345;

	is_int(clk_parse(s, &t, NULL), -1, "'%s' is refused", s);
	is_int(t, 12345, "'%s' leaves *t alone", s);
}

/* 2013-07-01 09:30:15 in China is 1372642215 */
static void
test_parse_cst(void)
{
	zone("CST-8");
	parses("2013-07-01", 1372608000, 0);
	parses("2013-07-01 09:30", 1372642200, 1);
	parses("2013-07-01 09:30:15", 1372642215, 1);
	parses("2013-07-01T09:30:15", 1372642215, 1);
	parses("2013-07-01T01:30:15Z", 1372642215, 1);
	parses("2013-07-01T09:30:15+08:00", 1372642215, 1);
	parses("2013-07-01T09:30:15+0800", 1372642215, 1);
	parses("2013-07-01T09:30:15+08", 1372642215, 1);
	parses("2013-07-01T02:30:15+01:00", 1372642215, 1);
	parses("2013-06-30T20:30:15-05:00", 1372642215, 1);
	parses("2013-07-01T07:00:15+05:30", 1372642215, 1);
	parses("2013-07-01 09:30:15+08:00", 1372642215, 1);
	parses("2013-07-01T01:30:15.250Z", 1372642215, 1);
	parses("2013-07-01T09:30+08:00", 1372642200, 1);
	parses("2013/7/1 9:30", 1372642200, 1);
	parses("2013/07/01 09:30:15", 1372642215, 1);
	parses("2013/7/1", 1372608000, 0);
	parses("2013-7-1", 1372608000, 0);
	parses("2013-07-01 9:30", 1372642200, 1);
	parses("@1372642215", 1372642215, 1);
	parses("@0", 0, 1);
	parses("@-1", -1, 1);
	parses("1970-01-01 07:59:59", -1, 1);
	parses("2012-02-29", 1330444800, 0);
	parses("2000-02-29 12:00", 951796800, 1);
	parses("1900-01-01", -2209017600, 0);
	parses("9999-12-31 23:59:59", 253402271999, 1);
	parses("2013-12-31 23:59:59", 1388505599, 1);

	refused("");
	refused("2013-02-30");
	refused("2013-02-29");
	refused("1900-02-29");
	refused("2013-13-01");
	refused("2013-00-10");
	refused("2013-04-31");
	refused("2013-07-00");
	refused("2013-07-32");
	refused("1899-12-31");
	refused("10000-01-01");
	refused("13-07-01");
	refused("20130701");
	refused("2013-07");
	refused("2013-7/1");
	refused("2013.07.01");
	refused("2013-07-01x");
	refused("2013-07-01 ");
	refused(" 2013-07-01");
	refused("2013-07-01T");
	refused("2013-07-01 09");
	refused("2013-07-01 09:3");
	refused("2013-07-01 009:30");
	refused("2013-07-01 24:00");
	refused("2013-07-01 23:60");
	refused("2013-07-01 23:59:60");
	refused("2013-07-01 09:30:15 ");
	refused("2013-07-01 09:30:15x");
	refused("2013-07-01 09:30:1");
	refused("2013-07-01T09:30:15.");
	refused("2013-07-01T09:30+8");
	refused("2013-07-01T09:30+08:0");
	refused("2013-07-01T09:30+080");
	refused("2013-07-01T09:30+24:00");
	refused("2013-07-01T09:30+08:60");
	refused("2013-07-01T09:30+08:00Z");
	refused("2013-07-01T09:30z");
	refused("2013-07-01Z");
	refused("@");
	refused("@-");
	refused("@12a");
	refused("@1e9");
	refused("@ 12");
	refused("@99999999999999999999999");
	refused("@-9999999999");
	ok(clk_parse(NULL, &(int64_t){0}, NULL) == -1, "NULL is refused");
}

static void
test_parse_utc(void)
{
	zone("UTC0");
	parses("2013-07-01", 1372636800, 0);
	parses("2013-07-01 09:30:15", 1372671015, 1);
	parses("2013-07-01T09:30:15+08:00", 1372642215, 1);
	parses("2013/7/1 9:30", 1372671000, 1);
	parses("@1372642215", 1372642215, 1);
}

static void
until(const char *s, int64_t want)
{
	int64_t t = -7;

	if (is_int(clk_parse_until(s, &t), 0, "until '%s' parses", s))
		is_int(t, want, "until '%s' is %lld", s, (long long)want);
}

static void
test_until(void)
{
	int64_t t;

	zone("CST-8");
	until("2013-07-31", 1375286400);
	until("2013/7/31", 1375286400);
	until("2013-12-31", 1388505600);
	until("2012-02-28", 1330444800);
	until("2013-07-31 12:00", 1375243200);
	until("@1375286400", 1375286400);
	until("2013-07-31T04:00:00Z", 1375243200);
	is_int(clk_parse_until("2013-02-30", &t), -1, "until a bad date fails");
	is_int(clk_parse_until("2013-07-31 ", &t), -1, "until with a blank "
	    "after fails");
}

static void
fmt(int64_t t, const char *plain, const char *date, const char *iso)
{
	char buf[CLK_BUFSZ];

	is_str(clk_fmt(t, buf), plain, "clk_fmt(%lld) is %s", (long long)t,
	    plain);
	is_str(clk_fmt_date(t, buf), date, "clk_fmt_date(%lld) is %s",
	    (long long)t, date);
	is_str(clk_fmt_iso(t, buf), iso, "clk_fmt_iso(%lld) is %s",
	    (long long)t, iso);
}

static void
test_fmt(void)
{
	char buf[CLK_BUFSZ];

	zone("CST-8");
	fmt(1372642215, "2013-07-01 09:30:15", "2013-07-01",
	    "2013-07-01T09:30:15+08:00");
	fmt(0, "1970-01-01 08:00:00", "1970-01-01",
	    "1970-01-01T08:00:00+08:00");
	fmt(1388505599, "2013-12-31 23:59:59", "2013-12-31",
	    "2013-12-31T23:59:59+08:00");
	fmt(-2209017600, "1900-01-01 00:00:00", "1900-01-01",
	    "1900-01-01T00:00:00+08:00");
	is_str(clk_fmt(253402300800, buf), "@253402300800",
	    "a time in the year 10000 is written @EPOCH");
	is_str(clk_fmt_iso(-2209017601, buf), "@-2209017601",
	    "a time in 1899 is written @EPOCH");
	zone("UTC0");
	fmt(1372642215, "2013-07-01 01:30:15", "2013-07-01",
	    "2013-07-01T01:30:15+00:00");
	zone("IST-5:30");
	is_str(clk_fmt_iso(1372642215, buf), "2013-07-01T07:00:15+05:30",
	    "an offset of +05:30");
	zone("NST3:30");
	is_str(clk_fmt_iso(1372642215, buf), "2013-06-30T22:00:15-03:30",
	    "an offset of -03:30");
	zone("EST5EDT,M3.2.0,M11.1.0");
	is_str(clk_fmt_iso(1372642215, buf), "2013-06-30T21:30:15-04:00",
	    "summer time in New York");
	is_str(clk_fmt_iso(1359648000, buf), "2013-01-31T11:00:00-05:00",
	    "winter time in New York");
}

/* a cheap generator for the round trips; the test must not lean on
 * lib/rng.c */
static uint64_t lcg = 42;

static int64_t
some_time(void)
{
	const int64_t lo = -2208988800 + 86400;
	const int64_t span = 253402300799 - 86400 - lo;

	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return lo + (int64_t)((lcg >> 11) % (uint64_t)span);
}

/* the plain form is ambiguous in the hour summer time ends, so in a zone
 * with summer time only the ISO form is sure to read back */
static void
round_trips(const char *tz, int plain_too)
{
	char buf[CLK_BUFSZ];
	int64_t t, back;
	int i, bad = 0;

	zone(tz);
	for (i = 0; i < 20000; i++) {
		t = some_time();
		bad += clk_parse(clk_fmt_iso(t, buf), &back, NULL) < 0 ||
		    back != t;
		if (!plain_too)
			continue;
		bad += clk_parse(clk_fmt(t, buf), &back, NULL) < 0 || back != t;
		bad += clk_parse(clk_fmt_date(t, buf), &back, NULL) < 0 ||
		    back != clk_day_start(t);
	}
	is_int(bad, 0, "20000 times 1900-9999 in %s read back as written", tz);
}

static void
month(const char *ym, int64_t lo, int64_t hi)
{
	int64_t a = -7, b = -7;

	if (!is_int(clk_month(ym, &a, &b), 0, "month %s parses", ym))
		return;
	is_int(a, lo, "month %s starts at %lld", ym, (long long)lo);
	is_int(b, hi, "month %s ends at %lld", ym, (long long)hi);
}

static void
test_month(void)
{
	int64_t a, b;

	zone("CST-8");
	month("2013-07", 1372608000, 1375286400);
	month("2013-02", 1359648000, 1362067200);
	month("2012-02", 1328025600, 1330531200);
	month("2013-12", 1385827200, 1388505600);
	month("2013/7", 1372608000, 1375286400);
	is_int(clk_month("2013-13", &a, &b), -1, "month 2013-13 is refused");
	is_int(clk_month("2013-00", &a, &b), -1, "month 2013-00 is refused");
	is_int(clk_month("2013-07-01", &a, &b), -1, "a date is not a month");
	is_int(clk_month("201307", &a, &b), -1, "201307 is refused");
	is_int(clk_month("2013-07 ", &a, &b), -1, "a blank after is refused");
	is_int(clk_month("1899-12", &a, &b), -1, "1899-12 is refused");

	zone("EST5EDT,M3.2.0,M11.1.0");
	month("2013-03", 1362114000, 1364788800);
	clk_month("2013-03", &a, &b);
	is_int(b - a, 31 * 86400 - 3600, "March 2013 in New York is an hour "
	    "short");
}

static void
test_day_start(void)
{
	int64_t t;

	zone("CST-8");
	is_int(clk_day_start(1372642215), 1372608000, "day start of 09:30");
	is_int(clk_day_start(1372608000), 1372608000, "day start of midnight");
	is_int(clk_day_start(1372607999), 1372608000 - 86400,
	    "day start of 23:59:59 the day before");
	zone("UTC0");
	is_int(clk_day_start(1372642215), 1372636800, "day start in UTC");
	zone("EST5EDT,M3.2.0,M11.1.0");
	/* the day summer time starts is 23 hours long, the day it ends 25 */
	is_int(clk_day_start(1362974400 - 1), 1362891600,
	    "day start on 2013-03-10 in New York");
	is_int(clk_parse("2013-03-10", &t, NULL), 0, "2013-03-10 parses");
	is_int(t, 1362891600, "as 05:00 UTC");
	is_int(clk_parse_until("2013-03-10", &t), 0, "until 2013-03-10 parses");
	is_int(t, 1362974400, "as 04:00 UTC the next day (23 hours)");
	is_int(clk_parse_until("2013-11-03", &t), 0, "until 2013-11-03 parses");
	is_int(t - 1383451200, 25 * 3600, "2013-11-03 is 25 hours long");
	parses("2013-07-01 09:30:15", 1372685415, 1);
}

static void
ymd(const char *s, int want)
{
	int v = -7;

	if (is_int(clk_parse_ymd(s, &v), 0, "date '%s' parses", s))
		is_int(v, want, "date '%s' is %d", s, want);
}

static void
test_ymd(void)
{
	int v;

	ymd("2013-10-01", 20131001);
	ymd("2013/7/1", 20130701);
	ymd("2012-02-29", 20120229);
	is_int(clk_parse_ymd("2013-02-29", &v), -1, "2013-02-29 is refused");
	is_int(clk_parse_ymd("2013-07-01 09:00", &v), -1,
	    "a date with a time is refused");
	is_int(clk_parse_ymd("@0", &v), -1, "@EPOCH is refused");
	is_int(clk_parse_ymd("2013-07-01,", &v), -1, "trailing ',' is refused");
}

/* run clk_now() in a child with GRID_NOW set to env (NULL: unset); the
 * child writes what it got, twice, the second time after changing
 * GRID_NOW, which must not matter */
static int
child_now(const char *env, char *out, size_t n, char *err, size_t errn)
{
	int po[2], pe[2], status;
	ssize_t k;
	pid_t pid;

	if (pipe(po) < 0 || pipe(pe) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char a[CLK_BUFSZ], b[CLK_BUFSZ];

		dup2(po[1], 1);
		dup2(pe[1], 2);
		if (env)
			setenv("GRID_NOW", env, 1);
		else
			unsetenv("GRID_NOW");
		snprintf(a, sizeof a, "%lld", (long long)clk_now());
		setenv("GRID_NOW", "2000-01-01", 1);
		snprintf(b, sizeof b, "%lld", (long long)clk_now());
		printf("%s %s", a, b);
		fflush(stdout);
		_exit(0);
	}
	close(po[1]);
	close(pe[1]);
	k = read(po[0], out, n - 1);
	out[k > 0 ? k : 0] = '\0';
	k = read(pe[0], err, errn - 1);
	err[k > 0 ? k : 0] = '\0';
	close(po[0]);
	close(pe[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
test_now(void)
{
	char out[128], err[256], want[64];
	long long a, b;
	time_t before;

	zone("CST-8");
	is_int(child_now("2013-07-01 09:30:15", out, sizeof out, err,
	    sizeof err), 0, "GRID_NOW='2013-07-01 09:30:15' runs");
	is_str(out, "1372642215 1372642215", "GRID_NOW is the time, once "
	    "for the whole run");
	child_now("@1372642215", out, sizeof out, err, sizeof err);
	is_str(out, "1372642215 1372642215", "GRID_NOW='@1372642215'");
	child_now("2013-07-01T01:30:15Z", out, sizeof out, err, sizeof err);
	is_str(out, "1372642215 1372642215", "GRID_NOW in ISO 8601");
	child_now("2013-07-01", out, sizeof out, err, sizeof err);
	is_str(out, "1372608000 1372608000", "GRID_NOW as a date is midnight");

	before = time(NULL);
	is_int(child_now(NULL, out, sizeof out, err, sizeof err), 0,
	    "no GRID_NOW runs");
	ok(sscanf(out, "%lld %lld", &a, &b) == 2 && a == b &&
	    a >= before && a <= time(NULL) + 1, "no GRID_NOW: the clock, "
	    "once for the whole run");
	child_now("", out, sizeof out, err, sizeof err);
	ok(sscanf(out, "%lld %lld", &a, &b) == 2 && a >= before,
	    "an empty GRID_NOW is no GRID_NOW");

	is_int(child_now("2013-02-30", out, sizeof out, err, sizeof err), 2,
	    "a bad GRID_NOW is a usage error (exit 2)");
	is_str(out, "", "and nothing is written to stdout");
	snprintf(want, sizeof want, "bad GRID_NOW '2013-02-30': want ");
	ok(strstr(err, want) != NULL && strstr(err, "YYYY-MM-DD[ HH:MM[:SS]], "
	    "ISO 8601 or @EPOCH\n") != NULL, "it says what it wants");
	printf("# %s", err);
	is_int(child_now("yesterday", out, sizeof out, err, sizeof err), 2,
	    "GRID_NOW=yesterday is a usage error");
}

static int
pick(int n)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((lcg >> 33) % (unsigned)n);
}

/* good times with up to three characters changed, dropped or added */
static void
mutant(char *s, size_t n)
{
	static const char *good[] = {
		"2013-07-01", "2013/7/1 9:30", "2013-07-01 09:30:15",
		"2013-07-01T09:30:15+08:00", "2013-07-01T01:30:15.250Z",
		"2013-07-01T09:30+0800", "@1372642215", "2012-02-29T23:59-05"
	};
	static const char alpha[] = "0123456789-/ :T+Z@.";
	size_t len;
	int k, at;

	snprintf(s, n, "%s", good[pick(sizeof good / sizeof good[0])]);
	for (k = pick(4); k > 0; k--) {
		len = strlen(s);
		at = pick((int)len + 1);
		switch (pick(3)) {
		case 0:
			if (at < (int)len)
				s[at] = alpha[pick(sizeof alpha - 1)];
			break;
		case 1:
			memmove(s + at, s + at + (at < (int)len), len - at + 1);
			break;
		default:
			if (len + 1 < n) {
				memmove(s + at + 1, s + at, len - at + 1);
				s[at] = alpha[pick(sizeof alpha - 1)];
			}
		}
	}
}

/* whatever parses is a time that reads back from its ISO form, and from
 * its plain form in a zone without summer time */
static void
test_fuzz(void)
{
	char s[40], buf[CLK_BUFSZ];
	int64_t t, back;
	int i, parsed = 0, bad = 0;

	zone("CST-8");
	for (i = 0; i < 200000; i++) {
		mutant(s, sizeof s);
		if (clk_parse(s, &t, NULL) < 0)
			continue;
		parsed++;
		bad += clk_parse(clk_fmt_iso(t, buf), &back, NULL) < 0 ||
		    back != t;
		bad += clk_parse(clk_fmt(t, buf), &back, NULL) < 0 ||
		    back != t;
	}
	printf("# %d of 200000 changed times parsed\n", parsed);
	is_int(bad, 0, "changed times that parse read back as written");
}

/* TZ values the C library can use, and ones it would read as UTC */
static void
test_tz(void)
{
	static const char *const good[] = { "CST-8", "UTC0", "NST3:30",
		"EST5EDT,M3.2.0,M11.1.0", "<+08>-8", "CET-1CEST,M3.5.0,M10.5.0/3",
		"AAA3BBB,J60/2,300", "UTC", "GMT", "", NULL };
	static const char *const bad[] = { "Nowhere/Atlantis", "CST", "C-8",
		"CST+25", "CST-8XDT,M13.1.0,M11.1.0", "CST-8CDT,M3.2.0",
		"CST-8 ", "<AB>-8", ":Nowhere", "CST-8CDT,J0,J365", NULL };
	int i;

	for (i = 0; good[i]; i++)
		ok(clk_tz_ok(good[i]), "TZ '%s' is one the C library can use",
		    good[i]);
	for (i = 0; bad[i]; i++)
		ok(!clk_tz_ok(bad[i]), "TZ '%s' is not", bad[i]);
	ok(clk_tz_ok(NULL), "no TZ: the system's zone");
}

int
main(void)
{
	test_tz();
	test_parse_cst();
	test_parse_utc();
	test_until();
	test_fmt();
	round_trips("CST-8", 1);
	round_trips("UTC0", 1);
	round_trips("NST3:30", 1);
	round_trips("EST5EDT,M3.2.0,M11.1.0", 0);
	test_month();
	test_day_start();
	test_ymd();
	test_now();
	test_fuzz();
	return done_testing();
}
