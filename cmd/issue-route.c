/*
 * issue-route - send issues to the unit that leads on them, by the rules or
 * by hand.
 *
 * By the rules: the ids come from the arguments, or from stdin (issue-file's
 * output; an empty pipe routes nothing), or with --all every open issue is
 * routed (cron).  The first rule that matches sets the lead unit, the
 * assisting and cooperating units and the deadline.  An issue no rule
 * matches stays open and is listed for adjudication (exit 1).
 *
 * By hand (--to UNIT): the platform's adjudication, also for an issue a unit
 * pushed back.
 */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "route.h"
#include "store.h"
#include "util.h"

enum { OPT_TO = CLI_PROG, OPT_HOURS, OPT_ASSIST, OPT_COOPERATE, OPT_ALL };

static const struct cli_opt opts[] = {
	{ "all", OPT_ALL, NULL, NULL,
	  "route every open issue by the rules (for cron)" },
	{ "assist", OPT_ASSIST, "UNITS", "@unit",
	  "with --to: the assisting units, ';'-separated" },
	CLI_OPT_BOM,
	{ "cooperate", OPT_COOPERATE, "UNITS", "@unit",
	  "with --to: the cooperating units (配合), ';'-separated" },
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	{ "hours", OPT_HOURS, "N", NULL,
	  "with --to: hours to act (default: the matching rule's, else the "
	  "rung's)" },
	CLI_OPT_NO_SUMMARY,
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	{ "to", OPT_TO, "UNIT", "@unit", "route by hand to UNIT" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-route [-q] [--dry-run] [--bom] [--no-summary] [--db FILE]\n"
	"            [-o MODE] [ID ...]\n"
	"issue-route --all [-q] [--dry-run] [--bom] [--no-summary] [--db FILE]\n"
	"            [-o MODE]\n"
	"issue-route --to UNIT [--assist UNITS] [--cooperate UNITS] [--hours N]\n"
	"            [-q] [--dry-run] [--no-summary] [--db FILE] [-o MODE] ID ...",
	"Route issues to their lead unit by the rules: the issues named, or\n"
	"read from stdin (an empty pipe routes nothing), or every open issue\n"
	"with --all.  Prints id, unit and due for each issue routed, once it\n"
	"is committed; those no rule matches are listed on stderr.",
	"@issue", opts
};

/* a list a clerk wrote with commas (or Chinese ones: ，、) or spaces */
static int
not_semicolons(const char *list)
{
	return strpbrk(list, ", \t") || strstr(list, "\xEF\xBC\x8C") ||
	    strstr(list, "\xE3\x80\x81");
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct route_opts ro = { 0 };
	struct route *r;
	struct keys k;
	struct store *st;
	int opt, all = 0, rc;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		if (opt == OPT_ALL)
			all = 1;
		else if (opt == OPT_TO)
			ro.to = cli_arg;
		else if (opt == OPT_ASSIST)
			ro.assist = cli_arg;
		else if (opt == OPT_COOPERATE)
			ro.cooperate = cli_arg;
		else if (opt == OPT_HOURS) {
			if (parse_hours(cli_arg, &ro.hours) != 0 ||
			    ro.hours <= 0)
				cli_misuse(&cli, "bad hours '%s'", cli_arg);
		} else if (!cli_common(&cm, opt, cli_arg))
			cli_usage(&cli);
	}
	if ((ro.assist || ro.cooperate || ro.hours > 0) && !ro.to)
		cli_misuse(&cli, "--assist, --cooperate and --hours go with "
		    "--to");
	if (ro.assist && not_semicolons(ro.assist))
		cli_misuse(&cli, "bad --assist '%s': separate the units with "
		    "';', as in --assist 'U02;U03'", ro.assist);
	if (ro.cooperate && not_semicolons(ro.cooperate))
		cli_misuse(&cli, "bad --cooperate '%s': separate the units "
		    "with ';', as in --cooperate 'U02;U03'", ro.cooperate);
	if (all && (ro.to || optind < argc))
		cli_misuse(&cli, "--all routes every open issue by the rules: "
		    "no ids, no --to");
	if (!all && optind == argc && isatty(STDIN_FILENO))
		cli_misuse(&cli, "no issue given: name the ids, give them on "
		    "stdin, or route every open issue with --all");
	ro.dry_run = cm.dry_run;
	ro.mode = cm.mode;
	ro.outflags = cm.outflags;

	/* the ids first, to the end: the program upstream commits before
	 * this one takes its snapshot or the write lock.  An empty pipe is
	 * nothing to route: `issue-file again.csv | issue-route` that filed
	 * nothing must not route the whole county */
	if (!all)
		cli_keys_init(&k, argc - optind, argv + optind);
	st = store_open(store_path(cm.db));
	r = route_begin(st, &ro);
	rc = route_run(r, all ? NULL : &k);
	if (!all)
		cli_keys_free(&k);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
