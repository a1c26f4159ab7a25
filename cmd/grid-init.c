/*
 * grid-init - create the store, or upgrade it to this gridkit's schema.
 *
 * The one program that may create the store file: every other program
 * refuses a missing store.  Running it on a current store changes nothing,
 * so it is safe in set-up scripts.  A new store is its owner's alone (0600);
 * --group shares it with the file's group, read and write (0660).
 */
#include <stdlib.h>

#include "cli.h"
#include "store.h"
#include "util.h"

enum { OPT_GROUP = CLI_PROG };

static const struct cli_opt opts[] = {
	CLI_OPT_DB,
	CLI_OPT_NO_SUMMARY,
	{ "group", OPT_GROUP, NULL, NULL,
	  "share the store with its group of clerks (0660)" },
	CLI_OPT_END
};

static const struct cli cli = {
	"grid-init [--no-summary] [--group] [--db FILE]",
	"Create the store, or upgrade it to the schema of this gridkit.",
	NULL, opts
};

int
main(int argc, char *argv[])
{
	struct common cm;
	struct store *st;
	const char *path;
	char *shown;
	int key, group = 0, from, to;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1)
		if (key == OPT_GROUP)
			group = 1;
		else if (!cli_common(&cm, key, cli_arg))
			cli_usage(&cli);
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);

	path = store_path(cm.db);
	/* a server's tables are shared by roles and GRANT, not by a file's
	 * group: refused before anything is touched */
	if (group && sql_is_uri(path))
		die(EXIT_USAGE, "--group shares a store file with its group; a "
		    "PostgreSQL store is shared by GRANTs to the clerks' roles");
	st = store_create(path, &from, &to);
	if (group)
		store_group(st);
	/* as it may be printed: a server's URI without its password */
	path = shown = xstrdup(st->path);
	store_close(st);
	if (from == 0)
		summaryf("created store '%s' (schema %d)", path, to);
	else if (from < to)
		summaryf("upgraded store '%s' from schema %d to %d", path,
		    from, to);
	else
		summaryf("store '%s' is up to date (schema %d)", path, to);
	free(shown);
	return fshut(stdout, "stdout") ? EXIT_STORE : EXIT_OK;
}
