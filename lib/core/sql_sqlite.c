#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_sqlite.h"
#include "util.h"

struct lite_db {
	struct sql_db base;
	sqlite3 *h;
};

struct lite_stmt {
	struct sql_stmt base;
	sqlite3_stmt *s;
};

#define H(db) (((struct lite_db *)(db))->h)
#define S(st) (((struct lite_stmt *)(st))->s)

static enum sql_fault
fault_of(int code)
{
	switch (code & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return SQL_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return SQL_FAULT_BUSY;
	case SQLITE_NOTADB:
		return SQL_FAULT_NOTDB;
	case SQLITE_CONSTRAINT:
		return SQL_FAULT_CONSTRAINT;
	default:
		return SQL_FAULT_OTHER;
	}
}

/* keep SQLite's word on the last call, and say whether it failed */
static int
check(struct sql_db *db, int code)
{
	enum sql_fault f = fault_of(code);

	sql_set_error(db, f, f == SQL_OK ? NULL : sqlite3_errmsg(H(db)));
	return f == SQL_OK ? 0 : -1;
}

static struct sql_db *
lite_open(const char *target, int flags, char **err)
{
	struct lite_db *db = xcalloc(1, sizeof *db);
	int mode = flags & SQL_READONLY ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | (flags & SQL_CREATE ? SQLITE_OPEN_CREATE : 0);

	/* each connection used by one thread, and no memory statistics;
	 * sqlite3_config works only before the library starts.  Not
	 * SQLITE_CONFIG_SINGLETHREAD: that leaves out the library's own
	 * mutexes, and with them the helper threads of a big sort (PRAGMA
	 * threads: CREATE INDEX after a bulk load, store_sort_threads()).
	 * The mutexes cost nothing measured: issue-route --all of a county,
	 * 3.169 G instructions single-threaded, 3.172 G so (callgrind) */
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	db->base.drv = &sql_sqlite_driver;
	db->base.kind = SQL_SQLITE;
	if (sqlite3_open_v2(target, &db->h, mode, NULL) != SQLITE_OK) {
		*err = xstrdup(db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->h, 0);
	return &db->base;
}

static void
lite_close(struct sql_db *db)
{
	sqlite3_close(H(db));
	free(db->err);
	free(db);
}

static int
lite_exec(struct sql_db *db, const char *sql)
{
	return check(db, sqlite3_exec(H(db), sql, NULL, NULL, NULL));
}

static int
lite_begin(struct sql_db *db, int write)
{
	return lite_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN");
}

#ifdef GK_PLAN_LOG
/* tools/index-readers.sh: a build with -DGK_PLAN_LOG appends the query
 * plan of every statement it prepares to the file $GK_PLAN_LOG, a line
 * each step of a plan: the program, the step and the statement, by tabs.
 * One write(2) a line to a file opened to append, so that programs run
 * side by side do not mix their lines */
static void
plan_log(sqlite3 *h, const char *sql)
{
	static char buf[1 << 16];
	const char *path = getenv("GK_PLAN_LOG");
	sqlite3_stmt *e;
	char *q, *text, *p;
	FILE *fp;

	if (!path || !*path || !(fp = fopen(path, "a")))
		return;
	setvbuf(fp, buf, _IOFBF, sizeof buf);
	text = sqlite3_mprintf("%s", sql);
	for (p = text; p && *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	if (text && q && sqlite3_prepare_v2(h, q, -1, &e, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(e) == SQLITE_ROW) {
			fprintf(fp, "%s\t%s\t%s\n", argv0,
			    (const char *)sqlite3_column_text(e, 3), text);
			fflush(fp);
		}
		sqlite3_finalize(e);
	}
	sqlite3_free(q);
	sqlite3_free(text);
	fclose(fp);
}
#else
#define plan_log(h, sql) ((void)0)
#endif

static struct sql_stmt *
lite_prepare(struct sql_db *db, const char *sql, int flags)
{
	struct lite_stmt *st;
	sqlite3_stmt *s;

	if (check(db, sqlite3_prepare_v3(H(db), sql, -1, flags & SQL_KEEP ?
	    SQLITE_PREPARE_PERSISTENT : 0, &s, NULL)) != 0)
		return NULL;
	plan_log(H(db), sql);
	st = xcalloc(1, sizeof *st);
	st->base.db = db;
	st->s = s;
	return &st->base;
}

static int
lite_bind(struct sql_stmt *st, int i, enum sql_type t, const char *text,
    int64_t iv, double rv)
{
	int rc;

	switch (t) {
	case SQLT_TEXT:
		rc = sqlite3_bind_text(S(st), i, text, -1, SQLITE_TRANSIENT);
		break;
	case SQLT_STATIC:
		rc = sqlite3_bind_text(S(st), i, text, -1, SQLITE_STATIC);
		break;
	case SQLT_INT:
		rc = sqlite3_bind_int64(S(st), i, iv);
		break;
	case SQLT_REAL:
		rc = sqlite3_bind_double(S(st), i, rv);
		break;
	default:
		rc = sqlite3_bind_null(S(st), i);
		break;
	}
	return check(st->db, rc);
}

static int
lite_step(struct sql_stmt *st)
{
	int rc = sqlite3_step(S(st));

	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		sql_set_error(st->db, SQL_OK, NULL);
		return rc == SQLITE_ROW ? SQL_ROW : SQL_DONE;
	}
	/* the step's own code is generic since sqlite3_prepare_v2: reset
	 * gives the error that stopped it */
	check(st->db, sqlite3_reset(S(st)));
	if (st->db->fault == SQL_OK)
		check(st->db, rc);
	return SQL_ERROR;
}

static int
lite_ncols(const struct sql_stmt *st)
{
	return sqlite3_column_count(((const struct lite_stmt *)st)->s);
}

static const char *
lite_colname(const struct sql_stmt *st, int i)
{
	return sqlite3_column_name(((const struct lite_stmt *)st)->s, i);
}

static const char *
lite_col_text(struct sql_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st), i);
}

static int
lite_col_null(struct sql_stmt *st, int i)
{
	return sqlite3_column_type(S(st), i) == SQLITE_NULL;
}

static int64_t
lite_col_int(struct sql_stmt *st, int i)
{
	return sqlite3_column_int64(S(st), i);
}

static double
lite_col_real(struct sql_stmt *st, int i)
{
	return sqlite3_column_double(S(st), i);
}

static size_t
lite_col_len(struct sql_stmt *st, int i)
{
	sqlite3_column_text(S(st), i);
	return (size_t)sqlite3_column_bytes(S(st), i);
}

static void
lite_reset(struct sql_stmt *st)
{
	sqlite3_reset(S(st));
}

static void
lite_clear(struct sql_stmt *st)
{
	sqlite3_clear_bindings(S(st));
}

static void
lite_finalize(struct sql_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}

static int64_t
lite_changes(const struct sql_db *db)
{
	return sqlite3_changes64(((const struct lite_db *)db)->h);
}

static int64_t
lite_total_changes(const struct sql_db *db)
{
	return sqlite3_total_changes64(((const struct lite_db *)db)->h);
}

static int64_t
lite_last_id(struct sql_db *db)
{
	return sqlite3_last_insert_rowid(H(db));
}

static int
lite_nparams(const struct sql_stmt *st)
{
	return sqlite3_bind_parameter_count(((const struct lite_stmt *)st)->s);
}

static int
lite_param_index(const struct sql_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(((const struct lite_stmt *)st)->s,
	    name);
}

static struct sqlite3 *
lite_sqlite(struct sql_db *db)
{
	return H(db);
}

const struct sql_driver sql_sqlite_driver = {
	.open = lite_open,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.prepare = lite_prepare,
	.bind = lite_bind,
	.step = lite_step,
	.ncols = lite_ncols,
	.colname = lite_colname,
	.col_text = lite_col_text,
	.col_null = lite_col_null,
	.col_int = lite_col_int,
	.col_real = lite_col_real,
	.col_len = lite_col_len,
	.reset = lite_reset,
	.clear = lite_clear,
	.finalize = lite_finalize,
	.changes = lite_changes,
	.total_changes = lite_total_changes,
	.last_id = lite_last_id,
	.nparams = lite_nparams,
	.param_index = lite_param_index,
	.sqlite = lite_sqlite,
};
