#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "accountability.h"
#include "clock.h"
#include "tree.h"

static const char *const statuses[] = { "pending", "confirmed", "waived",
	NULL };

int
acc_status_ok(const char *s)
{
	int i;

	for (i = 0; statuses[i]; i++)
		if (strcmp(s, statuses[i]) == 0)
			return 0;
	return -1;
}

static const struct out_col cols[] = {
	{ "case", OUT_NUM }, { "issue", OUT_NUM }, { "status", OUT_STR },
	{ "holder", OUT_STR }, { "opened_at", OUT_STR }, { "people", OUT_STR },
	{ "units", OUT_STR }, { "outcome", OUT_STR }, { "reason", OUT_STR }
};
#define NCOLS 9

int
acc_list(struct store *st, const struct acc_opts *o)
{
	static const char sql[] = "SELECT a.id, a.issue, a.status,"
	    " coalesce(a.holder_unit, a.holder_cadre), a.opened_at, "
	    ACC_PEOPLE_SQL("a.id") ", " ACC_UNITS_SQL("a.id") ", a.outcome,"
	    " a.reason FROM accountability a"
	    " WHERE (CAST(?1 AS TEXT) IS NULL OR a.status = ?1)"
	    " AND (CAST(?2 AS BIGINT) IS NULL OR a.opened_at >= ?2)"
	    " AND (CAST(?3 AS BIGINT) IS NULL OR a.opened_at < ?3)"
	    " AND (CAST(?4 AS TEXT) IS NULL OR a.issue IN (SELECT id FROM issues"
	    "  WHERE grid IN (SELECT code FROM grids"
	    "  WHERE path >= ?4 AND path < ?5)))"
	    " ORDER BY a.id";
	char *lo = NULL, *hi = NULL;
	struct out *out;
	struct sql_stmt *s;
	int rc;

	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
	store_read(st);
	s = store_prepare(st, sql);
	sql_bind_text(s, 1, o->status);
	if (o->since)
		sql_bind_int(s, 2, o->since);
	if (o->until)
		sql_bind_int(s, 3, o->until);
	sql_bind_text(s, 4, lo);
	sql_bind_text(s, 5, hi);
	out = out_open(stdout, o->mode, o->outflags, cols, NCOLS);
	while (store_step(st, s) == SQL_ROW) {
		const char *v[NCOLS];
		char at[CLK_BUFSZ];
		int i;

		for (i = 0; i < NCOLS; i++)
			v[i] = sql_col_text(s, i);
		v[4] = clk_fmt(sql_col_int(s, 4), at);
		out_row(out, v, NULL);
	}
	sql_finalize(s);
	store_commit(st);
	rc = out_close(out) == 0 ? EXIT_OK : EXIT_PARTIAL;
	free(lo);
	free(hi);
	return rc;
}

/* the case, if it is pending: 0 and its issue and holder (copies), or -1
 * with why */
static int
pending(struct store *st, int64_t id, int64_t *issue, char **cadre,
    char **unit, struct sbuf *why)
{
	static const char sql[] = "SELECT issue, status, holder_cadre,"
	    " holder_unit FROM accountability WHERE id = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	int rc = -1;

	sql_bind_int(s, 1, id);
	if (store_step(st, s) != SQL_ROW)
		sb_printf(why, "case %lld does not exist", (long long)id);
	else if (strcmp(sql_col_text(s, 1), "pending") != 0)
		sb_printf(why, "case %lld is %s already: a decided case is "
		    "not decided again", (long long)id, sql_col_text(s, 1));
	else {
		*issue = sql_col_int(s, 0);
		*cadre = sql_col_dup(s, 2);
		*unit = sql_col_dup(s, 3);
		rc = 0;
	}
	sql_reset(s);
	return rc;
}

static int
exists(struct store *st, const char *sql, const char *code)
{
	char *v = store_str(st, sql, code);

	free(v);
	return v != NULL;
}

/* the event of a decision, on the case's issue, with its state */
static void
decided(struct store *st, const char *kind, int64_t issue, json_t *d)
{
	static const char sql[] = "SELECT status, rung, unit, due_at"
	    " FROM issues WHERE id = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	char *detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);

	sql_bind_int(s, 1, issue);
	if (store_step(st, s) == SQL_ROW)
		store_event(st, &(struct event){ .kind = kind, .issue = issue,
		    .status = sql_col_text(s, 0), .rung = sql_col_int(s, 1),
		    .unit = sql_col_text(s, 2),
		    .due_at = sql_col_int(s, 3), .detail = detail });
	sql_reset(s);
	free(detail);
	json_decref(d);
}

/* name who is held to account; 0, or -1 with why when a code is unknown */
static int
name_all(struct store *st, int64_t id, const char *const *codes,
    const char *check, const char *ins, const char *what, json_t *list,
    struct sbuf *why)
{
	struct sql_stmt *s;

	for (; codes && *codes; codes++) {
		if (!exists(st, check, *codes)) {
			sb_printf(why, "%s '%s' does not exist", what, *codes);
			return -1;
		}
		s = store_stmt(st, ins);
		sql_bind_int(s, 1, id);
		sql_bind_text(s, 2, *codes);
		store_step(st, s);
		if (sql_changes(st->db))
			json_array_append_new(list, json_string(*codes));
	}
	return 0;
}

int
acc_confirm(struct store *st, int64_t id, const struct acc_decision *d,
    struct sbuf *why)
{
	static const char cadre[] = "SELECT code FROM cadres WHERE code = ?";
	static const char unit[] = "SELECT code FROM units WHERE code = ?";
	static const char person[] = "INSERT INTO"
	    " accountability_people (\"case\", cadre) VALUES (?, ?)"
	    " ON CONFLICT DO NOTHING";
	static const char dept[] = "INSERT INTO"
	    " accountability_units (\"case\", unit) VALUES (?, ?)"
	    " ON CONFLICT DO NOTHING";
	static const char upd[] = "UPDATE accountability SET"
	    " status = 'confirmed', decided_at = ?2, outcome = ?3"
	    " WHERE id = ?1";
	const char *holder[2] = { NULL, NULL };
	const char *const *people = d->people, *const *units = d->units;
	char *hc = NULL, *hu = NULL;
	int64_t issue;
	json_t *pl = json_array(), *ul = json_array();
	struct sql_stmt *s;
	int rc = -1;

	if (pending(st, id, &issue, &hc, &hu, why) != 0)
		goto out;
	/* nobody named: the holder */
	if ((!people || !*people) && (!units || !*units)) {
		holder[0] = hu ? hu : hc;
		if (hu)
			units = holder;
		else if (hc)
			people = holder;
		else {
			sb_printf(why, "case %lld has no holder on record: name "
			    "the people or units held to account",
			    (long long)id);
			goto out;
		}
	}
	store_exec(st, "SAVEPOINT acc_confirm");
	if (name_all(st, id, people, cadre, person, "cadre", pl, why) != 0 ||
	    name_all(st, id, units, unit, dept, "unit", ul, why) != 0) {
		store_exec(st, "ROLLBACK TO acc_confirm");
		store_exec(st, "RELEASE acc_confirm");
		goto out;
	}
	s = store_stmt(st, upd);
	sql_bind_int(s, 1, id);
	sql_bind_int(s, 2, clk_now());
	sql_bind_text(s, 3, d->outcome);
	store_step(st, s);
	decided(st, "case_confirmed", issue, json_pack("{sIsOsOss}", "case",
	    (json_int_t)id, "people", pl, "units", ul, "outcome",
	    d->outcome));
	store_exec(st, "RELEASE acc_confirm");
	rc = 0;
out:
	json_decref(pl);
	json_decref(ul);
	free(hc);
	free(hu);
	return rc;
}

int
acc_waive(struct store *st, int64_t id, const struct acc_decision *d,
    struct sbuf *why)
{
	static const char upd[] = "UPDATE accountability SET"
	    " status = 'waived', decided_at = ?2, reason = ?3 WHERE id = ?1";
	char *hc = NULL, *hu = NULL;
	int64_t issue;
	struct sql_stmt *s;

	if (pending(st, id, &issue, &hc, &hu, why) != 0)
		return -1;
	free(hc);
	free(hu);
	s = store_stmt(st, upd);
	sql_bind_int(s, 1, id);
	sql_bind_int(s, 2, clk_now());
	sql_bind_text(s, 3, d->reason);
	store_step(st, s);
	decided(st, "case_waived", issue, json_pack("{sIss}", "case",
	    (json_int_t)id, "reason", d->reason));
	return 0;
}
