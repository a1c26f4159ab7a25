/*
 * issue-list - find issues: by status, subtree, unit, category, household,
 * contact cadre, rung, deadline, filing dates or outside reference, each
 * filter served by an index on a store of millions.  Prints one row an
 * issue, in the order filed; -q the ids, for issue-update or issue-show.
 */
#include <stdlib.h>

#include "cli.h"
#include "clock.h"
#include "issue_list.h"
#include "out.h"
#include "store.h"
#include "util.h"

enum {
	OPT_STATUS = CLI_PROG, OPT_UNIT, OPT_CATEGORY, OPT_HOUSEHOLD,
	OPT_CADRE, OPT_LEVEL, OPT_OVERDUE, OPT_REF
};

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	{ "cadre", OPT_CADRE, "CODE", "@cadre",
	  "only issues whose contact cadre is CODE" },
	{ "category", OPT_CATEGORY, "NAME", NULL, "only issues of category NAME" },
	CLI_OPT_DB,
	{ "grid", CLI_GRID, "CODE", "@grid",
	  "only issues found in the subtree under grid CODE" },
	{ "household", OPT_HOUSEHOLD, "CODE", "@household",
	  "only issues about household CODE" },
	{ "level", OPT_LEVEL, "LEVEL", NULL,
	  "only issues on a rung: a depth, or a level's name" },
	CLI_OPT_OUTPUT,
	{ "overdue", OPT_OVERDUE, NULL, NULL,
	  "only open, routed or accepted issues past their deadline" },
	CLI_OPT_QUIET,
	{ "ref", OPT_REF, "REF", NULL, "the issue with the outside reference REF" },
	{ "reveal", CLI_REVEAL, NULL, NULL,
	  "the text as typed, phone and ID numbers unmasked" },
	{ "since", CLI_SINCE, "TIME", NULL, "only issues filed from TIME on" },
	{ "status", OPT_STATUS, "STATUS", "open routed accepted parked "
	  "resolved closed rejected", "only issues in STATUS (several: ','-separated)" },
	{ "unit", OPT_UNIT, "CODE", "@unit", "only issues unit CODE leads on" },
	{ "until", CLI_UNTIL, "TIME", NULL,
	  "only issues filed before TIME (a bare date: to the end of that day)" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-list [-q] [--overdue] [--bom] [--reveal] [--db FILE]\n"
	"           [--status STATUS] [--grid CODE] [--unit CODE]\n"
	"           [--category NAME] [--household CODE] [--cadre CODE]\n"
	"           [--level LEVEL] [--since TIME] [--until TIME] [--ref REF]\n"
	"           [-o MODE]",
	"List the issues that pass every filter given, in the order filed:\n"
	"id, status, level, held_by, grid, unit, category, filed_at, due_at\n"
	"and text, its phone and ID numbers masked unless --reveal is given.",
	NULL, opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct issue_list_opts lo = { .rung = -1 };
	const char *level = NULL;
	struct sbuf why = { 0 };
	struct store *st;
	struct out *out;
	int key, rc;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1) {
		switch (key) {
		case OPT_STATUS: lo.status = cli_arg; break;
		case OPT_UNIT: lo.unit = cli_arg; break;
		case OPT_CATEGORY: lo.category = cli_arg; break;
		case OPT_HOUSEHOLD: lo.household = cli_arg; break;
		case OPT_CADRE: lo.cadre = cli_arg; break;
		case OPT_LEVEL: level = cli_arg; break;
		case OPT_OVERDUE: lo.overdue = 1; break;
		case OPT_REF: lo.ref = cli_arg; break;
		default:
			if (!cli_common(&cm, key, cli_arg))
				cli_usage(&cli);
		}
	}
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	if (cm.since && clk_parse(cm.since, &lo.since, NULL) != 0)
		cli_misuse(&cli, "bad time '%s' for --since", cm.since);
	if (cm.until && clk_parse_until(cm.until, &lo.until) != 0)
		cli_misuse(&cli, "bad time '%s' for --until", cm.until);
	lo.grid = cm.grid;
	lo.reveal = cm.reveal;
	lo.now = clk_now();

	st = store_open(store_path(cm.db));
	if (level && (lo.rung = issue_list_rung(st, level)) < 0)
		cli_misuse(&cli, "no level '%s' (give a depth or a name the "
		    "levels have)", level);
	if (issue_list_check(st, &lo, &why) != 0)
		cli_misuse(&cli, "%s", sb_str(&why));
	store_read(st);
	out = out_open(stdout, cm.mode, cm.outflags, issue_list_cols, ISSUE_LIST_NCOLS);
	issue_list_run(st, &lo, out);
	store_commit(st);
	rc = out_close(out) == 0 ? EXIT_OK : EXIT_PARTIAL;
	store_close(st);
	sb_free(&why);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
