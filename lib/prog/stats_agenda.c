#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "stats_agenda.h"
#include "clock.h"
#include "issue.h"
#include "istate.h"
#include "redact.h"
#include "text.h"
#include "tree.h"
#include "util.h"

#define NOTE_COLS 80   /* a note in the history is cut to this width */

/* a string field of an event's detail, or NULL */
static const char *
detail_str(json_t *d, const char *key)
{
	return json_string_value(json_object_get(d, key));
}

/* one event in brief: "2013-07-04 escalated to 村"; a note scrubbed by sc
 * before it is cut, so that no cut leaves part of a number readable */
static void
brief(struct store *st, struct scrub *sc, struct sbuf *b, struct sql_stmt *s)
{
	const char *kind = sql_col_text(s, 1), *unit = sql_col_text(s, 3), *v;
	const char *det = sql_col_text(s, 4);
	json_t *d = det ? json_loads(det, 0, NULL) : NULL;
	char day[CLK_BUFSZ], *name;
	struct sbuf note = { 0 };
	size_t cut;

	if (b->len)
		sb_puts(b, "; ");
	sb_printf(b, "%s %s", clk_fmt_date(sql_col_int(s, 0), day),
	    kind);
	if (strcmp(kind, "escalated") == 0) {
		name = issue_level_name(st, sql_col_int(s, 2));
		sb_printf(b, " to %s", name);
		free(name);
	} else if (strcmp(kind, "routed") == 0 && unit) {
		sb_printf(b, " to %s", unit);
	} else if (strcmp(kind, "reopened") == 0 &&
	    (v = detail_str(d, "by"))) {
		sb_printf(b, " on %s", v);
	} else if (strcmp(kind, "feedback") == 0 &&
	    (v = detail_str(d, "feedback"))) {
		sb_printf(b, " %s", v);
	} else if (strcmp(kind, "note") == 0 && (v = detail_str(d, "text"))) {
		v = scrub_str(sc, v, &note);
		cut = utf8_fit(v, strlen(v), NOTE_COLS, NULL);
		sb_puts(b, ": ");
		sb_add(b, v, cut);
		if (v[cut])
			sb_puts(b, "…");
	}
	json_decref(d);
	sb_free(&note);
}

static void
history(struct store *st, struct scrub *sc, int64_t id, struct sbuf *b)
{
	static const char sql[] = "SELECT at, kind, rung, unit, detail"
	    " FROM events WHERE issue = ? ORDER BY at, id";
	struct sql_stmt *s = store_stmt(st, sql);

	sb_reset(b);
	sql_bind_int(s, 1, id);
	while (store_step(st, s) == SQL_ROW)
		brief(st, sc, b, s);
	sql_reset(s);
}

static const struct out_col cols[] = {
	{ "id", OUT_NUM }, { "why", OUT_STR }, { "status", OUT_STR },
	{ "category", OUT_STR }, { "text", OUT_STR }, { "household", OUT_STR },
	{ "grid", OUT_STR }, { "filed_at", OUT_STR }, { "unit", OUT_STR },
	{ "due_at", OUT_STR }, { "history", OUT_STR }
};

int
stats_agenda_run(struct store *st, const char *grid, enum out_mode mode,
    unsigned outflags)
{
	static const char sql[] = "SELECT i.id, i.status, i.category, i.text,"
	    " i.household, i.grid, i.filed_at, i.unit, i.due_at,"
	    " i.due_at < ?2, i.escalations > 0,"
	    " EXISTS (SELECT 1 FROM events e WHERE e.issue = i.id"
	    "  AND +e.kind = 'reopened')"
	    " FROM issues i WHERE i.rung_grid = ?1"
	    " AND i.status IN " ISTATE_IN_HAND_SQL
	    " ORDER BY i.due_at IS NULL, i.due_at, i.id";
	struct sbuf why = { 0 }, hist = { 0 }, text = { 0 };
	struct scrub *sc;
	struct grid g;
	struct out *o;
	struct sql_stmt *s;
	int rc;

	if (!tree_get(st, grid, &g))
		die(EXIT_USAGE, "grid '%s' does not exist", grid);
	tree_grid_free(&g);
	store_read(st);
	sc = redact_new(st);
	s = store_prepare(st, sql);
	sql_bind_text(s, 1, grid);
	sql_bind_int(s, 2, clk_now());
	o = out_open(stdout, mode, outflags, cols, 11);
	while (store_step(st, s) == SQL_ROW) {
		char filed[CLK_BUFSZ], due[CLK_BUFSZ];
		const char *v[11];

		sb_reset(&why);
		if (sql_col_int(s, 9))
			sb_puts(&why, "overdue");
		if (sql_col_int(s, 10))
			sb_printf(&why, "%sescalated", why.len ? "," : "");
		if (sql_col_int(s, 11))
			sb_printf(&why, "%sreopened", why.len ? "," : "");
		if (!why.len)
			continue;
		history(st, sc, sql_col_int(s, 0), &hist);
		v[0] = sql_col_text(s, 0);
		v[1] = sb_str(&why);
		v[2] = sql_col_text(s, 1);
		v[3] = sql_col_text(s, 2);
		v[4] = scrub_str(sc, sql_col_text(s, 3), &text);
		v[5] = sql_col_text(s, 4);
		v[6] = sql_col_text(s, 5);
		v[7] = clk_fmt(sql_col_int(s, 6), filed);
		v[8] = sql_col_text(s, 7);
		v[9] = sql_col_null(s, 8) ? NULL :
		    clk_fmt(sql_col_int(s, 8), due);
		v[10] = sb_str(&hist);
		out_row(o, v, NULL);
	}
	sql_finalize(s);
	scrub_free(sc);
	store_commit(st);
	rc = out_close(o) == 0 ? EXIT_OK : EXIT_PARTIAL;
	sb_free(&why);
	sb_free(&hist);
	sb_free(&text);
	return rc;
}
