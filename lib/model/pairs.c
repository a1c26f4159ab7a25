#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "office.h"
#include "pairs.h"

char *
pair_current(struct store *st, const char *household)
{
	static const char sql[] = "SELECT cadre FROM pairs"
	    " WHERE household = ? AND ended_at IS NULL";

	return store_str(st, sql, household);
}

/* the cadre's status, a copy, or NULL when there is no such cadre */
static char *
cadre_status(struct store *st, const char *cadre)
{
	static const char sql[] = "SELECT status FROM cadres WHERE code = ?";

	return store_str(st, sql, cadre);
}

/* the household's status, a copy, or NULL when there is no such one */
static char *
household_status(struct store *st, const char *household)
{
	static const char sql[] = "SELECT status FROM households"
	    " WHERE code = ?";

	return store_str(st, sql, household);
}

int
pair_end(struct store *st, const char *household, int64_t at)
{
	static const char sql[] = "UPDATE pairs SET ended_at = ?2"
	    " WHERE household = ?1 AND ended_at IS NULL";
	struct sql_stmt *s = store_stmt(st, sql);

	sql_bind_text(s, 1, household);
	sql_bind_int(s, 2, at);
	store_step(st, s);
	return sql_changes(st->db) > 0;
}

int
pair_set(struct store *st, const char *household, const char *cadre,
    int64_t at, struct sbuf *why)
{
	static const char sql[] = "INSERT INTO pairs (household, cadre,"
	    " started_at) VALUES (?, ?, ?)";
	char *status, *cur;
	struct sql_stmt *s;
	int rc = -1;

	if (!(status = household_status(st, household))) {
		sb_printf(why, "household '%s' does not exist", household);
		return -1;
	}
	rc = strcmp(status, "moved") == 0;
	free(status);
	if (rc) {
		sb_printf(why, "household '%s' has moved away; it gets no "
		    "new pair", household);
		return -1;
	}
	rc = -1;
	if (!(status = cadre_status(st, cadre))) {
		sb_printf(why, "cadre '%s' does not exist", cadre);
		return -1;
	}
	cur = pair_current(st, household);
	if (strcmp(status, "active") != 0) {
		sb_printf(why, "cadre '%s' has left; pair the household with "
		    "an active cadre", cadre);
	} else if (cur && strcmp(cur, cadre) == 0) {
		rc = 0;
	} else {
		if (cur)
			pair_end(st, household, at);
		s = store_stmt(st, sql);
		sql_bind_text(s, 1, household);
		sql_bind_text(s, 2, cadre);
		sql_bind_int(s, 3, at);
		store_step(st, s);
		rc = 1;
	}
	free(status);
	free(cur);
	return rc;
}

/* who looked after the household at `at`, for the message of a refused
 * visit: a copy, or NULL */
static char *
cadre_at(struct store *st, const char *household, int64_t at)
{
	static const char sql[] = "SELECT cadre FROM pairs WHERE household = ?1"
	    " AND (ended_at IS NULL OR ended_at > ?2)"
	    " AND (started_at <= ?2 OR id = (SELECT min(id) FROM pairs"
	    "  WHERE household = ?1))"
	    " ORDER BY started_at DESC LIMIT 1";
	struct sql_stmt *s = store_stmt(st, sql);
	char *c = NULL;

	sql_bind_text(s, 1, household);
	sql_bind_int(s, 2, at);
	if (store_step(st, s) == SQL_ROW)
		c = xstrdup(sql_col_text(s, 0));
	sql_reset(s);
	return c;
}

int
visit_add(struct store *st, const char *cadre, const char *household,
    int64_t at, const char *note, struct sbuf *why)
{
	static const char sql[] = "INSERT INTO visits (cadre, household, at,"
	    " note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
	char buf[CLK_BUFSZ], *status, *who;
	struct sql_stmt *s;
	int rc = -1;

	at -= ((at % 60) + 60) % 60;
	if (!(status = household_status(st, household))) {
		sb_printf(why, "household '%s' does not exist", household);
		return -1;
	}
	free(status);
	if (!(status = cadre_status(st, cadre))) {
		sb_printf(why, "cadre '%s' does not exist", cadre);
		return -1;
	}
	free(status);
	if (at > clk_now()) {
		sb_printf(why, "the visit at %s is in the future",
		    clk_fmt(at, buf));
		return -1;
	}
	if (office_refuses_visit(st, household, cadre, why) != 0)
		return -1;
	who = cadre_at(st, household, at);
	if (!who || strcmp(who, cadre) != 0) {
		sb_printf(why, "household '%s' was not paired with cadre '%s' "
		    "at %s", household, cadre, clk_fmt(at, buf));
		if (who)
			sb_printf(why, " (its cadre was '%s')", who);
		else
			sb_puts(why, " (it had no cadre)");
	} else {
		s = store_stmt(st, sql);
		sql_bind_text(s, 1, cadre);
		sql_bind_text(s, 2, household);
		sql_bind_int(s, 3, at);
		sql_bind_text(s, 4, note);
		store_step(st, s);
		rc = sql_changes(st->db) > 0;
	}
	free(who);
	return rc;
}
