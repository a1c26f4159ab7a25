/*
 * issue-file - file residents' problems: one from flags, or many from CSV or
 * JSON Lines on stdin, and print each new id, one a line, for issue-route.
 *
 * An issue about a household starts with the household's paired cadre, or
 * else at its grid (the ladder, gridkit(7)).  A row whose ref (a hotline
 * ticket, say) is in the store already is skipped and reported, so a batch
 * can be filed again after a failure without filing anything twice.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "issue.h"
#include "spool.h"
#include "scrub.h"
#include "store.h"
#include "util.h"

enum {
	OPT_HOUSEHOLD = CLI_PROG, OPT_CATEGORY, OPT_TEXT, OPT_SOURCE,
	OPT_REPORTER, OPT_PRIVATE, OPT_AT, OPT_REF
};

static const struct cli_opt opts[] = {
	{ "at", OPT_AT, "TIME", NULL, "when it was found (default: now)" },
	{ "category", OPT_CATEGORY, "NAME", NULL, "its category" },
	CLI_OPT_DB,
	CLI_OPT_DRY_RUN,
	CLI_OPT_ENCODING,
	CLI_OPT_FORMAT,
	{ "grid", CLI_GRID, "CODE", "@grid",
	  "the grid where the issue was found (when no household is given)" },
	{ "household", OPT_HOUSEHOLD, "CODE", "@household",
	  "the household it is about" },
	{ "private", OPT_PRIVATE, NULL, NULL,
	  "a private matter: kept off the echo wall" },
	CLI_OPT_NO_SUMMARY,
	CLI_OPT_QUIET,
	{ "ref", OPT_REF, "REF", NULL,
	  "an outside reference, such as a hotline ticket (unique)" },
	CLI_OPT_REJECTS,
	{ "reporter", OPT_REPORTER, "CODE", "@cadre", "the cadre who reports it" },
	{ "source", OPT_SOURCE, "SOURCE", "visit patrol hotline walk-in",
	  "how it came in: visit, patrol, hotline, walk-in, ..." },
	CLI_OPT_STRICT,
	{ "text", OPT_TEXT, "TEXT", NULL, "what the problem is" },
	CLI_OPT_END
};

static const struct cli cli = {
	"issue-file [--private] [--db FILE] [--household CODE | --grid CODE]\n"
	"           --category NAME --text TEXT [--source SOURCE]\n"
	"           [--reporter CODE] [--at TIME] [--ref REF]\n"
	"issue-file [-q] [--dry-run] [--no-summary] [--strict] [--db FILE]\n"
	"           [--encoding ENC] [--format FMT] [--rejects FILE] [FILE ...]",
	"File one issue from the options, or many from CSV or JSON Lines\n"
	"(columns household, grid, category, text, source, reporter, private,\n"
	"filed_at, ref).  Prints the id of each new issue.",
	"@file", opts
};

enum { F_HOUSEHOLD, F_GRID, F_CATEGORY, F_TEXT, F_SOURCE, F_REPORTER,
	F_PRIVATE, F_FILED_AT, F_REF, NFIELD };

static const char *const fields[NFIELD] = { "household", "grid", "category",
	"text", "source", "reporter", "private", "filed_at", "ref" };
static const int required[NFIELD] = { 0, 0, 1, 1, 0, 0, 0, 0, 0 };

static const struct out_col id_col[] = { { "id", OUT_NUM } };

/* the ids filed go to the batch's spool, out once they are committed.
 * Where the store files many at once (issue_file_many: PostgreSQL) the
 * records are held, ISSUE_FILE_MANY at a time, and reported when filed */
struct batch {
	struct ictx c;
	struct out *out;
	int chunked;
	size_t n;                              /* records held */
	struct held held[ISSUE_FILE_MANY];
	char *val[ISSUE_FILE_MANY][NFIELD];    /* their fields */
	struct issue_new in[ISSUE_FILE_MANY];
	int rc[ISSUE_FILE_MANY];
	int64_t id[ISSUE_FILE_MANY];
	struct sbuf why[ISSUE_FILE_MANY];
};

static void *
batch_begin(struct imp *im, const void *arg)
{
	struct batch *b = xcalloc(1, sizeof *b);

	(void)arg;
	ictx_init(&b->c, imp_store(im));
	b->out = spool_out(imp_spool(im));
	b->chunked = issue_file_chunked(&b->c);
	issue_file_batch_begin(&b->c);
	return b;
}

/* what became of a record: its id out, or why it was skipped */
static enum imp_result
filed(struct batch *b, int rc, int64_t id, const char *file, long line,
    const char *ref)
{
	char idbuf[24];
	const char *v[1] = { idbuf };

	if (rc < 0)
		return IMP_REJECTED;
	if (rc == 0) {
		warnf("%s:%ld: ref '%s' is issue %lld already; skipped",
		    file_label(file), line, ref, (long long)id);
		return IMP_UNCHANGED;
	}
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	out_row(b->out, v, NULL);
	return IMP_ADDED;
}

static struct issue_new
fields_of(const char *const *v)
{
	struct issue_new in = { v[F_HOUSEHOLD], v[F_GRID], v[F_CATEGORY],
		v[F_TEXT], v[F_SOURCE], v[F_REPORTER], v[F_PRIVATE],
		v[F_FILED_AT], v[F_REF] };

	return in;
}

static void
batch_flush(struct imp *im, void *state)
{
	struct batch *b = state;
	size_t i, j;

	if (!b->n)
		return;
	issue_file_many(&b->c, b->in, b->n, b->rc, b->id, b->why);
	for (i = 0; i < b->n; i++) {
		struct held *h = &b->held[i];

		imp_done(im, h, filed(b, b->rc[i], b->id[i], h->file, h->line,
		    b->in[i].ref), sb_str(&b->why[i]));
		held_free(h);
		sb_reset(&b->why[i]);
		for (j = 0; j < NFIELD; j++) {
			free(b->val[i][j]);
			b->val[i][j] = NULL;
		}
	}
	b->n = 0;
}

static enum imp_result
batch_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	const char *v[NFIELD];
	struct batch *b = state;
	struct issue_new in;
	int64_t id;
	int i, rc;

	for (i = 0; i < NFIELD; i++)
		v[i] = rec_get(r, i);
	if (b->chunked) {
		for (i = 0; i < NFIELD; i++)
			b->val[b->n][i] = v[i] ? xstrdup(v[i]) : NULL;
		b->in[b->n] = fields_of((const char *const *)b->val[b->n]);
		held_keep(&b->held[b->n], r);
		if (++b->n == ISSUE_FILE_MANY)
			batch_flush(im, b);
		return IMP_HELD;
	}
	in = fields_of(v);
	rc = issue_file(&b->c, &in, &id, why);
	return filed(b, rc, id, rec_name(r), rec_line(r), in.ref);
}

static void
batch_end(struct imp *im, void *state)
{
	struct batch *b = state;

	batch_flush(im, b);
	issue_file_batch_end(&b->c);
}

static void
batch_finish(void *state, int applied)
{
	struct batch *b = state;
	size_t i, j;

	(void)applied;
	/* a run cut short (another office's transaction won) holds some */
	for (i = 0; i < b->n; i++) {
		held_free(&b->held[i]);
		for (j = 0; j < NFIELD; j++)
			free(b->val[i][j]);
	}
	for (i = 0; i < ISSUE_FILE_MANY; i++)
		sb_free(&b->why[i]);
	ictx_free(&b->c);
	free(b);
}

static const char *const labels[] = { "filed", NULL, "skipped", "rejected" };

static const struct kind issues = {
	"issues", fields, required, NFIELD, labels, NULL, batch_begin,
	batch_row, batch_end, batch_finish, batch_flush
};

struct one {
	struct store *st;
	struct spool *sp;
	const struct issue_new *in;
	int dry_run, rc;
};

/* one transaction, run again when another office's wins (spool_run) */
static enum spool_end
file_body(void *arg)
{
	struct one *o = arg;
	struct ictx c;
	struct sbuf why = { 0 };
	char idbuf[24];
	const char *v[1] = { idbuf };
	int64_t id;
	int rc;

	ictx_init(&c, o->st);
	rc = o->rc = issue_file(&c, o->in, &id, &why);
	if (rc < 0) {
		struct sbuf m = { 0 };

		/* it may quote what was typed: a phone for a household */
		warnf("%s", scrub_str(NULL, sb_str(&why), &m));
		sb_free(&m);
	}
	else if (rc == 0)
		warnf("ref '%s' is issue %lld already; nothing filed",
		    o->in->ref, (long long)id);
	if (rc > 0) {
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
		out_row(spool_out(o->sp), v, NULL);
	}
	ictx_free(&c);
	sb_free(&why);
	/* a dry run's id is not the one a real run would get: not shown */
	return o->dry_run || rc < 0 ? SPOOL_DROP : SPOOL_COMMIT;
}

static int
file_one(struct store *st, const struct issue_new *in, int dry_run)
{
	struct one o = { st, NULL, in, dry_run, 0 };

	o.sp = spool_open(st, OUT_TSV, OUT_KEYS, id_col, 1);
	spool_run(o.sp, file_body, &o);
	if (spool_close(o.sp) != 0)
		return EXIT_PARTIAL;
	return o.rc < 0 ? EXIT_PARTIAL : EXIT_OK;
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct issue_new in = { 0 };
	struct imp_opts io = { 0 };
	struct store *st;
	int key, rc, flags = 0;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1) {
		switch (key) {
		case OPT_HOUSEHOLD: in.household = cli_arg; break;
		case OPT_CATEGORY: in.category = cli_arg; break;
		case OPT_TEXT: in.text = cli_arg; break;
		case OPT_SOURCE: in.source = cli_arg; break;
		case OPT_REPORTER: in.reporter = cli_arg; break;
		case OPT_PRIVATE: in.private = "1"; break;
		case OPT_AT: in.filed_at = cli_arg; break;
		case OPT_REF: in.ref = cli_arg; break;
		case 'q': continue; /* the ids are all it prints */
		default:
			if (!cli_common(&cm, key, cli_arg))
				cli_usage(&cli);
			continue;
		}
		flags = 1;
	}
	in.grid = cm.grid;
	flags |= in.grid != NULL;
	if (flags && optind < argc)
		cli_misuse(&cli, "give the issue in options or in files, not "
		    "both");

	if (!flags && optind == argc && isatty(STDIN_FILENO))
		cli_misuse(&cli, "no issue given: use --category and --text, "
		    "or give a file");
	st = store_open(store_path(cm.db));
	if (flags) {
		if (!in.category || !in.text)
			cli_misuse(&cli, "an issue needs --category and --text");
		rc = file_one(st, &in, cm.dry_run);
	} else {
		store_writer(st);
		io.format = cm.format;
		io.encoding = cm.encoding;
		io.rejects = cm.rejects;
		io.strict = cm.strict;
		io.dry_run = cm.dry_run;
		io.quiet = summary_off;
		io.rows = &(struct imp_rows){ OUT_TSV, OUT_KEYS, id_col, 1 };
		rc = import_run(st, &issues, argv + optind, argc - optind, &io);
	}
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
