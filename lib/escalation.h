/*
 * escalation.h - the nightly run of escalate: find the issues past their
 * deadline (through the partial index on open deadlines, so the cost follows
 * the number overdue, not the size of the table), move each one rung up with
 * issue_escalate() in one transaction, and report; and the reminders of
 * what will escalate soon, by who holds it.
 */
#ifndef GK_ESCALATION_H
#define GK_ESCALATION_H

#include "out.h"
#include "store.h"

struct esc_opts {
	const char *grid;     /* only issues found in this subtree */
	int dry_run;
	int quiet;            /* no summary line */
	enum out_mode mode;
	unsigned outflags;
};

/* escalate what is overdue; returns the exit code */
int esc_run(struct store *st, const struct esc_opts *o);
/* list, changing nothing, what escalates within `hours` (working time when
 * the store has a calendar), grouped by who holds it */
int esc_warn(struct store *st, double hours, const struct esc_opts *o);

#endif
