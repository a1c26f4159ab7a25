/*
 * escalate - the nightly job: every issue past its deadline goes one rung up
 * the ladder with a new deadline, and an accountability record names who let
 * it run over.
 *
 * A chunk of issues to a transaction (lib/escalation.h): a crash leaves
 * every issue escalated with its record, or not at all.  Running it twice
 * escalates nothing the second time, since an escalated issue has a new
 * deadline.  --warn lists, changing nothing, what will escalate soon.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "escalate.h"
#include "issue.h"
#include "out.h"
#include "store.h"
#include "util.h"

enum { OPT_WARN = CLI_PROG };

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	CLI_OPT_GRID,
	CLI_OPT_NO_SUMMARY,
	CLI_OPT_OUTPUT,
	{ "quiet", 'q', NULL, NULL, "print only the issue ids, one per line" },
	{ "reveal", CLI_REVEAL, NULL, NULL,
	  "with --warn: the holders' phones unmasked" },
	{ "warn", OPT_WARN, "HOURS", NULL,
	  "list, changing nothing, what will escalate within HOURS" },
	CLI_OPT_END
};

static const struct cli cli = {
	"escalate [-q] [--bom] [--dry-run] [--no-summary] [--db FILE]\n"
	"         [--grid CODE] [-o MODE]\n"
	"escalate --warn HOURS [-q] [--bom] [--no-summary] [--reveal] [--db FILE]\n"
	"         [--grid CODE] [-o MODE]",
	"Move every issue past its deadline one rung up the ladder, with a new\n"
	"deadline and an accountability record; print one row an escalation.",
	NULL, opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct escalate_opts eo = { 0 };
	struct store *st;
	int opt, rc;
	double warn = -1;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		if (opt == OPT_WARN) {
			if (parse_hours(cli_arg, &warn) != 0)
				cli_misuse(&cli, "bad hours '%s'", cli_arg);
		} else if (!cli_common(&cm, opt, cli_arg))
			cli_usage(&cli);
	}
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	eo.grid = cm.grid;
	eo.dry_run = cm.dry_run;
	eo.quiet = summary_off;
	eo.reveal = cm.reveal;
	eo.mode = cm.mode;
	eo.outflags = cm.outflags;

	st = store_open(store_path(cm.db));
	rc = warn >= 0 ? escalate_warn(st, warn, &eo) : escalate_run(st, &eo);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
