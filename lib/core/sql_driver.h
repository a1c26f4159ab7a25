/*
 * sql_driver.h - what a database driver gives sql.c: the functions behind
 * sql.h, one table a driver.  Only sql.c and the drivers include it.
 */
#ifndef GK_SQL_DRIVER_H
#define GK_SQL_DRIVER_H
#include <stddef.h>

#include "sql.h"

enum sql_type { SQLT_NULL, SQLT_TEXT, SQLT_STATIC, SQLT_INT, SQLT_REAL };

struct sql_driver {
	struct sql_db *(*open)(const char *target, int flags, char **err);
	void (*close)(struct sql_db *db);
	int (*exec)(struct sql_db *db, const char *sql);
	int (*begin)(struct sql_db *db, int write);
	struct sql_stmt *(*prepare)(struct sql_db *db, const char *sql,
	    int flags);
	int (*bind)(struct sql_stmt *s, int i, enum sql_type t,
	    const char *text, int64_t iv, double rv);
	int (*step)(struct sql_stmt *s);
	int (*ncols)(const struct sql_stmt *s);
	const char *(*colname)(const struct sql_stmt *s, int i);
	const char *(*col_text)(struct sql_stmt *s, int i);
	int (*col_null)(struct sql_stmt *s, int i);
	int64_t (*col_int)(struct sql_stmt *s, int i);
	double (*col_real)(struct sql_stmt *s, int i);
	size_t (*col_len)(struct sql_stmt *s, int i);
	void (*reset)(struct sql_stmt *s);
	void (*clear)(struct sql_stmt *s);
	void (*finalize)(struct sql_stmt *s);
	int64_t (*changes)(const struct sql_db *db);
	int64_t (*total_changes)(const struct sql_db *db);
	int64_t (*last_id)(struct sql_db *db);
	int (*nparams)(const struct sql_stmt *s);
	int (*param_index)(const struct sql_stmt *s, const char *name);
	struct sqlite3 *(*sqlite)(struct sql_db *db);
	/* a bulk load of the driver's own (sql_load_*), or NULL: an INSERT
	 * prepared once (sql.c) */
	struct sql_load *(*load_begin)(struct sql_db *db, const char *table,
	    const char *const *cols, const char *types);
	int (*load_row)(struct sql_load *l, const char *const *vals);
	int (*load_end)(struct sql_load *l);
};

/* the first member of every driver's connection and statement */
struct sql_db {
	const struct sql_driver *drv;
	enum sql_kind kind;
	enum sql_fault fault;
	char *err;
};

struct sql_stmt {
	struct sql_db *db;
};

/* the first member of a driver's bulk load */
struct sql_load {
	struct sql_db *db;
	char *types;             /* a letter a column (sql_load_begin) */
	int n;
	struct sql_stmt *ins;    /* the INSERT of a driver without a load */
};

/* keep msg (or clear it, with SQL_OK) as the connection's last error */
void sql_set_error(struct sql_db *db, enum sql_fault f, const char *msg);
/* m with its lines joined and its end trimmed, in place */
char *sql_oneline(char *m);

#endif
