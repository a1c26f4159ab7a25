/*
 * accountability - the cases escalate opens against whoever held an issue
 * when its deadline passed: list them; confirm one, naming the people and
 * units held to account and the outcome; or waive it with a reason.
 *
 * A case is decided once (lib/prog/accountability.h).  A decision that
 * does not apply (no such case, decided already, a cadre or unit that does
 * not exist) changes nothing and exits 1.
 */
#include <stdlib.h>

#include "accountability.h"
#include "cli.h"
#include "clock.h"
#include "issue.h"
#include "store.h"
#include "util.h"

enum {
	OPT_STATUS = CLI_PROG, OPT_CONFIRM, OPT_WAIVE, OPT_PERSON, OPT_UNIT,
	OPT_OUTCOME, OPT_REASON
};

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	{ "confirm", OPT_CONFIRM, "CASE", NULL,
	  "confirm case CASE (with --outcome)" },
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	{ "grid", CLI_GRID, "CODE", "@grid",
	  "only cases of issues found in the subtree under grid CODE" },
	CLI_OPT_OUTPUT,
	{ "outcome", OPT_OUTCOME, "TEXT", NULL,
	  "with --confirm: what was decided (约谈, 通报批评, 诫勉谈话, ...)" },
	{ "person", OPT_PERSON, "CADRE", "@cadre",
	  "with --confirm: a cadre held to account (again for more)" },
	CLI_OPT_QUIET,
	{ "reason", OPT_REASON, "TEXT", NULL, "with --waive: why" },
	{ "since", CLI_SINCE, "TIME", NULL, "only cases opened from TIME on" },
	{ "status", OPT_STATUS, "STATUS", "pending confirmed waived",
	  "only cases pending, confirmed or waived" },
	{ "unit", OPT_UNIT, "UNIT", "@unit",
	  "with --confirm: a unit held to account (again for more)" },
	{ "until", CLI_UNTIL, "TIME", NULL,
	  "only cases opened before TIME (a bare date: to the end of that "
	  "day)" },
	{ "waive", OPT_WAIVE, "CASE", NULL, "waive case CASE (with --reason)" },
	CLI_OPT_END
};

static const struct cli cli = {
	"accountability [-q] [--status STATUS] [--grid CODE] [--since TIME]\n"
	"               [--until TIME] [--bom] [--db FILE] [-o MODE]\n"
	"accountability --confirm CASE [--person CADRE]... [--unit UNIT]...\n"
	"               --outcome TEXT [--dry-run] [--db FILE]\n"
	"accountability --waive CASE --reason TEXT [--dry-run] [--db FILE]",
	"List the accountability cases escalate opened (case, issue, status,\n"
	"holder, opened_at, people, units, outcome, reason), or decide one:\n"
	"confirm it or waive it.",
	NULL, opts
};

#define MAX_NAMED 64

/* confirm or waive one case, in one transaction; the exit code */
static int
decide(const char *db, int64_t id, int confirm,
    const struct acc_decision *d, int dry_run)
{
	struct store *st = store_open(store_path(db));
	struct sbuf why = { 0 };
	int rc;

	store_begin(st);
	rc = confirm ? acc_confirm(st, id, d, &why) : acc_waive(st, id, d,
	    &why);
	if (rc != 0)
		warnf("%s", sb_str(&why));
	if (rc != 0 || dry_run)
		store_rollback(st);
	else
		store_commit(st);
	if (rc == 0)
		warnf("case %lld %s%s", (long long)id, confirm ? "confirmed" :
		    "waived", dry_run ? " (dry run: nothing written)" : "");
	sb_free(&why);
	store_close(st);
	return rc ? EXIT_PARTIAL : EXIT_OK;
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct acc_opts ao = { 0 };
	struct acc_decision d = { 0 };
	const char *people[MAX_NAMED + 1] = { 0 };
	const char *units[MAX_NAMED + 1] = { 0 };
	const char *confirm = NULL, *waive = NULL;
	int np = 0, nu = 0, opt, rc;
	int64_t id = 0;
	struct store *st;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		switch (opt) {
		case OPT_STATUS: ao.status = cli_arg; break;
		case OPT_CONFIRM: confirm = cli_arg; break;
		case OPT_WAIVE: waive = cli_arg; break;
		case OPT_OUTCOME: d.outcome = cli_arg; break;
		case OPT_REASON: d.reason = cli_arg; break;
		case OPT_PERSON:
		case OPT_UNIT:
			if ((opt == OPT_PERSON ? np : nu) == MAX_NAMED)
				cli_misuse(&cli, "at most %d people and %d "
				    "units a case", MAX_NAMED, MAX_NAMED);
			if (opt == OPT_PERSON)
				people[np++] = cli_arg;
			else
				units[nu++] = cli_arg;
			break;
		default:
			if (!cli_common(&cm, opt, cli_arg))
				cli_usage(&cli);
		}
	}
	if (optind < argc)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	if (confirm && waive)
		cli_misuse(&cli, "--confirm and --waive go one at a time");
	if ((np || nu || d.outcome) && !confirm)
		cli_misuse(&cli, "--person, --unit and --outcome go with "
		    "--confirm");
	if (d.reason && !waive)
		cli_misuse(&cli, "--reason goes with --waive");
	if (confirm && (!d.outcome || !*d.outcome))
		cli_misuse(&cli, "--confirm needs --outcome: what was decided");
	if (waive && (!d.reason || !*d.reason))
		cli_misuse(&cli, "--waive needs --reason: why");
	if ((confirm || waive) && (ao.status || cm.grid || cm.since ||
	    cm.until))
		cli_misuse(&cli, "--status, --grid, --since and --until list "
		    "cases: not with --confirm or --waive");
	if ((confirm || waive) && !(id = issue_id(confirm ? confirm : waive)))
		cli_misuse(&cli, "bad case number '%s'", confirm ? confirm :
		    waive);
	if (ao.status && acc_status_ok(ao.status) != 0)
		cli_misuse(&cli, "bad status '%s' (use pending, confirmed or "
		    "waived)", ao.status);
	if (cm.since && clk_parse(cm.since, &ao.since, NULL) != 0)
		cli_misuse(&cli, "bad time '%s' for --since", cm.since);
	if (cm.until && clk_parse_until(cm.until, &ao.until) != 0)
		cli_misuse(&cli, "bad time '%s' for --until", cm.until);

	if (confirm || waive) {
		d.people = people;
		d.units = units;
		return decide(cm.db, id, confirm != NULL, &d, cm.dry_run);
	}
	ao.grid = cm.grid;
	ao.mode = cm.mode;
	ao.outflags = cm.outflags;
	st = store_open(store_path(cm.db));
	rc = acc_list(st, &ao);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
