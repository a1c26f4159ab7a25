/*
 * history.h - one issue's whole record: the issue as it stands, with the
 * names of its grid, unit and rung, and its events in the order they
 * happened (gridkit(7): the event log is "the complete record") -- filed,
 * routed, accepted,
 * escalated, flagged, notes, resolved, closed, feedback, ratings,
 * reopened, rejected -- with when, which program, which login and what.
 * issue-show prints it, and grid-top shows it when Enter is pressed on an
 * issue; both read it here, and history_describe() says what an event did in
 * words for both.
 *
 * As rows (hist_rows), one an event; the columns, a contract for scripts:
 *   issue, at, kind, status, rung, level, unit, due_at  the event, and the
 *                        issue's state after it
 *   prog, login          which program, which login
 *   detail               what changed, the event's JSON object
 *
 * history_load() runs its queries in the caller's transaction, if any: wrap
 * it in store_read() ... store_commit() to read one snapshot.
 */
#ifndef GK_HISTORY_H
#define GK_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "issue.h"
#include "out.h"
#include "scrub.h"
#include "store.h"
#include "util.h"

/* SQL: the name of a rung as the exports write it, the level's name, else
 * "cadre" for rung 0, else "depth N" (rung and name are SQL expressions) */
#define HISTORY_LEVEL_SQL(rung, name) "coalesce(" name ", CASE WHEN " rung \
	" = 0 THEN 'cadre' ELSE 'depth ' || " rung " END)"

struct history_event {
	int64_t id, issue, at;
	int64_t due_at;         /* 0: none */
	int rung;               /* -1: not recorded */
	char *prog, *login, *kind, *subject, *status, *unit, *detail;
	char *level;            /* the name of the rung, NULL when none */
};

struct history {
	struct issue is;
	char *grid_name, *unit_name, *level; /* NULL when unknown */
	struct history_event *ev;
	size_t nev;
};

/* 1 and h filled when the issue exists, else 0 (h empty, safe to free) */
int history_load(struct store *st, int64_t id, struct history *h);
void history_free(struct history *h);
/* the free text of h -- the issue's text, answer and reason, the events'
 * subjects and details (notes, answers, reasons) -- scrubbed in place by
 * sc (redact.h), for every output that is not --reveal */
void history_scrub(struct history *h, struct scrub *sc);

/* what an event did, in words ("to U03 城管局 by rule 4, assisting U04;
 * due 2013-07-01 17:00:00"), appended to out */
void history_describe(struct store *st, const struct history_event *e,
    struct sbuf *out);

#define HISTORY_NCOLS 11
extern const struct out_col history_cols[HISTORY_NCOLS];

/* the events of an issue as rows, their free text scrubbed by sc unless
 * it is NULL (--reveal); 0, or -1 when there is no such issue */
int history_rows(struct store *st, int64_t issue, struct scrub *sc,
    struct out *out);
/* the record for people: the issue's fields, then one line an event,
 * scrubbed as hist_rows; 0, or -1 when there is no such issue */
int history_print(struct store *st, int64_t issue, struct scrub *sc,
    FILE *fp);

#endif
