#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "issue_list.h"
#include "istate.h"
#include "redact.h"
#include "tree.h"

const struct out_col issue_list_cols[ISSUE_LIST_NCOLS] = {
	{ "id", OUT_NUM }, { "status", OUT_STR }, { "level", OUT_STR },
	{ "held_by", OUT_STR }, { "grid", OUT_STR }, { "unit", OUT_STR },
	{ "category", OUT_STR }, { "filed_at", OUT_STR }, { "due_at", OUT_STR },
	{ "text", OUT_STR }
};

static const char *const *const statuses = istate_all;

int
issue_list_rung(struct store *st, const char *level)
{
	static const char sql[] = "SELECT depth FROM levels WHERE name = ?";
	char *depth;
	long v;

	if (parse_long(level, 0, 64, &v) == 0)
		return (int)v;
	if ((depth = store_str(st, sql, level))) {
		v = atol(depth);
		free(depth);
		return (int)v;
	}
	if (strcmp(level, "cadre") == 0 &&
	    store_int(st, "SELECT count(*) FROM levels WHERE depth = 0",
	    NULL) == 0)
		return 0;
	return -1;
}

/* the statuses of a ','-separated list: how many, or -1 with why */
static int
split_status(const char *list, const char **out, struct sbuf *why)
{
	const char *p = list;
	int n = 0, i;

	for (;;) {
		size_t len = strcspn(p, ",");

		for (i = 0; statuses[i]; i++)
			if (strlen(statuses[i]) == len &&
			    strncmp(p, statuses[i], len) == 0)
				break;
		if (!statuses[i] || n == ISTATE_N) {
			sb_printf(why, "%s '%.*s' (use open, routed, "
			    "accepted, parked, resolved, closed or rejected, "
			    "','-separated)", n == ISTATE_N ?
			    "one status too many:" :
			    "no status", (int)len, p);
			return -1;
		}
		if (out)
			out[n] = statuses[i];
		n++;
		if (!p[len])
			return n;
		p += len + 1;
	}
}

int
issue_list_check(struct store *st, const struct issue_list_opts *o, struct sbuf *why)
{
	char *lo, *hi;

	if (o->status && split_status(o->status, NULL, why) < 0)
		return -1;
	if (o->grid) {
		if (tree_range(st, o->grid, &lo, &hi) != 0) {
			sb_printf(why, "grid '%s' does not exist", o->grid);
			return -1;
		}
		free(lo);
		free(hi);
	}
	return 0;
}

/* the filters, most selective first: the first one given leads the
 * query through its index */
enum { F_REF, F_HOUSEHOLD, F_CADRE, F_OVERDUE, F_FILED, F_UNIT, F_GRID,
	F_CATEGORY, F_RUNG, F_STATUS, F_NONE };

static int
leader(const struct issue_list_opts *o)
{
	if (o->ref)
		return F_REF;
	if (o->household)
		return F_HOUSEHOLD;
	if (o->cadre)
		return F_CADRE;
	if (o->overdue)
		return F_OVERDUE;
	if (o->since || o->until)
		return F_FILED;
	if (o->unit)
		return F_UNIT;
	if (o->grid)
		return F_GRID;
	if (o->category)
		return F_CATEGORY;
	if (o->rung >= 0)
		return F_RUNG;
	return o->status ? F_STATUS : F_NONE;
}

/* whether every status of a --status list is live (in hand or resolved):
 * those the partial index issues_live holds, by state and id */
static int
all_live(const char *list)
{
	const char *st_list[ISTATE_N];
	int n = split_status(list, st_list, NULL), i;

	for (i = 0; i < n; i++)
		if (!istate_in(st_list[i], istate_live))
			return 0;
	return n > 0;
}

/* Without statistics SQLite would pick an index of few values for "closed
 * last month" and walk millions of closed issues, and never the partial
 * index of open deadlines: the filter that leads is told by leader(), and
 * a unary + keeps the planner off the others' indexes.  The filters have
 * their indexes: sqlite_autoindex_issues_1 (ref), issues_household,
 * issues_cadre, issues_due (named: the planner prefers another to it),
 * issues_filed (always a two-sided range, which the planner takes),
 * issues_unit, issues_grid (a subtree is a range of grids.path), and
 * issues_live for statuses that are all live, through the index's own
 * condition said word for word.  A category, a level or a status that
 * is not live (closed: most of the table) has no index: a handful of
 * values over the whole table, each index a cost to every write
 * (schema.c, migration 3 to 4), so those alone read the table.
 * PostgreSQL has neither INDEXED BY nor a unary + on text, and keeps
 * statistics: its planner chooses alone. */
void
issue_list_sql(const struct issue_list_opts *o, enum sql_kind kind,
    struct sbuf *q)
{
	int lead = kind == SQL_SQLITE ? leader(o) : -1, i, n;
#define TERM(f) ((f) == lead || kind != SQL_SQLITE ? " AND i." : " AND +i.")

	sb_puts(q, "SELECT i.id, i.status, coalesce(l.name, CASE WHEN"
	    " i.rung = 0 THEN 'cadre' ELSE 'depth ' || i.rung END),"
	    " coalesce(i.rung_grid, i.cadre), i.grid, i.unit, i.category,"
	    " i.filed_at, i.due_at, i.text FROM issues i");
	if (lead == F_OVERDUE && kind == SQL_SQLITE)
		sb_puts(q, " INDEXED BY issues_due");
	sb_puts(q, " LEFT JOIN levels l ON l.depth = i.rung WHERE 1 = 1");
	if (o->status) {
		n = split_status(o->status, NULL, NULL);
		sb_printf(q, "%sstatus IN (?", TERM(F_STATUS));
		for (i = 1; i < n; i++)
			sb_puts(q, ", ?");
		sb_putc(q, ')');
		if (lead == F_STATUS && all_live(o->status))
			sb_puts(q, " AND " ISTATE_IS_LIVE("i.status"));
	}
	if (o->grid)
		sb_printf(q, "%sgrid " TREE_IN, TERM(F_GRID));
	if (o->unit)
		sb_printf(q, "%sunit = ?", TERM(F_UNIT));
	if (o->category)
		sb_printf(q, "%scategory = ?", TERM(F_CATEGORY));
	if (o->household)
		sb_printf(q, "%shousehold = ?", TERM(F_HOUSEHOLD));
	if (o->cadre)
		sb_printf(q, "%scadre = ?", TERM(F_CADRE));
	if (o->ref)
		sb_printf(q, "%sref = ?", TERM(F_REF));
	if (o->rung >= 0)
		sb_printf(q, "%srung = ?", TERM(F_RUNG));
	/* the partial index's own condition, word for word (or each column
	 * with TERM's unary plus, when another index leads) */
	if (o->overdue) {
		sb_puts(q, F_OVERDUE == lead || kind != SQL_SQLITE ?
		    " AND " ISTATE_IS_ON_CLOCK("i.status") :
		    " AND " ISTATE_IS_ON_CLOCK("+i.status"));
		sb_printf(q, "%sdue_at < ?", TERM(F_OVERDUE));
	}
	if (o->since || o->until)
		sb_printf(q, "%sfiled_at >= ?%sfiled_at < ?", TERM(F_FILED),
		    TERM(F_FILED));
	sb_puts(q, " ORDER BY i.id");
#undef TERM
}

static void
bind_all(struct sql_stmt *s, struct store *st, const struct issue_list_opts *o)
{
	const char *st_list[ISTATE_N];
	char *lo = NULL, *hi = NULL;
	int i, n, k = 1;

	if (o->status) {
		n = split_status(o->status, st_list, NULL);
		for (i = 0; i < n; i++)
			sql_bind_static(s, k++, st_list[i]);
	}
	if (o->grid && tree_range(st, o->grid, &lo, &hi) == 0) {
		sql_bind_text(s, k++, lo);
		sql_bind_text(s, k++, hi);
	}
	if (o->unit)
		sql_bind_static(s, k++, o->unit);
	if (o->category)
		sql_bind_static(s, k++, o->category);
	if (o->household)
		sql_bind_static(s, k++, o->household);
	if (o->cadre)
		sql_bind_static(s, k++, o->cadre);
	if (o->ref)
		sql_bind_static(s, k++, o->ref);
	if (o->rung >= 0)
		sql_bind_int(s, k++, o->rung);
	if (o->overdue)
		sql_bind_int(s, k++, o->now);
	if (o->since || o->until) {
		sql_bind_int(s, k++, o->since ? o->since : INT64_MIN);
		sql_bind_int(s, k++, o->until ? o->until : INT64_MAX);
	}
	free(lo);
	free(hi);
}

long
issue_list_run(struct store *st, const struct issue_list_opts *o, struct out *out)
{
	struct sbuf q = { 0 };
	struct sql_stmt *s;
	char filed[CLK_BUFSZ], due[CLK_BUFSZ];
	const char *v[ISSUE_LIST_NCOLS];
	struct sbuf text = { 0 };
	struct scrub *sc = o->reveal ? NULL : redact_new(st);
	long n = 0;
	int i;

	issue_list_sql(o, sql_kind(st->db), &q);
	s = store_prepare(st, sb_str(&q));
	bind_all(s, st, o);
	while (store_step(st, s) == SQL_ROW) {
		for (i = 0; i < ISSUE_LIST_NCOLS; i++)
			v[i] = sql_col_text(s, i);
		v[7] = clk_fmt(sql_col_int(s, 7), filed);
		v[8] = v[8] ? clk_fmt(sql_col_int(s, 8), due) : NULL;
		if (sc)
			v[9] = scrub_str(sc, v[9], &text);
		out_row(out, v, NULL);
		n++;
	}
	sql_finalize(s);
	sb_free(&q);
	sb_free(&text);
	scrub_free(sc);
	return n;
}
