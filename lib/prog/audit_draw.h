/*
 * audit.h - public audits (doc/domain.md, "Cadres paired with households"):
 * cadres drawn at
 * random at a public meeting, their households phoned on the spot to
 * confirm the visits the cadres claimed, and what the calls found.
 *
 * A draw must be checkable by anyone from the seed announced beforehand,
 * so it is fixed exactly (audit-draw(1) documents it for re-implementers):
 *   1. the pool: the codes of the active cadres serving in the subtree (or
 *      all of them), in byte order;
 *   2. the generator of rng.h seeded with the seed string's bytes;
 *   3. a partial Fisher-Yates shuffle: for i = 0 .. k-1, j = i +
 *      rng_below(n - i), swap pool[i] and pool[j]; pool[i] is drawn
 *      (i + 1)-th.  k is the count asked for, or n if that is fewer.
 *
 * A drawn cadre's households are those paired with him at the time of
 * the draw, and his claimed visits those logged for them up to then; the
 * calls and the report keep to that, whatever moved since.
 */
#ifndef GK_AUDIT_H
#define GK_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "out.h"
#include "store.h"
#include "util.h"

/* step 3 above: idx[0..n) is set to 0..n-1 and shuffled; the first k are
 * the draw, in order */
void audit_draw_pick(const char *seed, size_t n, size_t k, size_t *idx);

struct audit_draw {
	int64_t id;     /* the draw's id in the store */
	long pool;      /* active cadres it was drawn from */
	long drawn;     /* cadres drawn: the count, or the pool if smaller */
	char *detail;   /* its event's JSON: seed, count, grid, pool, cadres */
};

/* draw count cadres (under grid, if not NULL) with seed and record the
 * draw: 0, or with why -1 (no active cadre to draw) or -2 (no such grid);
 * audit_draw_free() d after a 0 */
int audit_draw_run(struct store *st, const char *seed, long count,
    const char *grid, struct audit_draw *d, struct sbuf *why);
void audit_draw_free(struct audit_draw *d);

/* A dry run shows a draw that is then rolled back; but a seed tried in
 * private tells which cadres a public draw with that seed will pick, so
 * someone may try seeds until one spares a cadre.  What stays of a dry run
 * is a trace for the auditors: an event "draw-preview" (subject "dry
 * run"), with who and when as every event has, and d's detail -- the
 * seed, the count, the grid, the pool and the cadres it would draw.
 * Call it in a transaction of its own, after the draw's rollback */
void audit_draw_preview(struct store *st, const struct audit_draw *d);

/* the households of a draw's cadres, for the calls: household, head,
 * phone, cadre, name, seq, visits, last_visit; a cadre with no households
 * has one row with an empty household.  Heads and phones are masked as in
 * the exports when mask is set (a dry run: nobody calls from it) */
#define AUDIT_DRAW_LIST_NCOLS 8
extern const struct out_col audit_draw_list_cols[AUDIT_DRAW_LIST_NCOLS];
void audit_draw_list(struct store *st, int64_t draw, int mask, struct out *o);

/* what a call to a household of the draw found: "confirmed" or "denied".
 * 1 recorded, 2 changed a result recorded before, 0 the same was recorded
 * already, -1 with why (no such draw or household, not a household of the
 * draw's cadres) */
int audit_draw_record(struct store *st, int64_t draw, const char *household,
    const char *result, const char *note, struct sbuf *why);

/* per drawn cadre: cadre, name, seq, households, visited (households with
 * a claimed visit), share, confirmed, denied, uncalled, flag ("denied" when
 * a call was denied, else "unvisited" when some household has no claimed
 * visit); worst first: most denied, then the lowest share, then seq */
#define AUDIT_DRAW_REPORT_NCOLS 10
extern const struct out_col audit_draw_report_cols[AUDIT_DRAW_REPORT_NCOLS];
void audit_draw_report(struct store *st, int64_t draw, struct out *o);

/* 1 if the draw is in the store */
int audit_draw_exists(struct store *st, int64_t draw);

#endif
