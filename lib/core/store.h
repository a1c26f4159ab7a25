/*
 * store.h - the one SQLite file every program shares (gridkit(7), "The
 * store").
 *
 * The file is --db, else $GRID_DB, else ./grid.db.  grid-init creates or
 * upgrades it; everything else opens it with store_open(), which refuses a
 * missing file, a file that is not a gridkit store, and a schema older or
 * newer than this build, with exit 3 and nothing written.  Connections run
 * in WAL mode with foreign keys on and wait for a busy store (saying so on a
 * terminal) up to $GRID_BUSY_TIMEOUT milliseconds, 60 s by default.
 *
 * A batch is one transaction: store_begin() takes the write lock at once
 * (BEGIN IMMEDIATE), so two writers queue instead of failing midway.  Any
 * store error ends the program with exit 3; the open transaction is never
 * committed, so the store keeps what it had.
 *
 * Every change is written to the event log with store_event(): when (the
 * clock of clock.h), which program, which login (from the operating
 * system), which database role (PostgreSQL's current_user; NULL on
 * SQLite), what.
 */
#ifndef GK_STORE_H
#define GK_STORE_H

#include <stdint.h>

#include "sql.h"

#define STORE_APP_ID 0x47524944 /* "GRID", PRAGMA application_id */

struct store {
	struct sql_db *db;
	char *path;
	char *login;
	char *role;     /* the database role (PostgreSQL), or NULL */
	/* a transaction that may be run again (spool_run): a serialization
	 * failure or a deadlock jumps back there instead of exiting 3 */
	void *retry;    /* a jmp_buf, or NULL */
	int in_tx;
	int wrote;      /* a transaction that changed rows was committed */
	int64_t changes; /* sql_total_changes() at BEGIN */
	int64_t scratch; /* rows written to temporary tables (store_scratch) */
	char **changed;  /* PostgreSQL: the tables the committed transactions
	                  * changed, quoted (for ANALYZE at close) */
	int nchanged;
	struct stmt_slot *cache;
	int ncache;
};

/* the store's file name: opt if given, else $GRID_DB, else "grid.db" */
const char *store_path(const char *opt);

/* open an existing, current store, or exit 3 */
struct store *store_open(const char *path);
/* create or upgrade a store (grid-init); *from and *to get the schema
 * versions before and after; exits 3 when the file cannot be a store.  A
 * new store is created 0600 (less if the umask says so), and so are its
 * -wal and -shm, which SQLite creates with the store's mode; they are kept
 * when the last program closes the store, so that they stay the owner's */
struct store *store_create(const char *path, int *from, int *to);
/* make the store, its -wal and its -shm 0660, read and written by the
 * file's group (a group of clerks; grid-init --group); exits 3 on failure */
void store_group(struct store *st);
void store_close(struct store *st);

/* the schema version this build writes */
int store_schema_version(void);

/* foreign keys on or off; outside a transaction only (SQLite ignores it
 * inside one).  A big load checks every reference itself, and deletes the
 * duplicates it finds while the table's indexes are not there. */
void store_foreign_keys(struct store *st, int on);

/* for a run of many small writes in several transactions (escalate):
 * store_writer()'s journals and page cache, and no checkpoint after each
 * commit; call store_checkpoint() at the end to copy the WAL into the
 * store once */
void store_bulk(struct store *st);

/* for a writer of many rows into big, indexed tables (issue-file,
 * issue-route): a page cache of cache_mb megabytes instead of SQLite's
 * 2 MB, so that the pages of the indexes it writes stay in memory until
 * the commit instead of spilling into the WAL again and again; bounded,
 * for memory stays flat (tests/bench/README) */
#define STORE_WRITER_CACHE_MB 32
/* the same writer, on SQLite: that page cache, and the statement journals
 * in memory.  Inside a transaction SQLite keeps the pages each statement
 * changes until the statement ends (so that one failing half-way can be
 * undone); past 64 KiB they go to a temporary file, which then takes
 * every statement's pages for the rest of the run: filing an issue
 * changes some twenty pages of its table and indexes, so that was 26
 * writes to the file an issue.  In memory the journal is emptied as each
 * statement ends.  temp_store = MEMORY puts temporary tables and big sorts
 * in memory too: only for a writer whose temporary tables are small
 * (issue-file, issue-update, issue-route's chunk); outside a transaction */
void store_writer(struct store *st);
/* PostgreSQL: a writer that changed at least this many rows has the
 * server's statistics taken again when it closes the store (ANALYZE), as
 * SQLite's PRAGMA optimize does on a file */
#define STORE_ANALYZE_ROWS 10000
/* n rows written to temporary tables (a batch compared with the store):
 * not the store's, and so no reason to take its statistics again */
void store_scratch(struct store *st, int64_t n);
void store_cache(struct store *st, int cache_mb);
/* SQLite: let a big sort (CREATE INDEX after a bulk load, an upgrade's
 * new index) use a helper thread for each processor online, up to
 * STORE_SORT_THREADS: it sorts runs of the index side by side and merges
 * them.  3.5 M households: grid-import 21.8-23.1 s on one thread, 20.1-
 * 20.8 s with two helpers on 2 cores, 17 -> 21 MB (tests/bench/README).
 * Nothing for PostgreSQL, whose server has max_parallel_maintenance_workers */
#define STORE_SORT_THREADS 4
void store_sort_threads(struct store *st);
void store_checkpoint(struct store *st);

void store_begin(struct store *st);     /* BEGIN IMMEDIATE */
void store_read(struct store *st);      /* BEGIN: one snapshot to read */
void store_commit(struct store *st);
void store_rollback(struct store *st);
/* roll back a transaction that failed to be run again (spool_run):
 * never exits, whatever the database says */
void store_abandon(struct store *st);

/* a statement prepared once and kept for the life of the store, keyed by
 * the address of sql (use string literals); reset and unbound */
struct sql_stmt *store_stmt(struct store *st, const char *sql);
/* a statement of the caller's, to finalize */
struct sql_stmt *store_prepare(struct store *st, const char *sql);
/* the same for a query of many rows: read in batches (PostgreSQL's
 * cursor), in a transaction (store_read) */
struct sql_stmt *store_stream(struct store *st, const char *sql);
/* step; returns SQL_ROW or SQL_DONE, exits 3 on any error */
int store_step(struct store *st, struct sql_stmt *s);
/* run an INSERT of one row and return its id, or fail with what.  On
 * PostgreSQL the statement ends in RETURNING id (no second round trip); on
 * SQLite it does not -- RETURNING keeps its rows in a scratch B-tree made
 * each time the statement runs -- and the id is the last rowid.  Resets s */
int64_t store_insert_id(struct store *st, struct sql_stmt *s,
    const char *what);
/* PostgreSQL: for a writer that gives new rows of table their ids itself
 * (max(id) + 1, ...), the lock the ids' trigger takes before it reads the
 * largest (schema.c, gridkit_rowid), held to the end of the transaction,
 * so that no other writer numbers rows of the table meanwhile.  Nothing
 * on SQLite, where the writer holds the store's only write lock */
void store_lock_ids(struct store *st, const char *table);
/* run SQL with no result rows; exits 3 on error */
void store_exec(struct store *st, const char *sql);
/* the single integer a query returns (0 when it returns nothing) */
int64_t store_int(struct store *st, const char *sql, const char *arg);
/* the text a cached query (see store_stmt) returns for one text argument:
 * a copy, or NULL when it returns no row or NULL */
char *store_str(struct store *st, const char *sql, const char *arg);

_Noreturn void store_fail(struct store *st, const char *what);

/* Statements are bound and read with sql.h (sql_bind_text, sql_col_int,
 * ...): the store is SQLite or PostgreSQL behind it. */

/* an entry of the event log */
struct event {
	const char *kind;    /* "filed", "routed", "import", "update", ... */
	int64_t at;          /* when it happened; 0: now (clock.h) */
	int64_t issue;       /* the issue it is about, or 0 */
	const char *subject; /* what else it is about: "household H001" */
	/* for an issue's event, its state after it (rung is stored only
	 * when issue is set; a due_at of 0 is stored as NULL) */
	const char *status;  /* its status */
	int rung;            /* its rung */
	const char *unit;    /* its lead unit */
	int64_t due_at;      /* its deadline */
	const char *detail;  /* what changed, a JSON object */
};

void store_event(struct store *st, const struct event *ev);

/* an event about something other than an issue, now, with a JSON object
 * as its detail (jansson's json_t; the event takes the reference) */
struct json_t;
void store_event_json(struct store *st, const char *kind,
    const char *subject, struct json_t *detail);

#endif
