/*
 * sql.h - one statement API over two databases: SQLite, a file and the
 * default, and PostgreSQL through libpq, for a city of many offices.
 *
 * A target that starts with postgresql:// or postgres:// is a libpq
 * connection URI; anything else is the name of an SQLite file.  The SQL is
 * written once, in the dialect both accept, with ?N (or ?) placeholders;
 * the PostgreSQL driver turns them into $N.  Above this line nothing knows
 * which database it talks to but sql_kind(), kept for the few statements
 * that must differ (the schema's DDL, the bulk load).
 *
 * Every call reports failure by its return value and keeps the database's
 * message for sql_errmsg(); nothing here exits, so the store above decides
 * what an error means (exit 3, or a retry).
 *
 * Rows are read one at a time with sql_step().  On SQLite that is the
 * engine's own cursor.  On PostgreSQL a statement's result is fetched whole
 * when it is run, so other statements may run while its rows are read (as
 * on SQLite); a statement prepared with SQL_STREAM reads its rows in
 * batches through a cursor instead, for exports of millions of rows in
 * flat memory, and needs a transaction around it (sql_begin).
 */
#ifndef GK_SQL_H
#define GK_SQL_H
#include <stddef.h>
#include <stdint.h>

enum sql_kind { SQL_SQLITE, SQL_PGSQL };

/* sql_open flags */
#define SQL_CREATE   1  /* SQLite: create the file when it is missing */
#define SQL_READONLY 2  /* SQLite: open read-only */

/* sql_prepare flags */
#define SQL_STREAM   1  /* many rows: read in batches (PostgreSQL) */
#define SQL_KEEP     2  /* kept and run many times (SQLite: persistent) */

/* sql_step results */
#define SQL_DONE     0
#define SQL_ROW      1
#define SQL_ERROR  (-1)

/* what went wrong last (sql_fault) */
enum sql_fault {
	SQL_OK,
	SQL_FAULT_BUSY,   /* locked by another writer past the timeout */
	SQL_FAULT_RETRY,  /* serialization failure or deadlock: run again */
	SQL_FAULT_NOTDB,  /* the file is not a database */
	SQL_FAULT_CONSTRAINT, /* a unique key, a check or a reference failed */
	SQL_FAULT_OTHER,
};

struct sql_db;
struct sql_stmt;

/* A truth as the number 1 or 0, the same on both: SQLite's comparisons are
 * integers already, PostgreSQL's are booleans, which neither sum() nor
 * max() takes and which print as t and f.  For string literals:
 * "sum(" SQL_N("e.kind = 'routed'") ")" */
#define SQL_N(cond) "CASE WHEN " cond " THEN 1 ELSE 0 END"

/* 1 when target names a PostgreSQL database (a libpq URI) */
int sql_is_uri(const char *target);

/* connect; NULL with *err set to a message to free when it cannot */
struct sql_db *sql_open(const char *target, int flags, char **err);
void sql_close(struct sql_db *db);
enum sql_kind sql_kind(const struct sql_db *db);
/* the SQLite handle, for what only SQLite has (busy handler, pragmas);
 * NULL on PostgreSQL */
struct sqlite3 *sql_sqlite(struct sql_db *db);

const char *sql_errmsg(const struct sql_db *db);
enum sql_fault sql_fault(const struct sql_db *db);

/* run one or more statements that return no rows; 0 or -1 */
int sql_exec(struct sql_db *db, const char *sql);
/* BEGIN for a writer (SQLite: IMMEDIATE, the write lock at once) or a
 * reader (one snapshot), COMMIT, ROLLBACK; 0 or -1.  write is SQL_WRITE,
 * or SQL_WRITE_ALONE for a writer that can be run again (spool_run):
 * PostgreSQL then runs it SERIALIZABLE, as if alone, and refuses it with
 * SQL_FAULT_RETRY when it cannot be; SQLite's writers are alone anyway */
#define SQL_WRITE       1
#define SQL_WRITE_ALONE 2
int sql_begin(struct sql_db *db, int write);
int sql_commit(struct sql_db *db);
int sql_rollback(struct sql_db *db);

/* prepare one statement; NULL on error */
struct sql_stmt *sql_prepare(struct sql_db *db, const char *sql, int flags);
/* bind parameter i (from 1); a NULL text binds NULL; 0 or -1 */
int sql_bind_text(struct sql_stmt *s, int i, const char *v);
int sql_bind_int(struct sql_stmt *s, int i, int64_t v);
int sql_bind_real(struct sql_stmt *s, int i, double v);
int sql_bind_null(struct sql_stmt *s, int i);
/* the same as sql_bind_text without a copy where the driver can: v must
 * stay as it is until the statement is stepped */
int sql_bind_static(struct sql_stmt *s, int i, const char *v);
/* A PostgreSQL array literal built in a, one element a call, for a
 * statement that takes a set of rows as one array a column (unnest):
 * sql_arr_text adds v (NULL for none), sql_arr_int and sql_arr_real add v
 * (NULL for 0 when zero_null); sql_bind_arr closes a, binds it to
 * parameter i of s (a copy) and frees it */
struct sbuf;
void sql_arr_text(struct sbuf *a, const char *v);
void sql_arr_int(struct sbuf *a, int64_t v, int zero_null);
void sql_arr_real(struct sbuf *a, double v, int zero_null);
int sql_bind_arr(struct sql_stmt *s, int i, struct sbuf *a);
/* how many parameters; the number of a named one (:name), 0 if none */
int sql_nparams(const struct sql_stmt *s);
int sql_param_index(const struct sql_stmt *s, const char *name);
/* the next row: SQL_ROW, SQL_DONE, or SQL_ERROR */
int sql_step(struct sql_stmt *s);
int sql_ncols(const struct sql_stmt *s);
const char *sql_colname(const struct sql_stmt *s, int i);
/* column i (from 0) of the current row; NULL text for SQL NULL */
const char *sql_col_text(struct sql_stmt *s, int i);
int64_t sql_col_int(struct sql_stmt *s, int i);
double sql_col_real(struct sql_stmt *s, int i);
int sql_col_null(struct sql_stmt *s, int i);
/* a copy of column i's text, or NULL for SQL NULL */
char *sql_col_dup(struct sql_stmt *s, int i);
/* the length in bytes of column i's text */
size_t sql_col_len(struct sql_stmt *s, int i);
/* ready to run again: rows dropped, bindings kept */
void sql_reset(struct sql_stmt *s);
/* every parameter back to NULL */
void sql_clear(struct sql_stmt *s);
void sql_finalize(struct sql_stmt *s);
/* rows changed by the last INSERT, UPDATE or DELETE run, and by all since
 * the connection opened */
int64_t sql_changes(const struct sql_db *db);
int64_t sql_total_changes(const struct sql_db *db);
/* the key given to the row the last INSERT added */
int64_t sql_last_id(struct sql_db *db);

/* A bulk load: many rows into some columns of one table, as fast as the
 * database takes them.  types says each column's type, a letter a
 * column: 't' text, 'i' an integer, 'r' a real (a value is given as text
 * and stored as that type, as sql_bind_int and sql_bind_real store it).
 * PostgreSQL: COPY table (cols) FROM STDIN in text format, the rows sent
 * in chunks of 64 KB, not a round trip a row; no other statement may run
 * on the connection until sql_load_end.  SQLite: one INSERT, prepared
 * once and run a row.  A row's values are NULL for NULL.  A row the
 * database refuses (a check, a key) makes the load fail, on PostgreSQL
 * only at its end: sql_load_end says so (-1 and sql_errmsg, which names
 * the line of the load on PostgreSQL), and frees the load whatever
 * happened; a load that failed leaves the transaction to be rolled back */
struct sql_load;
struct sql_load *sql_load_begin(struct sql_db *db, const char *table,
    const char *const *cols, const char *types);
int sql_load_row(struct sql_load *l, const char *const *vals);
int sql_load_end(struct sql_load *l);

/* the ?N, ? and :name placeholders of sql as PostgreSQL's $N, numbered as
 * SQLite numbers them, skipping quoted text and comments: a string to
 * free (for the driver, and for tests) */
char *sql_dollars(const char *sql);
/* the number sql_dollars gives to :name in sql, or 0 */
int sql_named(const char *sql, const char *name);
#endif
