#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grid_top.h"
#include "cal.h"
#include "clock.h"
#include "issue.h"
#include "istate.h"
#include "redact.h"
#include "tree.h"

const char *const grid_top_status[GRID_TOP_NSTATUS] = { ISTATE_ALL };

static const char *const by_names[GRID_TOP_NBY] = { "level", "grid", "unit",
	"category" };
static const char *const panel_names[PANEL_N] = { "counts", "overdue",
	"latest", "units" };

/* the closed and rejected counts as last read, by group */
struct done {
	int valid;
	char *grid;
	enum grid_top_by by;
	long long at_ms;
	struct grid_top_count *row;
	size_t n;
};

struct grid_top {
	struct store *st;
	struct ictx ic;   /* for its calendar: working hours over */
	struct grid_top_opts o;
	struct done done;
	struct scrub *sc; /* the free text's, unless reveal */
	struct sbuf text;
};

static int
parse_word(const char *s, const char *const *words, int n)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

const char *
grid_top_by_name(enum grid_top_by by)
{
	return by_names[by];
}

int
grid_top_by_parse(const char *s, enum grid_top_by *by)
{
	int i = parse_word(s, by_names, GRID_TOP_NBY);

	if (i < 0)
		return -1;
	*by = (enum grid_top_by)i;
	return 0;
}

const char *
grid_top_panel_name(enum grid_top_panel p)
{
	return panel_names[p];
}

int
grid_top_panel_parse(const char *s, enum grid_top_panel *p)
{
	int i = parse_word(s, panel_names, PANEL_N);

	if (i < 0)
		return -1;
	*p = (enum grid_top_panel)i;
	return 0;
}

struct grid_top *
grid_top_new(struct store *st, const struct grid_top_opts *o)
{
	struct grid_top *b = xcalloc(1, sizeof *b);

	b->st = st;
	b->o = *o;
	if (b->o.limit <= 0)
		b->o.limit = 100;
	ictx_init(&b->ic, st);
	b->sc = o->reveal ? NULL : redact_new(st);
	return b;
}

static void
done_clear(struct done *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->row[i].key);
		free(d->row[i].name);
	}
	free(d->row);
	free(d->grid);
	memset(d, 0, sizeof *d);
}

void
grid_top_forget(struct grid_top *b)
{
	done_clear(&b->done);
}

void
grid_top_free(struct grid_top *b)
{
	if (!b)
		return;
	done_clear(&b->done);
	ictx_free(&b->ic);
	scrub_free(b->sc);
	sb_free(&b->text);
	free(b);
}

static int
same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* the queries, each with and without the subtree's two bounds */

#define HANDLING ISTATE_IS_ON_CLOCK("i.status")
#define LATE "sum(CASE WHEN " HANDLING " AND i.due_at < ?" \
	" THEN 1 ELSE 0 END)"
#define IN_SUB(w) w " i.grid " TREE_IN
#define PATH_SUB(w) w " g.path >= ? AND g.path < ?"
#define TWO(q, w) { q(""), q(IN_SUB(w)) }

/* the counts: key, name, status, count, overdue; of the issues in hand
 * (read every frame) or done with (closed or rejected: read now and then,
 * for they are most of the table and change little).  Each counts first
 * and names the few groups after: a join a row (800,000 live issues at
 * city scale) cost more than the counting (tests/bench/README) */
#define STOCK(w) " WHERE " ISTATE_READ_LIVE("i.status") w
#define COUNTED(key, w) " FROM (SELECT " key ", i.status, count(*) AS n, " \
	LATE " AS late FROM issues i" w " GROUP BY " key ", i.status) x"
#define Q_LEVEL(w) "SELECT x.rung, " HISTORY_LEVEL_SQL("x.rung", "l.name") \
	", x.status, x.n, x.late" COUNTED("i.rung", w) \
	" LEFT JOIN levels l ON l.depth = x.rung"
#define Q_UNIT(w) "SELECT x.unit, u.name, x.status, x.n, x.late" \
	COUNTED("i.unit", w) " LEFT JOIN units u ON u.code = x.unit"
#define Q_CATEGORY(w) "SELECT i.category, NULL, i.status, count(*), " LATE \
	" FROM issues i" w " GROUP BY i.category, i.status"
/* path, -, status, count, overdue: folded into the child grids */
#define Q_GRID(w) "SELECT g.path, NULL, x.status, x.n, x.late" \
	COUNTED("i.grid", w) " JOIN grids g ON g.code = x.grid ORDER BY g.path"
#define Q_STOCK(q, sub) q(STOCK("")), q(STOCK(sub(" AND")))

/* the same of the ended issues, from the counts kept as issues change
 * (schema.c's migrations 6 and 8): a subtree's from tallies, a few rows a
 * grid, where the issues themselves are most of the table; the whole
 * store's from tally_totals, the grids' summed, a few rows in all (by
 * rung at city scale, 83,000 rows of tallies summed took a quarter of a
 * frame).  None of them is overdue, and the queries take no time, only
 * the subtree's bounds.  Grouped by grid, the grids' own counts */
#define TALLY(d, w) " WHERE t.dim = " #d " AND t.n > 0" w
#define T_SUB(w) w " t.grid " TREE_IN
#define SUMMED(from, d, key, w) " FROM (SELECT " key " AS k, t.status," \
	" sum(t.n) AS n FROM " from " t" TALLY(d, w) " GROUP BY " key \
	", t.status) x"
#define T_LEVEL(from, w) "SELECT CAST(x.k AS INTEGER), " \
	HISTORY_LEVEL_SQL("CAST(x.k AS INTEGER)", "l.name") \
	", x.status, x.n, 0" SUMMED(from, 0, "t.key", w) \
	" LEFT JOIN levels l ON l.depth = CAST(x.k AS INTEGER)"
#define T_UNIT(from, w) "SELECT nullif(x.k, ''), u.name, x.status, x.n, 0" \
	SUMMED(from, 1, "t.key", w) " LEFT JOIN units u ON u.code = x.k"
#define T_CATEGORY(from, w) "SELECT t.key, NULL, t.status, sum(t.n), 0" \
	" FROM " from " t" TALLY(2, w) " GROUP BY t.key, t.status"
/* by grid: the grids' own rows, whatever the scope (from is not read) */
#define T_GRID(from, w) "SELECT g.path, NULL, x.status, x.n, 0" \
	SUMMED("tallies", 0, "t.grid", w) \
	" JOIN grids g ON g.code = x.k ORDER BY g.path"
#define Q_DONE(t, sub) t("tally_totals", ""), t("tallies", sub(" AND"))
#define FOUR(q, t, sub, tsub) { { Q_STOCK(q, sub) }, { Q_DONE(t, tsub) } }

/* [grouping][done][subtree] */
static const char *const count_sql[GRID_TOP_NBY][2][2] = {
	[GRID_TOP_LEVEL] = FOUR(Q_LEVEL, T_LEVEL, IN_SUB, T_SUB),
	[GRID_TOP_GRID] = FOUR(Q_GRID, T_GRID, IN_SUB, T_SUB),
	[GRID_TOP_UNIT] = FOUR(Q_UNIT, T_UNIT, IN_SUB, T_SUB),
	[GRID_TOP_CATEGORY] = FOUR(Q_CATEGORY, T_CATEGORY, IN_SUB, T_SUB),
};

/* the overdue issues: the whole store's are the first of the index of
 * deadlines on the clock (issues_due).  A subtree's are picked from the
 * live issues' index (issues_live, which holds the grid and the deadline)
 * and only the rows kept read: the issues of a township at city scale
 * read in full to find those on the clock took 0.1-0.15 s a frame */
#define OVERDUE_COLS "SELECT i.id, i.due_at, i.rung, " \
	HISTORY_LEVEL_SQL("i.rung", "l.name") ", i.grid, g.name, i.unit," \
	" u.name, i.category, i.private, i.text"
#define OVERDUE_JOIN " JOIN grids g ON g.code = i.grid" \
	" LEFT JOIN units u ON u.code = i.unit" \
	" LEFT JOIN levels l ON l.depth = i.rung"
static const char *const overdue_sql[2] = {
	OVERDUE_COLS " FROM issues i" OVERDUE_JOIN
	" WHERE " HANDLING " AND i.due_at < ?"
	" ORDER BY i.due_at, i.id LIMIT ?",
	OVERDUE_COLS " FROM (SELECT i.id FROM issues i"
	" WHERE " ISTATE_IS_LIVE("i.status") " AND " HANDLING
	" AND i.due_at < ?" IN_SUB(" AND")
	" ORDER BY i.due_at, i.id LIMIT ?) k"
	" JOIN issues i ON i.id = k.id" OVERDUE_JOIN
	" ORDER BY i.due_at, i.id"
};

/* the latest events: the whole store's are the newest events, read from
 * the end of events and each one's issue looked up (CROSS JOIN: on the
 * county stats store SQLite's planner read every grid's issues and all
 * their events and sorted them, 0.34 s of a 0.4 s frame).  A
 * subtree's are read one of two ways, whichever reads less
 * (tests/bench/README):
 *  - a big subtree's among the newest events, each one's issue looked up
 *    (CROSS JOIN keeps SQLite's planner on that order; PostgreSQL takes it
 *    as a plain join) until enough are found; the newest events searched
 *    so are bounded, and when the subtree has too few of them there, the
 *    rest are read the other way, from the older events;
 *  - a small subtree's through the indexes alone, its issues
 *    (issues_grid) and their events (events_issue), and only the rows
 *    kept read.
 * The newest way reads about total / n events for each row wanted, n of
 * the store's total issues being the subtree's, the other about 4 (the
 * events of an issue, more costly to seek) for each of the n: the first
 * is taken when n is at least sqrt(rows * total / 4).  Reading every event
 * of the subtree's issues in full and sorting them took 0.7 s a frame for
 * a township at city scale, two minutes for the root */
#define LATEST_SEEK 4
#define LATEST_COLS "SELECT e.id, e.issue, e.at, e.kind, e.status, i.grid," \
	" g.name, e.unit, u.name, i.category, i.private, i.text"
#define LATEST_JOIN " JOIN grids g ON g.code = i.grid" \
	" LEFT JOIN units u ON u.code = e.unit"
static const char latest_sql[] = LATEST_COLS
	" FROM events e CROSS JOIN issues i" LATEST_JOIN
	" WHERE i.id = e.issue AND e.issue IS NOT NULL ORDER BY e.id DESC"
	" LIMIT ?";
static const char latest_newest_sql[] = LATEST_COLS
	" FROM events e CROSS JOIN issues i" LATEST_JOIN
	" WHERE i.id = e.issue AND e.issue IS NOT NULL AND e.id > ?"
	PATH_SUB(" AND") " ORDER BY e.id DESC LIMIT ?";
static const char latest_older_sql[] = LATEST_COLS
	" FROM (SELECT e.id FROM issues i JOIN events e ON e.issue = i.id"
	" WHERE e.issue IS NOT NULL AND e.id <= ?" IN_SUB(" AND")
	" ORDER BY e.id DESC LIMIT ?) k"
	" JOIN events e ON e.id = k.id JOIN issues i ON i.id = e.issue"
	LATEST_JOIN " ORDER BY e.id DESC";

/* the live issues' index (issues_live) serves a query that names its
 * states word for word, as SQLite reads a partial index: the states on the
 * clock alone would read every issue of each unit (12.5 s a frame at city
 * scale, tests/bench/README) */
#define Q_UNITS(w) "SELECT i.unit, u.name, count(*), sum(CASE WHEN" \
	" i.due_at < ? THEN 1 ELSE 0 END) AS late FROM issues i" \
	" JOIN units u ON u.code = i.unit WHERE " ISTATE_IS_LIVE("i.status") \
	" AND " HANDLING w \
	" GROUP BY i.unit, u.name ORDER BY late DESC, count(*) DESC, i.unit" \
	" LIMIT ?"
static const char *const units_sql[2] = TWO(Q_UNITS, " AND");

/* the subtree being read: its bounds, bound after the first n parameters */
struct scope {
	char *lo, *hi;
};

static int
bind_scope(struct sql_stmt *s, int n, const struct scope *sc)
{
	if (!sc->lo)
		return n;
	sql_bind_text(s, n++, sc->lo);
	sql_bind_text(s, n++, sc->hi);
	return n;
}

/* counts */

struct groups {
	struct grid_top_frame *f;
	size_t cap, last;
	char **path;     /* grid grouping: the children's paths */
};

static struct grid_top_count *
group_add(struct groups *g, const char *key, const char *name)
{
	struct grid_top_frame *f = g->f;
	struct grid_top_count *c;

	if (f->ncount == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 16;
		f->count = xrealloc(f->count, g->cap * sizeof *f->count);
		g->path = xrealloc(g->path, g->cap * sizeof *g->path);
	}
	c = &f->count[f->ncount];
	memset(c, 0, sizeof *c);
	c->key = key ? xstrdup(key) : NULL;
	c->name = name ? xstrdup(name) : NULL;
	g->path[f->ncount] = NULL;
	return &f->count[f->ncount++];
}

static struct grid_top_count *
group_find(struct groups *g, const char *key, const char *name)
{
	size_t i;

	if (g->last < g->f->ncount && same(g->f->count[g->last].key, key))
		return &g->f->count[g->last];
	for (i = 0; i < g->f->ncount; i++)
		if (same(g->f->count[i].key, key)) {
			g->last = i;
			return &g->f->count[i];
		}
	g->last = g->f->ncount;
	return group_add(g, key, name);
}

/* the group of a grid's path: the child of the scope it lies under, else
 * the scope itself */
static struct grid_top_count *
group_of_path(struct groups *g, const char *path)
{
	size_t i, n;

	for (i = 0; i < g->f->ncount; i++) {
		if (!g->path[i])
			continue;
		n = strlen(g->path[i]);
		if (strncmp(path, g->path[i], n) == 0) {
			g->last = i;
			return &g->f->count[i];
		}
	}
	return group_find(g, g->f->grid, g->f->grid_name);
}

static void
seed_levels(struct grid_top *b, struct groups *g)
{
	static const char sql[] = "SELECT depth, name FROM levels"
	    " ORDER BY depth";
	struct sql_stmt *s = store_stmt(b->st, sql);

	while (store_step(b->st, s) == SQL_ROW)
		group_add(g, sql_col_text(s, 0), sql_col_text(s, 1));
	sql_reset(s);
}

static void
seed_children(struct grid_top *b, struct groups *g)
{
	static const char sub[] = "SELECT code, name, path FROM grids"
	    " WHERE parent = ? ORDER BY path";
	static const char roots[] = "SELECT code, name, path FROM grids"
	    " WHERE parent IS NULL ORDER BY path";
	struct sql_stmt *s = store_stmt(b->st, g->f->grid ? sub : roots);

	if (g->f->grid)
		sql_bind_text(s, 1, g->f->grid);
	while (store_step(b->st, s) == SQL_ROW) {
		group_add(g, sql_col_text(s, 0), sql_col_text(s, 1));
		g->path[g->f->ncount - 1] = sql_col_dup(s, 2);
	}
	sql_reset(s);
}

/* up the ladder, as stats --by level: the contact cadres (rung 0), then
 * the deepest level, up to the root (depth 1) */
static int
by_rung(const void *a, const void *b)
{
	long x = atol(((const struct grid_top_count *)a)->key);
	long y = atol(((const struct grid_top_count *)b)->key);

	if (x == 0 || y == 0)
		return (x != 0) - (y != 0);
	return (x < y) - (x > y);
}

static long
pending(const struct grid_top_count *c)
{
	return c->n[0] + c->n[1] + c->n[2] + c->n[3];
}

/* the most pressing first: overdue, then open, then by key (no unit last) */
static int
by_weight(const void *a, const void *b)
{
	const struct grid_top_count *x = a, *y = b;

	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	if (pending(x) != pending(y))
		return pending(x) > pending(y) ? -1 : 1;
	if (!x->key || !y->key)
		return !x->key - !y->key;
	return strcmp(x->key, y->key);
}

static void
add_rows(struct grid_top *b, struct groups *g, const char *sql,
    const struct scope *sc, int now)
{
	struct grid_top_frame *f = g->f;
	struct sql_stmt *s = store_stmt(b->st, sql);
	int k;

	if (now)
		sql_bind_int(s, 1, f->now);
	bind_scope(s, now ? 2 : 1, sc);
	while (store_step(b->st, s) == SQL_ROW) {
		const char *status = sql_col_text(s, 2);
		struct grid_top_count *c = f->by == GRID_TOP_GRID ?
		    group_of_path(g, sql_col_text(s, 0)) :
		    group_find(g, sql_col_text(s, 0), sql_col_text(s, 1));
		long n = sql_col_int(s, 3);
		long late = sql_col_int(s, 4);

		for (k = 0; k < GRID_TOP_NSTATUS; k++)
			if (strcmp(status, grid_top_status[k]) == 0) {
				c->n[k] += n;
				f->total.n[k] += n;
			}
		c->overdue += late;
		f->total.overdue += late;
	}
	sql_reset(s);
}

/*
 * The live issues counted here rather than by the database, on SQLite.
 * SQLite groups by sorting: the GROUP BY of the counts sorted every live
 * issue (800,000 at city scale: 0.5 s of a 0.75 s frame) where reading
 * them in the order of issues_live took 0.04-0.08 s.  So the rows are read
 * as the index gives them, a state, a key and a deadline each, and counted
 * in a table by key; the few keys are named after (tests/bench/README).
 * PostgreSQL aggregates by hashing and keeps the GROUP BY of count_sql:
 * the rows sent to the client would cost more than the sort they save.
 */
#define LIVE_ROWS(key, w) "SELECT i.status, " key ", i.due_at FROM issues i" \
	STOCK(w)
#define LIVE_TWO(key) { LIVE_ROWS(key, ""), LIVE_ROWS(key, IN_SUB(" AND")) }
static const char *const live_sql[GRID_TOP_NBY][2] = {
	[GRID_TOP_LEVEL] = LIVE_TWO("i.rung"),
	[GRID_TOP_GRID] = LIVE_TWO("i.grid"),
	[GRID_TOP_UNIT] = LIVE_TWO("i.unit"),
	[GRID_TOP_CATEGORY] = LIVE_TWO("i.category"),
};
/* a key's name, as the joins of count_sql give it */
static const char level_name_sql[] = "SELECT "
	HISTORY_LEVEL_SQL("x.r", "l.name") " FROM (SELECT CAST(? AS INTEGER)"
	" AS r) x LEFT JOIN levels l ON l.depth = x.r";
static const char unit_name_sql[] = "SELECT name FROM units WHERE code = ?";
/* the grids a key of the grouping by grid may be, with their paths */
static const char *const grid_paths_sql[2] = {
	"SELECT code, path FROM grids",
	"SELECT g.code, g.path FROM grids g WHERE" PATH_SUB("")
};

/* the rungs counted by their number (count_live) */
#define RUNG_FAST 64

/* the counts of one key */
struct live_row {
	char *key;
	long n[GRID_TOP_NSTATUS], late;
};

struct live {
	struct keymap at;       /* key: its row's index */
	struct live_row *row;
	size_t n, cap, null;    /* null: the NULL key's row + 1, or 0 */
};

static struct live_row *
live_row(struct live *lv, const char *key)
{
	const int64_t *i;
	struct live_row *r;

	if (key && (i = keymap_get(&lv->at, key)))
		return &lv->row[*i];
	if (!key && lv->null)
		return &lv->row[lv->null - 1];
	if (lv->n == lv->cap) {
		lv->cap = lv->cap ? 2 * lv->cap : 64;
		lv->row = xrealloc(lv->row, lv->cap * sizeof *lv->row);
	}
	r = &lv->row[lv->n];
	memset(r, 0, sizeof *r);
	if (key) {
		r->key = xstrdup(key);
		keymap_put(&lv->at, key, (int64_t)lv->n);
	} else {
		lv->null = lv->n + 1;
	}
	lv->n++;
	return r;
}

/* the index of a state in grid_top_status, -1 for another */
static int
status_index(const char *status)
{
	int k;

	for (k = 0; k < GRID_TOP_NSTATUS; k++)
		if (strcmp(status, grid_top_status[k]) == 0)
			return k;
	return -1;
}

/* a row's counts into its group and the total */
static void
live_add(struct grid_top_frame *f, struct grid_top_count *c,
    const struct live_row *r)
{
	int k;

	for (k = 0; k < GRID_TOP_NSTATUS; k++) {
		c->n[k] += r->n[k];
		f->total.n[k] += r->n[k];
	}
	c->overdue += r->late;
	f->total.overdue += r->late;
}

/* the name of a key of the grouping by level or unit (NULL for none),
 * left in the statement until it is reset */
static const char *
live_name(struct grid_top *b, enum grid_top_by by, const char *key,
    struct sql_stmt **s)
{
	*s = NULL;
	if (!key || (by != GRID_TOP_LEVEL && by != GRID_TOP_UNIT))
		return NULL;
	*s = store_stmt(b->st, by == GRID_TOP_LEVEL ? level_name_sql :
	    unit_name_sql);
	sql_bind_text(*s, 1, key);
	return store_step(b->st, *s) == SQL_ROW ? sql_col_text(*s, 0) : NULL;
}

/* the live counts (issues_live in its order), counted here, then folded
 * into the groups: a grid's into the child of the scope it lies under */
static void
count_live(struct grid_top *b, struct groups *g, const struct scope *sc)
{
	struct grid_top_frame *f = g->f;
	struct sql_stmt *s = store_stmt(b->st, live_sql[f->by][sc->lo != NULL]);
	struct live lv = { 0 };
	char last[32] = "";
	int k = -1, clock[GRID_TOP_NSTATUS], i;
	/* by level the key is the rung, a small integer: its row found by
	 * it (index + 1), not by its text made and hashed for every issue */
	size_t rung_at[RUNG_FAST] = { 0 };
	int64_t rung;
	size_t j;

	for (i = 0; i < GRID_TOP_NSTATUS; i++)
		clock[i] = parse_word(grid_top_status[i], istate_on_clock,
		    (int)(sizeof istate_on_clock / sizeof *istate_on_clock) -
		    1) >= 0;
	bind_scope(s, 1, sc);
	while (store_step(b->st, s) == SQL_ROW) {
		const char *status = sql_col_text(s, 0);
		struct live_row *r;

		/* in the index's order: a state's rows come together */
		if (strcmp(status, last) != 0) {
			k = status_index(status);
			snprintf(last, sizeof last, "%s", status);
		}
		if (k < 0)
			continue;
		rung = f->by == GRID_TOP_LEVEL && !sql_col_null(s, 1) ?
		    sql_col_int(s, 1) : -1;
		if (rung >= 0 && rung < RUNG_FAST) {
			if (!rung_at[rung])
				rung_at[rung] = (size_t)(live_row(&lv,
				    sql_col_text(s, 1)) - lv.row) + 1;
			r = &lv.row[rung_at[rung] - 1];
		} else {
			r = live_row(&lv, sql_col_text(s, 1));
		}
		r->n[k]++;
		if (clock[k] && !sql_col_null(s, 2) &&
		    sql_col_int(s, 2) < f->now)
			r->late++;
	}
	sql_reset(s);
	if (f->by == GRID_TOP_GRID) {
		s = store_stmt(b->st, grid_paths_sql[sc->lo != NULL]);
		bind_scope(s, 1, sc);
		while (lv.n && store_step(b->st, s) == SQL_ROW) {
			const int64_t *at = keymap_get(&lv.at,
			    sql_col_text(s, 0));

			if (at)
				live_add(f, group_of_path(g, sql_col_text(s, 1)),
				    &lv.row[*at]);
		}
		sql_reset(s);
	} else {
		for (j = 0; j < lv.n; j++) {
			struct sql_stmt *ns;
			const char *name = live_name(b, f->by, lv.row[j].key,
			    &ns);

			live_add(f, group_find(g, lv.row[j].key, name),
			    &lv.row[j]);
			if (ns)
				sql_reset(ns);
		}
	}
	for (j = 0; j < lv.n; j++)
		free(lv.row[j].key);
	free(lv.row);
	keymap_free(&lv.at);
}

/* are the closed and rejected counts read last time good for this frame */
static int
done_fresh(const struct grid_top *b, const struct grid_top_frame *f)
{
	const struct done *d = &b->done;

	return d->valid && b->o.done_secs > 0 && d->by == f->by &&
	    same(d->grid, f->grid) &&
	    clk_ms() - d->at_ms < (long long)b->o.done_secs * 1000;
}

/* keep the closed and rejected counts of the frame */
static void
done_keep(struct grid_top *b, const struct grid_top_frame *f)
{
	struct done *d = &b->done;
	size_t i;

	done_clear(d);
	d->valid = 1;
	d->grid = f->grid ? xstrdup(f->grid) : NULL;
	d->by = f->by;
	d->at_ms = clk_ms();
	d->row = xcalloc(f->ncount + 1, sizeof *d->row);
	for (i = 0; i < f->ncount; i++) {
		const struct grid_top_count *c = &f->count[i];

		if (!c->n[GRID_TOP_CLOSED] && !c->n[GRID_TOP_REJECTED])
			continue;
		d->row[d->n].key = c->key ? xstrdup(c->key) : NULL;
		d->row[d->n].name = c->name ? xstrdup(c->name) : NULL;
		d->row[d->n].n[GRID_TOP_CLOSED] = c->n[GRID_TOP_CLOSED];
		d->row[d->n].n[GRID_TOP_REJECTED] = c->n[GRID_TOP_REJECTED];
		d->n++;
	}
}

static void
done_reuse(struct grid_top *b, struct groups *g)
{
	const struct done *d = &b->done;
	size_t i;
	int k;

	for (i = 0; i < d->n; i++) {
		struct grid_top_count *c = group_find(g, d->row[i].key,
		    d->row[i].name);

		for (k = GRID_TOP_CLOSED; k < GRID_TOP_NSTATUS; k++) {
			c->n[k] += d->row[i].n[k];
			g->f->total.n[k] += d->row[i].n[k];
		}
	}
}

static void
load_counts(struct grid_top *b, struct grid_top_frame *f, const struct scope *sc)
{
	struct groups g = { .f = f };
	int sub = sc->lo != NULL;
	size_t i;

	if (f->by == GRID_TOP_LEVEL)
		seed_levels(b, &g);
	else if (f->by == GRID_TOP_GRID)
		seed_children(b, &g);
	if (sql_kind(b->st->db) == SQL_SQLITE)
		count_live(b, &g, sc);
	else
		add_rows(b, &g, count_sql[f->by][0][sub], sc, 1);
	if (done_fresh(b, f)) {
		done_reuse(b, &g);
	} else {
		add_rows(b, &g, count_sql[f->by][1][sub], sc, 0);
		done_keep(b, f);
	}
	for (i = 0; i < f->ncount; i++)
		free(g.path[i]);
	free(g.path);
	if (f->ncount == 0)
		return;
	if (f->by == GRID_TOP_LEVEL)
		qsort(f->count, f->ncount, sizeof *f->count, by_rung);
	else if (f->by != GRID_TOP_GRID)
		qsort(f->count, f->ncount, sizeof *f->count, by_weight);
}

/* the lists */

static void *
grow(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? 2 * *cap : 16;
	return xrealloc(p, *cap * size);
}

/* the text of a row, its numbers masked, unless it is private and not to
 * be revealed */
static char *
text_col(struct grid_top *b, struct sql_stmt *s, int private_col, int *private)
{
	const char *v;

	*private = sql_col_int(s, private_col);
	if (*private && !b->o.reveal)
		return NULL;
	v = sql_col_text(s, private_col + 1);
	return v ? xstrdup(b->sc ? scrub_str(b->sc, v, &b->text) : v) : NULL;
}

static void
load_overdue(struct grid_top *b, struct grid_top_frame *f, const struct scope *sc)
{
	struct sql_stmt *s = store_stmt(b->st, overdue_sql[sc->lo != NULL]);
	size_t cap = 0;

	sql_bind_int(s, 1, f->now);
	sql_bind_int(s, bind_scope(s, 2, sc), b->o.limit + 1);
	while (store_step(b->st, s) == SQL_ROW) {
		struct grid_top_issue *r;

		if (f->noverdue == (size_t)b->o.limit) {
			f->cut |= 1u << PANEL_OVERDUE;
			break;
		}
		f->overdue = grow(f->overdue, f->noverdue, &cap,
		    sizeof *f->overdue);
		r = &f->overdue[f->noverdue++];
		r->id = sql_col_int(s, 0);
		r->due_at = sql_col_int(s, 1);
		r->hours_over = round(cal_hours(b->ic.cal, r->due_at, f->now) *
		    10) / 10;
		r->rung = sql_col_int(s, 2);
		r->level = sql_col_dup(s, 3);
		r->grid = sql_col_dup(s, 4);
		r->grid_name = sql_col_dup(s, 5);
		r->unit = sql_col_dup(s, 6);
		r->unit_name = sql_col_dup(s, 7);
		r->category = sql_col_dup(s, 8);
		r->text = text_col(b, s, 9, &r->private);
	}
	sql_reset(s);
}

/* the rows of a latest events query, after those already read; one more
 * than the limit says the list is cut */
static void
latest_rows(struct grid_top *b, struct grid_top_frame *f,
    struct sql_stmt *s, size_t *cap)
{
	while (store_step(b->st, s) == SQL_ROW) {
		struct grid_top_event *r;

		if (f->nlatest == (size_t)b->o.limit) {
			f->cut |= 1u << PANEL_LATEST;
			break;
		}
		f->latest = grow(f->latest, f->nlatest, cap,
		    sizeof *f->latest);
		r = &f->latest[f->nlatest++];
		r->id = sql_col_int(s, 0);
		r->issue = sql_col_int(s, 1);
		r->at = sql_col_int(s, 2);
		r->kind = sql_col_dup(s, 3);
		r->status = sql_col_dup(s, 4);
		r->grid = sql_col_dup(s, 5);
		r->grid_name = sql_col_dup(s, 6);
		r->unit = sql_col_dup(s, 7);
		r->unit_name = sql_col_dup(s, 8);
		r->category = sql_col_dup(s, 9);
		r->text = text_col(b, s, 10, &r->private);
	}
	sql_reset(s);
}

/* how many issues the subtree has, counted up to at most */
static int64_t
subtree_issues(struct grid_top *b, const struct scope *sc, int64_t at_most)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM issues i"
	    " WHERE i.grid " TREE_IN " LIMIT ?) n";
	struct sql_stmt *s = store_stmt(b->st, sql);
	int64_t n = 0;

	sql_bind_int(s, bind_scope(s, 1, sc), at_most);
	if (store_step(b->st, s) == SQL_ROW)
		n = sql_col_int(s, 0);
	sql_reset(s);
	return n;
}

static void
load_latest(struct grid_top *b, struct grid_top_frame *f, const struct scope *sc)
{
	int64_t want = (int64_t)b->o.limit + 1, total, enough, n, since;
	struct sql_stmt *s;
	size_t cap = 0;

	if (!sc->lo) {
		s = store_stmt(b->st, latest_sql);
		sql_bind_int(s, 1, want);
		latest_rows(b, f, s, &cap);
		return;
	}
	total = store_int(b->st, "SELECT max(id) FROM issues", NULL);
	enough = (int64_t)sqrt((double)want * (double)total / LATEST_SEEK) + 1;
	n = subtree_issues(b, sc, enough);
	since = INT64_MAX;
	if (n >= enough) {
		/* the newest events, those after since: LATEST_SEEK times
		 * the number a subtree of this share needs */
		since = store_int(b->st, "SELECT max(id) FROM events", NULL) -
		    LATEST_SEEK * want * (total / n + 1);
		s = store_stmt(b->st, latest_newest_sql);
		sql_bind_int(s, 1, since);
		sql_bind_int(s, bind_scope(s, 2, sc), want);
		latest_rows(b, f, s, &cap);
		if (f->cut & 1u << PANEL_LATEST)
			return;
	}
	/* the older events (or all of a small subtree's) */
	s = store_stmt(b->st, latest_older_sql);
	sql_bind_int(s, 1, since);
	sql_bind_int(s, bind_scope(s, 2, sc), want - (int64_t)f->nlatest);
	latest_rows(b, f, s, &cap);
}

static void
load_units(struct grid_top *b, struct grid_top_frame *f, const struct scope *sc)
{
	struct sql_stmt *s = store_stmt(b->st, units_sql[sc->lo != NULL]);
	size_t cap = 0;

	sql_bind_int(s, 1, f->now);
	sql_bind_int(s, bind_scope(s, 2, sc), b->o.limit + 1);
	while (store_step(b->st, s) == SQL_ROW) {
		struct grid_top_unit *r;

		if (f->nunit == (size_t)b->o.limit) {
			f->cut |= 1u << PANEL_UNITS;
			break;
		}
		f->unit = grow(f->unit, f->nunit, &cap, sizeof *f->unit);
		r = &f->unit[f->nunit++];
		r->code = sql_col_dup(s, 0);
		r->name = sql_col_dup(s, 1);
		r->open = sql_col_int(s, 2);
		r->overdue = sql_col_int(s, 3);
	}
	sql_reset(s);
}

void
grid_top_load(struct grid_top *b, const char *grid, enum grid_top_by by, int64_t now,
    struct grid_top_frame *f)
{
	struct scope sc = { 0 };
	struct grid g;

	memset(f, 0, sizeof *f);
	f->now = now;
	f->by = by;
	store_read(b->st);
	if (grid) {
		f->grid = xstrdup(grid);
		if (tree_get(b->st, grid, &g)) {
			f->grid_name = g.name;
			f->parent = g.parent;
			sc.lo = g.path;
			sc.hi = tree_upper(g.path);
			free(g.code);
			free(g.leader);
		} else {
			/* gone: an empty range shows nothing */
			sc.lo = xstrdup("");
			sc.hi = xstrdup("");
		}
	}
	load_counts(b, f, &sc);
	load_overdue(b, f, &sc);
	load_latest(b, f, &sc);
	load_units(b, f, &sc);
	store_commit(b->st);
	free(sc.lo);
	free(sc.hi);
}

size_t
grid_top_rows(const struct grid_top_frame *f, enum grid_top_panel p)
{
	switch (p) {
	case PANEL_COUNTS: return f->ncount;
	case PANEL_OVERDUE: return f->noverdue;
	case PANEL_LATEST: return f->nlatest;
	default: return f->nunit;
	}
}

void
grid_top_frame_free(struct grid_top_frame *f)
{
	size_t i;

	for (i = 0; i < f->ncount; i++) {
		free(f->count[i].key);
		free(f->count[i].name);
	}
	for (i = 0; i < f->noverdue; i++) {
		struct grid_top_issue *r = &f->overdue[i];

		free(r->level);
		free(r->grid);
		free(r->grid_name);
		free(r->unit);
		free(r->unit_name);
		free(r->category);
		free(r->text);
	}
	for (i = 0; i < f->nlatest; i++) {
		struct grid_top_event *r = &f->latest[i];

		free(r->kind);
		free(r->status);
		free(r->grid);
		free(r->grid_name);
		free(r->unit);
		free(r->unit_name);
		free(r->category);
		free(r->text);
	}
	for (i = 0; i < f->nunit; i++) {
		free(f->unit[i].code);
		free(f->unit[i].name);
	}
	free(f->count);
	free(f->overdue);
	free(f->latest);
	free(f->unit);
	free(f->grid);
	free(f->grid_name);
	free(f->parent);
	memset(f, 0, sizeof *f);
}

/* a private issue's words: its text, its answer, and the events that
 * carry words (a note, an answer, a reason) */
static void
withhold(struct history *h)
{
	static const char *const worded[] = { "note", "resolved", "rejected" };
	size_t i;

	free(h->is.text);
	free(h->is.answer);
	free(h->is.reason);
	h->is.text = h->is.answer = h->is.reason = NULL;
	for (i = 0; i < h->nev; i++)
		if (parse_word(h->ev[i].kind, worded, 3) >= 0) {
			free(h->ev[i].detail);
			h->ev[i].detail = NULL;
		}
}

/* each event's detail in words, as issue-show says it (history_describe), in
 * place of its JSON */
static void
describe(struct store *st, struct history *h)
{
	struct sbuf b = { 0 };
	size_t i;

	for (i = 0; i < h->nev; i++) {
		sb_reset(&b);
		history_describe(st, &h->ev[i], &b);
		free(h->ev[i].detail);
		h->ev[i].detail = b.len ? xstrdup(sb_str(&b)) : NULL;
	}
	sb_free(&b);
}

int
grid_top_history(struct grid_top *b, int64_t id, struct history *h)
{
	int found;

	store_read(b->st);
	found = history_load(b->st, id, h);
	if (found && h->is.private && !b->o.reveal)
		withhold(h);
	if (found)
		describe(b->st, h);
	store_commit(b->st);
	if (found && b->sc)
		history_scrub(h, b->sc);
	return found;
}

/* finding a grid */

#define MAX_NAMED 5

static int
matches(struct store *st, const char *sql, const char *arg, char **code,
    struct sbuf *why, const char *q)
{
	struct sql_stmt *s = store_stmt(st, sql);
	struct sbuf list = { 0 };
	int n = 0;

	sql_bind_text(s, 1, arg);
	while (store_step(st, s) == SQL_ROW) {
		if (n == 0)
			*code = sql_col_dup(s, 0);
		if (n < MAX_NAMED)
			sb_printf(&list, "%s%s %s", n ? ", " : "",
			    sql_col_text(s, 1), sql_col_text(s, 0));
		n++;
	}
	sql_reset(s);
	if (n > 1) {
		free(*code);
		*code = NULL;
		sb_printf(why, "%d grids match '%s': %s%s", n, q, sb_str(&list),
		    n > MAX_NAMED ? ", ..." : "");
	}
	sb_free(&list);
	return n;
}

int
grid_top_find_grid(struct store *st, const char *q, char **code,
    struct sbuf *why)
{
	static const char by_code[] = "SELECT code, name FROM grids"
	    " WHERE code = ?";
	static const char by_name[] = "SELECT code, name FROM grids"
	    " WHERE name = ? ORDER BY path";
	/* a part of a name, the case of ASCII letters aside on both stores:
	 * the pattern is in lower case, and so is the name -- in ASCII alone,
	 * as SQLite's lower() and LIKE do it; PostgreSQL's lower() under the
	 * C collation does the same, whatever the database's */
	static const char by_part[] = "SELECT code, name FROM grids"
	    " WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY path";
	static const char by_part_pg[] = "SELECT code, name FROM grids"
	    " WHERE lower(name COLLATE \"C\") LIKE ? ESCAPE '\\'"
	    " ORDER BY path";
	struct sbuf like = { 0 };
	const char *p;
	int n;

	*code = NULL;
	if ((n = matches(st, by_code, q, code, why, q)) == 0 &&
	    (n = matches(st, by_name, q, code, why, q)) == 0) {
		sb_putc(&like, '%');
		for (p = q; *p; p++) {
			if (*p == '%' || *p == '_' || *p == '\\')
				sb_putc(&like, '\\');
			sb_putc(&like, *p >= 'A' && *p <= 'Z' ?
			    *p - 'A' + 'a' : *p);
		}
		sb_putc(&like, '%');
		n = matches(st, sql_kind(st->db) == SQL_PGSQL ? by_part_pg :
		    by_part, sb_str(&like), code, why, q);
		sb_free(&like);
	}
	if (n == 0)
		sb_printf(why, "grid '%s' does not exist (by code or name)", q);
	return n == 1 ? 0 : -1;
}

/* --once: the panels as rows */

static const char *
num(char *buf, size_t n, long v)
{
	snprintf(buf, n, "%ld", v);
	return buf;
}

static const char *
idstr(char *buf, size_t n, int64_t v)
{
	snprintf(buf, n, "%lld", (long long)v);
	return buf;
}

static void
print_counts(const struct grid_top_frame *f, struct out *o)
{
	char buf[GRID_TOP_NSTATUS + 1][24];
	const char *v[GRID_TOP_NSTATUS + 3];
	int named = f->by != GRID_TOP_CATEGORY, k, n;
	size_t i;

	for (i = 0; i < f->ncount; i++) {
		const struct grid_top_count *c = &f->count[i];

		n = 0;
		v[n++] = c->key;
		if (named)
			v[n++] = c->name;
		for (k = 0; k < GRID_TOP_NSTATUS; k++)
			v[n++] = num(buf[k], sizeof buf[k], c->n[k]);
		v[n++] = num(buf[k], sizeof buf[k], c->overdue);
		out_row(o, v, NULL);
	}
}

static void
print_overdue(const struct grid_top_frame *f, struct out *o)
{
	char id[24], due[CLK_BUFSZ], over[32], rung[16];
	size_t i;

	for (i = 0; i < f->noverdue; i++) {
		const struct grid_top_issue *r = &f->overdue[i];
		const char *v[] = { idstr(id, sizeof id, r->id),
			clk_fmt(r->due_at, due), over,
			num(rung, sizeof rung, r->rung), r->level, r->grid,
			r->grid_name, r->unit, r->unit_name, r->category,
			r->text };

		snprintf(over, sizeof over, "%.15g", r->hours_over);
		out_row(o, v, NULL);
	}
}

static void
print_latest(const struct grid_top_frame *f, struct out *o)
{
	char id[24], ev[24], at[CLK_BUFSZ];
	size_t i;

	for (i = 0; i < f->nlatest; i++) {
		const struct grid_top_event *r = &f->latest[i];
		const char *v[] = { idstr(id, sizeof id, r->issue),
			idstr(ev, sizeof ev, r->id), clk_fmt(r->at, at),
			r->kind, r->status, r->grid, r->grid_name, r->unit,
			r->unit_name, r->category, r->text };

		out_row(o, v, NULL);
	}
}

static void
print_units(const struct grid_top_frame *f, struct out *o)
{
	char a[24], b[24];
	size_t i;

	for (i = 0; i < f->nunit; i++) {
		const struct grid_top_unit *r = &f->unit[i];
		const char *v[] = { r->code, r->name,
			num(a, sizeof a, r->open), num(b, sizeof b, r->overdue) };

		out_row(o, v, NULL);
	}
}

static const struct out_col overdue_cols[] = {
	{ "id", OUT_NUM }, { "due_at", OUT_STR }, { "hours_over", OUT_NUM },
	{ "rung", OUT_NUM }, { "level", OUT_STR }, { "grid", OUT_STR },
	{ "grid_name", OUT_STR }, { "unit", OUT_STR },
	{ "unit_name", OUT_STR }, { "category", OUT_STR },
	{ "text", OUT_STR }
};
static const struct out_col latest_cols[] = {
	{ "id", OUT_NUM }, { "event", OUT_NUM }, { "at", OUT_STR },
	{ "kind", OUT_STR }, { "status", OUT_STR }, { "grid", OUT_STR },
	{ "grid_name", OUT_STR }, { "unit", OUT_STR },
	{ "unit_name", OUT_STR }, { "category", OUT_STR },
	{ "text", OUT_STR }
};
static const struct out_col units_cols[] = {
	{ "unit", OUT_STR }, { "name", OUT_STR }, { "open", OUT_NUM },
	{ "overdue", OUT_NUM }
};

#define NC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int
print_panel(const struct grid_top_frame *f, enum grid_top_panel p, enum out_mode mode,
    unsigned flags, FILE *fp)
{
	static const char *const keys[GRID_TOP_NBY] = { "rung", "grid", "unit",
		"category" };
	struct out_col cc[GRID_TOP_NSTATUS + 3];
	struct out *o = NULL;
	int n = 0, k;

	switch (p) {
	case PANEL_COUNTS:
		cc[n++] = (struct out_col){ keys[f->by],
		    f->by == GRID_TOP_LEVEL ? OUT_NUM : OUT_STR };
		if (f->by != GRID_TOP_CATEGORY)
			cc[n++] = (struct out_col){ f->by == GRID_TOP_LEVEL ?
			    "level" : "name", OUT_STR };
		for (k = 0; k < GRID_TOP_NSTATUS; k++)
			cc[n++] = (struct out_col){ grid_top_status[k], OUT_NUM };
		cc[n++] = (struct out_col){ "overdue", OUT_NUM };
		o = out_open(fp, mode, flags, cc, n);
		print_counts(f, o);
		break;
	case PANEL_OVERDUE:
		o = out_open(fp, mode, flags, overdue_cols, NC(overdue_cols));
		print_overdue(f, o);
		break;
	case PANEL_LATEST:
		o = out_open(fp, mode, flags, latest_cols, NC(latest_cols));
		print_latest(f, o);
		break;
	case PANEL_UNITS:
		o = out_open(fp, mode, flags, units_cols, NC(units_cols));
		print_units(f, o);
		break;
	case PANEL_N:
		break;
	}
	/* a list cut short must say so, or a pipe acts on part of it */
	if (f->cut & 1u << p)
		warnf("%s: only the first %zu rows: more with --limit N",
		    grid_top_panel_name(p), grid_top_rows(f, p));
	return out_close(o);
}

int
grid_top_print(const struct grid_top_frame *f, enum grid_top_panel p, enum out_mode mode,
    unsigned flags, FILE *fp)
{
	int i, rc = 0;

	if (p != PANEL_N)
		return print_panel(f, p, mode, flags, fp);
	for (i = 0; i < PANEL_N; i++) {
		if (i > 0 && !(flags & OUT_KEYS) && mode != OUT_JSONL)
			putc('\n', fp);
		rc |= print_panel(f, (enum grid_top_panel)i, mode, flags, fp);
	}
	return rc ? -1 : 0;
}
