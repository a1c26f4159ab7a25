#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "cli.h"
#include "clock.h"
#include "escalate.h"
#include "issue.h"
#include "istate.h"
#include "spool.h"
#include "tree.h"
#include "util.h"
#include "valid.h"

#define MAX_RUNG 64
/* issues escalated in one transaction: small enough that its pages stay in
 * the cache and that a clerk filing meanwhile waits a moment at most, big
 * enough that commits cost little */
#define CHUNK 2000
/* the ids a summary line names before it says "and N more" */
#define LIST_MAX 10

/* level names, looked up once a rung */
struct names {
	char *n[MAX_RUNG + 1];
};

static const char *
name_of(struct store *st, struct names *nm, int rung)
{
	if (rung < 0 || rung > MAX_RUNG)
		return "?";
	if (!nm->n[rung])
		nm->n[rung] = issue_level_name(st, rung);
	return nm->n[rung];
}

static void
names_free(struct names *nm)
{
	int i;

	for (i = 0; i <= MAX_RUNG; i++)
		free(nm->n[i]);
}

/* the ids of the open issues due before `before`, in id order.  Without a
 * grid the query reads the partial index issues_due alone, not the rows;
 * the issues flagged at the root come along and are told apart by
 * issue_escalate() */
static int64_t *
due_ids(struct store *st, int64_t before, const char *grid, size_t *n)
{
	static const char all[] = "SELECT id FROM issues"
	    " WHERE " ISTATE_IS_ON_CLOCK("status") " AND due_at < ?1";
	static const char sub[] = "SELECT id FROM issues"
	    " WHERE " ISTATE_IS_ON_CLOCK("status") " AND due_at < ?1"
	    " AND grid " TREE_IN;
	struct sql_stmt *s;
	int64_t *ids = NULL;
	size_t cap = 0;
	char *lo = NULL, *hi = NULL;

	if (grid && tree_range(st, grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", grid);
	s = store_prepare(st, grid ? sub : all);
	sql_bind_int(s, 1, before);
	if (grid) {
		sql_bind_text(s, 2, lo);
		sql_bind_text(s, 3, hi);
	}
	*n = 0;
	while (store_step(st, s) == SQL_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[(*n)++] = sql_col_int(s, 0);
	}
	sql_finalize(s);
	free(lo);
	free(hi);
	/* id order walks the table, and the events' index on the issue, from
	 * one end to the other instead of to and fro */
	if (*n)
		qsort(ids, *n, sizeof *ids, cmp_int64);
	return ids;
}

/* ", 17, 31" and, past LIST_MAX, " and N more" at the end */
static void
list_id(struct sbuf *b, long *count, int64_t id)
{
	if (*count < LIST_MAX)
		sb_printf(b, "%s%lld", *count ? ", " : "", (long long)id);
	(*count)++;
}

static void
list_end(struct sbuf *b, long count)
{
	if (count > LIST_MAX)
		sb_printf(b, " and %ld more", count - LIST_MAX);
}

static const struct out_col run_cols[] = {
	{ "id", OUT_NUM }, { "from", OUT_STR }, { "to", OUT_STR },
	{ "due", OUT_STR }, { "held_by", OUT_STR }, { "unit", OUT_STR }
};

struct run {
	struct ictx c;
	struct names nm;
	struct spool *sp;      /* the rows, out with their chunk's commit */
	struct escalation *e;  /* the escalations of a chunk */
	size_t ne;
	/* where the store escalates a chunk at once (PostgreSQL): what
	 * became of each of its issues */
	enum escalate_result *res;
	struct escalation *all;
	long moved, flagged, still;
	long nodue[MAX_RUNG + 1]; /* moved to a rung without hours */
	struct sbuf flags;
};

static void
print_chunk(struct run *r)
{
	size_t i;

	for (i = 0; i < r->ne; i++) {
		struct escalation *e = &r->e[i];
		char idbuf[24], due[CLK_BUFSZ];
		const char *v[6];

		snprintf(idbuf, sizeof idbuf, "%lld", (long long)e->id);
		v[0] = idbuf;
		v[1] = name_of(r->c.st, &r->nm, e->from);
		v[2] = name_of(r->c.st, &r->nm, e->to);
		v[3] = e->due_at ? clk_fmt(e->due_at, due) : NULL;
		v[4] = e->held_by;
		v[5] = e->unit;
		out_row(spool_out(r->sp), v, NULL);
		escalation_free(e);
	}
	r->ne = 0;
}

/* a chunk: its ids, and the counts as they stood before it, for a run
 * of it again (spool_run) */
struct chunk {
	struct run *r;
	const int64_t *ids;
	size_t n;
	int dry_run;
	long moved, flagged, still;
	long nodue[MAX_RUNG + 1];
	size_t flags_len;
};

/* escalate ids[0..n) in one transaction */
static enum spool_end
chunk_body(void *arg)
{
	struct chunk *ch = arg;
	struct run *r = ch->r;
	const int64_t *ids = ch->ids;
	size_t i, n = ch->n;

	/* from the start, as if the chunk had not been tried */
	for (i = 0; i < r->ne; i++)
		escalation_free(&r->e[i]);
	r->ne = 0;
	r->moved = ch->moved;
	r->flagged = ch->flagged;
	r->still = ch->still;
	memcpy(r->nodue, ch->nodue, sizeof r->nodue);
	if (r->flags.s) {
		r->flags.len = ch->flags_len;
		r->flags.s[r->flags.len] = '\0';
	}
	if (r->all) {
		/* what a try cut short (spool_run) left there */
		for (i = 0; i < CHUNK; i++)
			escalation_free(&r->all[i]);
		issue_escalate_many(&r->c, ids, n, r->res, r->all);
	}
	for (i = 0; i < n; i++) {
		struct escalation *e = &r->e[r->ne];
		enum escalate_result res;

		if (r->all) {
			res = r->res[i];
			*e = r->all[i];
			memset(&r->all[i], 0, sizeof r->all[i]);
		} else
			res = issue_escalate(&r->c, ids[i], e);
		switch (res) {
		case ESC_MOVED:
			r->moved++;
			if (!e->due_at && e->to <= MAX_RUNG)
				r->nodue[e->to]++;
			r->ne++;
			continue;
		case ESC_FLAGGED:
			list_id(&r->flags, &r->flagged, e->id);
			break;
		case ESC_AT_ROOT:
			r->still++;
			break;
		case ESC_NONE:
			break;
		}
		escalation_free(e);
	}
	print_chunk(r);
	/* the rows go out with their chunk's commit, so that a store error in
	 * a later one does not lose what this one did (a table is measured
	 * whole, and printed at the end) */
	return ch->dry_run ? SPOOL_DRY : SPOOL_COMMIT;
}

static void
chunk(struct run *r, const int64_t *ids, size_t n, int dry_run)
{
	struct chunk ch = { r, ids, n, dry_run, r->moved, r->flagged,
		r->still, { 0 }, r->flags.len };

	memcpy(ch.nodue, r->nodue, sizeof ch.nodue);
	spool_run(r->sp, chunk_body, &ch);
}

/* a rung the ladder reaches but levels does not name has no hours: the
 * issues sent there have no deadline, so they climb no further */
static void
warn_nodue(struct run *r, int dry_run)
{
	int k;

	for (k = 0; k <= MAX_RUNG; k++)
		if (r->nodue[k])
			warnf("depth %d has no hours in levels: %ld issue%s "
			    "%s up there with no deadline, to go no higher "
			    "(add the level with grid-import levels)", k,
			    r->nodue[k], r->nodue[k] == 1 ? "" : "s",
			    dry_run ? "would go" : "went");
}

int
escalate_run(struct store *st, const struct escalate_opts *o)
{
	struct run r;
	struct progress pg;
	size_t n, i, k;
	int64_t *ids;
	int rc = EXIT_OK;

	memset(&r, 0, sizeof r);
	store_bulk(st);
	store_read(st);
	ictx_init(&r.c, st);
	ids = due_ids(st, r.c.now, o->grid, &n);
	store_commit(st);
	r.e = xcalloc(CHUNK, sizeof *r.e);
	if (issue_escalate_chunked(&r.c)) {
		r.res = xcalloc(CHUNK, sizeof *r.res);
		r.all = xcalloc(CHUNK, sizeof *r.all);
	}
	/* opened now: a night with nothing to do still prints the header */
	r.sp = spool_open(st, o->mode, o->outflags, run_cols, 6);
	cli_progress_init(&pg);
	for (i = 0; i < n; i += k) {
		k = n - i < CHUNK ? n - i : CHUNK;
		chunk(&r, ids + i, k, o->dry_run);
		cli_progress_show(&pg, "%zu of %zu overdue issues", i + k, n);
	}
	cli_progress_done(&pg);
	if (!o->dry_run && (r.moved || r.flagged))
		store_checkpoint(st);
	if (spool_close(r.sp) != 0)
		rc = EXIT_PARTIAL;
	warn_nodue(&r, o->dry_run);
	if (!o->quiet) {
		list_end(&r.flags, r.flagged);
		warnf("%ld escalated, %ld flagged at the root%s%s%s, %ld overdue "
		    "at the root from before%s", r.moved, r.flagged,
		    r.flagged ? " (" : "", sb_str(&r.flags),
		    r.flagged ? ")" : "", r.still,
		    o->dry_run ? " (dry run: nothing written)" : "");
	}
	sb_free(&r.flags);
	names_free(&r.nm);
	free(r.e);
	free(r.res);
	free(r.all);
	free(ids);
	ictx_free(&r.c);
	return rc;
}

static const struct out_col warn_cols[] = {
	{ "held_by", OUT_STR }, { "name", OUT_STR }, { "phone", OUT_STR },
	{ "id", OUT_NUM }, { "category", OUT_STR }, { "level", OUT_STR },
	{ "grid", OUT_STR }, { "grid_name", OUT_STR }, { "unit", OUT_STR },
	{ "due", OUT_STR }, { "hours_left", OUT_NUM }
};
#define WARN_NCOLS 11
#define WARN_ID 3  /* -q prints the ids, not the holders */

/* working hours from now to due, less than 0 when it is past */
static void
hours_left(const struct cal *cal, int64_t now, int64_t due, char *buf,
    size_t n)
{
	double h = due >= now ? cal_hours(cal, now, due) :
	    -cal_hours(cal, due, now);

	if (fabs(h) < 0.05)
		h = 0;
	snprintf(buf, n, "%.1f", h);
}

int
escalate_warn(struct store *st, double hours, const struct escalate_opts *o)
{
	/* the holder: the contact cadre on rung 0, else the leader of the
	 * grid holding it; issues nobody holds come last */
	static const char sql[] = "SELECT x.holder, k.name, k.phone, x.id,"
	    " x.category, x.rung, x.g, g.name, x.unit, x.due_at"
	    " FROM (SELECT i.id, i.category, i.rung, i.unit, i.due_at,"
	    "  coalesce(i.rung_grid, i.grid) AS g,"
	    "  CASE WHEN i.rung = 0 THEN i.cadre ELSE r.leader END AS holder"
	    "  FROM issues i LEFT JOIN grids r ON r.code = i.rung_grid"
	    "  WHERE " ISTATE_IS_ON_CLOCK("i.status")
	    "  AND i.due_at < ?1 AND i.at_root = 0"
	    "  AND (CAST(?2 AS TEXT) IS NULL OR i.grid IN (SELECT code FROM grids"
	    "   WHERE path >= ?2 AND path < ?3))) x"
	    " LEFT JOIN cadres k ON k.code = x.holder"
	    " LEFT JOIN grids g ON g.code = x.g"
	    " ORDER BY x.holder IS NULL, x.holder, x.due_at, x.id";
	/* those flagged at the root go no higher: not listed, but counted,
	 * or "0 overdue already" would hide them */
	static const char roots[] = "SELECT count(*) FROM issues i"
	    " WHERE " ISTATE_IS_ON_CLOCK("i.status")
	    " AND i.due_at < ?1 AND i.at_root = 1"
	    " AND (CAST(?2 AS TEXT) IS NULL OR i.grid IN (SELECT code FROM grids"
	    "  WHERE path >= ?2 AND path < ?3))";
	struct ictx c;
	struct names nm = { { 0 } };
	struct out *out;
	struct sql_stmt *s;
	char *lo = NULL, *hi = NULL;
	long rows = 0, overdue = 0, holders = 0, nobody = 0, flagged = 0;
	struct sbuf roots_note = { 0 };
	char *last = NULL;
	int skip, rc;

	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
	store_read(st);
	ictx_init(&c, st);
	s = store_prepare(st, sql);
	sql_bind_int(s, 1, cal_add(c.cal, c.now, hours));
	sql_bind_text(s, 2, lo);
	sql_bind_text(s, 3, hi);
	skip = o->outflags & OUT_KEYS ? WARN_ID : 0;
	out = out_open(stdout, o->mode, o->outflags, warn_cols + skip,
	    WARN_NCOLS - skip);
	while (store_step(st, s) == SQL_ROW) {
		char due[CLK_BUFSZ], left[32], phone[64];
		const char *v[WARN_NCOLS], *holder = sql_col_text(s, 0);
		int64_t at = sql_col_int(s, 9);
		int i;

		for (i = 0; i < WARN_NCOLS; i++)
			v[i] = sql_col_text(s, i);
		if (v[2] && !o->reveal) {
			mask_phone(v[2], phone, sizeof phone);
			v[2] = phone;
		}
		v[5] = name_of(st, &nm, sql_col_int(s, 5));
		v[9] = clk_fmt(at, due);
		hours_left(c.cal, c.now, at, left, sizeof left);
		v[10] = left;
		out_row(out, v + skip, NULL);
		rows++;
		overdue += at < c.now;
		if (!holder)
			nobody++;
		else if (!last || strcmp(last, holder) != 0) {
			holders++;
			free(last);
			last = xstrdup(holder);
		}
	}
	sql_finalize(s);
	s = store_prepare(st, roots);
	sql_bind_int(s, 1, c.now);
	sql_bind_text(s, 2, lo);
	sql_bind_text(s, 3, hi);
	if (store_step(st, s) == SQL_ROW)
		flagged = (long)sql_col_int(s, 0);
	sql_finalize(s);
	store_commit(st);
	rc = out_close(out) == 0 ? EXIT_OK : EXIT_PARTIAL;
	if (flagged)
		sb_printf(&roots_note, "; and %ld overdue at the root, not "
		    "listed: flagged, they go no higher (issue-list --overdue)",
		    flagged);
	if (!o->quiet)
		warnf("%ld issue%s of %ld holder%s due within %g%s hour%s "
		    "(%ld overdue already, %ld held by nobody)%s",
		    rows, rows == 1 ? "" : "s", holders,
		    holders == 1 ? "" : "s", hours,
		    cal_active(c.cal) ? " working" : "", hours == 1 ? "" : "s",
		    overdue, nobody, sb_str(&roots_note));
	sb_free(&roots_note);
	free(last);
	names_free(&nm);
	ictx_free(&c);
	free(lo);
	free(hi);
	return rc;
}
