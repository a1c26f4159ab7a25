/*
 * stats_agenda.h - the pack for a grid's monthly analysis meeting (研判会,
 * doc/domain.md): what is held at the grid's rung and needs a decision -- past
 * its deadline, come up by escalation, or reopened -- and what last
 * month's meeting decided and whether it held.
 *
 * Three parts, each one table:
 *   - the pack: those issues in groups, by the grid under the meeting's
 *     grid where they were found (the township at a county's meeting, the
 *     village at a township's) or by lead unit, and by category, with
 *     counts, the oldest and most escalated groups first;
 *   - the list: the same issues one a row, each with its history in brief;
 *   - the decisions: the issues at this rung whose responsible person
 *     (issue-update --owner, an 'owner' event) was named last month, and
 *     how each stands now: resolved by its deadline, late, still open,
 *     overdue, parked or rejected.
 * The meeting's decision (the measure, the responsible person and unit,
 * the deadline) goes back with issue-update --owner and --note and
 * issue-route --to UNIT --hours N, and shows in the history, in
 * the next pack and in the next month's decisions.  The pack is for staff
 * but may be printed: the phone and ID numbers in the texts and notes are
 * masked (redact.h).
 */
#ifndef GK_AGENDA_H
#define GK_AGENDA_H

#include "out.h"
#include "store.h"

enum stats_agenda_part {
	AGENDA_PACK,
	AGENDA_LIST,
	AGENDA_DECISIONS
};

struct stats_agenda_opts {
	const char *grid;      /* the grid that meets */
	enum stats_agenda_part part;
	int by_unit;           /* the pack: by lead unit, not by grid */
	enum out_mode mode;
	unsigned outflags;
};

/* write a part of the pack of the grid's meeting to stdout; returns the
 * exit code (a grid that does not exist is a usage error, exit 2) */
int stats_agenda_run(struct store *st, const struct stats_agenda_opts *o);

#endif
