/*
 * stats - the monthly report: what was filed, routed, resolved (on time,
 * and at which rung of the ladder), escalated, held to account; residents'
 * satisfaction, units' ratings and the cadres' visits; for a month or any
 * period, as of its end, so that a month's figures do not move afterwards.
 * --by breaks it down by level, grid, unit, category, cadre or month.
 *
 * --agenda is the pack for a grid's monthly analysis meeting (研判会): the
 * issues held at its rung that are overdue, came up by escalation or were
 * reopened, in groups by the grid below where they were found (or --by
 * unit) and category; --list gives them one a row with their history in
 * brief, --decisions last month's decisions and whether they held.
 */
#include <unistd.h>

#include "stats_agenda.h"
#include "cli.h"
#include "period.h"
#include "stats.h"
#include "store.h"
#include "util.h"

enum { OPT_AGENDA = CLI_PROG, OPT_BY, OPT_DECISIONS, OPT_LIST, OPT_MIN,
	OPT_WEIGHTS };

static const struct cli_opt opts[] = {
	{ "agenda", OPT_AGENDA, NULL, NULL,
	  "with --grid: the pack for that grid's monthly analysis meeting, "
	  "in groups" },
	CLI_OPT_BOM,
	{ "by", OPT_BY, "KEY", "level grid unit category cadre month",
	  "break down by level, grid, unit, category, cadre or month" },
	CLI_OPT_DB,
	{ "decisions", OPT_DECISIONS, NULL, NULL,
	  "with --agenda: last month's decisions and whether they held" },
	CLI_OPT_GRID,
	{ "list", OPT_LIST, NULL, NULL,
	  "with --agenda: the issues one a row, with their history" },
	{ "min", OPT_MIN, "N", NULL,
	  "leave out rows counting fewer than N issues" },
	{ "month", CLI_MONTH, "YYYY-MM", NULL,
	  "the period: that month (default: the current month)" },
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	{ "weights", OPT_WEIGHTS, "W,W,W,W", NULL,
	  "the score's weights of on-time closure, closure, satisfaction and "
	  "no rework (default 40,30,20,10)" },
	CLI_OPT_END
};

static const struct cli cli = {
	"stats [-q] [--bom] [--db FILE] [--grid CODE] [--by KEY] [--min N]\n"
	"      [--month YYYY-MM | --since TIME --until TIME]\n"
	"      [--weights W,W,W,W] [-o MODE]\n"
	"stats --agenda --grid CODE [--by grid|unit | --list | --decisions]\n"
	"      [-q] [--db FILE] [-o MODE]",
	"Print the report of a period as of its end: issues filed, routed,\n"
	"resolved and on time, open and overdue, escalations, accountability,\n"
	"satisfaction, visit coverage; --by level, grid, unit, category,\n"
	"cadre or month, with the field's indicators and grades by grid, unit\n"
	"and month.  --agenda is the pack of what a grid's analysis\n"
	"meeting must decide, and of what it decided last month.",
	NULL, opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct stats_opts so = { 0 };
	struct stats_agenda_opts ao = { 0 };
	struct period p;
	struct store *st;
	const char *month = NULL, *why;
	int opt, agenda = 0, by = 0, rc, i;
	long min = 0;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		switch (opt) {
		case OPT_AGENDA:
			agenda = 1;
			break;
		case OPT_DECISIONS:
		case OPT_LIST:
			if (ao.part != AGENDA_PACK)
				cli_misuse(&cli, "--list and --decisions are "
				    "two parts of the pack: one at a time");
			ao.part = opt == OPT_LIST ? AGENDA_LIST :
			    AGENDA_DECISIONS;
			break;
		case OPT_BY:
			if (stats_parse_by(cli_arg, &so.by) != 0)
				cli_misuse(&cli, "unknown --by '%s' (use "
				    "level, grid, unit, category, cadre or "
				    "month)", cli_arg);
			by = 1;
			break;
		case OPT_MIN:
			if (parse_long(cli_arg, 0, 1000000000L, &min) != 0)
				cli_misuse(&cli, "bad --min '%s' (a number of "
				    "issues)", cli_arg);
			break;
		case CLI_MONTH:
			month = cli_arg;
			break;
		case OPT_WEIGHTS:
			if (stats_parse_weights(cli_arg, so.weights) != 0)
				cli_misuse(&cli, "bad --weights '%s' (four "
				    "numbers, not all 0: on-time closure, "
				    "closure, satisfaction, no rework)", cli_arg);
			break;
		default:
			if (!cli_common(&cm, opt, cli_arg))
				cli_usage(&cli);
		}
	}
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	if (agenda && (month || cm.since || cm.until || min ||
	    (by && so.by != STATS_GRID && so.by != STATS_UNIT) ||
	    (by && ao.part != AGENDA_PACK)))
		cli_misuse(&cli, "--agenda goes with --grid and one of --by "
		    "grid, --by unit, --list or --decisions");
	if (!agenda && ao.part != AGENDA_PACK)
		cli_misuse(&cli, "--list and --decisions go with --agenda");
	if (agenda && !cm.grid)
		cli_misuse(&cli, "--agenda needs --grid: the grid that meets");
	if (period_parse(month, cm.since, cm.until, &p, &why) != 0)
		cli_misuse(&cli, "%s", why);
	/* a trend with no period given: the twelve months to this one */
	if (so.by == STATS_MONTH && !month && !cm.since && !cm.until)
		for (i = 0; i < 11; i++)
			p.lo = period_month_start(p.lo - 1);

	st = store_open(store_path(cm.db));
	if (agenda) {
		ao.grid = cm.grid;
		ao.by_unit = so.by == STATS_UNIT;
		ao.mode = cm.mode;
		ao.outflags = cm.outflags;
		rc = stats_agenda_run(st, &ao);
	} else {
		so.lo = p.lo;
		so.hi = p.hi;
		so.grid = cm.grid;
		so.min = min;
		so.mode = cm.mode;
		so.outflags = cm.outflags;
		so.bars = cm.mode == OUT_TABLE && !(cm.outflags & OUT_KEYS) &&
		    isatty(STDOUT_FILENO);
		rc = stats_run(st, &so);
	}
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
