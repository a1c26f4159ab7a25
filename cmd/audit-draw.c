/*
 * audit-draw - public audits: draw cadres at random, reproducibly from a
 * seed announced beforehand, list their households (unmasked) for the
 * verification calls, record what each call found, and report per cadre.
 * A dry run lists them masked and leaves a trace of who looked.
 *
 * The draw is fixed by the store's active cadres, the seed and the count
 * (audit.h; the man page spells it out), so anyone can check it.
 */
#include <string.h>

#include "audit_draw.h"
#include "cli.h"
#include "out.h"
#include "spool.h"
#include "store.h"
#include "util.h"

enum { OPT_SEED = CLI_PROG, OPT_COUNT, OPT_RECORD, OPT_REPORT, OPT_NOTE };

#define COUNT_DEFAULT 5

static const struct cli_opt opts[] = {
	CLI_OPT_BOM,
	{ "count", OPT_COUNT, "N", NULL, "draw N cadres (default 5)" },
	CLI_OPT_DB,
	{ "dry-run", CLI_DRY_RUN, NULL, NULL,
	  "show the draw masked, recording only who looked; or check the "
	  "call and record nothing" },
	{ "grid", CLI_GRID, "CODE", "@grid",
	  "draw from the cadres serving under grid CODE" },
	CLI_OPT_NO_SUMMARY,
	{ "note", OPT_NOTE, "TEXT", NULL, "with --record: what was said" },
	CLI_OPT_OUTPUT,
	CLI_OPT_QUIET,
	{ "record", OPT_RECORD, "DRAW", NULL,
	  "record a call: HOUSEHOLD confirmed|denied" },
	{ "report", OPT_REPORT, "DRAW", NULL,
	  "per drawn cadre: households, claimed visits, calls" },
	{ "seed", OPT_SEED, "SEED", NULL, "the seed announced for the draw" },
	CLI_OPT_END
};

static const struct cli cli = {
	"audit-draw [-q] [--bom] [--dry-run] [--no-summary] [--db FILE]\n"
	"           [--count N] [--grid CODE] [-o MODE] --seed SEED\n"
	"audit-draw [--dry-run] [--db FILE] [--note TEXT] --record DRAW\n"
	"           HOUSEHOLD confirmed|denied\n"
	"audit-draw [-q] [--bom] [--db FILE] [-o MODE] --report DRAW",
	"Draw active cadres at random from SEED and record the draw, then\n"
	"list their households with head and phone for the verification\n"
	"calls; record what each call found; report per cadre, worst first.",
	"@household", opts
};

static int64_t
draw_id(const char *s)
{
	long v;

	if (parse_long(s, 1, 2147483647L, &v) != 0)
		cli_misuse(&cli, "'%s' is not a draw number", s);
	return v;
}

static int
draw(struct store *st, const struct common *cm, const char *seed,
    long count)
{
	struct audit_draw d;
	struct sbuf why = { 0 };
	struct spool *sp = spool_open(st, cm->mode, cm->outflags,
	    audit_draw_list_cols, AUDIT_DRAW_LIST_NCOLS);
	int rc;

	spool_begin(sp);
	if ((rc = audit_draw_run(st, seed, count, cm->grid, &d, &why)) != 0) {
		spool_end(sp, SPOOL_DROP);
		spool_close(sp);
		warnf("%s", sb_str(&why));
		sb_free(&why);
		return rc == -2 ? EXIT_USAGE : EXIT_PARTIAL;
	}
	summaryf("draw %lld: %ld of %ld active cadres, seed '%s'%s",
	    (long long)d.id, d.drawn, d.pool, seed, cm->dry_run ?
	    " (dry run: not recorded)" : "");
	if (d.drawn < count)
		warnf("only %ld active cadres to draw from: all drawn",
		    d.pool);
	/* the list comes from the draw, as the store holds it, and goes out
	 * once the draw is committed; a dry run's list is masked, and who
	 * looked at it is recorded all the same */
	audit_draw_list(st, d.id, cm->dry_run, spool_out(sp));
	spool_end(sp, cm->dry_run ? SPOOL_DRY : SPOOL_COMMIT);
	if (cm->dry_run) {
		store_begin(st);
		audit_draw_preview(st, &d);
		store_commit(st);
	}
	audit_draw_free(&d);
	return spool_close(sp) ? EXIT_PARTIAL : EXIT_OK;
}

static int
record(struct store *st, int dry_run, int64_t id, const char *household,
    const char *result, const char *note)
{
	struct spool *sp = spool_open(st, OUT_TSV, 0, NULL, 0);
	struct sbuf why = { 0 };
	int rc;

	spool_begin(sp);
	rc = audit_draw_record(st, id, household, result, note, &why);
	if (rc < 0)
		warnf("%s", sb_str(&why));
	else if (rc == 0)
		warnf("household '%s': %s is recorded already", household,
		    result);
	spool_end(sp, dry_run ? SPOOL_DRY : SPOOL_COMMIT);
	spool_close(sp);
	sb_free(&why);
	return rc < 0 ? EXIT_PARTIAL : EXIT_OK;
}

static int
report(struct store *st, const struct common *cm, int64_t id)
{
	struct out *o;
	int rc = EXIT_OK;

	store_read(st);
	if (!audit_draw_exists(st, id)) {
		warnf("draw %lld does not exist", (long long)id);
		rc = EXIT_PARTIAL;
	} else {
		o = out_open(stdout, cm->mode, cm->outflags,
		    audit_draw_report_cols, AUDIT_DRAW_REPORT_NCOLS);
		audit_draw_report(st, id, o);
		if (out_close(o) != 0)
			rc = EXIT_PARTIAL;
	}
	store_commit(st);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct common cm;
	const char *seed = NULL, *rec = NULL, *rep = NULL, *note = NULL;
	long count = COUNT_DEFAULT;
	int64_t id = 0;
	int key, rc, nargs, counted = 0;
	struct store *st;

	cli_init(&cm);
	while ((key = cli_next(&cli, argc, argv)) != -1) {
		if (key == OPT_SEED)
			seed = cli_arg;
		else if (key == OPT_COUNT) {
			if (parse_long(cli_arg, 1, 1000000, &count) != 0)
				cli_misuse(&cli, "--count wants a number from "
				    "1 up, not '%s'", cli_arg);
			counted = 1;
		} else if (key == OPT_RECORD)
			rec = cli_arg;
		else if (key == OPT_REPORT)
			rep = cli_arg;
		else if (key == OPT_NOTE)
			note = cli_arg;
		else if (!cli_common(&cm, key, cli_arg))
			cli_usage(&cli);
	}
	nargs = argc - optind;
	if (!!seed + !!rec + !!rep != 1)
		cli_misuse(&cli, "give one of --seed, --record and --report");
	if (seed && !*seed)
		cli_misuse(&cli, "the seed is empty");
	if ((rec || rep) && (cm.grid || counted))
		cli_misuse(&cli, "--grid and --count go with --seed");
	if (note && !rec)
		cli_misuse(&cli, "--note goes with --record");
	if (rep && cm.dry_run)
		cli_misuse(&cli, "--dry-run goes with --seed or --record");
	if (rec && (nargs != 2 || (strcmp(argv[optind + 1], "confirmed") &&
	    strcmp(argv[optind + 1], "denied"))))
		cli_misuse(&cli, "--record wants HOUSEHOLD confirmed|denied");
	if (!rec && nargs > 0)
		cli_misuse(&cli, "unexpected argument '%s'", argv[optind]);
	if (rec || rep)
		id = draw_id(rec ? rec : rep);

	st = store_open(store_path(cm.db));
	if (seed)
		rc = draw(st, &cm, seed, count);
	else if (rec)
		rc = record(st, cm.dry_run, id, argv[optind],
		    argv[optind + 1], note && *note ? note : NULL);
	else
		rc = report(st, &cm, id);
	store_close(st);
	if (fshut(stdout, "stdout"))
		rc = EXIT_PARTIAL;
	return rc;
}
