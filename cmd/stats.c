/*
 * stats - the monthly report: what was filed, routed, resolved (on time,
 * and at which rung of the ladder), escalated, held to account; residents'
 * satisfaction, units' ratings and the cadres' visits; for a month or any
 * period, as of its end, so that a month's figures do not move afterwards.
 * --by breaks it down by level, grid, unit, category, cadre or month.
 *
 * --agenda lists what a grid's monthly analysis meeting (研判会) must
 * decide on: the issues held at its rung that are overdue, came up by
 * escalation or were reopened, each with its history in brief.
 */
#include <unistd.h>

#include "stats_agenda.h"
#include "cli.h"
#include "period.h"
#include "stats.h"
#include "store.h"
#include "util.h"

enum { OPT_AGENDA = CLI_PROG, OPT_BY, OPT_MIN };

static const struct cli_opt opts[] = {
	{ "agenda", OPT_AGENDA, NULL, NULL,
	  "with --grid: the issues held at that grid's rung for its monthly "
	  "analysis meeting" },
	CLI_OPT_BOM,
	{ "by", OPT_BY, "KEY", "level grid unit category cadre month",
	  "break down by level, grid, unit, category, cadre or month" },
	CLI_OPT_DB,
	CLI_OPT_GRID,
	{ "min", OPT_MIN, "N", NULL,
	  "leave out rows counting fewer than N issues" },
	{ "month", CLI_MONTH, "YYYY-MM", NULL,
	  "the period: that month (default: the current month)" },
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	CLI_OPT_END
};

static const struct cli cli = {
	"stats [-q] [--bom] [--db FILE] [--grid CODE] [--by KEY] [--min N]\n"
	"      [--month YYYY-MM | --since TIME --until TIME] [-o MODE]\n"
	"stats --agenda --grid CODE [-q] [--db FILE] [-o MODE]",
	"Print the report of a period as of its end: issues filed, routed,\n"
	"resolved and on time, open and overdue, escalations, accountability,\n"
	"satisfaction, visit coverage; --by level, grid, unit, category,\n"
	"cadre or month.  --agenda lists what a grid's analysis meeting must\n"
	"decide.",
	NULL, opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct stats_opts so = { 0 };
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
		default:
			if (!cli_common(&cm, opt, cli_arg))
				cli_usage(&cli);
		}
	}
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	if (agenda && (by || month || cm.since || cm.until || min))
		cli_misuse(&cli, "--agenda goes with --grid alone");
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
		rc = stats_agenda_run(st, cm.grid, cm.mode, cm.outflags);
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
