/*
 * coverage.h - how well cadres visit their households (visit-log
 * --coverage): for each cadre, the households he has now, how many of them
 * he visited in a period, the share, and his visits in the period.
 *
 * The cadres are those serving in the subtree (cadres.grid), the active
 * ones and any who left but visited in the period, in code order.  The
 * columns, a contract for scripts:
 *   cadre, name, grid   the cadre
 *   households          his current households
 *   visited             how many of them he visited in the period
 *   share               visited / households, three decimals (empty when
 *                       he has no households)
 *   visits              his visits in the period, to any household
 *   last_visit          the last of them (empty when none)
 */
#ifndef GK_COVERAGE_H
#define GK_COVERAGE_H

#include <stdint.h>

#include "out.h"
#include "store.h"

#define COVERAGE_NCOLS 8
extern const struct out_col coverage_cols[COVERAGE_NCOLS];

struct coverage_opts {
	const char *grid;      /* only cadres serving under it; NULL all */
	int64_t since, until;  /* the period [since, until); 0 unbounded */
};

/* write the rows to out; 0, or -1 when the grid does not exist */
int coverage_run(struct store *st, const struct coverage_opts *o, struct out *out);

/* share of part in whole, "0.419", into buf; NULL when whole is 0 */
const char *coverage_share(long part, long whole, char *buf, size_t n);

#endif
