#include <string.h>

#include "clock.h"
#include "period.h"

int
period_parse(const char *month, const char *since, const char *until,
    struct period *p, const char **why)
{
	char ym[CLK_BUFSZ];

	memset(p, 0, sizeof *p);
	if (month) {
		if (since || until) {
			*why = "--month goes alone, without --since or --until";
			return -1;
		}
		if (clk_month(month, &p->lo, &p->hi) != 0) {
			*why = "--month wants a month as YYYY-MM";
			return -1;
		}
		p->month = 1;
		return 0;
	}
	if (!since && !until) {
		period_month_name(clk_now(), ym);
		clk_month(ym, &p->lo, &p->hi);
		p->month = 1;
		return 0;
	}
	p->hi = clk_now() + 1;
	if (since && clk_parse(since, &p->lo, NULL) != 0) {
		*why = "--since wants a time (YYYY-MM-DD [HH:MM])";
		return -1;
	}
	if (until && clk_parse_until(until, &p->hi) != 0) {
		*why = "--until wants a time (YYYY-MM-DD [HH:MM])";
		return -1;
	}
	if (p->lo >= p->hi) {
		*why = "the period is empty: it ends before it begins";
		return -1;
	}
	return 0;
}

char *
period_month_name(int64_t t, char *buf)
{
	char d[CLK_BUFSZ];

	clk_fmt_date(t, d);
	memcpy(buf, d, 7);
	buf[7] = '\0';
	return buf;
}

int64_t
period_month_start(int64_t t)
{
	char ym[8];
	int64_t lo, hi;

	if (clk_month(period_month_name(t, ym), &lo, &hi) != 0)
		return t;
	return lo;
}

int64_t
period_next_month(int64_t t)
{
	char ym[8];
	int64_t lo, hi;

	if (clk_month(period_month_name(t, ym), &lo, &hi) != 0)
		return t + 86400 * 31;
	return hi;
}
