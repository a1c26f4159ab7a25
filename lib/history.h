/*
 * history.h - one issue's whole record: the issue as it stands, with the
 * names of its grid, unit and rung, and its events in the order they
 * happened (DESIGN.md, "a complete record").  issue-show prints it, and
 * grid-top shows it when Enter is pressed on an issue; both read it here.
 *
 * history_load() runs its queries in the caller's transaction, if any: wrap
 * it in store_read() ... store_commit() to read one snapshot.
 */
#ifndef GK_HISTORY_H
#define GK_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "issue.h"
#include "store.h"

/* SQL: the name of a rung as the exports write it, the level's name, else
 * "cadre" for rung 0, else "depth N" (rung and name are SQL expressions) */
#define HIST_LEVEL_SQL(rung, name) "coalesce(" name ", CASE WHEN " rung \
	" = 0 THEN 'cadre' ELSE 'depth ' || " rung " END)"

struct hist_event {
	int64_t id, at;
	int64_t due_at;         /* 0: none */
	int rung;               /* -1: not recorded */
	char *prog, *login, *kind, *subject, *status, *unit, *detail;
	char *level;            /* the name of the rung, NULL when none */
};

struct history {
	struct issue is;
	char *grid_name, *unit_name, *level; /* NULL when unknown */
	struct hist_event *ev;
	size_t nev;
};

/* 1 and h filled when the issue exists, else 0 (h empty, safe to free) */
int history_load(struct store *st, int64_t id, struct history *h);
void history_free(struct history *h);

#endif
