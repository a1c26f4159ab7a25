#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "clock.h"
#include "escalation.h"
#include "issue.h"
#include "tree.h"
#include "util.h"

#define MAX_RUNG 64

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

/* the ids of the open issues due before `before`, most overdue first */
static int64_t *
due_ids(struct store *st, int64_t before, const char *grid, size_t *n)
{
	static const char all[] = "SELECT id FROM issues"
	    " WHERE status IN ('open', 'routed', 'accepted') AND due_at < ?1"
	    " AND at_root = 0 ORDER BY due_at, id";
	static const char sub[] = "SELECT id FROM issues"
	    " WHERE status IN ('open', 'routed', 'accepted') AND due_at < ?1"
	    " AND at_root = 0 AND grid " TREE_IN " ORDER BY due_at, id";
	sqlite3_stmt *s;
	int64_t *ids = NULL;
	size_t cap = 0;
	char *lo = NULL, *hi = NULL;

	if (grid && tree_range(st, grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", grid);
	s = store_prepare(st, grid ? sub : all);
	bind_int(s, 1, before);
	if (grid) {
		bind_text(s, 2, lo);
		bind_text(s, 3, hi);
	}
	*n = 0;
	while (store_step(st, s) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	free(lo);
	free(hi);
	return ids;
}

static const struct out_col run_cols[] = {
	{ "id", OUT_NUM }, { "from", OUT_STR }, { "to", OUT_STR },
	{ "due", OUT_STR }, { "held_by", OUT_STR }, { "unit", OUT_STR }
};

int
esc_run(struct store *st, const struct esc_opts *o)
{
	struct ictx c;
	struct names nm = { { 0 } };
	struct out *out;
	struct sbuf flagged = { 0 };
	size_t n, i;
	long moved = 0, nflag = 0;
	int64_t *ids;

	store_begin(st);
	ictx_init(&c, st);
	ids = due_ids(st, c.now, o->grid, &n);
	out = out_open(stdout, o->mode, o->outflags, run_cols, 6);
	for (i = 0; i < n; i++) {
		struct escalation e;
		char idbuf[24], due[CLK_BUFSZ];
		const char *v[6];
		int rc = issue_escalate(&c, ids[i], &e);

		if (rc == 1) {
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)e.id);
			v[0] = idbuf;
			v[1] = name_of(st, &nm, e.from);
			v[2] = name_of(st, &nm, e.to);
			v[3] = e.due_at ? clk_fmt(e.due_at, due) : NULL;
			v[4] = e.held_by;
			v[5] = e.unit;
			out_row(out, v, NULL);
			moved++;
		} else if (rc == 2) {
			sb_printf(&flagged, "%s%lld", nflag ? ", " : "",
			    (long long)e.id);
			nflag++;
		}
		escalation_free(&e);
	}
	if (o->dry_run)
		store_rollback(st);
	else
		store_commit(st);
	if (out_close(out) != 0)
		moved = -1;
	if (!o->quiet) {
		warnf("%ld escalated, %ld flagged overdue at the root%s%s%s%s",
		    moved < 0 ? 0 : moved, nflag, nflag ? " (issues " : "",
		    sb_str(&flagged), nflag ? ")" : "",
		    o->dry_run ? " (dry run: nothing written)" : "");
	}
	sb_free(&flagged);
	names_free(&nm);
	free(ids);
	ictx_free(&c);
	return moved < 0 ? EXIT_PARTIAL : EXIT_OK;
}

static const struct out_col warn_cols[] = {
	{ "held_by", OUT_STR }, { "id", OUT_NUM }, { "level", OUT_STR },
	{ "grid", OUT_STR }, { "unit", OUT_STR }, { "category", OUT_STR },
	{ "due", OUT_STR }
};

int
esc_warn(struct store *st, double hours, const struct esc_opts *o)
{
	static const char sql[] = "SELECT coalesce(CASE WHEN i.rung = 0"
	    " THEN i.cadre ELSE g.leader END, ''), i.id, i.rung,"
	    " coalesce(i.rung_grid, i.grid), i.unit, i.category, i.due_at"
	    " FROM issues i LEFT JOIN grids g ON g.code = i.rung_grid"
	    " WHERE i.status IN ('open', 'routed', 'accepted')"
	    " AND i.due_at < ?1 AND i.at_root = 0"
	    " AND (?2 IS NULL OR i.grid IN (SELECT code FROM grids"
	    "  WHERE path >= ?2 AND path < ?3))"
	    " ORDER BY 1, i.due_at, i.id";
	struct ictx c;
	struct names nm = { { 0 } };
	struct out *out;
	sqlite3_stmt *s;
	char *lo = NULL, *hi = NULL;
	int rc;

	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
	store_read(st);
	ictx_init(&c, st);
	s = store_prepare(st, sql);
	bind_int(s, 1, cal_add(c.cal, c.now, hours));
	bind_text(s, 2, lo);
	bind_text(s, 3, hi);
	out = out_open(stdout, o->mode, o->outflags, warn_cols, 7);
	while (store_step(st, s) == SQLITE_ROW) {
		char due[CLK_BUFSZ];
		const char *v[7];

		v[0] = col_text(s, 0);
		v[1] = col_text(s, 1);
		v[2] = name_of(st, &nm, sqlite3_column_int(s, 2));
		v[3] = col_text(s, 3);
		v[4] = col_text(s, 4);
		v[5] = col_text(s, 5);
		v[6] = clk_fmt(sqlite3_column_int64(s, 6), due);
		out_row(out, v, NULL);
	}
	sqlite3_finalize(s);
	store_commit(st);
	rc = out_close(out) == 0 ? EXIT_OK : EXIT_PARTIAL;
	names_free(&nm);
	ictx_free(&c);
	free(lo);
	free(hi);
	return rc;
}
