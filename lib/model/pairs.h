/*
 * pairs.h - which cadre looks after which household, over time, and the
 * cadres' visits (doc/domain.md, "Cadres paired with households").
 *
 * A pair is never overwritten: pairing a household with another cadre ends
 * the current pair (ended_at) and starts a new one, so the history stays.
 * A household has at most one current pair.  A cadre who changes job keeps
 * his households; only pairing them with someone else moves them.
 *
 * A visit counts when, at its time, the household was the cadre's: a pair
 * of the two covered that time.  A household's first pair also covers the
 * time before it was recorded, so visits logged before the store knew the
 * pairs still count.  Visits are kept to the minute: the same cadre,
 * household and minute is one visit.
 *
 * These functions write no events: the pairs and visits tables are their
 * own record; the programs log what they did as a whole.
 */
#ifndef GK_PAIRS_H
#define GK_PAIRS_H

#include <stdint.h>

#include "store.h"
#include "util.h"

/* the household's current cadre, a copy, or NULL */
char *pair_current(struct store *st, const char *household);

/* pair the household with the cadre from `at` on.  1 when that changed the
 * pairing, 0 when they were paired already, -1 with why when the household
 * or the cadre does not exist, the cadre has left or the household has
 * moved away */
int pair_set(struct store *st, const char *household, const char *cadre,
    int64_t at, struct sbuf *why);

/* end the household's current pair at `at`; 1 if there was one */
int pair_end(struct store *st, const char *household, int64_t at);

/* record a visit: 1 added, 0 already recorded, -1 with why when the cadre
 * or household does not exist, the time is in the future, or the household
 * was not the cadre's at that time */
int visit_add(struct store *st, const char *cadre, const char *household,
    int64_t at, const char *note, struct sbuf *why);

#endif
