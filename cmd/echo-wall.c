/*
 * echo-wall - the public notice (回音壁) of a village or community: each
 * demand of its households and each problem found there, with its
 * category, when it was raised, how it stands or what the answer was, the
 * department that answered and when.
 *
 * It is made to be posted: private issues are left out, heads' names are
 * masked, and ID numbers, phones and the heads' names are scrubbed out of
 * the text.  -o html writes one printable A4 page.
 */
#include <string.h>

#include "cli.h"
#include "period.h"
#include "store.h"
#include "util.h"
#include "echo_wall.h"

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	CLI_OPT_DB,
	{ "month", CLI_MONTH, "YYYY-MM", NULL,
	  "that month's demands, and older ones open or answered in it "
	  "(default: the current month)" },
	{ "output", 'o', "MODE", "table tsv csv jsonl html",
	  "output: table, tsv, csv, jsonl or html (an A4 page to print; "
	  "table on a terminal, else tsv)" },
	CLI_OPT_QUIET,
	{ "since", CLI_SINCE, "TIME", NULL,
	  "from TIME to now, instead of a month" },
	CLI_OPT_END
};

static const struct cli cli = {
	"echo-wall [-q] [--bom] [--db FILE] [--month YYYY-MM | --since TIME]\n"
	"          [-o MODE] GRID",
	"Print the echo wall of a village or community: how each of its\n"
	"demands was answered, private ones left out, names masked, no ID\n"
	"numbers or phones.  -o html makes a page to print and post.",
	"@grid", opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct echo_wall_opts wo = { 0 };
	struct period p;
	struct store *st;
	const char *month = NULL, *why;
	int opt, rc;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		if (opt == CLI_MONTH) {
			month = cli_arg;
		} else if (opt == 'o') {
			/* html is echo-wall's own: the page is no table */
			wo.html = strcmp(cli_arg, "html") == 0;
			if (!wo.html && out_parse_mode(cli_arg, &cm.mode) != 0)
				cli_misuse(&cli, "unknown output mode '%s' "
				    "(use table, tsv, csv, jsonl or html)",
				    cli_arg);
		} else if (!cli_common(&cm, opt, cli_arg)) {
			cli_usage(&cli);
		}
	}
	if (optind == argc)
		cli_misuse(&cli, "no grid given: the village or community "
		    "whose wall it is");
	if (optind + 1 < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind + 1]);
	if (period_parse(month, cm.since, NULL, &p, &why) != 0)
		cli_misuse(&cli, "%s", why);
	wo.lo = p.lo;
	wo.hi = p.hi;
	wo.month = p.month;
	wo.mode = cm.mode;
	wo.outflags = cm.outflags;
	if (wo.html && (cm.outflags & OUT_KEYS))
		wo.html = 0;

	st = store_open(store_path(cm.db));
	rc = echo_wall_run(st, argv[optind], &wo, stdout);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
