/*
 * route.h - a run of issue-route: issues sent to the unit that leads on
 * them, by the rules (rules.h) or by hand (the platform's adjudication),
 * in one transaction, with a row out (id, unit, due) for each issue routed.
 *
 * By the rules, the first rule that matches an issue sets its lead unit,
 * its assisting and cooperating units and its deadline (the rule's hours from now); an
 * issue no rule matches stays open and is named on stderr for
 * adjudication.  By hand, every issue named goes to one unit; its hours are
 * those given, else those of the rule that matches it (the category's time
 * limit, whoever leads), else those of its rung.
 *
 * Routing a million issues is three statements each at most (the issue's
 * text, when it comes by id; the update; the event), no allocation per
 * issue, and one deadline computed per distinct number of hours.
 */
#ifndef GK_ROUTE_H
#define GK_ROUTE_H

#include "out.h"
#include "store.h"

struct route_opts {
	const char *to;       /* by hand: the lead unit; NULL: by the rules */
	const char *assist;   /* by hand: assisting units, ';'-separated */
	const char *cooperate; /* by hand: cooperating units, the same */
	double hours;         /* by hand: hours to act; 0: as above */
	int dry_run;
	enum out_mode mode;
	unsigned outflags;
};

struct route;

/* begin the run: the rules, the output.  A unit of --to, --assist or
 * --cooperate that does not exist is a usage error (exit 2) */
struct route *route_begin(struct store *st, const struct route_opts *o);
/* route the issues the keys name ("12", "#12"), or with k NULL every open
 * issue (of the office, office.h), in id order, in one transaction (run
 * again when another office's wins, spool_run); then commit (or roll back,
 * for a dry run), say what happened, free r; the exit code: 1 when an
 * issue needs adjudication or was refused */
struct keys;
int route_run(struct route *r, struct keys *k);

#endif
