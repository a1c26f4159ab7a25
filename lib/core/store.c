#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pwd.h>
#include <setjmp.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "schema.h"
#include "store.h"
#include "util.h"

#define NSLOT 256
#define BUSY_DEFAULT_MS 60000

struct stmt_slot {
	const char *sql;
	struct sql_stmt *s;
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for another writer with growing naps; on a terminal, say why the
 * program is waiting once a second has passed. */
static int
busy_wait(void *arg, int n)
{
	static long long start, limit;
	static int told;
	static const int naps[] = { 1, 2, 5, 10, 15, 20, 25, 25, 50, 50, 100 };
	struct store *st = arg;
	long long waited;

	if (n == 0) {
		const char *env = getenv("GRID_BUSY_TIMEOUT");
		long v;

		start = now_ms();
		limit = BUSY_DEFAULT_MS;
		if (env && parse_long(env, 0, 86400000L, &v) == 0)
			limit = v;
	}
	waited = now_ms() - start;
	if (waited >= limit)
		return 0;
	if (waited > 1000 && !told && isatty(STDERR_FILENO)) {
		warnf("waiting for '%s': another program is writing to it",
		    st->path);
		told = 1;
	}
	n = n < (int)(sizeof naps / sizeof naps[0]) ? naps[n] : 100;
	usleep((useconds_t)n * 1000);
	return 1;
}

const char *
store_path(const char *opt)
{
	const char *env;

	if (opt && *opt)
		return opt;
	if ((env = getenv("GRID_DB")) && *env)
		return env;
	return "grid.db";
}

void
store_fail(struct store *st, const char *what)
{
	/* lost to another office's transaction: run again (spool_run) */
	if (st->retry && st->in_tx && sql_fault(st->db) == SQL_FAULT_RETRY)
		longjmp(*(jmp_buf *)st->retry, 1);
	if (sql_fault(st->db) == SQL_FAULT_BUSY)
		die(EXIT_STORE, "store '%s' is locked by another program; "
		    "gave up waiting (%s)", st->path, what);
	die(EXIT_STORE, "store '%s': %s: %s", st->path, what,
	    sql_errmsg(st->db));
}

static char *
os_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	char buf[32];

	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	snprintf(buf, sizeof buf, "uid %ld", (long)getuid());
	return xstrdup(buf);
}

/* the role a PostgreSQL connection acts as: what the event log records
 * beside the OS login, and what row-level security knows an office by */
static char *
db_role(struct store *st)
{
	struct sql_stmt *s = sql_prepare(st->db, "SELECT current_user", 0);
	char *role = NULL;

	if (s && sql_step(s) == SQL_ROW)
		role = sql_col_dup(s, 0);
	sql_finalize(s);
	return role;
}

/* uri as it may be printed: never a password, in the user part
 * (postgresql://user:secret@host/db) nor as a parameter (?password=...) */
static void
shown_uri(const char *uri, struct sbuf *b)
{
	const char *auth = strstr(uri, "://"), *end, *at = NULL, *p, *q;

	auth = auth ? auth + 3 : uri;
	end = auth + strcspn(auth, "/?");
	for (p = auth; p < end; p++)
		if (*p == '@')
			at = p;
	p = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (p) {
		sb_add(b, uri, (size_t)(p - uri));
		sb_puts(b, ":***");
		uri = at;
	}
	while ((q = strstr(uri, "password="))) {
		q += 9;
		sb_add(b, uri, (size_t)(q - uri));
		sb_puts(b, "***");
		uri = q + strcspn(q, "&");
	}
	sb_puts(b, uri);
}

/* a server's session: a lock another program holds is waited for up to
 * $GRID_BUSY_TIMEOUT milliseconds, as SQLite's busy handler waits, and is
 * then a busy store (lock_not_available); the store's tables are found by
 * the search path, as psql finds them */
static void
pg_configure(struct store *st)
{
	const char *env = getenv("GRID_BUSY_TIMEOUT");
	long v = BUSY_DEFAULT_MS;
	char sql[64];

	if (env && parse_long(env, 0, 86400000L, &v) != 0)
		v = BUSY_DEFAULT_MS;
	snprintf(sql, sizeof sql, "SET lock_timeout = %ld", v);
	store_exec(st, sql);
}

static struct store *
store_new(const char *path, int flags)
{
	struct store *st = xcalloc(1, sizeof *st);
	char *err;

	st->login = os_login();
	st->cache = xcalloc(NSLOT, sizeof *st->cache);
	if (sql_is_uri(path)) {
		struct sbuf shown = { 0 };

		/* a server's URI is printed without its password, in every
		 * message that names the store */
		shown_uri(path, &shown);
		st->path = xstrdup(sb_str(&shown));
		sb_free(&shown);
		if (!(st->db = sql_open(path, flags, &err)))
			die(EXIT_STORE, "cannot connect to store '%s': %s",
			    st->path, err);
		pg_configure(st);
		st->role = db_role(st);
		return st;
	}
	st->path = xstrdup(path);
	st->db = sql_open(path, flags, &err);
	if (!st->db)
		die(EXIT_STORE, "cannot open store '%s': %s", path, err);
	sqlite3_busy_handler(sql_sqlite(st->db), busy_wait, st);
	return st;
}

int64_t
store_int(struct store *st, const char *sql, const char *arg)
{
	struct sql_stmt *s = store_prepare(st, sql);
	int64_t v = 0;

	if (arg)
		sql_bind_text(s, 1, arg);
	if (store_step(st, s) == SQL_ROW)
		v = sql_col_int(s, 0);
	sql_finalize(s);
	return v;
}

char *
store_str(struct store *st, const char *sql, const char *arg)
{
	struct sql_stmt *s = store_stmt(st, sql);
	char *v = NULL;

	sql_bind_text(s, 1, arg);
	if (store_step(st, s) == SQL_ROW)
		v = sql_col_dup(s, 0);
	sql_reset(s);
	return v;
}

/* PostgreSQL: the version gridkit_meta records, 0 for a schema with no
 * table at all (the one the search path names first, where grid-init
 * creates the tables), -1 for one with tables and no gridkit_meta */
static int
pg_identify(struct store *st)
{
	char *app, *ver;
	long v = -1;

	if (!store_int(st, "SELECT count(*) FROM pg_catalog.pg_class c"
	    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
	    " WHERE n.nspname = current_schema() AND c.relname = 'gridkit_meta'"
	    " AND c.relkind IN ('r', 'p')", NULL))
		return store_int(st, "SELECT count(*) FROM pg_catalog.pg_class c"
		    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
		    " WHERE n.nspname = current_schema()"
		    " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", NULL) ? -1 : 0;
	app = store_str(st, "SELECT value FROM gridkit_meta WHERE key = ?1",
	    "application_id");
	ver = store_str(st, "SELECT value FROM gridkit_meta WHERE key = ?1",
	    "user_version");
	if (app && ver && atoll(app) == STORE_APP_ID &&
	    parse_long(ver, 1, 1000000L, &v) != 0)
		v = -1;
	if (!app || atoll(app) != STORE_APP_ID)
		v = -1;
	free(app);
	free(ver);
	return (int)v;
}

/* what kind of file this is: its schema version, or -1 when it holds
 * tables but is not a gridkit store */
static int
identify(struct store *st)
{
	int64_t app, ver, ntab;

	if (sql_kind(st->db) == SQL_PGSQL)
		return pg_identify(st);

	/* the first read tells a file that is not SQLite at all */
	if (sql_exec(st->db, "SELECT count(*) FROM sqlite_master") != 0) {
		if (sql_fault(st->db) == SQL_FAULT_NOTDB)
			die(EXIT_STORE, "'%s' is not a gridkit store (not an "
			    "SQLite database)", st->path);
		store_fail(st, "cannot read the schema");
	}
	app = store_int(st, "PRAGMA application_id", NULL);
	ver = store_int(st, "PRAGMA user_version", NULL);
	ntab = store_int(st, "SELECT count(*) FROM sqlite_master", NULL);
	if (app == STORE_APP_ID)
		return (int)ver;
	if (app == 0 && ver == 0 && ntab == 0)
		return 0;
	return -1;
}

static const char *
journal_mode(struct store *st, const char *sql)
{
	static char mode[16];
	struct sql_stmt *s;

	mode[0] = '\0';
	if (!(s = sql_prepare(st->db, sql, 0)))
		return mode;
	if (sql_step(s) == SQL_ROW && sql_col_text(s, 0))
		snprintf(mode, sizeof mode, "%s", sql_col_text(s, 0));
	sql_finalize(s);
	return mode;
}

static void
store_wal(struct store *st)
{
	journal_mode(st, "PRAGMA journal_mode = WAL");
}

static void
configure(struct store *st)
{
	sqlite3 *db = sql_sqlite(st->db);
	int persist = 1;

	/* The log and its index stay when the last connection closes.  Were
	 * they removed, the next program to open the store would create them
	 * as its own: an analyst's sqlite3 under another login would leave
	 * them owned by that login, and the owner's next write would fail
	 * with "attempt to write a readonly database".  Kept, they remain
	 * the owner's, with the store's mode. */
	sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	/* Nor does SQLite checkpoint as it closes: that takes the store's
	 * exclusive lock, and a reader opening it just then (an analyst's
	 * sqlite3, which does not wait) would find it locked.  store_close()
	 * checkpoints PASSIVE instead, which never blocks a reader. */
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	store_exec(st, "PRAGMA foreign_keys = ON");
	store_exec(st, "PRAGMA synchronous = NORMAL");
	/* kept, the log is cut back after a checkpoint, and emptied on the
	 * last close, instead of keeping the size of the biggest batch */
	store_exec(st, "PRAGMA journal_size_limit = 67108864");
	if (strcmp(journal_mode(st, "PRAGMA journal_mode"), "wal") != 0)
		store_wal(st);
}

struct store *
store_open(const char *path)
{
	struct stat sb;
	struct store *st;
	int ver, cur = schema_count();

	if (!sql_is_uri(path) && stat(path, &sb) != 0) {
		if (errno == ENOENT)
			die(EXIT_STORE, "no store '%s': create it with grid-init, "
			    "or name another with --db or GRID_DB", path);
		die(EXIT_STORE, "cannot open store '%s':", path);
	}
	if (!sql_is_uri(path) && S_ISDIR(sb.st_mode))
		die(EXIT_STORE, "store '%s' is a directory", path);
	st = store_new(path, 0);
	ver = identify(st);
	if (ver < 0)
		die(EXIT_STORE, "'%s' is not a gridkit store", st->path);
	if (ver == 0)
		die(EXIT_STORE, "store '%s' is empty: run grid-init", st->path);
	if (ver < cur)
		die(EXIT_STORE, "store '%s' has schema %d, older than this "
		    "gridkit's %d: run grid-init to upgrade it", st->path, ver,
		    cur);
	if (ver > cur)
		die(EXIT_STORE, "store '%s' has schema %d, newer than this "
		    "gridkit's %d: upgrade gridkit", st->path, ver, cur);
	if (sql_kind(st->db) == SQL_SQLITE)
		configure(st);
	return st;
}

/* a migration's CHECKs written otherwise (schema_lite_rewrites()): the
 * text of a table's CREATE statement replaced in sqlite_master, as SQLite's
 * documentation of ALTER TABLE gives for a change that leaves every row as
 * it is.  Text not found (a store made otherwise) is left as it is: its
 * CHECK works, only slower.  The migration's DDL after it changes the
 * schema's cookie, so that every connection reads the new text */
static void
lite_rewrite(struct store *st, int from)
{
	const struct schema_rewrite *r = schema_lite_rewrites(from);
	struct sql_stmt *s;

	if (!r)
		return;
	store_exec(st, "PRAGMA writable_schema = ON");
	s = store_prepare(st, "UPDATE sqlite_master"
	    " SET sql = replace(sql, ?1, ?2)"
	    " WHERE type = 'table' AND name = ?3 AND instr(sql, ?1) > 0");
	for (; r->table; r++) {
		sql_bind_text(s, 1, r->from);
		sql_bind_text(s, 2, r->to);
		sql_bind_text(s, 3, r->table);
		store_step(st, s);
		sql_reset(s);
	}
	sql_finalize(s);
	store_exec(st, "PRAGMA writable_schema = OFF");
}

/* a new store is its owner's alone: residents' personal data (SQLite
 * would create it 0644, readable by every login on the machine) */
static void
create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0)
		close(fd);
	else if (errno != EEXIST)
		die(EXIT_STORE, "cannot create store '%s':", path);
}

/* PostgreSQL: in one transaction, under a lock that makes a second
 * grid-init wait for the first and then find its tables, the baseline
 * schema (SCHEMA_PG_BASE) into an empty schema, then the migrations after
 * it; the version is a row of gridkit_meta.  DDL is transactional there:
 * a failure leaves the database as it was */
static struct store *
pg_create(const char *uri, int *from, int *to)
{
	struct store *st = store_new(uri, 0);
	struct sql_stmt *s;
	int ver, cur = schema_count(), i;
	char sql[160];

	store_begin(st);
	snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%d)",
	    STORE_APP_ID);
	store_exec(st, sql);
	ver = identify(st);
	/* refused: the transaction rolled back and the connection closed
	 * before the message */
	if (ver < 0 || (ver > 0 && ver < SCHEMA_PG_BASE) || ver > cur) {
		static char msg[1024];

		if (ver > cur)
			snprintf(msg, sizeof msg, "store '%s' has schema %d, "
			    "newer than this gridkit's %d: upgrade gridkit",
			    st->path, ver, cur);
		else
			snprintf(msg, sizeof msg, "'%s' is not a gridkit store; "
			    "not touching it", st->path);
		store_close(st);
		die(EXIT_STORE, "%s", msg);
	}
	*from = ver;
	*to = cur;
	/* ORDER BY on text is byte by byte on a file; on a server, by the
	 * database's collation, which may be a language's (gridkit(7)) */
	s = store_prepare(st, "SELECT current_database()"
	    " WHERE NOT ('B' < 'a' AND 'z' < '\xc3\xa9')");
	if (store_step(st, s) == SQL_ROW)
		warnf("database '%s' sorts text by a language's rules, not "
		    "byte by byte as a file does: lists may come out in another "
		    "order; create it with --locale=C.UTF-8 "
		    "--template=template0", sql_col_text(s, 0));
	sql_finalize(s);
	if (ver == cur) {
		/* and the ids' function and the offices' rights, set
		 * again (schema_pg_rowid, schema_pg_offices) */
		store_exec(st, schema_pg_rowid());
		store_exec(st, schema_pg_offices());
		store_commit(st);
		return st;
	}
	if (ver == 0) {
		store_exec(st, schema_pg_base());
		snprintf(sql, sizeof sql, "INSERT INTO gridkit_meta (key, value)"
		    " VALUES ('application_id', '%d'), ('user_version', '%d')",
		    STORE_APP_ID, SCHEMA_PG_BASE);
		store_exec(st, sql);
		ver = SCHEMA_PG_BASE;
	}
	for (i = ver; i < cur; i++)
		store_exec(st, schema_migration(i, 1));
	store_exec(st, schema_pg_rowid());
	store_exec(st, schema_pg_offices());
	snprintf(sql, sizeof sql, "UPDATE gridkit_meta SET value = '%d'"
	    " WHERE key = 'user_version'", cur);
	store_exec(st, sql);
	snprintf(sql, sizeof sql, "{\"from\":%d,\"to\":%d}", *from, cur);
	store_event(st, &(struct event){ .kind = *from ? "upgrade" : "init",
	    .detail = sql });
	store_commit(st);
	return st;
}

struct store *
store_create(const char *path, int *from, int *to)
{
	struct store *st;
	int ver, cur = schema_count(), i;
	char sql[80];
	struct sql_stmt *s;

	if (sql_is_uri(path))
		return pg_create(path, from, to);
	create_private(path);
	st = store_new(path, SQL_CREATE);
	ver = identify(st);
	if (ver < 0)
		die(EXIT_STORE, "'%s' is not a gridkit store; not touching it",
		    path);
	if (ver > cur)
		die(EXIT_STORE, "store '%s' has schema %d, newer than this "
		    "gridkit's %d: upgrade gridkit", path, ver, cur);
	*from = ver;
	*to = cur;
	/* WAL lets readers go on while one program writes (gridkit(7), "The
	 * store") */
	s = store_prepare(st, "PRAGMA journal_mode = WAL");
	if (store_step(st, s) != SQL_ROW ||
	    strcmp(sql_col_text(s, 0), "wal") != 0)
		warnf("store '%s': cannot use WAL mode; concurrent programs "
		    "will wait longer", path);
	sql_finalize(s);
	configure(st);
	if (ver == cur)
		return st;
	/* a migration may rebuild a table that others refer to, the SQLite
	 * way (create, copy, drop, rename), which foreign keys would stop at
	 * the drop: they are off for the migrations, and the tables that refer
	 * to the ones rebuilt (issues, accountability) are checked before the
	 * commit -- those alone, not the millions of households */
	store_foreign_keys(st, 0);
	store_sort_threads(st);
	store_begin(st);
	for (i = ver; i < cur; i++) {
		lite_rewrite(st, i);
		store_exec(st, schema_migration(i, 0));
	}
	if (store_int(st, "SELECT"
	    " (SELECT count(*) FROM pragma_foreign_key_check('events'))"
	    " + (SELECT count(*) FROM pragma_foreign_key_check('evaluations'))"
	    " + (SELECT count(*) FROM"
	    "  pragma_foreign_key_check('accountability'))"
	    " + (SELECT count(*) FROM"
	    "  pragma_foreign_key_check('accountability_people'))",
	    NULL) != 0)
		die(EXIT_STORE, "store '%s': rows would refer to issues or "
		    "cases that are not there (see PRAGMA foreign_key_check); "
		    "not upgraded, nothing changed", path);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", cur);
	store_exec(st, sql);
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APP_ID);
	store_exec(st, sql);
	snprintf(sql, sizeof sql, "{\"from\":%d,\"to\":%d}", ver, cur);
	store_event(st, &(struct event){ .kind = ver ? "upgrade" : "init",
	    .detail = sql });
	store_commit(st);
	store_foreign_keys(st, 1);
	return st;
}

void
store_group(struct store *st)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	struct sbuf f = { 0 };
	size_t i;

	if (sql_kind(st->db) == SQL_PGSQL)
		die(EXIT_USAGE, "--group shares a store file with its group; a "
		    "PostgreSQL store is shared by GRANTs to the clerks' roles");
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		sb_reset(&f);
		sb_printf(&f, "%s%s", st->path, ext[i]);
		if (chmod(f.s, 0660) != 0 && (i == 0 || errno != ENOENT))
			die(EXIT_STORE, "cannot share store '%s' with its "
			    "group: '%s':", st->path, f.s);
	}
	sb_free(&f);
}

void
store_close(struct store *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < NSLOT; i++)
		sql_finalize(st->cache[i].s);
	if (st->in_tx)
		sql_rollback(st->db);
	if (sql_kind(st->db) == SQL_PGSQL) {
		/* the server keeps its statistics itself (autovacuum), but
		 * late: a program run right after a big batch (issue-route
		 * --all after a million issues filed) was planned on none,
		 * and read every open issue for each chunk of 4,096 (328 us
		 * an issue routed, against 68 with statistics).  So a writer
		 * that changed many rows has the server sample the tables
		 * whose rows it added or removed (note_changed; ANALYZE skips
		 * those the role may not with a warning no one sees), not
		 * every table: 0.8 s for the whole county's, 0.56 s of it
		 * issues and events, which filing grows; and the server has
		 * no log of SQLite's to checkpoint */
		if (st->wrote && !st->in_tx && st->nchanged &&
		    sql_total_changes(st->db) - st->scratch >=
		    STORE_ANALYZE_ROWS) {
			struct sbuf q = { 0 };

			sb_puts(&q, "ANALYZE ");
			for (i = 0; i < st->nchanged; i++)
				sb_printf(&q, "%s%s", i ? ", " : "",
				    st->changed[i]);
			sql_exec(st->db, sb_str(&q));
			sb_free(&q);
		}
		st->wrote = 0;
	}
	/* keep the planner's statistics fresh, as SQLite advises on closing a
	 * connection that changed things: without them it may choose a status
	 * index over the partial index of open deadlines; the limit keeps
	 * ANALYZE quick on millions of rows */
	if (st->wrote && !st->in_tx)
		sql_exec(st->db, "PRAGMA analysis_limit = 400; PRAGMA optimize");
	/* what it wrote into the store file itself, so that a copy of the
	 * file alone, made when no program runs, is the whole store; PASSIVE,
	 * which never waits for a reader nor locks one out (the checkpoint
	 * of closing would, see configure) */
	if (st->wrote)
		sql_exec(st->db, "PRAGMA wal_checkpoint(PASSIVE)");
	sql_close(st->db);
	free(st->cache);
	for (i = 0; i < st->nchanged; i++)
		free(st->changed[i]);
	free(st->changed);
	free(st->path);
	free(st->login);
	free(st->role);
	free(st);
}

int
store_schema_version(void)
{
	return schema_count();
}

void
store_exec(struct store *st, const char *sql)
{
	if (sql_exec(st->db, sql) != 0)
		store_fail(st, "cannot update");
}

void
store_foreign_keys(struct store *st, int on)
{
	/* PostgreSQL checks every reference, always */
	if (sql_kind(st->db) == SQL_PGSQL)
		return;
	store_exec(st, on ? "PRAGMA foreign_keys = ON" :
	    "PRAGMA foreign_keys = OFF");
}

void
store_cache(struct store *st, int cache_mb)
{
	char sql[64];

	/* SQLite's own tuning: a server has its settings */
	if (sql_kind(st->db) == SQL_PGSQL)
		return;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -1024 * cache_mb);
	store_exec(st, sql);
}

void
store_sort_threads(struct store *st)
{
	char sql[48];
	long n;

	if (sql_kind(st->db) == SQL_PGSQL)
		return;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (n > STORE_SORT_THREADS)
		n = STORE_SORT_THREADS;
	snprintf(sql, sizeof sql, "PRAGMA threads = %ld", n);
	store_exec(st, sql);
}

void
store_writer(struct store *st)
{
	if (sql_kind(st->db) == SQL_PGSQL)
		return;
	store_exec(st, "PRAGMA temp_store = MEMORY");
	store_cache(st, STORE_WRITER_CACHE_MB);
}

void
store_bulk(struct store *st)
{
	if (sql_kind(st->db) == SQL_PGSQL)
		return;
	store_writer(st);
	store_exec(st, "PRAGMA wal_autocheckpoint = 0");
}

void
store_checkpoint(struct store *st)
{
	/* PASSIVE: a reader still on an older snapshot keeps what it needs,
	 * and the next commit elsewhere copies the rest */
	if (sql_kind(st->db) == SQL_PGSQL)
		return;
	store_exec(st, "PRAGMA wal_checkpoint(PASSIVE)");
}

void
store_scratch(struct store *st, int64_t n)
{
	st->scratch += n;
}

void
store_begin(struct store *st)
{
	/* a transaction that can be run again may be refused to be so */
	if (sql_begin(st->db, st->retry ? SQL_WRITE_ALONE : SQL_WRITE) != 0)
		store_fail(st, "cannot begin");
	st->in_tx = 1;
	st->changes = sql_total_changes(st->db);
}

void
store_read(struct store *st)
{
	if (sql_begin(st->db, 0) != 0)
		store_fail(st, "cannot begin");
	st->in_tx = 1;
	st->changes = sql_total_changes(st->db);
}

/* a cached query left on a row keeps a read transaction open: end them
 * all with the transaction, so no snapshot outlives it */
static void
reset_all(struct store *st)
{
	int i;

	for (i = 0; i < NSLOT; i++)
		if (st->cache[i].s)
			sql_reset(st->cache[i].s);
}

/* PostgreSQL: the store's tables whose rows this transaction added or
 * removed, added to st->changed (the server counts them for the
 * transaction itself).  A table it only updated keeps its number of rows,
 * and autovacuum samples it again in its own time: sampling the issues a
 * county's routing had updated was a seventh of the routing (tests/1025) */
static void
note_changed(struct store *st)
{
	static const char sql[] = "SELECT quote_ident(relname)"
	    " FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()"
	    " AND n_tup_ins + n_tup_del > 0";
	struct sql_stmt *s = store_stmt(st, sql);
	int i;

	while (store_step(st, s) == SQL_ROW) {
		const char *t = sql_col_text(s, 0);

		for (i = 0; i < st->nchanged; i++)
			if (strcmp(st->changed[i], t) == 0)
				break;
		if (i < st->nchanged)
			continue;
		st->changed = xrealloc(st->changed, (size_t)(st->nchanged + 1) *
		    sizeof *st->changed);
		st->changed[st->nchanged++] = xstrdup(t);
	}
	sql_reset(s);
}

void
store_commit(struct store *st)
{
	if (sql_kind(st->db) == SQL_PGSQL &&
	    sql_total_changes(st->db) != st->changes)
		note_changed(st);
	reset_all(st);
	store_exec(st, "COMMIT");
	st->in_tx = 0;
	/* a read, or a dry run's checks, leave the statistics alone */
	if (sql_total_changes(st->db) != st->changes)
		st->wrote = 1;
}

void
store_rollback(struct store *st)
{
	reset_all(st);
	store_exec(st, "ROLLBACK");
	st->in_tx = 0;
}

void
store_abandon(struct store *st)
{
	reset_all(st);
	(void)sql_rollback(st->db);
	st->in_tx = 0;
}

struct sql_stmt *
store_prepare(struct store *st, const char *sql)
{
	struct sql_stmt *s = sql_prepare(st->db, sql, 0);

	if (!s)
		store_fail(st, "cannot prepare a query");
	return s;
}

/* a query of many rows, read in batches on PostgreSQL (a cursor) so that
 * memory stays flat however many there are; inside store_read() */
struct sql_stmt *
store_stream(struct store *st, const char *sql)
{
	struct sql_stmt *s = sql_prepare(st->db, sql, SQL_STREAM);

	if (!s)
		store_fail(st, "cannot prepare a query");
	return s;
}

struct sql_stmt *
store_stmt(struct store *st, const char *sql)
{
	size_t h = ((size_t)(uintptr_t)sql >> 3) % NSLOT;
	int n;

	for (n = 0; n < NSLOT; n++, h = (h + 1) % NSLOT) {
		struct stmt_slot *e = &st->cache[h];

		if (e->sql == sql) {
			sql_reset(e->s);
			sql_clear(e->s);
			return e->s;
		}
		if (!e->sql) {
			if (!(e->s = sql_prepare(st->db, sql, SQL_KEEP)))
				store_fail(st, "cannot prepare a query");
			e->sql = sql;
			return e->s;
		}
	}
	die(EXIT_STORE, "too many different queries (internal error)");
}

int
store_step(struct store *st, struct sql_stmt *s)
{
	int rc = sql_step(s);

	if (rc == SQL_ROW || rc == SQL_DONE)
		return rc;
	store_fail(st, "cannot run a query");
}

int64_t
store_insert_id(struct store *st, struct sql_stmt *s, const char *what)
{
	int pg = sql_kind(st->db) == SQL_PGSQL;
	int64_t id;

	if (sql_step(s) != (pg ? SQL_ROW : SQL_DONE))
		store_fail(st, what);
	id = pg ? sql_col_int(s, 0) : sql_last_id(st->db);
	sql_reset(s);
	return id;
}

void
store_lock_ids(struct store *st, const char *table)
{
	static const char sql[] = "SELECT pg_advisory_xact_lock("
	    SCHEMA_PG_ROWID_LOCK ", hashtext(?))";
	struct sql_stmt *s;

	if (sql_kind(st->db) != SQL_PGSQL)
		return;
	s = store_stmt(st, sql);
	sql_bind_text(s, 1, table);
	store_step(st, s);
	sql_reset(s);
}

void
store_event(struct store *st, const struct event *ev)
{
	static const char sql[] =
	    "INSERT INTO events (at, prog, login, kind, issue, subject,"
	    " status, rung, unit, due_at, detail, role)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	struct sql_stmt *s = store_stmt(st, sql);

	sql_bind_int(s, 1, ev->at ? ev->at : clk_now());
	sql_bind_text(s, 2, argv0);
	sql_bind_text(s, 3, st->login);
	sql_bind_text(s, 4, ev->kind);
	if (ev->issue)
		sql_bind_int(s, 5, ev->issue);
	sql_bind_text(s, 6, ev->subject);
	sql_bind_text(s, 7, ev->status);
	if (ev->issue)
		sql_bind_int(s, 8, ev->rung);
	sql_bind_text(s, 9, ev->unit);
	if (ev->due_at)
		sql_bind_int(s, 10, ev->due_at);
	sql_bind_text(s, 11, ev->detail);
	sql_bind_text(s, 12, st->role);
	store_step(st, s);
}

void
store_event_json(struct store *st, const char *kind, const char *subject,
    json_t *detail)
{
	char *text = json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER);

	store_event(st, &(struct event){ .kind = kind, .subject = subject,
	    .detail = text });
	free(text);
	json_decref(detail);
}
