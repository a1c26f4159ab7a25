/*
 * istate.h - the states of an issue, defined once, for the SQL strings (the
 * schema's CHECK and partial indexes, every query) and for C alike.
 *
 * A partial index is used only by a query whose condition says what the
 * index's WHERE says, so the schema and the queries take the same macro:
 * never write a list of states out by hand.
 *
 *   ON_CLOCK  open, routed, accepted: a deadline runs.  These can be
 *             overdue, escalate moves them up, escalate --warn lists them.
 *   IN_HAND   ON_CLOCK and parked: not finished.  A parked issue (挂账, it
 *             cannot be met within any limit) is still in somebody's
 *             hands: it is counted open by the reports and the board, shown
 *             by issue-list --status parked and on the meeting's agenda, but
 *             it has no deadline, so it is never overdue and never
 *             escalated.
 *   DONE      resolved, closed: answered.
 *   LIVE      IN_HAND and resolved: not yet ended (the live board counts
 *             these every frame).
 *   ENDED     closed, rejected.
 *   ALL       every state, the issues table's CHECK.
 *
 * The C lists end with NULL; istate_in() tells whether a status is in one.
 */
#ifndef GK_ISTATE_H
#define GK_ISTATE_H

#include <stddef.h>
#include <string.h>

/* SQL: each state quoted once, the sets built from them */
#define ISTATE_Q_CLOCK "'open', 'routed', 'accepted'"
#define ISTATE_Q_PARKED "'parked'"
#define ISTATE_Q_RESOLVED "'resolved'"
#define ISTATE_Q_CLOSED "'closed'"
#define ISTATE_Q_REJECTED "'rejected'"
#define ISTATE_ON_CLOCK_SQL "(" ISTATE_Q_CLOCK ")"
#define ISTATE_IN_HAND_SQL "(" ISTATE_Q_CLOCK ", " ISTATE_Q_PARKED ")"
#define ISTATE_DONE_SQL "(" ISTATE_Q_RESOLVED ", " ISTATE_Q_CLOSED ")"
#define ISTATE_LIVE_SQL "(" ISTATE_Q_CLOCK ", " ISTATE_Q_PARKED ", " \
	ISTATE_Q_RESOLVED ")"
#define ISTATE_ENDED_SQL "(" ISTATE_Q_CLOSED ", " ISTATE_Q_REJECTED ")"
#define ISTATE_ALL_SQL "(" ISTATE_Q_CLOCK ", " ISTATE_Q_PARKED ", " \
	ISTATE_Q_RESOLVED ", " ISTATE_Q_CLOSED ", " ISTATE_Q_REJECTED ")"

/* SQL: the sets of three states or more as conditions on a column c,
 * equalities joined by OR, which schema version 7 took for the CHECK of
 * issues and the conditions of its partial indexes.  SQLite reads
 * "c IN (x, y, z)" of more than two constants through a B-tree of them
 * that it builds, zeroes and frees every time the statement runs: for
 * each issue filed, routed or escalated, once for the CHECK and once for
 * each partial index, more than a third of filing's instructions.  An OR
 * of equalities is compared in place.  A query that means a partial index
 * says the same macro (the planner matches the condition as written, and
 * turns the ORs into an IN for its own seeks); the two-state sets (DONE,
 * ENDED) and the migrations before 7 keep IN.  LIVE is said as the states
 * it is not (the CHECK allows no others): SQLite takes an equality to
 * imply an OR of which it is a branch, so that as an OR every query of
 * the deadlines (escalate's, the board's overdue) could be drawn from
 * issues_due to the wider issues_live, and escalate was */
#define ISTATE_OR_CLOCK(c) c " = 'open' OR " c " = 'routed' OR " c \
	" = 'accepted'"
#define ISTATE_IS_ON_CLOCK(c) "(" ISTATE_OR_CLOCK(c) ")"
#define ISTATE_IS_IN_HAND(c) "(" ISTATE_OR_CLOCK(c) " OR " c " = 'parked')"
#define ISTATE_IS_LIVE(c) "(" c " <> 'closed' AND " c " <> 'rejected')"
/* a query of the live issues that names no states of its own: the index's
 * condition, and the live states for SQLite to seek them by in it */
#define ISTATE_READ_LIVE(c) c " IN " ISTATE_LIVE_SQL " AND " ISTATE_IS_LIVE(c)
#define ISTATE_IS_ALL(c) "(" ISTATE_OR_CLOCK(c) " OR " c " = 'parked'" \
	" OR " c " = 'resolved' OR " c " = 'closed' OR " c " = 'rejected')"

/* C: the same sets as lists of strings */
#define ISTATE_ON_CLOCK "open", "routed", "accepted"
#define ISTATE_IN_HAND ISTATE_ON_CLOCK, "parked"
#define ISTATE_DONE "resolved", "closed"
#define ISTATE_LIVE ISTATE_IN_HAND, "resolved"
#define ISTATE_ALL ISTATE_IN_HAND, ISTATE_DONE, "rejected"
#define ISTATE_N 7

static const char *const istate_on_clock[] = { ISTATE_ON_CLOCK, NULL };
static const char *const istate_in_hand[] = { ISTATE_IN_HAND, NULL };
static const char *const istate_done[] = { ISTATE_DONE, NULL };
static const char *const istate_live[] = { ISTATE_LIVE, NULL };
static const char *const istate_all[] = { ISTATE_ALL, NULL };

/* the state of the list that status is (a static string), or NULL */
static inline const char *
istate_in(const char *status, const char *const *list)
{
	for (; status && *list; list++)
		if (strcmp(status, *list) == 0)
			return *list;
	return NULL;
}

#endif
