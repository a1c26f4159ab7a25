/*
 * grid-assign - who looks after what: grid leaders, and the pairing of
 * cadres with households.
 *
 *   leader   make a cadre a grid's leader, or many from CSV / JSON Lines
 *   pair     pair every unpaired household with a cadre of its grid (or of
 *            the nearest grid above that has cadres), balanced, neighbours
 *            together, existing pairs kept
 *   move     hand every household of one cadre to another
 *   release  cadres leave; their households go to the remaining cadres of
 *            their grids
 *
 * pair, move and release print each household they dealt with and its new
 * cadre (empty when it was left unpaired), once the store has them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grid_assign.h"
#include "cli.h"
#include "clock.h"
#include "import.h"
#include "spool.h"
#include "out.h"
#include "store.h"
#include "util.h"

enum { OPT_FROM = CLI_PROG, OPT_TO, OPT_PER };

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	CLI_OPT_ENCODING,
	CLI_OPT_FORMAT,
	{ "from", OPT_FROM, "CADRE", "@cadre",
	  "move: the cadre whose households move" },
	{ "grid", CLI_GRID, "CODE", "@grid",
	  "pair, move: only the households under grid CODE" },
	CLI_OPT_NO_SUMMARY,
	CLI_OPT_OUTPUT,
	{ "per", OPT_PER, "N", NULL,
	  "pair, release: at most N households a cadre" },
	CLI_OPT_QUIET,
	CLI_OPT_REJECTS,
	CLI_OPT_STRICT,
	{ "to", OPT_TO, "CADRE", "@cadre",
	  "move: the cadre who takes them" },
	CLI_OPT_END
};

static const struct cli cli = {
	"grid-assign leader [--dry-run] [--db FILE] GRID CADRE\n"
	"grid-assign leader [-q] [--dry-run] [--no-summary] [--strict]\n"
	"                   [--db FILE] [--encoding ENC] [--format FMT]\n"
	"                   [--rejects FILE] [FILE]\n"
	"grid-assign pair [-q] [--bom] [--dry-run] [--no-summary] [--db FILE]\n"
	"                 [--grid CODE] [--per N] [-o MODE]\n"
	"grid-assign move [-q] [--bom] [--dry-run] [--no-summary] [--db FILE]\n"
	"                 [--grid CODE] [-o MODE] --from CADRE --to CADRE\n"
	"grid-assign release [-q] [--bom] [--dry-run] [--no-summary]\n"
	"                    [--db FILE] [--per N] [-o MODE] [CADRE ...]",
	"Set grid leaders (GRID CADRE, or CSV / JSON Lines of grid,leader);\n"
	"pair unpaired households with the cadres of their grid, balanced;\n"
	"move one cadre's households to another; release leaving cadres and\n"
	"hand their households on.  pair, move and release print each\n"
	"household and its new cadre (empty: left unpaired).",
	"leader pair move release @cadre", opts
};

/* what the subcommands share */
struct run {
	struct common cm;
	const char *from, *to;
	long per;
	int argc;            /* the operands after the subcommand */
	char **argv;
	struct store *st;
	struct grid_assign_opts ao;
	struct spool *sp;    /* the rows, held until the store has them */
};

static const struct out_col cols[] = {
	{ "household", OUT_STR }, { "cadre", OUT_STR }
};

static void
row(void *ctx, const char *household, const char *cadre)
{
	const char *v[2] = { household, cadre };

	out_row(ctx, v, NULL);
}

static void
start(struct run *r)
{
	r->st = store_open(store_path(r->cm.db));
	/* pair writes millions of rows: a bigger page cache, and the
	 * statement journals in memory (grid_assign.c) */
	store_writer(r->st);
	r->sp = spool_open(r->st, r->cm.mode, r->cm.outflags, cols, 2);
	r->ao.per = r->per;
	r->ao.grid = r->cm.grid;
	r->ao.at = clk_now();
	r->ao.emit = row;
	r->ao.ctx = spool_out(r->sp);
	spool_begin(r->sp);
}

/* commit (or roll back a dry run), then print the rows; the exit code */
static int
finish(struct run *r, int bad)
{
	spool_end(r->sp, r->cm.dry_run ? SPOOL_DRY : SPOOL_COMMIT);
	if (spool_close(r->sp) != 0)
		bad = 1;
	store_close(r->st);
	if (fshut(stdout, "stdout"))
		bad = 1;
	return bad ? EXIT_PARTIAL : EXIT_OK;
}

static const char *
dry(const struct run *r)
{
	return r->cm.dry_run ? " (dry run: nothing written)" : "";
}

static int
pair(struct run *r)
{
	struct grid_assign_sum sum;

	if (r->argc > 0)
		cli_misuse(&cli, "unexpected argument '%s'", r->argv[0]);
	start(r);
	if (grid_assign_pair(r->st, &r->ao, &sum) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", r->cm.grid);
	summaryf("%ld households paired, %ld left unpaired%s", sum.paired,
	    sum.unpaired, dry(r));
	return finish(r, sum.unpaired > 0);
}

static int
move(struct run *r)
{
	struct sbuf why = { 0 };
	long n;

	if (!r->from || !r->to)
		cli_misuse(&cli, "move needs --from and --to");
	if (r->argc > 0)
		cli_misuse(&cli, "unexpected argument '%s'", r->argv[0]);
	start(r);
	if ((n = grid_assign_move(r->st, r->from, r->to, &r->ao, &why)) < 0)
		warnf("%s", sb_str(&why));
	else
		summaryf("%ld households moved from '%s' to '%s'%s", n, r->from,
		    r->to, dry(r));
	sb_free(&why);
	return finish(r, n < 0);
}

static int
release(struct run *r)
{
	struct grid_assign_release *rel;
	struct grid_assign_sum sum;
	struct sbuf why = { 0 };
	struct keys k;
	const char *key;
	int bad = 0, n = 0;

	if (r->argc == 0 && isatty(STDIN_FILENO))
		cli_misuse(&cli, "no cadre given");
	cli_keys_init(&k, r->argc, r->argv);
	start(r);
	rel = grid_assign_release_begin(r->st, &r->ao);
	while ((key = cli_keys_next(&k))) {
		sb_reset(&why);
		if (grid_assign_release_add(rel, key, &why) != 0) {
			warnf("%s", sb_str(&why));
			bad = 1;
		} else {
			n++;
		}
	}
	cli_keys_free(&k);
	sb_free(&why);
	grid_assign_release_end(rel, &sum);
	summaryf("%d cadre%s released: %ld households handed on, %ld left "
	    "unpaired%s", n, n == 1 ? "" : "s", sum.paired, sum.unpaired,
	    dry(r));
	return finish(r, bad || sum.unpaired > 0);
}

static int
leader(struct run *r)
{
	struct imp_opts io = { r->cm.format, r->cm.encoding, r->cm.rejects,
		r->cm.strict, r->cm.dry_run, summary_off,
		(r->cm.outflags & OUT_KEYS) != 0, NULL, 0 };
	struct sbuf why = { 0 };
	struct store *st;
	int rc;

	if (r->argc > 2)
		cli_misuse(&cli, "unexpected argument '%s'", r->argv[2]);
	st = store_open(store_path(r->cm.db));
	if (r->argc < 2) {
		rc = import_run(st, &grid_assign_leaders, r->argv, r->argc, &io);
	} else {
		struct spool *sp = spool_open(st, OUT_TSV, 0, NULL, 0);

		spool_begin(sp);
		rc = grid_assign_leader(st, r->argv[0], r->argv[1], &why);
		if (rc < 0)
			warnf("%s", sb_str(&why));
		else if (rc == 0)
			warnf("cadre '%s' leads grid '%s' already", r->argv[1],
			    r->argv[0]);
		spool_end(sp, r->cm.dry_run ? SPOOL_DRY : SPOOL_COMMIT);
		spool_close(sp);
		rc = rc < 0 ? EXIT_PARTIAL : EXIT_OK;
	}
	store_close(st);
	sb_free(&why);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}

/* an option given to a subcommand it does not belong to */
static void
only(const char *sub, int given, const char *opt, const char *subs)
{
	if (given && !strstr(subs, sub))
		cli_misuse(&cli, "%s goes with %s, not %s", opt, subs, sub);
}

static const struct {
	const char *name;
	int (*run)(struct run *);
} subs[] = {
	{ "leader", leader }, { "move", move }, { "pair", pair },
	{ "release", release }
};

int
main(int argc, char *argv[])
{
	struct run r = { 0 };
	const char *sub;
	size_t i;
	int key, file_opts;

	cli_init(&r.cm);
	while ((key = cli_next(&cli, argc, argv)) != -1) {
		if (key == OPT_FROM)
			r.from = cli_arg;
		else if (key == OPT_TO)
			r.to = cli_arg;
		else if (key == OPT_PER) {
			if (parse_long(cli_arg, 1, 1000000, &r.per) != 0)
				cli_misuse(&cli, "--per wants a number of "
				    "households from 1 up, not '%s'", cli_arg);
		} else if (!cli_common(&r.cm, key, cli_arg))
			cli_usage(&cli);
	}
	if (optind >= argc)
		cli_misuse(&cli, "no subcommand given (use leader, pair, move "
		    "or release)");
	sub = argv[optind];
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(sub, subs[i].name) == 0)
			break;
	if (i == sizeof subs / sizeof subs[0])
		cli_misuse(&cli, "unknown subcommand '%s' (use leader, pair, "
		    "move or release)", sub);
	r.argc = argc - optind - 1;
	r.argv = argv + optind + 1;
	file_opts = r.cm.rejects || r.cm.strict || r.cm.encoding ||
	    r.cm.format != REC_AUTO;
	only(sub, r.from != NULL, "--from", "move");
	only(sub, r.to != NULL, "--to", "move");
	only(sub, r.per > 0, "--per", "pair or release");
	only(sub, r.cm.grid != NULL, "--grid", "pair or move");
	only(sub, file_opts, "reading a file", "leader");
	if (file_opts && r.argc == 2)
		cli_misuse(&cli, "the file options go with a file, not with "
		    "GRID CADRE");
	return subs[i].run(&r);
}
