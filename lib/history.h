/*
 * history.h - the complete record of an issue (issue-show): its fields,
 * and every event of its life in time order -- filed, routed, accepted,
 * escalated, flagged, notes, resolved, closed, feedback, ratings,
 * reopened, rejected -- with when, which program, which login and what,
 * as the event log has them.
 *
 * The query of an issue's history lives here, for issue-show and for any
 * other program that shows one (grid-top's board may): hist_each() walks
 * the events, hist_describe() says what one did in words.
 *
 * As rows (hist_rows), one an event; the columns, a contract for scripts:
 *   issue, at, kind, status, rung, level, unit, due_at  the event, and the
 *                        issue's state after it
 *   prog, login          which program, which login
 *   detail               what changed, the event's JSON object
 */
#ifndef GK_HISTORY_H
#define GK_HISTORY_H

#include <stdint.h>
#include <stdio.h>

#include "out.h"
#include "store.h"
#include "util.h"

struct hist_event {
	int64_t id, issue, at;
	const char *kind, *prog, *login;
	const char *status, *unit;  /* the issue's state after the event */
	int rung;
	int64_t due_at;             /* 0: none */
	const char *detail;         /* a JSON object, or NULL */
};

/* call fn for each event of an issue, in time order (then in the order
 * logged); the number of events */
long hist_each(struct store *st, int64_t issue,
    void (*fn)(const struct hist_event *e, void *arg), void *arg);

/* what an event did, in words ("to U03 城管局 by rule 4, assisting U04;
 * due 2013-07-01 17:00:00"), appended to out */
void hist_describe(struct store *st, const struct hist_event *e,
    struct sbuf *out);

#define HIST_NCOLS 11
extern const struct out_col hist_cols[HIST_NCOLS];

/* the events of an issue as rows; 0, or -1 when there is no such issue */
int hist_rows(struct store *st, int64_t issue, struct out *out);
/* the record for people: the issue's fields, then one line an event;
 * 0, or -1 when there is no such issue */
int hist_print(struct store *st, int64_t issue, FILE *fp);

#endif
