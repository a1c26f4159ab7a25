/*
 * office.h - many offices on one store (gridkit(7), "Many offices"): may
 * the office running this program change an issue, file one in a grid, log
 * a visit?
 *
 * On PostgreSQL an office is a database role in the group gridkit_clerk,
 * tied by the offices table to grids (and their subtrees) and units; the
 * database itself refuses it every other issue (row-level security and a
 * trigger that grid-init sets up, schema_pg_offices()), for psql as for
 * gridkit.  These checks come first, so that a program refuses such an
 * issue as it refuses an action the state does not allow (a
 * message, exit 1, the other issues done) instead of failing on the
 * database's refusal with exit 3.  The store's owner, and a role the
 * policies do not bind, may change every issue.  On SQLite, one file one
 * office: every issue is the office's, and nothing is asked.
 */
#ifndef GK_OFFICE_H
#define GK_OFFICE_H

#include <stdint.h>

#include "store.h"
#include "util.h"

/* 1 when this connection is an office bound by the policies */
int office_bound(struct store *st);
/* 0 when the office may change issue id (or it does not exist); else -1,
 * and why says why */
int office_refuses(struct store *st, int64_t id, struct sbuf *why);
/* 0 when the office may file an issue in grid; else -1 with why */
int office_refuses_grid(struct store *st, const char *grid,
    struct sbuf *why);
/* the same for a caller that asked the database itself, by
 * gridkit_office_may(grid, NULL) (may: its answer) */
int office_grid_answer(struct store *st, const char *grid, int may,
    struct sbuf *why);
/* 0 when the office may log cadre's visit to household (its grid is the
 * office's, or the cadre's unit); else -1 with why */
int office_refuses_visit(struct store *st, const char *household,
    const char *cadre, struct sbuf *why);

#endif
