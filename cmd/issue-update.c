/*
 * issue-update - move issues along their life: accept, resolve, close,
 * reopen, reject; add notes; record a resident's feedback and a grid
 * leader's rating of the unit.
 *
 * The ids come from the arguments or from stdin.  The actions given apply to
 * each issue in the order of its life (accept, resolve, close, feedback,
 * rating, ...); if one of them does not fit the issue's state, none of them
 * is applied to that issue, the others go on, and the exit code is 1.
 */
#include <string.h>

#include "cli.h"
#include "issue.h"
#include "out.h"
#include "spool.h"
#include "store.h"
#include "util.h"

enum {
	OPT_ACCEPT = CLI_PROG, OPT_RESOLVE, OPT_CLOSE, OPT_REOPEN, OPT_REJECT,
	OPT_REASON, OPT_NOTE, OPT_FEEDBACK, OPT_RATE, OPT_DUPLICATE,
	OPT_REFER, OPT_EXTEND, OPT_RETURN, OPT_PARK, OPT_UNPARK, OPT_REWORK,
	OPT_OWNER, OPT_RATE_GRID
};

static const struct cli_opt opts[] = {
	{ "accept", OPT_ACCEPT, NULL, NULL, "the unit takes the issue on" },
	{ "close", OPT_CLOSE, NULL, NULL,
	  "the resident confirmed, or it was verified" },
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	{ "duplicate-of", OPT_DUPLICATE, "ID", "@issue",
	  "end it as a duplicate of issue ID" },
	{ "extend", OPT_EXTEND, "HOURS", NULL,
	  "move the deadline HOURS of working time later (延期; with "
	  "--reason)" },
	{ "feedback", OPT_FEEDBACK, "RATING", "satisfied basic unsatisfied",
	  "the resident's feedback: satisfied, basic or unsatisfied" },
	{ "note", OPT_NOTE, "TEXT", NULL,
	  "add a note (with --resolve: the answer)" },
	CLI_OPT_OUTPUT,
	{ "owner", OPT_OWNER, "CADRE", "@cadre",
	  "name the responsible person (责任人)" },
	{ "park", OPT_PARK, NULL, NULL,
	  "no deadline runs until --unpark (挂账; with --reason)" },
	CLI_OPT_QUIET,
	{ "rate-grid", OPT_RATE_GRID, "N", "1 2 3 4 5",
	  "the unit's rating of the grid that worked the case, 1 to 5" },
	{ "rate-unit", OPT_RATE, "N", "1 2 3 4 5",
	  "the grid leader's rating of the unit, 1 to 5" },
	{ "reason", OPT_REASON, "TEXT", NULL,
	  "why: needed by --reject and the case rules but --unpark, --owner "
	  "and --rate-grid" },
	{ "refer-up", OPT_REFER, NULL, NULL,
	  "one rung up by hand, beyond this rung's power (上报; with "
	  "--reason)" },
	{ "reject", OPT_REJECT, NULL, NULL,
	  "end it: not a matter for the government" },
	{ "reopen", OPT_REOPEN, NULL, NULL, "back to work" },
	{ "resolve", OPT_RESOLVE, NULL, NULL, "the problem is solved" },
	{ "return", OPT_RETURN, NULL, NULL,
	  "the unit sends it back, to be routed again (回退; with --reason)" },
	{ "rework", OPT_REWORK, NULL, NULL,
	  "the on-site check failed: back to its unit (返工; with --reason)" },
	{ "unpark", OPT_UNPARK, NULL, NULL,
	  "back to work with the working time that was left" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-update [--accept] [--resolve] [--close] [--reopen] [--db FILE]\n"
	"             [--note TEXT] [--feedback RATING] [--rate-unit N]\n"
	"             [--rate-grid N] [--owner CADRE] [--unpark] [-q] [-o MODE]\n"
	"             [ID ...]\n"
	"issue-update --refer-up | --extend HOURS | --return | --park | --rework\n"
	"             --reason TEXT [ID ...]\n"
	"issue-update --reject --reason TEXT [ID ...]\n"
	"issue-update --duplicate-of ID [ID ...]",
	"Change the state of issues, named by id or read from stdin, and print\n"
	"each issue changed with its new status, once it is committed.",
	"@issue", opts
};

static const struct out_col cols[] = {
	{ "id", OUT_NUM }, { "status", OUT_STR }
};

/* the options given: an argument, or "" for an option without one */
static const char *given[OPT_RATE_GRID - CLI_PROG + 1];
#define GIVEN(opt) given[(opt) - CLI_PROG]

/* the actions of the options given, in the order of an issue's life */
static int
plan(struct iaction *a, const char *reason)
{
	static const struct { int opt; enum issue_action act; } order[] = {
		{ OPT_UNPARK, ACT_UNPARK }, { OPT_REOPEN, ACT_REOPEN },
		{ OPT_REWORK, ACT_REWORK }, { OPT_ACCEPT, ACT_ACCEPT },
		{ OPT_OWNER, ACT_OWNER }, { OPT_REFER, ACT_REFER },
		{ OPT_EXTEND, ACT_EXTEND }, { OPT_RETURN, ACT_RETURN },
		{ OPT_PARK, ACT_PARK }, { OPT_RESOLVE, ACT_RESOLVE },
		{ OPT_NOTE, ACT_NOTE }, { OPT_CLOSE, ACT_CLOSE },
		{ OPT_FEEDBACK, ACT_FEEDBACK }, { OPT_RATE, ACT_RATE },
		{ OPT_RATE_GRID, ACT_RATE_GRID }, { OPT_REJECT, ACT_REJECT },
		{ OPT_DUPLICATE, ACT_DUPLICATE }
	};
	size_t i;
	int n = 0;

	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *v = GIVEN(order[i].opt);

		/* with --resolve, the note is the answer */
		if (!v || (order[i].opt == OPT_NOTE && GIVEN(OPT_RESOLVE)))
			continue;
		a[n] = (struct iaction){ order[i].act, *v ? v : NULL,
			order[i].act == ACT_REJECT ? NULL : reason };
		if (order[i].opt == OPT_RESOLVE)
			a[n].arg = GIVEN(OPT_NOTE);
		if (order[i].opt == OPT_REJECT)
			a[n].arg = reason;
		n++;
	}
	return n;
}

/* what cannot go together, and what needs what */
static void
check(const char *reason)
{
	static const int needy[] = { OPT_REJECT, OPT_REFER, OPT_EXTEND,
		OPT_RETURN, OPT_PARK, OPT_REWORK };
	static const char *const names[] = { "--reject", "--refer-up",
		"--extend", "--return", "--park", "--rework" };
	const char *fb = GIVEN(OPT_FEEDBACK);
	int i, ends = GIVEN(OPT_REJECT) || GIVEN(OPT_DUPLICATE), any = 0;
	int takes = GIVEN(OPT_UNPARK) || GIVEN(OPT_OWNER) ||
	    GIVEN(OPT_RATE_GRID);
	long v;

	if (reason && !*reason)
		cli_misuse(&cli, "--reason is empty: say why");
	for (i = 0; i < (int)(sizeof needy / sizeof needy[0]); i++) {
		if (GIVEN(needy[i]) && !reason)
			cli_misuse(&cli, "%s needs --reason", names[i]);
		takes |= GIVEN(needy[i]) != NULL;
	}
	for (i = 0; i < (int)(sizeof given / sizeof given[0]); i++)
		if (given[i] && i + CLI_PROG != OPT_REASON &&
		    i + CLI_PROG != OPT_NOTE && i + CLI_PROG != OPT_REJECT &&
		    i + CLI_PROG != OPT_DUPLICATE)
			any = 1;
	if (reason && !takes)
		cli_misuse(&cli, "--reason goes with --reject or a case rule "
		    "(--refer-up, --extend, --return, --park, --unpark, "
		    "--rework, --owner, --rate-grid)");
	if (ends && (any || (GIVEN(OPT_REJECT) && GIVEN(OPT_DUPLICATE))))
		cli_misuse(&cli, "--reject and --duplicate-of end an issue: "
		    "they go alone (with --note)");
	if (GIVEN(OPT_PARK) && GIVEN(OPT_UNPARK))
		cli_misuse(&cli, "--park and --unpark go one at a time");
	if (fb && strcmp(fb, "satisfied") != 0 && strcmp(fb, "basic") != 0 &&
	    strcmp(fb, "unsatisfied") != 0)
		cli_misuse(&cli, "bad feedback '%s' (use satisfied, basic or "
		    "unsatisfied)", fb);
	if (GIVEN(OPT_RATE) && parse_long(GIVEN(OPT_RATE), 1, 5, &v) != 0)
		cli_misuse(&cli, "bad rating '%s' (use 1 to 5)",
		    GIVEN(OPT_RATE));
	if (GIVEN(OPT_RATE_GRID) && parse_long(GIVEN(OPT_RATE_GRID), 1, 5,
	    &v) != 0)
		cli_misuse(&cli, "bad rating '%s' (use 1 to 5)",
		    GIVEN(OPT_RATE_GRID));
	if (GIVEN(OPT_DUPLICATE) && !issue_id(GIVEN(OPT_DUPLICATE)))
		cli_misuse(&cli, "bad issue id '%s' for --duplicate-of",
		    GIVEN(OPT_DUPLICATE));
	if (GIVEN(OPT_EXTEND)) {
		double h;

		if (parse_hours(GIVEN(OPT_EXTEND), &h) != 0 || h <= 0)
			cli_misuse(&cli, "bad hours '%s' for --extend",
			    GIVEN(OPT_EXTEND));
	}
}

/* all actions on one issue, or none; the issue changed is printed */
static int
update(struct ictx *c, struct out *o, int64_t id, const struct iaction *a,
    int na)
{
	struct sbuf why = { 0 };
	int64_t target = id;
	char idbuf[24];
	const char *v[2] = { idbuf, NULL };
	int rc = issue_act_all(c, id, a, na, &target, &why);

	if (rc != 0) {
		warnf("%s", sb_str(&why));
	} else {
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)target);
		v[1] = issue_status(c->st, target);
		out_row(o, v, NULL);
	}
	sb_free(&why);
	return rc;
}

/* the run, one transaction: every id in turn (run again from the first
 * when another office's transaction wins, spool_run) */
struct run {
	struct store *st;
	struct spool *sp;
	struct keys k;
	const struct iaction *a;
	int na, bad, dry_run;
};

static enum spool_end
body(void *arg)
{
	struct run *r = arg;
	struct out *o = spool_out(r->sp);
	struct ictx c;
	const char *key;

	r->bad = 0;
	cli_keys_rewind(&r->k);
	ictx_init(&c, r->st);
	while ((key = cli_keys_next(&r->k))) {
		int64_t id = issue_id(key);

		if (!id) {
			warnf("'%s' is not an issue id", key);
			r->bad = 1;
			continue;
		}
		r->bad |= update(&c, o, id, r->a, r->na) != 0;
	}
	ictx_free(&c);
	/* the rows go out once the store has the changes behind them */
	return r->dry_run ? SPOOL_DRY : SPOOL_COMMIT;
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct iaction a[OPT_RATE_GRID - CLI_PROG + 1];
	int na, opt, bad;
	const char *reason;
	struct run r = { 0 };
	struct store *st;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		if (opt >= CLI_PROG && opt <= OPT_RATE_GRID)
			GIVEN(opt) = cli_arg ? cli_arg : "";
		else if (!cli_common(&cm, opt, cli_arg))
			cli_usage(&cli);
	}
	reason = GIVEN(OPT_REASON);
	check(reason);
	if ((na = plan(a, reason)) == 0)
		cli_misuse(&cli, "nothing to do: give an action");

	/* the ids first, to the end: the program upstream commits before
	 * this one takes its snapshot or the write lock */
	cli_keys_init(&r.k, argc - optind, argv + optind);
	/* an empty pipe is nothing to do; no ids and no pipe, a mistake */
	if (r.k.argc == 0 && !r.k.from_stdin)
		cli_misuse(&cli, "no issue given: name the ids, or give them on "
		    "stdin");
	st = store_open(store_path(cm.db));
	store_writer(st);
	r.st = st;
	r.sp = spool_open(st, cm.mode, cm.outflags, cols, 2);
	r.a = a;
	r.na = na;
	r.dry_run = cm.dry_run;
	spool_run(r.sp, body, &r);
	bad = r.bad;
	cli_keys_free(&r.k);
	if (spool_close(r.sp) != 0)
		bad = 1;
	store_close(st);
	if (fshut(stdout, "stdout"))
		bad = 1;
	return bad ? EXIT_PARTIAL : EXIT_OK;
}
