#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "stats_agenda.h"
#include "clock.h"
#include "issue.h"
#include "istate.h"
#include "period.h"
#include "redact.h"
#include "scrub.h"
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

/* the responsible person an 'owner' event names */
static const char *
owner_of(json_t *d)
{
	const char *v = detail_str(d, "owner");

	return v ? v : detail_str(d, "cadre");
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
	} else if (strcmp(kind, "owner") == 0 && (v = owner_of(d))) {
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

/* the issues held at the grid's rung that need the meeting: past their
 * deadline, come up by escalation, or reopened; and whether last month's
 * meeting (?3..?4, at its rung ?5) named someone responsible for each */
#define NEEDS_MEETING "SELECT i.id, i.status, i.category, i.text," \
	" i.household, i.grid, i.filed_at, i.unit, i.due_at," \
	" i.due_at < ?2, i.escalations > 0," \
	" EXISTS (SELECT 1 FROM events e WHERE e.issue = i.id" \
	"  AND e.kind || '' = 'reopened')," \
	" i.escalations, g.path, u.name," \
	" EXISTS (SELECT 1 FROM events e WHERE e.issue = i.id" \
	"  AND e.kind || '' = 'owner' AND e.at >= ?3 AND e.at < ?4" \
	"  AND e.rung = ?5)" \
	" FROM issues i JOIN grids g ON g.code = i.grid" \
	" LEFT JOIN units u ON u.code = i.unit" \
	" WHERE i.rung_grid = ?1 AND " ISTATE_IS_IN_HAND("i.status")

enum { C_ID, C_STATUS, C_CATEGORY, C_TEXT, C_HOUSEHOLD, C_GRID, C_FILED,
	C_UNIT, C_DUE, C_OVERDUE, C_ESCALATED, C_REOPENED, C_ESCALATIONS,
	C_PATH, C_UNIT_NAME, C_DECIDED };

struct meeting {
	struct store *st;
	const struct stats_agenda_opts *o;
	struct grid g;
	int64_t now, last_lo, last_hi;   /* last month */
	struct scrub *sc;   /* the store's scrubber: no output reveals */
};

static struct sql_stmt *
needs_meeting(struct meeting *m, const char *order)
{
	struct sbuf q = { 0 };
	struct sql_stmt *s;

	sb_printf(&q, "%s ORDER BY %s", NEEDS_MEETING, order);
	s = store_prepare(m->st, sb_str(&q));
	sb_free(&q);
	sql_bind_text(s, 1, m->g.code);
	sql_bind_int(s, 2, m->now);
	sql_bind_int(s, 3, m->last_lo);
	sql_bind_int(s, 4, m->last_hi);
	sql_bind_int(s, 5, m->g.depth);
	return s;
}

/* why the row needs the meeting, into why; 0 when it does not */
static int
why_of(struct sql_stmt *s, struct sbuf *why)
{
	sb_reset(why);
	if (sql_col_int(s, C_OVERDUE))
		sb_puts(why, "overdue");
	if (sql_col_int(s, C_ESCALATED))
		sb_printf(why, "%sescalated", why->len ? "," : "");
	if (sql_col_int(s, C_REOPENED))
		sb_printf(why, "%sreopened", why->len ? "," : "");
	return why->len > 0;
}

static const struct out_col list_cols[] = {
	{ "id", OUT_NUM }, { "why", OUT_STR }, { "status", OUT_STR },
	{ "category", OUT_STR }, { "text", OUT_STR }, { "household", OUT_STR },
	{ "grid", OUT_STR }, { "filed_at", OUT_STR }, { "unit", OUT_STR },
	{ "due_at", OUT_STR }, { "history", OUT_STR }
};

/* the issues one a row, the most overdue first */
static int
list(struct meeting *m)
{
	struct sbuf why = { 0 }, hist = { 0 }, text = { 0 };
	struct out *o;
	struct sql_stmt *s;
	int rc;

	s = needs_meeting(m, "i.due_at IS NULL, i.due_at, i.id");
	o = out_open(stdout, m->o->mode, m->o->outflags, list_cols, 11);
	while (store_step(m->st, s) == SQL_ROW) {
		char filed[CLK_BUFSZ], due[CLK_BUFSZ];
		const char *v[11];

		if (!why_of(s, &why))
			continue;
		history(m->st, m->sc, sql_col_int(s, C_ID), &hist);
		sb_reset(&text);
		scrub_text(m->sc, sql_col_text(s, C_TEXT), &text);
		v[0] = sql_col_text(s, C_ID);
		v[1] = sb_str(&why);
		v[2] = sql_col_text(s, C_STATUS);
		v[3] = sql_col_text(s, C_CATEGORY);
		v[4] = sb_str(&text);
		v[5] = sql_col_text(s, C_HOUSEHOLD);
		v[6] = sql_col_text(s, C_GRID);
		v[7] = clk_fmt(sql_col_int(s, C_FILED), filed);
		v[8] = sql_col_text(s, C_UNIT);
		v[9] = sql_col_null(s, C_DUE) ? NULL :
		    clk_fmt(sql_col_int(s, C_DUE), due);
		v[10] = sb_str(&hist);
		out_row(o, v, NULL);
	}
	sql_finalize(s);
	rc = out_close(o) == 0 ? EXIT_OK : EXIT_PARTIAL;
	sb_free(&why);
	sb_free(&hist);
	sb_free(&text);
	return rc;
}

/* a group of the pack: where (or which unit) and what */
struct group {
	char *key, *name, *category;
	long n, overdue, escalated, reopened, decided, most;
	int64_t oldest;
	struct sbuf ids;
};

struct groups {
	struct group *g;
	size_t n, cap;
};

static struct group *
group_of(struct groups *gs, const char *key, const char *category)
{
	size_t i;

	/* the rows come grouped: the last group is the likely one */
	for (i = gs->n; i-- > 0;)
		if (strcmp(gs->g[i].category, category) == 0 &&
		    (gs->g[i].key && key ? strcmp(gs->g[i].key, key) == 0 :
		    gs->g[i].key == key))
			return &gs->g[i];
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? 2 * gs->cap : 32;
		gs->g = xrealloc(gs->g, gs->cap * sizeof *gs->g);
	}
	memset(&gs->g[gs->n], 0, sizeof gs->g[0]);
	gs->g[gs->n].key = key ? xstrdup(key) : NULL;
	gs->g[gs->n].category = xstrdup(category);
	return &gs->g[gs->n++];
}

/* the oldest first, then the most escalated, then the biggest */
static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int c;

	if (x->oldest != y->oldest)
		return x->oldest < y->oldest ? -1 : 1;
	if (x->most != y->most)
		return x->most > y->most ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if ((c = strcmp(x->key ? x->key : "", y->key ? y->key : "")))
		return c;
	return strcmp(x->category, y->category);
}

/* the grid under the meeting's grid where an issue was found (the
 * meeting's grid itself when found right there), a copy */
static char *
where_found(const struct meeting *m, const char *path)
{
	char *a = tree_ancestor(path, m->g.depth + 1);

	return a ? a : xstrdup(m->g.code);
}

static void
name_groups(struct meeting *m, struct groups *gs)
{
	static const char sql[] = "SELECT name FROM grids WHERE code = ?";
	size_t i;

	for (i = 0; i < gs->n; i++)
		if (!gs->g[i].name && gs->g[i].key)
			gs->g[i].name = store_str(m->st, sql, gs->g[i].key);
}

static const struct out_col pack_cols[] = {
	{ "grid", OUT_STR }, { "name", OUT_STR }, { "category", OUT_STR },
	{ "issues", OUT_NUM }, { "overdue", OUT_NUM },
	{ "escalated", OUT_NUM }, { "reopened", OUT_NUM },
	{ "decided", OUT_NUM }, { "oldest_filed_at", OUT_STR },
	{ "most_escalations", OUT_NUM }, { "ids", OUT_STR }
};

/* the issues in groups, with counts: what a county's meeting can read */
static int
pack(struct meeting *m)
{
	struct groups gs = { 0 };
	struct out_col cols[11];
	struct sbuf why = { 0 };
	struct out *o;
	struct sql_stmt *s;
	size_t i;
	int rc;

	/* the oldest first: each group's ids in that order */
	s = needs_meeting(m, "i.filed_at, i.id");
	while (store_step(m->st, s) == SQL_ROW) {
		struct group *g;
		char *key;

		if (!why_of(s, &why))
			continue;
		key = m->o->by_unit ? (sql_col_text(s, C_UNIT) ?
		    xstrdup(sql_col_text(s, C_UNIT)) : NULL) :
		    where_found(m, sql_col_text(s, C_PATH));
		g = group_of(&gs, key, sql_col_text(s, C_CATEGORY));
		free(key);
		if (m->o->by_unit && !g->name && sql_col_text(s, C_UNIT_NAME))
			g->name = xstrdup(sql_col_text(s, C_UNIT_NAME));
		if (g->n == 0 || sql_col_int(s, C_FILED) < g->oldest)
			g->oldest = sql_col_int(s, C_FILED);
		if (sql_col_int(s, C_ESCALATIONS) > g->most)
			g->most = sql_col_int(s, C_ESCALATIONS);
		g->n++;
		g->overdue += sql_col_int(s, C_OVERDUE);
		g->escalated += sql_col_int(s, C_ESCALATED);
		g->reopened += sql_col_int(s, C_REOPENED);
		g->decided += sql_col_int(s, C_DECIDED);
		sb_printf(&g->ids, "%s%s", g->ids.len ? ";" : "",
		    sql_col_text(s, C_ID));
	}
	sql_finalize(s);
	if (!m->o->by_unit)
		name_groups(m, &gs);
	if (gs.n > 0)	/* qsort takes no null pointer, even for nothing */
		qsort(gs.g, gs.n, sizeof *gs.g, group_cmp);
	memcpy(cols, pack_cols, sizeof cols);
	if (m->o->by_unit)
		cols[0].name = "unit";
	o = out_open(stdout, m->o->mode, m->o->outflags, cols, 11);
	for (i = 0; i < gs.n; i++) {
		struct group *g = &gs.g[i];
		char num[7][24], oldest[CLK_BUFSZ];
		const char *v[11];

		snprintf(num[0], sizeof num[0], "%ld", g->n);
		snprintf(num[1], sizeof num[1], "%ld", g->overdue);
		snprintf(num[2], sizeof num[2], "%ld", g->escalated);
		snprintf(num[3], sizeof num[3], "%ld", g->reopened);
		snprintf(num[4], sizeof num[4], "%ld", g->decided);
		snprintf(num[5], sizeof num[5], "%ld", g->most);
		v[0] = g->key;
		v[1] = g->name;
		v[2] = g->category;
		v[3] = num[0];
		v[4] = num[1];
		v[5] = num[2];
		v[6] = num[3];
		v[7] = num[4];
		v[8] = clk_fmt(g->oldest, oldest);
		v[9] = num[5];
		v[10] = sb_str(&g->ids);
		out_row(o, v, NULL);
	}
	rc = out_close(o) == 0 ? EXIT_OK : EXIT_PARTIAL;
	for (i = 0; i < gs.n; i++) {
		free(gs.g[i].key);
		free(gs.g[i].name);
		free(gs.g[i].category);
		sb_free(&gs.g[i].ids);
	}
	free(gs.g);
	sb_free(&why);
	return rc;
}

static const struct out_col decision_cols[] = {
	{ "id", OUT_NUM }, { "decided_at", OUT_STR }, { "owner", OUT_STR },
	{ "decision", OUT_STR }, { "category", OUT_STR }, { "text", OUT_STR },
	{ "status", OUT_STR }, { "unit", OUT_STR }, { "due_at", OUT_STR },
	{ "resolved_at", OUT_STR }, { "held", OUT_STR }
};

/* how a decision stands now: resolved by its deadline, late, still open,
 * overdue, or parked or rejected */
static const char *
held(const char *status, int64_t now, struct sql_stmt *s, int due, int res)
{
	int has_due = !sql_col_null(s, due);
	int64_t d = sql_col_int(s, due);

	if (istate_in(status, istate_done))
		return !has_due || sql_col_int(s, res) <= d ?
		    "resolved" : "late";
	if (istate_in(status, istate_on_clock))
		return has_due && d < now ? "overdue" : "open";
	return status;
}

/* last month's decisions on the issues held at this rung: the last
 * responsible person named for each, and how it stands now */
static int
decisions(struct meeting *m)
{
	static const char sql[] = "SELECT e.issue, e.at, e.detail,"
	    " i.category, i.text, i.status, i.unit, i.due_at, i.resolved_at"
	    " FROM events e JOIN issues i ON i.id = e.issue"
	    " WHERE e.kind = 'owner' AND e.at >= ?1 AND e.at < ?2"
	    " AND e.rung = ?3"
	    " AND i.grid IN (SELECT code FROM grids WHERE path >= ?4"
	    "  AND path < ?5)"
	    " AND e.id = (SELECT max(f.id) FROM events f"
	    "  WHERE f.issue = e.issue AND f.kind || '' = 'owner'"
	    "  AND f.at >= ?1 AND f.at < ?2)"
	    " ORDER BY e.at, e.id";
	struct sbuf text = { 0 }, dec = { 0 };
	char *hi = tree_upper(m->g.path);
	struct out *o;
	struct sql_stmt *s;
	int rc;

	s = store_prepare(m->st, sql);
	sql_bind_int(s, 1, m->last_lo);
	sql_bind_int(s, 2, m->last_hi);
	sql_bind_int(s, 3, m->g.depth);
	sql_bind_text(s, 4, m->g.path);
	sql_bind_text(s, 5, hi);
	o = out_open(stdout, m->o->mode, m->o->outflags, decision_cols, 11);
	while (store_step(m->st, s) == SQL_ROW) {
		char at[CLK_BUFSZ], due[CLK_BUFSZ], res[CLK_BUFSZ];
		const char *det = sql_col_text(s, 2), *v[11], *why;
		json_t *d = det ? json_loads(det, 0, NULL) : NULL;

		sb_reset(&text);
		sb_reset(&dec);
		scrub_text(m->sc, sql_col_text(s, 4), &text);
		why = detail_str(d, "reason");
		if (why)
			scrub_text(m->sc, why, &dec);
		v[0] = sql_col_text(s, 0);
		v[1] = clk_fmt(sql_col_int(s, 1), at);
		v[2] = owner_of(d);
		v[3] = why ? sb_str(&dec) : NULL;
		v[4] = sql_col_text(s, 3);
		v[5] = sb_str(&text);
		v[6] = sql_col_text(s, 5);
		v[7] = sql_col_text(s, 6);
		v[8] = sql_col_null(s, 7) ? NULL :
		    clk_fmt(sql_col_int(s, 7), due);
		v[9] = sql_col_null(s, 8) ? NULL :
		    clk_fmt(sql_col_int(s, 8), res);
		v[10] = held(sql_col_text(s, 5), m->now, s, 7, 8);
		out_row(o, v, NULL);
		json_decref(d);
	}
	sql_finalize(s);
	rc = out_close(o) == 0 ? EXIT_OK : EXIT_PARTIAL;
	free(hi);
	sb_free(&text);
	sb_free(&dec);
	return rc;
}

int
stats_agenda_run(struct store *st, const struct stats_agenda_opts *o)
{
	struct meeting m = { st, o, { 0 }, clk_now(), 0, 0, NULL };
	int rc;

	if (!tree_get(st, o->grid, &m.g))
		die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
	m.last_hi = period_month_start(m.now);
	m.last_lo = period_month_start(m.last_hi - 1);
	store_read(st);
	m.sc = redact_new(st);
	switch (o->part) {
	case AGENDA_LIST:
		rc = list(&m);
		break;
	case AGENDA_DECISIONS:
		rc = decisions(&m);
		break;
	default:
		rc = pack(&m);
	}
	scrub_free(m.sc);
	store_commit(st);
	tree_grid_free(&m.g);
	return rc;
}
