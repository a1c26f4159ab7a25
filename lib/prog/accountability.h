/*
 * accountability.h - accountability as a case (gridkit(7),
 * "Accountability"): escalate opens a pending case against whoever held an
 * issue when its deadline passed (issue.h); the supervising office lists
 * the cases, confirms one, naming the people and the units held to account
 * and the outcome (约谈, 通报批评, 诫勉谈话, ...), or waives it with a
 * reason.  A decision is final: a case confirmed or waived is never decided
 * again.  Each decision writes an event on the case's issue
 * (case_confirmed, case_waived) carrying the state.
 *
 * The listing's columns, a contract: case, issue, status, holder (the unit
 * whose deadline it was, else the cadre of the rung: the contact cadre or
 * the grid's leader), opened_at, people, units (';'-separated codes),
 * outcome, reason.
 */
#ifndef GK_ACCOUNTABILITY_H
#define GK_ACCOUNTABILITY_H

#include <stdint.h>

#include "out.h"
#include "store.h"
#include "util.h"

/* SQL: the people and the units named in case `id` (an SQL expression),
 * ';'-separated in code order, NULL when none.  group_concat is SQLite's;
 * a PostgreSQL store has one that does the same (schema.c), and the rows
 * come to it in order from the subquery, on both */
#define ACC_PEOPLE_SQL(id) "(SELECT group_concat(p.cadre, ';')" \
	" FROM (SELECT p.cadre FROM accountability_people p" \
	" WHERE p.\"case\" = " id " ORDER BY p.cadre) p)"
#define ACC_UNITS_SQL(id) "(SELECT group_concat(u.unit, ';')" \
	" FROM (SELECT u.unit FROM accountability_units u" \
	" WHERE u.\"case\" = " id " ORDER BY u.unit) u)"

struct acc_opts {
	const char *status;  /* pending, confirmed or waived; NULL: all */
	const char *grid;    /* cases of the issues found in this subtree */
	int64_t since, until; /* opened in [since, until); 0: no bound */
	enum out_mode mode;
	unsigned outflags;
};

/* 0 when s is a status of a case */
int acc_status_ok(const char *s);

/* list the cases, oldest first; the exit code (a --grid that does not
 * exist is a usage error, exit 2) */
int acc_list(struct store *st, const struct acc_opts *o);

/* what a decision names; people and units NULL-ended, may be empty */
struct acc_decision {
	const char *const *people;
	const char *const *units;
	const char *outcome;  /* confirm */
	const char *reason;   /* waive */
};

/* confirm case id: 0, or -1 with why and nothing changed (no such case,
 * decided already, a cadre or unit that does not exist).  Naming nobody
 * names the holder: the unit whose deadline it was, else the cadre */
int acc_confirm(struct store *st, int64_t id, const struct acc_decision *d,
    struct sbuf *why);
/* waive case id: 0, or -1 with why and nothing changed */
int acc_waive(struct store *st, int64_t id, const struct acc_decision *d,
    struct sbuf *why);

#endif
