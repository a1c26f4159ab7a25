#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "accountability.h"
#include "grid_export.h"
#include "redact.h"
#include "tree.h"
#include "util.h"
#include "valid.h"

enum xtype { X_TEXT, X_NUM, X_REAL, X_TIME };
/* M_TEXT: free text, whose phone and ID numbers are masked (scrub.h) */
enum xmask { M_NONE, M_NAME, M_ID, M_PHONE, M_ADDRESS, M_TEXT };

struct xcol {
	const char *name;
	const char *expr;
	enum xtype type;
	enum xmask mask;
};

struct xkind {
	const char *name;
	const struct xcol *cols;
	int ncols;
	const char *from;      /* FROM and any fixed condition (WHERE ...) */
	const char *subtree;   /* a condition taking the two path bounds */
	const char *timecol;   /* the column --since and --until apply to */
	const char *order;
};

#define NC(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define IN_GRID(col) col " " TREE_IN
#define HOUSEHOLD_IN_GRID(col) col " IN (SELECT code FROM households" \
	" WHERE grid " TREE_IN ")"
#define ISSUE_IN_GRID(col) col " IN (SELECT id FROM issues" \
	" WHERE grid " TREE_IN ")"

static const struct xcol grid_c[] = {
	{ "code", "code", X_TEXT, M_NONE },
	{ "name", "name", X_TEXT, M_NONE },
	{ "parent", "parent", X_TEXT, M_NONE },
	{ "leader", "leader", X_TEXT, M_NONE },
	{ "status", "status", X_TEXT, M_NONE },
};
static const struct xcol level_c[] = {
	{ "depth", "depth", X_NUM, M_NONE },
	{ "name", "name", X_TEXT, M_NONE },
	{ "hours", "hours", X_REAL, M_NONE },
};
static const struct xcol unit_c[] = {
	{ "code", "code", X_TEXT, M_NONE },
	{ "name", "name", X_TEXT, M_NONE },
	{ "status", "status", X_TEXT, M_NONE },
};
static const struct xcol cadre_c[] = {
	{ "code", "code", X_TEXT, M_NONE },
	{ "name", "name", X_TEXT, M_NONE },
	{ "unit", "unit", X_TEXT, M_NONE },
	{ "grid", "grid", X_TEXT, M_NONE },
	{ "phone", "phone", X_TEXT, M_PHONE },
	{ "status", "status", X_TEXT, M_NONE },
};
static const struct xcol household_c[] = {
	{ "code", "code", X_TEXT, M_NONE },
	{ "head", "head", X_TEXT, M_NAME },
	{ "grid", "grid", X_TEXT, M_NONE },
	{ "id_number", "id_number", X_TEXT, M_ID },
	{ "phone", "phone", X_TEXT, M_PHONE },
	{ "address", "address", X_TEXT, M_ADDRESS },
	{ "members", "members", X_NUM, M_NONE },
	{ "tags", "tags", X_TEXT, M_TEXT },
	{ "status", "status", X_TEXT, M_NONE },
};
static const struct xcol rule_c[] = {
	{ "order", "\"order\"", X_NUM, M_NONE },
	{ "category", "category", X_TEXT, M_NONE },
	{ "pattern", "pattern", X_TEXT, M_NONE },
	{ "unit", "unit", X_TEXT, M_NONE },
	{ "assist", "assist", X_TEXT, M_NONE },
	{ "cooperate", "cooperate", X_TEXT, M_NONE },
	{ "hours", "hours", X_REAL, M_NONE },
	{ "status", "status", X_TEXT, M_NONE },
};
static const struct xcol pair_c[] = {
	{ "household", "household", X_TEXT, M_NONE },
	{ "cadre", "cadre", X_TEXT, M_NONE },
};
static const struct xcol pair_history_c[] = {
	{ "household", "household", X_TEXT, M_NONE },
	{ "cadre", "cadre", X_TEXT, M_NONE },
	{ "started_at", "started_at", X_TIME, M_NONE },
	{ "ended_at", "ended_at", X_TIME, M_NONE },
};
static const struct xcol visit_c[] = {
	{ "cadre", "cadre", X_TEXT, M_NONE },
	{ "household", "household", X_TEXT, M_NONE },
	{ "at", "at", X_TIME, M_NONE },
	{ "note", "note", X_TEXT, M_TEXT },
};
static const struct xcol office_c[] = {
	{ "login", "login", X_TEXT, M_NONE },
	{ "grid", "grid", X_TEXT, M_NONE },
	{ "unit", "unit", X_TEXT, M_NONE },
};
static const struct xcol calendar_c[] = {
	{ "date", "date", X_TEXT, M_NONE },
	{ "kind", "kind", X_TEXT, M_NONE },
};
static const struct xcol issue_c[] = {
	{ "id", "i.id", X_NUM, M_NONE },
	{ "ref", "i.ref", X_TEXT, M_NONE },
	{ "status", "i.status", X_TEXT, M_NONE },
	{ "category", "i.category", X_TEXT, M_NONE },
	{ "text", "i.text", X_TEXT, M_TEXT },
	{ "household", "i.household", X_TEXT, M_NONE },
	{ "grid", "i.grid", X_TEXT, M_NONE },
	{ "source", "i.source", X_TEXT, M_NONE },
	{ "reporter", "i.reporter", X_TEXT, M_NONE },
	{ "private", "i.private", X_NUM, M_NONE },
	{ "rung", "i.rung", X_NUM, M_NONE },
	{ "level", "coalesce(l.name, CASE WHEN i.rung = 0 THEN 'cadre'"
	  " ELSE 'depth ' || i.rung END)", X_TEXT, M_NONE },
	{ "rung_grid", "i.rung_grid", X_TEXT, M_NONE },
	{ "cadre", "i.cadre", X_TEXT, M_NONE },
	{ "unit", "i.unit", X_TEXT, M_NONE },
	{ "assist", "i.assist", X_TEXT, M_NONE },
	{ "hours", "i.hours", X_REAL, M_NONE },
	{ "filed_at", "i.filed_at", X_TIME, M_NONE },
	{ "routed_at", "i.routed_at", X_TIME, M_NONE },
	{ "accepted_at", "i.accepted_at", X_TIME, M_NONE },
	{ "resolved_at", "i.resolved_at", X_TIME, M_NONE },
	{ "closed_at", "i.closed_at", X_TIME, M_NONE },
	{ "rejected_at", "i.rejected_at", X_TIME, M_NONE },
	{ "due_at", "i.due_at", X_TIME, M_NONE },
	{ "escalations", "i.escalations", X_NUM, M_NONE },
	{ "at_root", "i.at_root", X_NUM, M_NONE },
	{ "answer", "i.answer", X_TEXT, M_TEXT },
	{ "reason", "i.reason", X_TEXT, M_TEXT },
	{ "duplicate_of", "i.duplicate_of", X_NUM, M_NONE },
	{ "updated_at", "i.updated_at", X_TIME, M_NONE },
	{ "cooperate", "i.cooperate", X_TEXT, M_NONE },
	{ "owner", "i.owner", X_TEXT, M_NONE },
	{ "referrals", "i.referrals", X_NUM, M_NONE },
};
static const struct xcol event_c[] = {
	{ "id", "id", X_NUM, M_NONE },
	{ "at", "at", X_TIME, M_NONE },
	{ "prog", "prog", X_TEXT, M_NONE },
	{ "login", "login", X_TEXT, M_NONE },
	{ "kind", "kind", X_TEXT, M_NONE },
	{ "issue", "issue", X_NUM, M_NONE },
	{ "subject", "subject", X_TEXT, M_TEXT },
	{ "status", "status", X_TEXT, M_NONE },
	{ "rung", "rung", X_NUM, M_NONE },
	{ "unit", "unit", X_TEXT, M_NONE },
	{ "due_at", "due_at", X_TIME, M_NONE },
	{ "detail", "detail", X_TEXT, M_TEXT },
};
/* a case: the listing's columns (the accountability program's), then
 * where and how late */
static const struct xcol accountability_c[] = {
	{ "case", "a.id", X_NUM, M_NONE },
	{ "issue", "a.issue", X_NUM, M_NONE },
	{ "status", "a.status", X_TEXT, M_NONE },
	{ "holder", "coalesce(a.holder_unit, a.holder_cadre)", X_TEXT,
	  M_NONE },
	{ "opened_at", "a.opened_at", X_TIME, M_NONE },
	{ "people", ACC_PEOPLE_SQL("a.id"), X_TEXT, M_NONE },
	{ "units", ACC_UNITS_SQL("a.id"), X_TEXT, M_NONE },
	{ "outcome", "a.outcome", X_TEXT, M_NONE },
	{ "reason", "a.reason", X_TEXT, M_NONE },
	{ "decided_at", "a.decided_at", X_TIME, M_NONE },
	{ "holder_cadre", "a.holder_cadre", X_TEXT, M_NONE },
	{ "holder_unit", "a.holder_unit", X_TEXT, M_NONE },
	{ "rung", "a.rung", X_NUM, M_NONE },
	{ "level", "coalesce(l.name, CASE WHEN a.rung = 0 THEN 'cadre'"
	  " ELSE 'depth ' || a.rung END)", X_TEXT, M_NONE },
	{ "grid", "a.grid", X_TEXT, M_NONE },
	{ "due_at", "a.due_at", X_TIME, M_NONE },
	{ "hours_over", "a.hours_over", X_REAL, M_NONE },
};

static const struct xkind kinds[] = {
	{ "grids", grid_c, NC(grid_c), "FROM grids WHERE 1 = 1",
	  "path >= ? AND path < ?", NULL, "ORDER BY path" },
	{ "levels", level_c, NC(level_c), "FROM levels WHERE 1 = 1", NULL, NULL,
	  "ORDER BY depth" },
	{ "units", unit_c, NC(unit_c), "FROM units WHERE 1 = 1", NULL, NULL,
	  "ORDER BY code" },
	{ "cadres", cadre_c, NC(cadre_c), "FROM cadres WHERE 1 = 1",
	  IN_GRID("grid"), NULL, "ORDER BY code" },
	/* the order rows were first added: a plain scan, the fastest */
	{ "households", household_c, NC(household_c), "FROM households WHERE 1 = 1",
	  IN_GRID("grid"), NULL, "ORDER BY id" },
	{ "rules", rule_c, NC(rule_c), "FROM rules WHERE 1 = 1", NULL, NULL,
	  "ORDER BY \"order\"" },
	{ "pairs", pair_c, NC(pair_c),
	  "FROM pairs WHERE ended_at IS NULL", HOUSEHOLD_IN_GRID("household"),
	  "started_at", "ORDER BY household" },
	{ "pairs-history", pair_history_c, NC(pair_history_c),
	  "FROM pairs WHERE 1 = 1", HOUSEHOLD_IN_GRID("household"),
	  "started_at", "ORDER BY household, started_at, id" },
	{ "visits", visit_c, NC(visit_c), "FROM visits WHERE 1 = 1",
	  HOUSEHOLD_IN_GRID("household"), "at", "ORDER BY at, id" },
	/* NULLs sort first on SQLite, last on PostgreSQL: empty instead */
	{ "offices", office_c, NC(office_c), "FROM offices WHERE 1 = 1",
	  NULL, NULL, "ORDER BY login, coalesce(grid, ''), coalesce(unit, '')" },
	{ "calendar", calendar_c, NC(calendar_c), "FROM calendar WHERE 1 = 1",
	  NULL, "date", "ORDER BY date" },
	{ "issues", issue_c, NC(issue_c),
	  "FROM issues i LEFT JOIN levels l ON l.depth = i.rung WHERE 1 = 1",
	  IN_GRID("i.grid"), "i.filed_at", "ORDER BY i.id" },
	{ "events", event_c, NC(event_c), "FROM events WHERE 1 = 1",
	  ISSUE_IN_GRID("issue"), "at", "ORDER BY id" },
	{ "accountability", accountability_c, NC(accountability_c),
	  "FROM accountability a LEFT JOIN levels l ON l.depth = a.rung"
	  " WHERE 1 = 1", ISSUE_IN_GRID("a.issue"), "a.opened_at",
	  "ORDER BY a.id" },
};

const char *
grid_export_kinds(void)
{
	return "grids levels units cadres households rules pairs visits "
	    "calendar offices issues events accountability";
}

static const struct xkind *
find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

int
grid_export_known(const char *name)
{
	return strcmp(name, "pairs-history") != 0 && find(name) != NULL;
}

static const char *
masked(enum xmask m, const char *v, char *buf, size_t n)
{
	switch (m) {
	case M_NAME:
		mask_name(v, buf, n);
		break;
	case M_ID:
		mask_idnum(v, buf, n);
		break;
	case M_PHONE:
		mask_phone(v, buf, n);
		break;
	case M_ADDRESS:
		mask_address(v, buf, n);
		break;
	default:
		return v;
	}
	return buf;
}

static struct sql_stmt *
query(struct store *st, const struct xkind *k, const struct grid_export_opts *o)
{
	struct sbuf q = { 0 };
	struct sql_stmt *s;
	char *lo = NULL, *hi = NULL;
	int i, n = 1;

	sb_puts(&q, "SELECT ");
	for (i = 0; i < k->ncols; i++)
		sb_printf(&q, "%s%s", i ? ", " : "", k->cols[i].expr);
	sb_printf(&q, " %s", k->from);
	if (o->grid) {
		if (tree_range(st, o->grid, &lo, &hi) != 0)
			die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
		if (!k->subtree)
			die(EXIT_USAGE, "%s cannot be limited to a grid",
			    k->name);
		sb_printf(&q, " AND %s", k->subtree);
	}
	if ((o->since || o->until) && !k->timecol)
		die(EXIT_USAGE, "%s cannot be limited by time", k->name);
	if (o->since)
		sb_printf(&q, " AND %s >= ?", k->timecol);
	if (o->until)
		sb_printf(&q, " AND %s < ?", k->timecol);
	sb_printf(&q, " %s", k->order);
	s = store_stream(st, sb_str(&q));
	if (lo) {
		sql_bind_text(s, n++, lo);
		sql_bind_text(s, n++, hi);
	}
	/* the calendar's dates are text: compare them as dates */
	if (o->since) {
		char d[CLK_BUFSZ];

		if (strcmp(k->timecol, "date") == 0)
			sql_bind_text(s, n++, clk_fmt_date(o->since, d));
		else
			sql_bind_int(s, n++, o->since);
	}
	if (o->until) {
		char d[CLK_BUFSZ];

		if (strcmp(k->timecol, "date") == 0)
			sql_bind_text(s, n++, clk_fmt_date(o->until, d));
		else
			sql_bind_int(s, n++, o->until);
	}
	free(lo);
	free(hi);
	sb_free(&q);
	return s;
}

int
grid_export_run(struct store *st, const char *kind, const struct grid_export_opts *o,
    FILE *fp)
{
	const struct xkind *k;
	struct out_col oc[40];
	const char *v[40];
	size_t len[40];
	char buf[40][CLK_BUFSZ * 2];
	char *mbuf[40] = { 0 };
	size_t mcap[40] = { 0 };
	struct sbuf text[40] = { { 0 } };
	struct scrub *sc;
	struct sql_stmt *s;
	struct out *out;
	int i, rc;

	if (strcmp(kind, "pairs") == 0 && o->history)
		kind = "pairs-history";
	if (!(k = find(kind)))
		die(EXIT_USAGE, "unknown kind '%s' (use %s)", kind,
		    grid_export_kinds());
	for (i = 0; i < k->ncols; i++)
		oc[i] = (struct out_col){ k->cols[i].name,
		    k->cols[i].type == X_NUM || k->cols[i].type == X_REAL ?
		    OUT_NUM : OUT_STR };
	/* one snapshot, which PostgreSQL's cursor needs: millions of rows
	 * in flat memory */
	store_read(st);
	s = query(st, k, o);
	sc = o->reveal ? NULL : redact_new(st);
	out = out_open(fp, o->mode, o->outflags, oc, k->ncols);
	while (store_step(st, s) == SQL_ROW) {
		for (i = 0; i < k->ncols; i++) {
			const struct xcol *c = &k->cols[i];

			if (sql_col_null(s, i)) {
				v[i] = NULL;
				len[i] = 0;
				continue;
			}
			switch (c->type) {
			case X_TIME:
				v[i] = clk_fmt(sql_col_int(s, i),
				    buf[i]);
				len[i] = strlen(v[i]);
				break;
			case X_REAL:
				snprintf(buf[i], sizeof buf[i], "%.15g",
				    sql_col_real(s, i));
				v[i] = buf[i];
				len[i] = strlen(v[i]);
				break;
			default:
				v[i] = sql_col_text(s, i);
				len[i] = sql_col_len(s, i);
				if (c->mask == M_NONE || o->reveal)
					break;
				if (mcap[i] < len[i] + 32) {
					mcap[i] = len[i] + 32;
					mbuf[i] = xrealloc(mbuf[i], mcap[i]);
				}
				if (c->mask == M_TEXT)
					v[i] = scrub_str(sc, v[i], &text[i]);
				else
					v[i] = masked(c->mask, v[i], mbuf[i],
					    mcap[i]);
				len[i] = strlen(v[i]);
			}
		}
		out_row(out, v, len);
	}
	sql_finalize(s);
	store_commit(st);
	rc = out_close(out);
	for (i = 0; i < k->ncols; i++) {
		free(mbuf[i]);
		sb_free(&text[i]);
	}
	scrub_free(sc);
	return rc == 0 ? EXIT_OK : EXIT_PARTIAL;
}
