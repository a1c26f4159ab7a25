/*
 * issue-route - send issues to the unit that leads on them, by the rules or
 * by hand.
 *
 * By the rules: the ids come from the arguments, or from stdin (issue-file's
 * output), or else every open issue is routed.  The first rule that matches
 * sets the lead unit, the assisting units and the deadline.  An issue no
 * rule matches stays open and is listed for adjudication (exit 1).
 *
 * By hand (--to UNIT): the platform's adjudication, also for an issue a unit
 * pushed back.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "issue.h"
#include "out.h"
#include "rules.h"
#include "store.h"
#include "util.h"

enum { OPT_TO = CLI_PROG, OPT_HOURS, OPT_ASSIST };

static const struct cli_opt opts[] = {
	{ "assist", OPT_ASSIST, "UNITS", "@unit",
	  "with --to: the assisting units, ';'-separated" },
	CLI_OPT_BOM,
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	{ "hours", OPT_HOURS, "N", NULL,
	  "with --to: hours to act (default: the matching rule's, else the "
	  "rung's)" },
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	{ "to", OPT_TO, "UNIT", "@unit", "route by hand to UNIT" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-route [-q] [--dry-run] [--db FILE] [-o MODE] [ID ...]\n"
	"issue-route --to UNIT [--assist UNITS] [--hours N] [--db FILE] ID ...",
	"Route issues to their lead unit by the rules: the issues named, or\n"
	"read from stdin, or else every open issue.  Prints id, unit and due\n"
	"for each issue routed; those no rule matches are listed on stderr.",
	"@issue", opts
};

static const struct out_col cols[] = {
	{ "id", OUT_NUM }, { "unit", OUT_STR }, { "due", OUT_STR }
};

struct run {
	struct ictx c;
	struct rules *rules;
	struct out *out;
	const char *to, *assist;
	double hours;
	long routed, unmatched, refused;
};

static void
print(struct run *r, int64_t id, const char *unit)
{
	static const char sql[] = "SELECT due_at FROM issues WHERE id = ?";
	sqlite3_stmt *s = store_stmt(r->c.st, sql);
	char idbuf[24], due[CLK_BUFSZ] = "";
	const char *v[3] = { idbuf, unit, NULL };

	bind_int(s, 1, id);
	if (store_step(r->c.st, s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		v[2] = clk_fmt(sqlite3_column_int64(s, 0), due);
	sqlite3_reset(s);
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	out_row(r->out, v, NULL);
}

/* route one issue whose category and text are known */
static void
route(struct run *r, int64_t id, const char *category, const char *text)
{
	const struct rule *ru = rules_match(r->rules, category, text,
	    strlen(text));
	struct sbuf why = { 0 };
	const char *unit = r->to, *assist = r->assist;
	double hours = r->hours;

	if (!r->to) {
		if (!ru) {
			warnf("issue %lld (%s): no rule matches; route it by "
			    "hand with --to", (long long)id, category);
			r->unmatched++;
			return;
		}
		unit = ru->unit;
		assist = ru->assist;
		hours = ru->hours;
	} else if (hours == 0 && ru && strcmp(ru->unit, r->to) == 0) {
		hours = ru->hours;
	}
	if (issue_route(&r->c, id, unit, assist, hours, r->to != NULL,
	    &why) != 0) {
		warnf("%s", sb_str(&why));
		r->refused++;
	} else {
		r->routed++;
		print(r, id, unit);
	}
	sb_free(&why);
}

static void
route_id(struct run *r, const char *key)
{
	static const char sql[] = "SELECT category, text FROM issues"
	    " WHERE id = ?";
	int64_t id = issue_id(key);
	sqlite3_stmt *s;
	char *category, *text;

	if (!id) {
		warnf("'%s' is not an issue id", key);
		r->refused++;
		return;
	}
	s = store_stmt(r->c.st, sql);
	bind_int(s, 1, id);
	if (store_step(r->c.st, s) != SQLITE_ROW) {
		warnf("issue %lld does not exist", (long long)id);
		r->refused++;
		return;
	}
	category = xstrdup(col_text(s, 0));
	text = xstrdup(col_text(s, 1));
	sqlite3_reset(s);
	route(r, id, category, text);
	free(category);
	free(text);
}

/* every open issue, a chunk at a time, in id order */
static void
route_open(struct run *r)
{
	static const char sql[] = "SELECT id, category, text FROM issues"
	    " WHERE status = 'open' AND id > ? ORDER BY id LIMIT 4096";
	int64_t last = 0, n;

	do {
		sqlite3_stmt *s = store_prepare(r->c.st, sql);
		struct { int64_t id; char *category, *text; } *batch;
		int64_t i;

		batch = xcalloc(4096, sizeof *batch);
		bind_int(s, 1, last);
		for (n = 0; store_step(r->c.st, s) == SQLITE_ROW; n++) {
			batch[n].id = sqlite3_column_int64(s, 0);
			batch[n].category = xstrdup(col_text(s, 1));
			batch[n].text = xstrdup(col_text(s, 2));
		}
		sqlite3_finalize(s);
		for (i = 0; i < n; i++) {
			route(r, batch[i].id, batch[i].category, batch[i].text);
			last = batch[i].id;
			free(batch[i].category);
			free(batch[i].text);
		}
		free(batch);
	} while (n == 4096);
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct run r = { 0 };
	struct keys k;
	const char *key;
	struct store *st;
	int opt, any = 0;

	cli_init(&cm);
	while ((opt = cli_next(&cli, argc, argv)) != -1) {
		if (opt == OPT_TO)
			r.to = cli_arg;
		else if (opt == OPT_ASSIST)
			r.assist = cli_arg;
		else if (opt == OPT_HOURS) {
			if (parse_hours(cli_arg, &r.hours) != 0 || r.hours <= 0)
				cli_misuse(&cli, "bad hours '%s'", cli_arg);
		} else if (!cli_common(&cm, opt, cli_arg))
			cli_usage(&cli);
	}
	if ((r.assist || r.hours > 0) && !r.to)
		cli_misuse(&cli, "--assist and --hours go with --to");

	st = store_open(store_path(cm.db));
	store_begin(st);
	ictx_init(&r.c, st);
	r.rules = rules_load(st);
	r.out = out_open(stdout, cm.mode, cm.outflags, cols, 3);
	keys_init(&k, argc - optind, argv + optind);
	while ((key = keys_next(&k))) {
		route_id(&r, key);
		any = 1;
	}
	keys_free(&k);
	if (!any && r.to)
		cli_misuse(&cli, "--to needs the ids of the issues to route");
	if (!any)
		route_open(&r);
	if (cm.dry_run)
		store_rollback(st);
	else
		store_commit(st);
	if (out_close(r.out) != 0)
		r.refused++;
	if (r.routed || r.unmatched || r.refused)
		warnf("%ld routed, %ld need adjudication, %ld refused%s",
		    r.routed, r.unmatched, r.refused,
		    cm.dry_run ? " (dry run: nothing written)" : "");
	rules_free(r.rules);
	ictx_free(&r.c);
	store_close(st);
	if (fshut(stdout, "stdout"))
		return EXIT_PARTIAL;
	return r.unmatched || r.refused ? EXIT_PARTIAL : EXIT_OK;
}
