/*
 * grid-export - write any kind the store holds, as a table, TSV, CSV or
 * JSON Lines, for analysts, for Excel, or to feed back to grid-import.
 *
 * Personal data is masked unless --reveal is given: an export is for staff,
 * never for posting (the echo wall is for the public).
 */
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "grid_export.h"
#include "grid_export_open311.h"
#include "store.h"
#include "util.h"

enum { OPT_HISTORY = CLI_PROG };

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	CLI_OPT_DB,
	CLI_OPT_GRID,
	{ "history", OPT_HISTORY, NULL, NULL,
	  "pairs: ended pairs too, with their dates" },
	{ "output", 'o', "MODE", "table tsv csv jsonl open311",
	  "output: table, tsv, csv or jsonl (table on a terminal, else tsv), "
	  "or open311 for issues" },
	CLI_OPT_QUIET,
	CLI_OPT_REVEAL,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	CLI_OPT_END
};

static const struct cli cli = {
	"grid-export [-q] [--bom] [--history] [--reveal] [--db FILE]\n"
	"            [--grid CODE] [--since TIME] [--until TIME] [-o MODE] KIND\n"
	"grid-export [--reveal] [--db FILE] [--grid CODE] [--since TIME]\n"
	"            [--until TIME] -o open311 issues",
	"Write the records of KIND (grids, levels, units, cadres, households,\n"
	"rules, pairs, visits, calendar, offices, issues, events or\n"
	"accountability).\n"
	"ID numbers, phones, heads' names and addresses are masked unless\n"
	"--reveal is given.",
	"grids levels units cadres households rules pairs visits calendar "
	"offices issues events accountability",
	opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct grid_export_opts eo = { 0 };
	struct store *st;
	int key, rc, open311 = 0;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1)
		if (key == OPT_HISTORY)
			eo.history = 1;
		else if (key == 'o' && strcmp(cli_arg, "open311") == 0)
			open311 = 1;
		else if (key == 'o' && cli_common(&cm, key, cli_arg))
			open311 = 0;
		else if (!cli_common(&cm, key, cli_arg))
			cli_usage(&cli);
	if (optind >= argc)
		cli_misuse(&cli, "no kind given (use %s)", grid_export_kinds());
	if (optind + 1 < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind + 1]);
	if (!grid_export_known(argv[optind]))
		cli_misuse(&cli, "unknown kind '%s' (use %s)", argv[optind],
		    grid_export_kinds());
	if (open311 && strcmp(argv[optind], "issues") != 0)
		cli_misuse(&cli, "-o open311 is for issues only");
	if (open311 && cm.outflags)
		cli_misuse(&cli, "-q and --bom do not go with -o open311");
	if (cm.since && clk_parse(cm.since, &eo.since, NULL) != 0)
		cli_misuse(&cli, "bad time '%s' for --since", cm.since);
	if (cm.until && clk_parse_until(cm.until, &eo.until) != 0)
		cli_misuse(&cli, "bad time '%s' for --until", cm.until);
	eo.grid = cm.grid;
	eo.reveal = cm.reveal;
	eo.mode = cm.mode;
	eo.outflags = cm.outflags;

	st = store_open(store_path(cm.db));
	rc = open311 ? grid_export_open311_write(st, &eo, stdout) :
	    grid_export_run(st, argv[optind], &eo, stdout);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
