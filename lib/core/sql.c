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
sql_bind_static(struct sql_stmt *s, int i, const char *v)
{
	return s->db->drv->bind(s, i, v ? SQLT_STATIC : SQLT_NULL, v, 0, 0);
}

/* the separator before the next element of array a, or its opening */
static void
arr_next(struct sbuf *a)
{
	sb_putc(a, a->len ? ',' : '{');
}

void
sql_arr_text(struct sbuf *a, const char *v)
{
	arr_next(a);
	if (!v) {
		sb_puts(a, "NULL");
		return;
	}
	sb_putc(a, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			sb_putc(a, '\\');
		sb_putc(a, *v);
	}
	sb_putc(a, '"');
}

void
sql_arr_int(struct sbuf *a, int64_t v, int zero_null)
{
	arr_next(a);
	if (zero_null && v == 0)
		sb_puts(a, "NULL");
	else
		sb_printf(a, "%lld", (long long)v);
}

void
sql_arr_real(struct sbuf *a, double v, int zero_null)
{
	arr_next(a);
	if (zero_null && v == 0)
		sb_puts(a, "NULL");
	else
		sb_printf(a, "%.17g", v);
}

int
sql_bind_arr(struct sql_stmt *s, int i, struct sbuf *a)
{
	int rc;

	sb_putc(a, '}');
	rc = sql_bind_text(s, i, sb_str(a));
	sb_free(a);
	return rc;
}

int
sql_nparams(const struct sql_stmt *s)
{
	return s->db->drv->nparams(s);
}

int
sql_param_index(const struct sql_stmt *s, const char *name)
{
	return s->db->drv->param_index(s, name);
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

char *
sql_col_dup(struct sql_stmt *s, int i)
{
	const char *v = sql_col_text(s, i);

	return v ? xstrdup(v) : NULL;
}

int64_t
sql_col_int(struct sql_stmt *s, int i)
{
	return s->db->drv->col_int(s, i);
}

double
sql_col_real(struct sql_stmt *s, int i)
{
	return s->db->drv->col_real(s, i);
}

size_t
sql_col_len(struct sql_stmt *s, int i)
{
	return s->db->drv->col_len(s, i);
}

void
sql_reset(struct sql_stmt *s)
{
	s->db->drv->reset(s);
}

void
sql_clear(struct sql_stmt *s)
{
	s->db->drv->clear(s);
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

int64_t
sql_total_changes(const struct sql_db *db)
{
	return db->drv->total_changes(db);
}

int64_t
sql_last_id(struct sql_db *db)
{
	return db->drv->last_id(db);
}

static int
namechar(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Walk sql, copying it to out (when not NULL) with its placeholders
 * numbered as SQLite numbers them: ?N is N; a bare ? and a new :name take
 * one more than the highest number so far; a :name seen before keeps its
 * number.  Returns the number of the :name want, or 0. */
static int
number(const char *sql, struct sbuf *out, const char *want)
{
	struct sbuf seen = { 0 }; /* "\nname=N" for every :name so far */
	const char *p = sql, *e;
	long top = 0, n;
	int found = 0;
	char num[24], *end;

	while (*p) {
		e = p + 1;
		n = 0;
		if (*p == '\'' || *p == '"') {
			while (*e && !(*e == *p && e[1] != *p))
				e += *e == *p ? 2 : 1;
			if (*e)
				e++;
		} else if (p[0] == '-' && p[1] == '-') {
			e = p + strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			e = strstr(p + 2, "*/");
			e = e ? e + 2 : p + strlen(p);
		} else if (*p == '?') {
			n = strtol(p + 1, &end, 10);
			if (end == p + 1 || n <= 0)
				n = top + 1;
			else
				e = end;
		} else if (*p == ':' && (p == sql || p[-1] != ':') &&
		    namechar(p[1]) && !(p[1] >= '0' && p[1] <= '9')) {
			struct sbuf key = { 0 };
			const char *hit;

			while (namechar(*e))
				e++;
			sb_puts(&key, "\n");
			sb_add(&key, p + 1, (size_t)(e - p - 1));
			sb_puts(&key, "=");
			if ((hit = strstr(sb_str(&seen), sb_str(&key))))
				n = strtol(hit + key.len, NULL, 10);
			else {
				n = top + 1;
				sb_printf(&seen, "%s%ld", sb_str(&key), n);
			}
			if (want && strlen(want) == (size_t)(e - p - 1) &&
			    memcmp(want, p + 1, (size_t)(e - p - 1)) == 0)
				found = (int)n;
			sb_free(&key);
		}
		if (n > 0) {
			if (n > top)
				top = n;
			snprintf(num, sizeof num, "$%ld", n);
			if (out)
				sb_puts(out, num);
		} else if (out) {
			sb_add(out, p, (size_t)(e - p));
		}
		p = e;
	}
	sb_free(&seen);
	return found;
}

char *
sql_dollars(const char *sql)
{
	struct sbuf b = { 0 };
	char *r;

	number(sql, &b, NULL);
	r = xstrdup(sb_str(&b));
	sb_free(&b);
	return r;
}

int
sql_named(const char *sql, const char *name)
{
	if (name[0] == ':' || name[0] == '$' || name[0] == '@')
		name++;
	return number(sql, NULL, name);
}

/* A bulk load where the driver has none of its own: one INSERT, prepared
 * once and run a row (SQLite, where a statement costs no round trip) */
struct sql_load *
sql_load_begin(struct sql_db *db, const char *table, const char *const *cols,
    const char *types)
{
	struct sbuf q = { 0 };
	struct sql_load *l;
	struct sql_stmt *s;
	int i, n = (int)strlen(types);

	if (db->drv->load_begin)
		return db->drv->load_begin(db, table, cols, types);
	sb_printf(&q, "INSERT INTO %s (", table);
	for (i = 0; i < n; i++)
		sb_printf(&q, "%s\"%s\"", i ? ", " : "", cols[i]);
	sb_puts(&q, ") VALUES (");
	for (i = 0; i < n; i++)
		sb_printf(&q, "%s?%d", i ? ", " : "", i + 1);
	sb_puts(&q, ")");
	s = sql_prepare(db, sb_str(&q), SQL_KEEP);
	sb_free(&q);
	if (!s)
		return NULL;
	l = xcalloc(1, sizeof *l);
	l->db = db;
	l->types = xstrdup(types);
	l->n = n;
	l->ins = s;
	return l;
}

int
sql_load_row(struct sql_load *l, const char *const *vals)
{
	int i;

	if (l->db->drv->load_row)
		return l->db->drv->load_row(l, vals);
	sql_reset(l->ins);
	for (i = 0; i < l->n; i++) {
		if (!vals[i])
			sql_bind_null(l->ins, i + 1);
		else if (l->types[i] == 'i')
			sql_bind_int(l->ins, i + 1, strtoll(vals[i], NULL, 10));
		else if (l->types[i] == 'r')
			sql_bind_real(l->ins, i + 1, strtod(vals[i], NULL));
		else
			sql_bind_static(l->ins, i + 1, vals[i]);
	}
	return sql_step(l->ins) == SQL_ERROR ? -1 : 0;
}

int
sql_load_end(struct sql_load *l)
{
	if (!l)
		return 0;
	if (l->db->drv->load_end)
		return l->db->drv->load_end(l);
	sql_finalize(l->ins);
	free(l->types);
	free(l);
	return 0;
}
