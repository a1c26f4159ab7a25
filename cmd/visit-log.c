/*
 * visit-log - record a cadre's visit to one of his households, and show how
 * well cadres cover their households (--coverage).
 *
 * A visit counts only when the household was the cadre's at that time; a
 * visit by anyone else is refused and the message names whose household it
 * was.  Visits are kept to the minute: logging the same one twice stores
 * it once.  Batches of visits go through grid-import visits.
 */
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "coverage.h"
#include "out.h"
#include "pairs.h"
#include "spool.h"
#include "store.h"
#include "util.h"

enum { OPT_AT = CLI_PROG, OPT_NOTE, OPT_COVERAGE };

#define NOTE_MAX 500 /* characters, as grid-import visits allows */

static const struct cli_opt opts[] = {
	{ "at", OPT_AT, "TIME", NULL, "when the visit was (default: now)" },
	CLI_OPT_BOM,
	{ "coverage", OPT_COVERAGE, NULL, NULL,
	  "list each cadre's households, how many he visited, the share" },
	CLI_OPT_DB,
	CLI_OPT_GRID,
	{ "note", OPT_NOTE, "TEXT", NULL, "what the visit was about" },
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	CLI_OPT_SINCE,
	CLI_OPT_UNTIL,
	CLI_OPT_END
};

static const struct cli cli = {
	"visit-log [--db FILE] [--at TIME] [--note TEXT] CADRE HOUSEHOLD\n"
	"visit-log --coverage [-q] [--bom] [--db FILE] [--grid CODE]\n"
	"          [--since TIME] [--until TIME] [-o MODE]",
	"Record a cadre's visit to one of his households, or list for each\n"
	"cadre his households, how many of them he visited in the period and\n"
	"the share (--coverage).",
	"@cadre", opts
};

static int
chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct visit {
	struct store *st;
	const char *cadre, *household, *note;
	int64_t at;
	int rc;
};

/* one transaction, run again when another office's wins (spool_run) */
static enum spool_end
record_body(void *arg)
{
	struct visit *vi = arg;
	struct sbuf why = { 0 }, detail = { 0 }, subj = { 0 };
	char buf[CLK_BUFSZ];
	int64_t at = vi->at;

	vi->rc = visit_add(vi->st, vi->cadre, vi->household, at, vi->note,
	    &why);
	at -= ((at % 60) + 60) % 60;
	if (vi->rc < 0) {
		warnf("%s", sb_str(&why));
	} else if (vi->rc == 0) {
		warnf("the visit of cadre '%s' to household '%s' at %s is "
		    "recorded already", vi->cadre, vi->household,
		    clk_fmt(at, buf));
	} else {
		sb_printf(&subj, "household %s", vi->household);
		/* codes hold no quotes or backslashes (valid_code) */
		sb_printf(&detail, "{\"cadre\":\"%s\",\"at\":\"%s\"}",
		    vi->cadre, clk_fmt(at, buf));
		store_event(vi->st, &(struct event){ .kind = "visit",
		    .subject = sb_str(&subj), .detail = sb_str(&detail) });
	}
	sb_free(&why);
	sb_free(&detail);
	sb_free(&subj);
	return SPOOL_COMMIT;
}

static int
record(struct store *st, const char *cadre, const char *household,
    int64_t at, const char *note)
{
	struct spool *sp = spool_open(st, OUT_TSV, 0, NULL, 0);
	struct visit vi = { st, cadre, household, note, at, 0 };

	spool_run(sp, record_body, &vi);
	spool_close(sp);
	return vi.rc < 0 ? EXIT_PARTIAL : EXIT_OK;
}

static int
coverage(struct store *st, const struct common *cm, struct coverage_opts *co)
{
	struct out *o;
	int rc;

	store_read(st);
	o = out_open(stdout, cm->mode, cm->outflags, coverage_cols, COVERAGE_NCOLS);
	rc = coverage_run(st, co, o);
	if (out_close(o) != 0)
		rc = -1;
	store_commit(st);
	if (rc != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", co->grid);
	return EXIT_OK;
}

int
main(int argc, char *argv[])
{
	struct common cm;
	struct coverage_opts co = { 0 };
	const char *at_s = NULL, *note = NULL;
	int64_t at;
	int key, cov = 0, rc;
	struct store *st;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1) {
		if (key == OPT_AT)
			at_s = cli_arg;
		else if (key == OPT_NOTE)
			note = cli_arg;
		else if (key == OPT_COVERAGE)
			cov = 1;
		else if (!cli_common(&cm, key, cli_arg))
			cli_usage(&cli);
	}
	if (cov && (at_s || note || optind < argc))
		cli_misuse(&cli, "--coverage takes no visit");
	if (!cov && (cm.grid || cm.since || cm.until))
		cli_misuse(&cli, "--grid, --since and --until go with "
		    "--coverage");
	if (!cov && argc - optind != 2)
		cli_misuse(&cli, "give a cadre and a household");
	if (at_s && clk_parse(at_s, &at, NULL) != 0)
		cli_misuse(&cli, "bad time '%s' for --at", at_s);
	if (!at_s)
		at = clk_now();
	if (note && chars(note) > NOTE_MAX)
		cli_misuse(&cli, "the note is %d characters long; at most %d",
		    chars(note), NOTE_MAX);
	if (cm.since && clk_parse(cm.since, &co.since, NULL) != 0)
		cli_misuse(&cli, "bad time '%s' for --since", cm.since);
	if (cm.until && clk_parse_until(cm.until, &co.until) != 0)
		cli_misuse(&cli, "bad time '%s' for --until", cm.until);
	co.grid = cm.grid;

	st = store_open(store_path(cm.db));
	if (cov)
		rc = coverage(st, &cm, &co);
	else
		rc = record(st, argv[optind], argv[optind + 1], at,
		    note && *note ? note : NULL);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
