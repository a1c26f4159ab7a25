#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_pgsql.h"
#include "util.h"

/* rows a streamed statement fetches at a time */
#define BATCH 2000
/* the changes at which the session's plans are first made anew (replan) */
#define REPLAN 256

struct pg_db {
	struct sql_db base;
	PGconn *c;
	int64_t changes, total;
	int64_t replan; /* the total at which the plans are made anew */
	unsigned next;  /* names of statements and cursors */
	int lost;       /* this transaction lost to another: run it again */
};

struct pg_stmt {
	struct sql_stmt base;
	char name[32];   /* of the prepared statement */
	char cursor[32]; /* of the open cursor of a streamed one, or "" */
	char *sql;       /* with $N placeholders */
	char *orig;      /* as written, for the numbers of :names */
	int stream;
	int nparams;
	char **vals;     /* the bound values, as text; NULL for NULL */
	PGresult *desc;  /* the statement's parameters and columns */
	PGresult *res;   /* the rows being read, or NULL */
	int row, ntup, done;
};

#define C(db) (((struct pg_db *)(db))->c)
#define P(st) ((struct pg_stmt *)(st))

/* the class of a failed result: a serialization failure or a deadlock is
 * worth running again; a lock not had in time is a busy store.  The
 * message is the server's own words, as SQLite's are: its primary message
 * and the detail, not libpq's report of it ("ERROR:  ... at character
 * 216", the severity and a place in an SQL text the user never sees) */
static int
failed(struct sql_db *db, PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ?
	    PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = r ?
	    PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *msg = r ? PQresultErrorMessage(r) : NULL;
	struct sbuf b = { 0 };
	enum sql_fault f = SQL_FAULT_OTHER;

	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01"))) {
		f = SQL_FAULT_RETRY;
		((struct pg_db *)db)->lost = 1;
	}
	/* what fails after that in the same transaction ("current
	 * transaction is aborted") is the same loss, found later */
	else if (state && !strcmp(state, "25P02") &&
	    ((struct pg_db *)db)->lost)
		f = SQL_FAULT_RETRY;
	else if (state && !strcmp(state, "55P03"))
		f = SQL_FAULT_BUSY;
	else if (state && !strncmp(state, "23", 2))
		f = SQL_FAULT_CONSTRAINT;
	if (primary && *primary) {
		sb_puts(&b, primary);
		if (detail && *detail)
			sb_printf(&b, " (%s)", detail);
		msg = sb_str(&b);
	}
	sql_set_error(db, f, msg && *msg ? msg : PQerrorMessage(C(db)));
	sb_free(&b);
	PQclear(r);
	return -1;
}

/* 0 when r is a success, which is then cleared */
static int
ok(struct sql_db *db, PGresult *r)
{
	ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;

	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		return failed(db, r);
	PQclear(r);
	sql_set_error(db, SQL_OK, NULL);
	return 0;
}

static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static struct sql_db *
pg_open(const char *target, int flags, char **err)
{
	struct pg_db *db;
	PGconn *c = PQconnectdb(target);

	(void)flags;
	if (!c || PQstatus(c) != CONNECTION_OK) {
		*err = sql_oneline(xstrdup(c ? PQerrorMessage(c) :
		    "out of memory"));
		PQfinish(c);
		return NULL;
	}
	/* notices (a table that exists already, ...) are not for the user */
	PQsetNoticeProcessor(c, quiet, NULL);
	PQsetClientEncoding(c, "UTF8");
	db = xcalloc(1, sizeof *db);
	db->base.drv = &sql_pgsql_driver;
	db->base.kind = SQL_PGSQL;
	db->c = c;
	return &db->base;
}

static void
pg_close(struct sql_db *db)
{
	PQfinish(C(db));
	free(db->err);
	free(db);
}

/*
 * The server plans a statement run again and again once a session (ours,
 * a function's, the check of a reference: events to issues), on the size
 * of its tables then, and keeps that plan until their statistics change.
 * One made while issues was empty reads it whole for every row, however
 * big it has grown since: a county's 35,000 issues filed into a store
 * analysed before it had any took six minutes, not ten seconds.  So each
 * time the session's changes double, from REPLAN, its plans are dropped
 * (DISCARD PLANS: the prepared statements stay, no lock, nothing written,
 * allowed in a transaction) and made again on the tables as they are:
 * a dozen times in a run of millions.  Called when a statement's result
 * is had whole and the connection is free; only after changes that went
 * through, so while the transaction is sound (none counts on failure).
 */
static void
replan(struct pg_db *pd)
{
	if (pd->replan == 0)
		pd->replan = REPLAN;
	if (pd->total < pd->replan)
		return;
	PQclear(PQexec(pd->c, "DISCARD PLANS"));
	while (pd->replan <= pd->total)
		pd->replan *= 2;
}

/* rows changed, as SQLite counts them: not by a SELECT */
static void
count_changes(struct sql_db *db, PGresult *r)
{
	struct pg_db *pd = (struct pg_db *)db;

	if (strncmp(PQcmdStatus(r), "SELECT", 6) != 0 && *PQcmdTuples(r)) {
		pd->changes = strtoll(PQcmdTuples(r), NULL, 10);
		pd->total += pd->changes;
	}
}

static int
pg_exec(struct sql_db *db, const char *sql)
{
	PGresult *r = PQexec(C(db), sql);

	if (r)
		count_changes(db, r);
	replan((struct pg_db *)db);
	return ok(db, r);
}

/* A writer that can be run again (spool_run) is SERIALIZABLE: it behaves
 * as if it ran alone, as a writer does on SQLite, however many offices
 * write at once; one that cannot is refused with a serialization failure,
 * and run again.  Another writer (the administrator's, run alone) reads
 * what is committed. */
static int
pg_begin(struct sql_db *db, int write)
{
	((struct pg_db *)db)->lost = 0;
	if (write == SQL_WRITE_ALONE)
		return pg_exec(db, "BEGIN ISOLATION LEVEL SERIALIZABLE");
	/* a reader sees one snapshot, as on SQLite; not READ ONLY, which
	 * would refuse the temporary tables a report builds (stats --by
	 * grid), and which SQLite does not ask of a reader either */
	return pg_exec(db, write ? "BEGIN" :
	    "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

/* The types of the parameters of sql (with $N placeholders) for
 * PQprepare: the server infers each from where it stands, but one that a
 * statement numbers and never uses (?1 and ?3 used, ?2 not: SQLite counts
 * it and binds it all the same) stands nowhere; it is given as text.
 * *n gets the largest number; NULL when there is none. */
static Oid *
param_types(const char *sql, int *n)
{
	const char *p;
	Oid *types;
	int i, max = 0;

	for (p = sql; (p = strchr(p, '$')); p++)
		if (p[1] >= '1' && p[1] <= '9' && (i = atoi(p + 1)) > max)
			max = i;
	*n = max;
	if (!max)
		return NULL;
	types = xcalloc((size_t)max, sizeof *types);
	for (i = 0; i < max; i++) {
		char tag[16];
		size_t len;
		int used = 0;

		len = (size_t)snprintf(tag, sizeof tag, "$%d", i + 1);
		for (p = sql; !used && (p = strstr(p, tag)); p += len)
			used = p[len] < '0' || p[len] > '9';
		types[i] = used ? 0 : 25; /* TEXTOID */
	}
	return types;
}

static struct sql_stmt *
pg_prepare(struct sql_db *db, const char *sql, int flags)
{
	struct pg_db *pd = (struct pg_db *)db;
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	PGresult *r;
	Oid *types;
	int ntypes;

	st->base.db = db;
	st->sql = sql_dollars(sql);
	st->orig = xstrdup(sql);
	st->stream = flags & SQL_STREAM;
	snprintf(st->name, sizeof st->name, "gk%u", ++pd->next);
	types = param_types(st->sql, &ntypes);
	r = PQprepare(pd->c, st->name, st->sql, ntypes, types);
	free(types);
	if (ok(db, r) != 0)
		goto fail;
	st->desc = PQdescribePrepared(pd->c, st->name);
	if (!st->desc || PQresultStatus(st->desc) != PGRES_COMMAND_OK) {
		failed(db, st->desc);
		st->desc = NULL;
		goto fail;
	}
	st->nparams = PQnparams(st->desc);
	st->vals = xcalloc((size_t)st->nparams + 1, sizeof *st->vals);
	st->row = -1;
	return &st->base;
fail:
	free(st->sql);
	free(st->orig);
	free(st);
	return NULL;
}

static int
pg_bind(struct sql_stmt *s, int i, enum sql_type t, const char *text,
    int64_t iv, double rv)
{
	struct pg_stmt *st = P(s);
	char buf[40];

	if (i < 1 || i > st->nparams) {
		sql_set_error(s->db, SQL_FAULT_OTHER, "column index out of range");
		return -1;
	}
	free(st->vals[i - 1]);
	st->vals[i - 1] = NULL;
	switch (t) {
	case SQLT_TEXT:
	case SQLT_STATIC:
		st->vals[i - 1] = xstrdup(text);
		break;
	case SQLT_INT:
		snprintf(buf, sizeof buf, "%lld", (long long)iv);
		st->vals[i - 1] = xstrdup(buf);
		break;
	case SQLT_REAL:
		snprintf(buf, sizeof buf, "%.17g", rv);
		st->vals[i - 1] = xstrdup(buf);
		break;
	default:
		break;
	}
	return 0;
}

static void
close_cursor(struct pg_stmt *st)
{
	char sql[64];

	if (!st->cursor[0])
		return;
	snprintf(sql, sizeof sql, "CLOSE %s", st->cursor);
	PQclear(PQexec(C(st->base.db), sql));
	st->cursor[0] = '\0';
}

static int
fetch(struct pg_stmt *st)
{
	struct sql_db *db = st->base.db;
	char sql[64];
	PGresult *r;

	snprintf(sql, sizeof sql, "FETCH %d FROM %s", BATCH, st->cursor);
	r = PQexec(C(db), sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return failed(db, r);
	PQclear(st->res);
	st->res = r;
	st->ntup = PQntuples(r);
	st->row = -1;
	return 0;
}

/* run the statement: its rows whole, or a cursor and the first batch */
static int
run(struct pg_stmt *st)
{
	struct pg_db *db = (struct pg_db *)st->base.db;
	const char *const *vals = (const char *const *)st->vals;
	PGresult *r;

	if (st->stream && PQnfields(st->desc) > 0) {
		struct sbuf b = { 0 };

		snprintf(st->cursor, sizeof st->cursor, "gkc%u", ++db->next);
		sb_printf(&b, "DECLARE %s NO SCROLL CURSOR FOR %s", st->cursor,
		    st->sql);
		r = PQexecParams(db->c, sb_str(&b), st->nparams, NULL, vals,
		    NULL, NULL, 0);
		sb_free(&b);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			st->cursor[0] = '\0';
			return failed(&db->base, r);
		}
		PQclear(r);
		return fetch(st);
	}
	r = PQexecPrepared(db->c, st->name, st->nparams, vals, NULL, NULL, 0);
	switch (PQresultStatus(r)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		break;
	default:
		return failed(&db->base, r);
	}
	st->ntup = PQntuples(r);
	count_changes(&db->base, r);
	replan(db);
	st->res = r;
	st->row = -1;
	return 0;
}

static int
pg_step(struct sql_stmt *s)
{
	struct pg_stmt *st = P(s);

	if (st->done)
		return SQL_DONE;
	if (!st->res && run(st) != 0)
		return SQL_ERROR;
	sql_set_error(s->db, SQL_OK, NULL);
	if (++st->row < st->ntup)
		return SQL_ROW;
	if (st->cursor[0] && st->ntup == BATCH) {
		if (fetch(st) != 0)
			return SQL_ERROR;
		if (++st->row < st->ntup)
			return SQL_ROW;
	}
	close_cursor(st);
	st->done = 1;
	return SQL_DONE;
}

static int
pg_ncols(const struct sql_stmt *s)
{
	const struct pg_stmt *st = (const struct pg_stmt *)s;

	return PQnfields(st->res ? st->res : st->desc);
}

static const char *
pg_colname(const struct sql_stmt *s, int i)
{
	const struct pg_stmt *st = (const struct pg_stmt *)s;

	return PQfname(st->res ? st->res : st->desc, i);
}

static const char *
pg_col_text(struct sql_stmt *s, int i)
{
	struct pg_stmt *st = P(s);

	if (!st->res || st->row < 0 || st->row >= st->ntup ||
	    i >= PQnfields(st->res) || PQgetisnull(st->res, st->row, i))
		return NULL;
	return PQgetvalue(st->res, st->row, i);
}

static int
pg_col_null(struct sql_stmt *s, int i)
{
	return pg_col_text(s, i) == NULL;
}

/* every value comes as text, a truth as t or f */
static int64_t
pg_col_int(struct sql_stmt *s, int i)
{
	const char *v = pg_col_text(s, i);

	if (!v)
		return 0;
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	/* a real where an integer is read truncates, as on SQLite */
	return strchr(v, '.') || strchr(v, 'e') ? (int64_t)strtod(v, NULL) :
	    strtoll(v, NULL, 10);
}

static double
pg_col_real(struct sql_stmt *s, int i)
{
	const char *v = pg_col_text(s, i);

	return v ? strtod(v, NULL) : 0;
}

static size_t
pg_col_len(struct sql_stmt *s, int i)
{
	struct pg_stmt *st = P(s);

	return pg_col_text(s, i) ?
	    (size_t)PQgetlength(st->res, st->row, i) : 0;
}

static void
pg_reset(struct sql_stmt *s)
{
	struct pg_stmt *st = P(s);

	close_cursor(st);
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->ntup = 0;
	st->done = 0;
}

static void
pg_clear(struct sql_stmt *s)
{
	struct pg_stmt *st = P(s);
	int i;

	for (i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
	}
}

static void
pg_finalize(struct sql_stmt *s)
{
	struct pg_stmt *st = P(s);
	char sql[64];
	int i;

	pg_reset(s);
	snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
	PQclear(PQexec(C(s->db), sql));
	for (i = 0; i < st->nparams; i++)
		free(st->vals[i]);
	free(st->vals);
	PQclear(st->desc);
	free(st->sql);
	free(st->orig);
	free(st);
}

static int64_t
pg_changes(const struct sql_db *db)
{
	return ((const struct pg_db *)db)->changes;
}

static int64_t
pg_total_changes(const struct sql_db *db)
{
	return ((const struct pg_db *)db)->total;
}

/* the id the last INSERT gave a row: the store's trigger that numbers rows
 * as SQLite does keeps it in the setting gridkit.last_id (schema.c); else
 * the value the last INSERT took from a sequence */
static int64_t
pg_last_id(struct sql_db *db)
{
	PGresult *r = PQexec(C(db), "SELECT coalesce("
	    "current_setting('gridkit.last_id', true), '')");
	int64_t id = 0;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
	    *PQgetvalue(r, 0, 0)) {
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	} else {
		PQclear(r);
		r = PQexec(C(db), "SELECT lastval()");
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
			id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	}
	PQclear(r);
	return id;
}

static int
pg_nparams(const struct sql_stmt *s)
{
	return ((const struct pg_stmt *)s)->nparams;
}

static int
pg_param_index(const struct sql_stmt *s, const char *name)
{
	return sql_named(((const struct pg_stmt *)s)->orig, name);
}

/* A bulk load: COPY FROM STDIN in text format, the rows gathered into
 * chunks of CHUNK bytes, each one call (and no round trip of its own) */
#define CHUNK 65536

struct pg_load {
	struct sql_load base;
	struct sbuf buf;
	int failed;       /* a chunk could not be sent: the error is kept */
};

static struct sql_load *
pg_load_begin(struct sql_db *db, const char *table, const char *const *cols,
    const char *types)
{
	struct pg_load *l;
	struct sbuf q = { 0 };
	PGresult *r;
	int i, n = (int)strlen(types);

	sb_printf(&q, "COPY %s (", table);
	for (i = 0; i < n; i++)
		sb_printf(&q, "%s\"%s\"", i ? ", " : "", cols[i]);
	sb_puts(&q, ") FROM STDIN");
	r = PQexec(C(db), sb_str(&q));
	sb_free(&q);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		failed(db, r);
		return NULL;
	}
	PQclear(r);
	l = xcalloc(1, sizeof *l);
	l->base.db = db;
	l->base.types = xstrdup(types);
	l->base.n = n;
	return &l->base;
}

static int
send_chunk(struct pg_load *l)
{
	struct sql_db *db = l->base.db;

	if (!l->failed && l->buf.len && PQputCopyData(C(db), l->buf.s,
	    (int)l->buf.len) != 1) {
		sql_set_error(db, SQL_FAULT_OTHER, PQerrorMessage(C(db)));
		l->failed = 1;
	}
	sb_reset(&l->buf);
	return l->failed ? -1 : 0;
}

/* a value in COPY's text format: a backslash, a tab, a newline and a
 * carriage return escaped; the rest as it is (the client's encoding is
 * UTF-8) */
static void
copy_text(struct sbuf *b, const char *v)
{
	const char *p;

	for (p = v; *p; p++) {
		const char *e = NULL;

		switch (*p) {
		case '\\': e = "\\\\"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		}
		if (e) {
			sb_add(b, v, (size_t)(p - v));
			sb_puts(b, e);
			v = p + 1;
		}
	}
	sb_add(b, v, (size_t)(p - v));
}

static int
pg_load_row(struct sql_load *sl, const char *const *vals)
{
	struct pg_load *l = (struct pg_load *)sl;
	int i;

	if (l->failed)
		return -1;
	for (i = 0; i < sl->n; i++) {
		if (i)
			sb_putc(&l->buf, '\t');
		if (!vals[i])
			sb_puts(&l->buf, "\\N");
		else if (sl->types[i] == 'i')
			sb_printf(&l->buf, "%lld", strtoll(vals[i], NULL, 10));
		else if (sl->types[i] == 'r')
			sb_printf(&l->buf, "%.17g", strtod(vals[i], NULL));
		else
			copy_text(&l->buf, vals[i]);
	}
	sb_putc(&l->buf, '\n');
	return l->buf.len >= CHUNK ? send_chunk(l) : 0;
}

/* the end of the data, and the server's word on the whole load */
static int
pg_load_end(struct sql_load *sl)
{
	struct pg_load *l = (struct pg_load *)sl;
	struct sql_db *db = sl->db;
	PGresult *r;
	int rc = send_chunk(l);

	if (PQputCopyEnd(C(db), l->failed ? "the client gave up" : NULL) != 1 &&
	    !l->failed) {
		sql_set_error(db, SQL_FAULT_OTHER, PQerrorMessage(C(db)));
		rc = -1;
	}
	/* the result of the COPY, then NULL: the connection is free again */
	while ((r = PQgetResult(C(db)))) {
		if (PQresultStatus(r) == PGRES_COMMAND_OK && rc == 0) {
			count_changes(db, r);
			rc = ok(db, r);
		} else if (rc == 0) {
			rc = failed(db, r);
		} else {
			PQclear(r);
		}
	}
	replan((struct pg_db *)db);
	sb_free(&l->buf);
	free(sl->types);
	free(l);
	return rc;
}

static struct sqlite3 *
pg_sqlite(struct sql_db *db)
{
	(void)db;
	return NULL;
}

const struct sql_driver sql_pgsql_driver = {
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.prepare = pg_prepare,
	.bind = pg_bind,
	.step = pg_step,
	.ncols = pg_ncols,
	.colname = pg_colname,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_real = pg_col_real,
	.col_len = pg_col_len,
	.reset = pg_reset,
	.clear = pg_clear,
	.finalize = pg_finalize,
	.changes = pg_changes,
	.total_changes = pg_total_changes,
	.last_id = pg_last_id,
	.nparams = pg_nparams,
	.param_index = pg_param_index,
	.sqlite = pg_sqlite,
	.load_begin = pg_load_begin,
	.load_row = pg_load_row,
	.load_end = pg_load_end,
};
