/*
 * issue.h - the life of an issue (gridkit(7), "The life of an issue" and
 * "the ladder"), shared by issue-file, issue-route, issue-update, escalate
 * and the reports.
 *
 *   open --route--> routed --accept--> accepted --resolve--> resolved
 *   resolved --close--> closed
 *   open, routed, accepted --resolve--> resolved   (small matters: the rung
 *                                                   that holds it solves it)
 *   open, routed, accepted --reject / duplicate--> rejected
 *   resolved, closed, rejected --reopen--> routed (back to its unit) or open
 *   resolved --feedback unsatisfied--> reopened the same way
 *
 * The field's case rules, each with its own event kind:
 *   open, routed, accepted --refer-up--> the same, one rung up (referred)
 *   routed, accepted --extend--> the same, a later deadline (extended)
 *   routed, accepted --return--> open, no unit, to be routed again
 *                                (returned)
 *   routed, accepted --park--> parked: no deadline (parked)
 *   parked --unpark--> the state it had, with the working time that was
 *                      left (unparked)
 *   resolved --rework--> accepted by the same unit, a fresh deadline
 *                        (reworked)
 *   open, routed, accepted, parked --owner--> the same (owner)
 *   any issue with a unit --rate-grid--> the same (rated_grid)
 *
 * The ladder: an issue about a household with a paired (active) cadre starts
 * on the cadre's rung, 0; otherwise on the grid where it was found, at that
 * grid's depth.  Each escalation moves it one rung up: cadre → the
 * household's grid → its parent → ... → the root, where it is flagged once
 * and stays.  The deadline at a rung is the rung's level hours (levels); a
 * routed issue's is its rule's hours; both in working time when a calendar
 * is present (cal.h).  A rung without a level has no deadline.
 *
 * Every change is one UPDATE of the issue and one event carrying the state
 * after it; a transition that does not fit the state changes nothing and
 * says which state the issue is in.  The caller owns the transaction.
 */
#ifndef GK_ISSUE_H
#define GK_ISSUE_H

#include <stdint.h>

#include "cal.h"
#include "istate.h"
#include "store.h"
#include "util.h"

/* what every issue function needs: the store, working time, now */
struct ictx {
	struct store *st;
	struct cal *cal;
	struct levels *levels;  /* read when first needed */
	int64_t now;
	/* the last deadlines computed: a batch meets few distinct hours */
	struct { int64_t from, due; double hours; } memo[8];
	int nmemo;
	/* a batch of filings on SQLite (issue_file_batch_begin): the text
	 * of the trigger lifted for it, and the issues after filed_after,
	 * whose events it has still to write */
	int batch;
	char *lifted;
	int64_t filed_after;
	int ids_locked;   /* issue_file_many: store_lock_ids() taken */
};

void ictx_init(struct ictx *c, struct store *st);
void ictx_free(struct ictx *c);

struct issue {
	int64_t id;
	char *ref, *household, *grid, *category, *text, *source, *reporter;
	char *status, *rung_grid, *cadre, *unit, *assist, *answer, *reason;
	char *owner, *cooperate, *parked_from;
	int private, rung, escalations, at_root, referrals;
	double parked_left;      /* working hours left when parked; -1: none */
	double hours;            /* time allowed where it is now; 0: none */
	int64_t filed_at, routed_at, accepted_at, resolved_at, closed_at;
	int64_t rejected_at, due_at, duplicate_of, updated_at; /* 0: none */
};

/* 1 and is filled when the issue exists, else 0 */
int issue_get(struct store *st, int64_t id, struct issue *is);
void issue_free(struct issue *is);
/* a decimal issue id ("12", also "#12"); 0 when s is not one */
int64_t issue_id(const char *s);

/* what issue-file takes; NULL for what is not given */
struct issue_new {
	const char *household, *grid, *category, *text, *source, *reporter;
	const char *private;     /* 0/1, yes/no, true/false */
	const char *filed_at;    /* a time; NULL: now */
	const char *ref;
};

/* file an issue: 1 and *id when filed; 0 and *id of the earlier issue when
 * its ref is in the store already; -1 with why when it is not good */
int issue_file(struct ictx *c, const struct issue_new *in, int64_t *id,
    struct sbuf *why);

/* Many at once, where each statement costs a round trip to a server
 * (issue_file_chunked(): PostgreSQL): in[0..n) filed as issue_file()
 * would file them one after another, rc[i], id[i] and why[i] what it
 * would give for in[i], in two statements for all of them.  A few
 * hundred a call is plenty (ISSUE_FILE_MANY) */
#define ISSUE_FILE_MANY 512
int issue_file_chunked(const struct ictx *c);
void issue_file_many(struct ictx *c, const struct issue_new *in, size_t n,
    int *rc, int64_t *id, struct sbuf *why);

/* a batch of filings in one transaction (issue-file's CSV or JSON Lines):
 * call issue_file_batch_begin() inside the transaction, before the first
 * issue_file(), and issue_file_batch_end() after the last, before the
 * commit (or the rollback) */
void issue_file_batch_begin(struct ictx *c);
void issue_file_batch_end(struct ictx *c);

/* where an issue is routed */
struct iroute {
	const char *unit;        /* the lead unit */
	const char *assist;      /* assisting units, ';'-separated, or NULL */
	double hours;            /* hours to act from now; 0: no deadline */
	long rule;               /* the rule that matched (its order); 0: by
	                          * hand, the platform's adjudication */
	const char *cooperate;   /* cooperating units (配合), ';'-separated,
	                          * or NULL */
};

/* route an issue.  By a rule only an open issue is routed; by hand an
 * open, routed or accepted one (re-routing what a unit pushed back), to a
 * unit and assisting units that must exist.  The event's detail names the
 * rule, or the unit it had before.  0 and the deadline in *due (0: none;
 * due may be NULL), or -1 with why (nothing changed) */
int issue_route(struct ictx *c, int64_t id, const struct iroute *to,
    int64_t *due, struct sbuf *why);

/* Routing by the rules in bulk (issue-route over many open issues).  Each
 * run of a statement costs its own plan steps, and until schema 7 made
 * SQLite build small tables for the schema's status IN (...) lists (the
 * CHECK and the partial indexes; now equalities, istate.h).  A batch keeps its routings in memory, loads them into a temporary table at
 * once (sql_load: COPY on PostgreSQL) and applies them with one UPDATE and
 * one INSERT of events: the same rows, the same events. */
struct iroutes;

struct iroutes *issue_routes_begin(struct ictx *c);
/* keep the routing by a rule of an issue the caller found open in this
 * transaction; its deadline in *due.  0, or -1 when the issue is in the
 * batch already */
int issue_routes_add(struct iroutes *b, int64_t id, const struct iroute *to,
    int64_t *due);
/* route the issues kept, and empty the batch; the number routed */
long issue_routes_apply(struct iroutes *b);
void issue_routes_end(struct iroutes *b);

/* the hours to act at a rung, from levels; 0 when no level gives any */
double issue_hours(struct ictx *c, int rung);

/* the status of an issue (a static string), or NULL when there is none */
const char *issue_status(struct store *st, int64_t id);

enum issue_action {
	ACT_ACCEPT,
	ACT_RESOLVE,     /* arg: the answer, may be NULL */
	ACT_CLOSE,
	ACT_REOPEN,
	ACT_REJECT,      /* arg: the reason, required */
	ACT_DUPLICATE,   /* arg: the original's id */
	ACT_NOTE,        /* arg: the text */
	ACT_FEEDBACK,    /* arg: satisfied, basic or unsatisfied */
	ACT_RATE,        /* arg: 1 to 5 */
	/* the field's case rules; the reason is the action's */
	ACT_REFER,       /* one rung up by hand */
	ACT_EXTEND,      /* arg: the hours of working time added */
	ACT_RETURN,
	ACT_PARK,
	ACT_UNPARK,
	ACT_REWORK,
	ACT_OWNER,       /* arg: the cadre */
	ACT_RATE_GRID    /* arg: 1 to 5 */
};

/* what the actions that must say why cannot do without a reason */
int issue_needs_reason(enum issue_action act);

/* one action on an issue: 0 done, -1 refused with why (nothing changed).
 * A note on a duplicate goes to its original; *target (if not NULL) gets
 * the issue the action landed on. */
int issue_act(struct ictx *c, int64_t id, enum issue_action act,
    const char *arg, int64_t *target, struct sbuf *why);

/* several actions on one issue, in the order given: all of them, or none
 * when one is refused (a savepoint inside the caller's transaction) */
struct iaction {
	enum issue_action act;
	const char *arg;
	const char *reason;      /* --reason: the case rules' why, or NULL */
};

int issue_act_all(struct ictx *c, int64_t id, const struct iaction *a,
    int n, int64_t *target, struct sbuf *why);

/* an escalation, as escalate reports it */
struct escalation {
	int64_t id;
	int from, to;            /* rungs */
	char *from_grid, *to_grid; /* NULL at the cadre rung */
	char *held_by;           /* the cadre who held it, or NULL */
	char *unit;
	int64_t old_due, due_at; /* due_at 0: the new rung has no deadline */
	double hours_over;
	int at_root;             /* it was at the root: flagged, not moved */
	int64_t case_id;         /* the accountability case opened */
};

enum escalate_result {
	ESC_NONE = 0,    /* no longer open and overdue: nothing to do */
	ESC_MOVED = 1,   /* moved one rung up */
	ESC_FLAGGED = 2, /* at the root: flagged now, the first time */
	ESC_AT_ROOT = 3  /* at the root, flagged before, still overdue */
};

/* escalate one issue the caller found open and past due.  Whether it still
 * is, is checked again here, so that the caller may have found it outside
 * the write transaction.  A move writes the issue, the pending
 * accountability case against who held it, and its event; a flag the issue and its event; e is filled in
 * every case but ESC_NONE (free it with escalation_free either way) */
enum escalate_result issue_escalate(struct ictx *c, int64_t id,
    struct escalation *e);
void escalation_free(struct escalation *e);
/* Many at once, where each statement costs a round trip to a server
 * (issue_escalate_chunked(): PostgreSQL): ids[0..n) escalated as
 * issue_escalate() would one after another, res[i] and e[i] what it
 * gives for ids[i], by five statements for all of them */
int issue_escalate_chunked(const struct ictx *c);
void issue_escalate_many(struct ictx *c, const int64_t *ids, size_t n,
    enum escalate_result *res, struct escalation *e);

/* the name of a rung from levels: "cadre" for 0 when no level names it,
 * "depth N" for a depth no level names; a copy */
char *issue_level_name(struct store *st, int rung);

#endif
