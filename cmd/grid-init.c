/*
 * grid-init - create the store, or upgrade it to this gridkit's schema.
 *
 * The one program that may create the store file: every other program
 * refuses a missing store.  Running it on a current store changes nothing,
 * so it is safe in set-up scripts.
 */
#include "cli.h"
#include "store.h"
#include "util.h"

static const struct cli_opt opts[] = {
	CLI_OPT_DB,
	CLI_OPT_NO_SUMMARY,
	CLI_OPT_END
};

static const struct cli cli = {
	"grid-init [--no-summary] [--db FILE]",
	"Create the store, or upgrade it to the schema of this gridkit.",
	NULL, opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct store *st;
	const char *path;
	int key, from, to;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1)
		if (!cli_common(&cm, key, cli_arg))
			cli_usage(&cli);
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);

	path = store_path(cm.db);
	st = store_create(path, &from, &to);
	store_close(st);
	if (from == 0)
		summaryf("created store '%s' (schema %d)", path, to);
	else if (from < to)
		summaryf("upgraded store '%s' from schema %d to %d", path,
		    from, to);
	else
		summaryf("store '%s' is up to date (schema %d)", path, to);
	return fshut(stdout, "stdout") ? EXIT_STORE : EXIT_OK;
}
