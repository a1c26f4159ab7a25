/*
 * escalation.h - the nightly run of escalate, and its reminders.
 *
 * esc_run() finds the issues past their deadline through the partial index
 * on open deadlines (issues_due), reading the index only, so that its cost
 * follows the number overdue, not the size of the table; then moves each
 * one rung up with issue_escalate(), in id order, a chunk of issues to a
 * transaction.  Every issue is escalated whole (its row, its accountability
 * record, its event) or not at all; a run killed half-way keeps the chunks
 * it committed, and running it again finishes the rest, since issue_escalate
 * checks again, inside the write transaction, that the issue is still open
 * and overdue.  The rows of a chunk are printed once it is committed, so
 * what stdout says was done, was done.
 *
 * esc_warn() lists, changing nothing, what escalates within some working
 * hours, grouped by who holds it: the contact cadre, or the leader of the
 * grid that holds it.
 */
#ifndef GK_ESCALATION_H
#define GK_ESCALATION_H

#include "out.h"
#include "store.h"

struct escalate_opts {
	const char *grid;     /* only issues found in this subtree */
	int dry_run;
	int quiet;            /* no summary line */
	int reveal;           /* --warn: holders' phones unmasked */
	enum out_mode mode;
	unsigned outflags;
};

/* escalate what is overdue; returns the exit code */
int escalate_run(struct store *st, const struct escalate_opts *o);
/* list what escalates within `hours` (working time when the store has a
 * calendar), already overdue included; returns the exit code */
int escalate_warn(struct store *st, double hours, const struct escalate_opts *o);

#endif
