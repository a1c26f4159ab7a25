/*
 * grid-import - load grids, levels, units, cadres, households, rules,
 * pairs, visits, the calendar and the offices from CSV or JSON Lines.
 *
 * Re-importing updates records by their code and leaves equal ones alone,
 * so a clerk can load the same spreadsheet every week.  Nothing is
 * deleted: records retire by their status column; rules --replace retires
 * the rules the files do not name (offices --replace takes out the
 * offices they do not name: who may change what, not a record).  Bad rows are named
 * by line and kept out; the good ones go in, all in one transaction.
 */
#include <string.h>

#include "cli.h"
#include "import.h"
#include "grid_import.h"
#include "store.h"
#include "util.h"

enum { OPT_REPLACE = CLI_PROG };

static const struct cli_opt opts[] = {
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	CLI_OPT_ENCODING,
	CLI_OPT_FORMAT,
	CLI_OPT_NO_SUMMARY,
	{ "quiet", 'q', NULL, NULL,
	  "print only the keys of the records added or updated, one per line" },
	CLI_OPT_REJECTS,
	{ "replace", OPT_REPLACE, NULL, NULL,
	  "rules, offices: the files are the whole set; retire the rules "
	  "they do not name, take out the offices" },
	CLI_OPT_STRICT,
	CLI_OPT_END
};

static const struct cli cli = {
	"grid-import [-q] [--dry-run] [--no-summary] [--replace] [--strict]\n"
	"            [--db FILE] [--encoding ENC] [--format FMT] [--rejects FILE]\n"
	"            KIND [FILE ...]",
	"Import records of KIND (grids, levels, units, cadres, households,\n"
	"rules, pairs, visits, calendar or offices) from CSV or JSON Lines\n"
	"files, or from stdin.  Records are added or updated by their code;\n"
	"-q prints the key (the first field) of each record added or updated.",
	"grids levels units cadres households rules pairs visits calendar "
	"offices @file",
	opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct imp_opts io = { 0 };
	const struct kind *k;
	struct store *st;
	int key, rc;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1)
		if (key == OPT_REPLACE)
			io.replace = 1;
		else if (!cli_common(&cm, key, cli_arg))
			cli_usage(&cli);
	if (optind >= argc)
		cli_misuse(&cli, "no kind given (use %s)", grid_import_names());
	if (!(k = grid_import_find(argv[optind])))
		cli_misuse(&cli, "unknown kind '%s' (use %s)", argv[optind],
		    grid_import_names());
	if (io.replace && strcmp(k->name, "rules") != 0 &&
	    strcmp(k->name, "offices") != 0)
		cli_misuse(&cli, "--replace goes with rules and offices alone");
	io.format = cm.format;
	io.encoding = cm.encoding;
	io.rejects = cm.rejects;
	io.strict = cm.strict;
	io.dry_run = cm.dry_run;
	io.quiet = summary_off;
	io.keys = (cm.outflags & OUT_KEYS) != 0;

	st = store_open(store_path(cm.db));
	rc = import_run(st, k, argv + optind + 1, argc - optind - 1, &io);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
