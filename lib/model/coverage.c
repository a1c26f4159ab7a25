#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "coverage.h"
#include "tree.h"

const struct out_col coverage_cols[COVERAGE_NCOLS] = {
	{ "cadre", OUT_STR }, { "name", OUT_STR }, { "grid", OUT_STR },
	{ "households", OUT_NUM }, { "visited", OUT_NUM },
	{ "share", OUT_NUM }, { "visits", OUT_NUM },
	{ "last_visit", OUT_STR }
};

/* ?1 and ?2 are the period; a subtree's bounds come after them */
#define IN_PERIOD "v.cadre = c.code AND v.at >= ?1 AND v.at < ?2"
#define COVERAGE "SELECT c.code, c.name, c.grid," \
	" (SELECT count(*) FROM pairs p WHERE p.cadre = c.code" \
	"  AND p.ended_at IS NULL)," \
	" (SELECT count(*) FROM pairs p WHERE p.cadre = c.code" \
	"  AND p.ended_at IS NULL AND EXISTS (SELECT 1 FROM visits v" \
	"  WHERE " IN_PERIOD " AND v.household = p.household))," \
	" (SELECT count(*) FROM visits v WHERE " IN_PERIOD ")," \
	" (SELECT max(v.at) FROM visits v WHERE " IN_PERIOD ")" \
	" FROM cadres c WHERE (c.status = 'active' OR EXISTS (SELECT 1" \
	" FROM visits v WHERE " IN_PERIOD "))"

const char *
coverage_share(long part, long whole, char *buf, size_t n)
{
	if (whole <= 0)
		return NULL;
	snprintf(buf, n, "%.3f", (double)part / (double)whole);
	return buf;
}

int
coverage_run(struct store *st, const struct coverage_opts *o, struct out *out)
{
	static const char all[] = COVERAGE " ORDER BY c.code";
	static const char sub[] = COVERAGE " AND c.grid " TREE_IN
	    " ORDER BY c.code";
	char *lo = NULL, *hi = NULL;
	char num[3][24], share[24], last[CLK_BUFSZ];
	const char *v[COVERAGE_NCOLS];
	struct sql_stmt *s;
	int i;

	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0)
		return -1;
	s = store_stmt(st, lo ? sub : all);
	sql_bind_int(s, 1, o->since ? o->since : INT64_MIN);
	sql_bind_int(s, 2, o->until ? o->until : INT64_MAX);
	if (lo) {
		sql_bind_text(s, 3, lo);
		sql_bind_text(s, 4, hi);
	}
	while (store_step(st, s) == SQL_ROW) {
		for (i = 0; i < 3; i++)
			v[i] = sql_col_text(s, i);
		for (i = 0; i < 3; i++) {
			snprintf(num[i], sizeof num[i], "%lld",
			    (long long)sql_col_int(s, 3 + i));
		}
		v[3] = num[0];
		v[4] = num[1];
		v[5] = coverage_share(sql_col_int(s, 4),
		    sql_col_int(s, 3), share, sizeof share);
		v[6] = num[2];
		v[7] = sql_col_null(s, 6) ? NULL :
		    clk_fmt(sql_col_int(s, 6), last);
		out_row(out, v, NULL);
	}
	free(lo);
	free(hi);
	return 0;
}
