#include "office.h"
#include "util.h"

/* asked once a connection: the answer holds for its life */
int
office_bound(struct store *st)
{
	static const struct store *asked;
	static int bound;

	if (sql_kind(st->db) != SQL_PGSQL)
		return 0;
	if (asked != st) {
		bound = store_int(st, "SELECT row_security_active('issues')",
		    NULL) != 0;
		asked = st;
	}
	return bound;
}

int
office_refuses(struct store *st, int64_t id, struct sbuf *why)
{
	static const char sql[] = "SELECT gridkit_office_may(grid, unit),"
	    " grid FROM issues WHERE id = ?";
	struct sql_stmt *s;
	int rc = 0;

	if (!office_bound(st))
		return 0;
	s = store_stmt(st, sql);
	sql_bind_int(s, 1, id);
	if (store_step(st, s) == SQL_ROW && !sql_col_int(s, 0)) {
		sb_printf(why, "issue %lld is another office's (grid %s): "
		    "role '%s' may change only the issues of its own grids "
		    "and units", (long long)id, sql_col_text(s, 1),
		    st->role ? st->role : "?");
		rc = -1;
	}
	sql_reset(s);
	return rc;
}

int
office_refuses_grid(struct store *st, const char *grid, struct sbuf *why)
{
	static const char sql[] = "SELECT gridkit_office_may(?, NULL)";
	struct sql_stmt *s;
	int rc = 0;

	if (!office_bound(st))
		return 0;
	s = store_stmt(st, sql);
	sql_bind_text(s, 1, grid);
	if (store_step(st, s) == SQL_ROW)
		rc = office_grid_answer(st, grid, sql_col_int(s, 0), why);
	sql_reset(s);
	return rc;
}

int
office_grid_answer(struct store *st, const char *grid, int may,
    struct sbuf *why)
{
	if (may)
		return 0;
	sb_printf(why, "grid '%s' is another office's: role '%s' may file "
	    "issues only in its own grids", grid, st->role ? st->role : "?");
	return -1;
}

int
office_refuses_visit(struct store *st, const char *household,
    const char *cadre, struct sbuf *why)
{
	static const char sql[] = "SELECT gridkit_visit_may(?1, ?2),"
	    " (SELECT grid FROM households WHERE code = ?1),"
	    " (SELECT unit FROM cadres WHERE code = ?2)";
	struct sql_stmt *s;
	int rc = 0;

	if (!office_bound(st))
		return 0;
	s = store_stmt(st, sql);
	sql_bind_text(s, 1, household);
	sql_bind_text(s, 2, cadre);
	if (store_step(st, s) == SQL_ROW && !sql_col_int(s, 0)) {
		sb_printf(why, "household '%s' is another office's (grid %s) "
		    "and cadre '%s' of unit '%s' too: role '%s' may log only "
		    "the visits of its own grids' households and its own "
		    "units' cadres", household, sql_col_text(s, 1), cadre,
		    sql_col_text(s, 2), st->role ? st->role : "?");
		rc = -1;
	}
	sql_reset(s);
	return rc;
}
