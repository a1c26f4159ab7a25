/*
 * ilist.h - finding issues (issue-list): filters that combine with AND,
 * each served by an index of the issues table on a store of millions
 * (see ilist_sql and tests/unit/ilist.c, which checks the plans), and the
 * rows they give, in id order (the order they were filed in).
 *
 * The columns, a contract for scripts:
 *   id, status     the issue and its state
 *   level          the name of its rung (levels; "cadre" for 0 when no
 *                  level names it, "depth N" for a depth no level names)
 *   held_by        who holds it on its rung: the contact cadre's code on
 *                  rung 0, else the grid's code
 *   grid           where it was found
 *   unit           the lead unit, once routed
 *   category
 *   filed_at, due_at
 *   text           its phone and ID numbers masked unless reveal
 *                  (redact.h)
 */
#ifndef GK_ILIST_H
#define GK_ILIST_H

#include <stdint.h>

#include "out.h"
#include "store.h"
#include "util.h"

#define ISSUE_LIST_NCOLS 10
extern const struct out_col issue_list_cols[ISSUE_LIST_NCOLS];

struct issue_list_opts {
	const char *status;    /* one or more, ','-separated */
	const char *grid;      /* found in this subtree */
	const char *unit, *category, *household, *cadre, *ref;
	int rung;              /* -1: any */
	int overdue;           /* open, routed or accepted, and past due */
	int64_t now;           /* what overdue is measured against */
	int64_t since, until;  /* filed in [since, until); 0 unbounded */
	int reveal;            /* the text as typed, numbers unmasked */
};

/* the rung a --level names: a depth ("3") or a level's name ("村", or
 * "cadre" for 0 when no level names it); -1 when it names none */
int issue_list_rung(struct store *st, const char *level);
/* check the options that name things: 0, or -1 with why (a status that is
 * none, a grid that does not exist) */
int issue_list_check(struct store *st, const struct issue_list_opts *o,
    struct sbuf *why);
/* the query for o on a store of this kind (its parameters are bound by
 * issue_list_run): for checking its plan */
void issue_list_sql(const struct issue_list_opts *o, enum sql_kind kind,
    struct sbuf *sql);
/* write the rows to out; the number of rows */
long issue_list_run(struct store *st, const struct issue_list_opts *o, struct out *out);

#endif
