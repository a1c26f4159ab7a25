#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "sql_driver.h"
#include "sql_pgsql.h"
#include "sql_sqlite.h"
#include "util.h"

int
sql_is_uri(const char *target)
{
	return target && (strncmp(target, "postgresql://", 13) == 0 ||
	    strncmp(target, "postgres://", 11) == 0);
}

struct sql_db *
sql_open(const char *target, int flags, char **err)
{
	const struct sql_driver *drv = sql_is_uri(target) ?
	    &sql_pgsql_driver : &sql_sqlite_driver;

	*err = NULL;
	return drv->open(target, flags, err);
}

void
sql_close(struct sql_db *db)
{
	if (db)
		db->drv->close(db);
}

enum sql_kind
sql_kind(const struct sql_db *db)
{
	return db->kind;
}

struct sqlite3 *
sql_sqlite(struct sql_db *db)
{
	return db->drv->sqlite(db);
}

void
sql_set_error(struct sql_db *db, enum sql_fault f, const char *msg)
{
	free(db->err);
	db->err = NULL;
	db->fault = f;
	if (f == SQL_OK)
		return;
	db->err = sql_oneline(xstrdup(msg && *msg ? msg : "unknown error"));
}

/* libpq's messages run over lines (a hint on the next, a newline at the
 * end); ours are one line */
char *
sql_oneline(char *m)
{
	char *r = m, *w = m;

	for (; *r; r++) {
		if (*r == '\n' || *r == '\t') {
			while (r[1] == '\n' || r[1] == '\t' || r[1] == ' ')
				r++;
			if (r[1] && w > m && w[-1] != ' ')
				*w++ = ' ';
			continue;
		}
		*w++ = *r;
	}
	while (w > m && w[-1] == ' ')
		w--;
	*w = '\0';
	return m;
}

const char *
sql_errmsg(const struct sql_db *db)
{
	return db->err ? db->err : "not an error";
}

enum sql_fault
sql_fault(const struct sql_db *db)
{
	return db->fault;
}

int
sql_exec(struct sql_db *db, const char *sql)
{
	return db->drv->exec(db, sql);
}

int
sql_begin(struct sql_db *db, int write)
{
	return db->drv->begin(db, write);
}

int
sql_commit(struct sql_db *db)
{
	return db->drv->exec(db, "COMMIT");
}

int
sql_rollback(struct sql_db *db)
{
	return db->drv->exec(db, "ROLLBACK");
}

struct sql_stmt *
sql_prepare(struct sql_db *db, const char *sql, int flags)
{
	return db->drv->prepare(db, sql, flags);
}

int
sql_bind_text(struct sql_stmt *s, int i, const char *v)
{
	return s->db->drv->bind(s, i, v ? SQLT_TEXT : SQLT_NULL, v, 0, 0);
}

int
sql_bind_int(struct sql_stmt *s, int i, int64_t v)
{
	return s->db->drv->bind(s, i, SQLT_INT, NULL, v, 0);
}

int
sql_bind_real(struct sql_stmt *s, int i, double v)
{
	return s->db->drv->bind(s, i, SQLT_REAL, NULL, 0, v);
}

int
sql_bind_null(struct sql_stmt *s, int i)
{
	return s->db->drv->bind(s, i, SQLT_NULL, NULL, 0, 0);
}

int
sql_step(struct sql_stmt *s)
{
	return s->db->drv->step(s);
}

int
sql_ncols(const struct sql_stmt *s)
{
	return s->db->drv->ncols(s);
}

const char *
sql_colname(const struct sql_stmt *s, int i)
{
	return s->db->drv->colname(s, i);
}

const char *
sql_col_text(struct sql_stmt *s, int i)
{
	return s->db->drv->col_text(s, i);
}

int
sql_col_null(struct sql_stmt *s, int i)
{
	return s->db->drv->col_null(s, i);
}

/* PostgreSQL hands every value over as text, a boolean as t or f */
int64_t
sql_col_int(struct sql_stmt *s, int i)
{
	const char *v = s->db->drv->col_text(s, i);

	if (!v)
		return 0;
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	return strtoll(v, NULL, 10);
}

double
sql_col_real(struct sql_stmt *s, int i)
{
	const char *v = s->db->drv->col_text(s, i);

	return v ? strtod(v, NULL) : 0;
}

void
sql_reset(struct sql_stmt *s)
{
	s->db->drv->reset(s);
}

void
sql_finalize(struct sql_stmt *s)
{
	if (s)
		s->db->drv->finalize(s);
}

int64_t
sql_changes(const struct sql_db *db)
{
	return db->drv->changes(db);
}

/* ?N stays N; a bare ? takes one more than the highest number so far, as
 * SQLite numbers them */
char *
sql_dollars(const char *sql)
{
	struct sbuf b = { 0 };
	const char *p = sql;
	long top = 0;
	char *r;

	while (*p) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			const char *e = p + 1;

			while (*e && !(*e == q && e[1] != q))
				e += *e == q ? 2 : 1;
			if (*e)
				e++;
			sb_add(&b, p, (size_t)(e - p));
			p = e;
		} else if (p[0] == '-' && p[1] == '-') {
			size_t n = strcspn(p, "\n");

			sb_add(&b, p, n);
			p += n;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			e = e ? e + 2 : p + strlen(p);
			sb_add(&b, p, (size_t)(e - p));
			p = e;
		} else if (*p == '?') {
			char num[24];
			char *end;
			long n = strtol(p + 1, &end, 10);

			if (end == p + 1 || n <= 0)
				n = top + 1;
			if (n > top)
				top = n;
			snprintf(num, sizeof num, "$%ld", n);
			sb_puts(&b, num);
			p = end == p + 1 ? p + 1 : end;
		} else {
			sb_add(&b, p, 1);
			p++;
		}
	}
	r = xstrdup(sb_str(&b));
	sb_free(&b);
	return r;
}
