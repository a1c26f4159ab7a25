/*
 * assign.h - who looks after what: grid leaders, and the pairing of cadres
 * with households (doc/domain.md, "Cadres paired with households";
 * grid-assign(1)).
 *
 * Pairing fills the cadres of a grid evenly.  The households a run pairs
 * are shared out over a pool of cadres so that the loads (the households
 * each already has, wherever they live, and the new ones) end as level as
 * they can: no cadre of the pool more than one household above another,
 * unless some had more before the run (pairs are never taken away) or a cap
 * (--per) stops them.  The households are taken in code order and each
 * cadre, in code order, takes one run of them: neighbours stay together.
 *
 * A household's pool is the active cadres serving in its grid, or, when
 * there are none, in the nearest grid above it that has some.  A leaving
 * cadre's households go to the pools of their own grids (not the grid he
 * serves in, which may have changed with his job), shared out the same
 * way.
 *
 * The functions write the pairs (through one transaction of the caller's)
 * and their events; every household they deal with goes to an emit
 * callback with its new cadre, or NULL when it was left without one.
 */
#ifndef GK_ASSIGN_H
#define GK_ASSIGN_H

#include <stdint.h>

#include "import.h"
#include "store.h"
#include "util.h"

/* the share of n new households among k cadres with these loads: quota[i]
 * is what cadre i gets.  The final loads are level (within one household);
 * a cadre already above the level gets nothing; the one-household
 * remainders go to the first cadres (in their order) at the level.  With
 * cap > 0 no cadre ends above cap.  Returns how many of the n are placed */
long grid_assign_share(const long *load, int k, long n, long cap, long *quota);

/* hands out households in order: the first quota[0] to cadre 0, the next
 * quota[1] to cadre 1, ... (one contiguous run each) */
struct grid_assign_run {
	const long *quota;
	int k, cur;
	long used;
};

void grid_assign_run_init(struct grid_assign_run *r, const long *quota, int k);
/* the cadre of the next household, or -1 when the quotas are used up */
int grid_assign_next(struct grid_assign_run *r);

/* a household dealt with, and its new cadre (NULL: left unpaired) */
typedef void grid_assign_emit(void *ctx, const char *household, const char *cadre);

struct grid_assign_opts {
	const char *grid;  /* pair: only households under this grid; NULL all */
	long per;          /* at most this many households a cadre; 0 no cap */
	int64_t at;        /* when: pairs end and start at this time */
	grid_assign_emit *emit;
	void *ctx;
};

struct grid_assign_sum {
	long paired;       /* households given a (new) cadre */
	long unpaired;     /* households left without a cadre */
};

/* pair every unpaired household (under o->grid) with a cadre of its pool;
 * says on stderr which grids left households unpaired, and why.  0, or -1
 * when o->grid does not exist */
int grid_assign_pair(struct store *st, const struct grid_assign_opts *o,
    struct grid_assign_sum *sum);

/* cadres leaving: each is set to left and his pairs end; at the end their
 * households are handed to the pools of the households' grids */
struct grid_assign_release;

struct grid_assign_release *grid_assign_release_begin(struct store *st,
    const struct grid_assign_opts *o);
/* one cadre leaves: 0, or -1 with why (no such cadre; left already and no
 * households) */
int grid_assign_release_add(struct grid_assign_release *r, const char *cadre,
    struct sbuf *why);
/* hand the households on, write the run's event, free r */
void grid_assign_release_end(struct grid_assign_release *r, struct grid_assign_sum *sum);

/* every current household of cadre `from` (under grid, if not NULL) goes
 * to cadre `to`: the number moved, or -1 with why */
long grid_assign_move(struct store *st, const char *from, const char *to,
    const struct grid_assign_opts *o, struct sbuf *why);

/* make the cadre the grid's leader: 1 changed, 0 he was already, -1 with
 * why (no such grid or cadre, or the cadre has left) */
int grid_assign_leader(struct store *st, const char *grid, const char *cadre,
    struct sbuf *why);

/* leaders in bulk for import_run(): records of grid, leader */
extern const struct kind grid_assign_leaders;

#endif
