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
	OPT_REASON, OPT_NOTE, OPT_FEEDBACK, OPT_RATE, OPT_DUPLICATE
};

static const struct cli_opt opts[] = {
	{ "accept", OPT_ACCEPT, NULL, NULL, "the unit takes the issue on" },
	{ "close", OPT_CLOSE, NULL, NULL,
	  "the resident confirmed, or it was verified" },
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	{ "duplicate-of", OPT_DUPLICATE, "ID", "@issue",
	  "end it as a duplicate of issue ID" },
	{ "feedback", OPT_FEEDBACK, "RATING", "satisfied basic unsatisfied",
	  "the resident's feedback: satisfied, basic or unsatisfied" },
	{ "note", OPT_NOTE, "TEXT", NULL,
	  "add a note (with --resolve: the answer)" },
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	{ "rate-unit", OPT_RATE, "N", "1 2 3 4 5",
	  "the grid leader's rating of the unit, 1 to 5" },
	{ "reason", OPT_REASON, "TEXT", NULL, "with --reject: why" },
	{ "reject", OPT_REJECT, NULL, NULL,
	  "end it: not a matter for the government" },
	{ "reopen", OPT_REOPEN, NULL, NULL, "back to work" },
	{ "resolve", OPT_RESOLVE, NULL, NULL, "the problem is solved" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-update [--accept] [--resolve] [--close] [--reopen] [--db FILE]\n"
	"             [--note TEXT] [--feedback RATING] [--rate-unit N]\n"
	"             [-q] [-o MODE] [ID ...]\n"
	"issue-update --reject --reason TEXT [ID ...]\n"
	"issue-update --duplicate-of ID [ID ...]",
	"Change the state of issues, named by id or read from stdin, and print\n"
	"each issue changed with its new status, once it is committed.",
	"@issue", opts
};

static const struct out_col cols[] = {
	{ "id", OUT_NUM }, { "status", OUT_STR }
};

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

int
main(int argc, char *argv[])
{
	struct common cm;
	struct iaction a[10];
	int na = 0, opt, bad = 0;
	long v;
	int accept = 0, resolve = 0, close = 0, reopen = 0, reject = 0;
	const char *note = NULL, *reason = NULL, *feedback = NULL;
	const char *rate = NULL, *dup = NULL, *key;
	struct ictx c;
	struct keys k;
	struct store *st;
	struct spool *sp;
	struct out *o;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		switch (opt) {
		case OPT_ACCEPT: accept = 1; break;
		case OPT_RESOLVE: resolve = 1; break;
		case OPT_CLOSE: close = 1; break;
		case OPT_REOPEN: reopen = 1; break;
		case OPT_REJECT: reject = 1; break;
		case OPT_REASON: reason = cli_arg; break;
		case OPT_NOTE: note = cli_arg; break;
		case OPT_FEEDBACK: feedback = cli_arg; break;
		case OPT_RATE: rate = cli_arg; break;
		case OPT_DUPLICATE: dup = cli_arg; break;
		default:
			if (!cli_common(&cm, opt, cli_arg))
				cli_usage(&cli);
		}
	}
	if (reason && !reject)
		cli_misuse(&cli, "--reason goes with --reject");
	if (reject && !reason)
		cli_misuse(&cli, "--reject needs --reason");
	if ((reject || dup) && (accept || resolve || close || reopen ||
	    feedback || rate || (reject && dup)))
		cli_misuse(&cli, "--reject and --duplicate-of end an issue: "
		    "they go alone (with --note)");
	if (feedback && strcmp(feedback, "satisfied") != 0 &&
	    strcmp(feedback, "basic") != 0 && strcmp(feedback,
	    "unsatisfied") != 0)
		cli_misuse(&cli, "bad feedback '%s' (use satisfied, basic or "
		    "unsatisfied)", feedback);
	if (rate && parse_long(rate, 1, 5, &v) != 0)
		cli_misuse(&cli, "bad rating '%s' (use 1 to 5)", rate);
	if (dup && !issue_id(dup))
		cli_misuse(&cli, "bad issue id '%s' for --duplicate-of", dup);

	/* the order of an issue's life */
	if (reopen)
		a[na++] = (struct iaction){ ACT_REOPEN, NULL };
	if (accept)
		a[na++] = (struct iaction){ ACT_ACCEPT, NULL };
	if (resolve)
		a[na++] = (struct iaction){ ACT_RESOLVE, note };
	else if (note)
		a[na++] = (struct iaction){ ACT_NOTE, note };
	if (close)
		a[na++] = (struct iaction){ ACT_CLOSE, NULL };
	if (feedback)
		a[na++] = (struct iaction){ ACT_FEEDBACK, feedback };
	if (rate)
		a[na++] = (struct iaction){ ACT_RATE, rate };
	if (reject)
		a[na++] = (struct iaction){ ACT_REJECT, reason };
	if (dup)
		a[na++] = (struct iaction){ ACT_DUPLICATE, dup };
	if (na == 0)
		cli_misuse(&cli, "nothing to do: give an action");

	/* the ids first, to the end: the program upstream commits before
	 * this one takes its snapshot or the write lock */
	keys_init(&k, argc - optind, argv + optind);
	/* an empty pipe is nothing to do; no ids and no pipe, a mistake */
	if (k.argc == 0 && !k.from_stdin)
		cli_misuse(&cli, "no issue given: name the ids, or give them on "
		    "stdin");
	st = store_open(store_path(cm.db));
	sp = spool_open(st, cm.mode, cm.outflags, cols, 2);
	o = spool_out(sp);
	spool_begin(sp);
	ictx_init(&c, st);
	while ((key = keys_next(&k))) {
		int64_t id = issue_id(key);

		if (!id) {
			warnf("'%s' is not an issue id", key);
			bad = 1;
			continue;
		}
		bad |= update(&c, o, id, a, na) != 0;
	}
	keys_free(&k);
	/* the rows go out once the store has the changes behind them */
	spool_end(sp, cm.dry_run ? SPOOL_DRY : SPOOL_COMMIT);
	if (spool_close(sp) != 0)
		bad = 1;
	ictx_free(&c);
	store_close(st);
	if (fshut(stdout, "stdout"))
		bad = 1;
	return bad ? EXIT_PARTIAL : EXIT_OK;
}
