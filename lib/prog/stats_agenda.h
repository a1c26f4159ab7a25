/*
 * agenda.h - the pack for a grid's monthly analysis meeting (研判会,
 * doc/domain.md): the issues held at the grid's rung that need a decision --
 * past their deadline, come up by escalation, or reopened -- each with its
 * history in brief.  The meeting's decision (the measure, the responsible
 * unit, the deadline) goes back with issue-update --note and issue-route
 * --to UNIT --hours N, and shows in the history, so in the next
 * pack too.  The pack is for staff but may be printed: the phone and ID
 * numbers in the texts and notes are masked (redact.h).
 */
#ifndef GK_AGENDA_H
#define GK_AGENDA_H

#include "out.h"
#include "store.h"

/* write the pack of grid's meeting to stdout; returns the exit code (a
 * grid that does not exist is a usage error, exit 2) */
int stats_agenda_run(struct store *st, const char *grid, enum out_mode mode,
    unsigned outflags);

#endif
