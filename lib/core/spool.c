#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "spool.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LEAKS_UNCHECKED() __lsan_disable()
#define LEAKS_CHECKED() __lsan_enable()
#else
#define LEAKS_UNCHECKED() ((void)0)
#define LEAKS_CHECKED() ((void)0)
#endif

/* how many times a transaction is run before the loss is an error */
#define TRIES 40

struct spool {
	struct store *st;
	struct out *out;
	FILE *fp;        /* the rows not yet committed; NULL: no rows */
	int dropped;     /* SPOOL_DROP: nothing more goes out */
	int failed;      /* a write to stdout failed */
	/* spool_run on PostgreSQL: the rows and the messages of the
	 * transaction being tried, kept apart until it commits */
	const struct out_col *cols;
	struct out_col *raw;  /* cols, every one a string */
	int ncols;
	FILE *recfp;
	struct out *rec;
	struct sbuf held;
	int tries;
	unsigned seed;
};

struct spool *
spool_open(struct store *st, enum out_mode mode, unsigned flags,
    const struct out_col *cols, int ncols)
{
	struct spool *sp = xcalloc(1, sizeof *sp);

	sp->st = st;
	sp->cols = cols;
	sp->ncols = ncols;
	if (ncols > 0) {
		sp->fp = tmp_file("rows");
		sp->out = out_open(sp->fp, mode, flags | OUT_STDOUT, cols,
		    ncols);
	}
	return sp;
}

struct out *
spool_out(struct spool *sp)
{
	return sp->rec ? sp->rec : sp->out;
}

void
spool_begin(struct spool *sp)
{
	store_begin(sp->st);
}

/* the rows held so far to stdout, and the file emptied for the next */
static void
release(struct spool *sp)
{
	char buf[65536];
	size_t n;

	rewind(sp->fp);
	while ((n = fread(buf, 1, sizeof buf, sp->fp)) > 0)
		if (!sp->failed && fwrite(buf, 1, n, stdout) != n)
			sp->failed = 1;
	if (ferror(sp->fp))
		die(EXIT_STORE, "cannot read a temporary file:");
	if (fflush(stdout) == EOF)
		sp->failed = 1;
	rewind(sp->fp);
	if (ftruncate(fileno(sp->fp), 0) != 0)
		die(EXIT_STORE, "cannot empty a temporary file:");
}

void
spool_end(struct spool *sp, enum spool_end how)
{
	/* every row is held before anything is committed: rows that could
	 * not be held must not stand for changes that were made */
	if (sp->fp && !sp->dropped && out_flush(sp->out) != 0) {
		int e = errno;

		store_rollback(sp->st);
		errno = e;
		die(EXIT_STORE, "cannot hold the rows until they are "
		    "committed (nothing written):");
	}
	if (how == SPOOL_COMMIT)
		store_commit(sp->st);
	else
		store_rollback(sp->st);
	if (how == SPOOL_DROP)
		sp->dropped = 1;
	if (sp->fp && !sp->dropped)
		release(sp);
}

/* A transaction that may be run again.  Its rows are recorded (JSON
 * Lines, every value a string or null) apart from the spool's, and its
 * messages held, so that an attempt that is lost leaves nothing behind;
 * the attempt that commits hands them on. */

static void
rec_open(struct spool *sp)
{
	int i;

	if (!sp->recfp) {
		sp->recfp = tmp_file("rows");
		sp->raw = xcalloc((size_t)sp->ncols, sizeof *sp->raw);
		for (i = 0; i < sp->ncols; i++)
			sp->raw[i] = (struct out_col){ sp->cols[i].name,
			    OUT_STR };
	}
	rewind(sp->recfp);
	if (ftruncate(fileno(sp->recfp), 0) != 0)
		die(EXIT_STORE, "cannot empty a temporary file:");
	sp->rec = out_open(sp->recfp, OUT_JSONL, 0, sp->raw, sp->ncols);
}

/* the rows recorded, written to the spool as the body wrote them */
static void
rec_replay(struct spool *sp, int keep)
{
	const char **v = xcalloc((size_t)sp->ncols, sizeof *v);
	size_t *len = xcalloc((size_t)sp->ncols, sizeof *len);
	char *line = NULL;
	size_t cap = 0;
	int i;

	if (out_close(sp->rec) != 0)
		die(EXIT_STORE, "cannot write a temporary file:");
	sp->rec = NULL;
	rewind(sp->recfp);
	while (keep && getline(&line, &cap, sp->recfp) > 0) {
		json_t *o = json_loads(line, 0, NULL);

		if (!o)
			die(EXIT_STORE, "cannot read a temporary file "
			    "(internal error)");
		for (i = 0; i < sp->ncols; i++) {
			json_t *x = json_object_get(o, sp->cols[i].name);

			v[i] = json_string_value(x);
			len[i] = v[i] ? json_string_length(x) : 0;
		}
		out_row(sp->out, v, len);
		json_decref(o);
	}
	if (ferror(sp->recfp))
		die(EXIT_STORE, "cannot read a temporary file:");
	free(line);
	free(v);
	free(len);
}

/* a short nap of random length, longer the more tries were lost, so
 * that offices that collided do not collide again at once */
static void
backoff(struct spool *sp)
{
	int shift = sp->tries < 8 ? sp->tries : 8;
	unsigned ms = 1 + (unsigned)rand_r(&sp->seed) % (2u << shift);

	usleep(ms * 1000);
}

void
spool_run(struct spool *sp, enum spool_end (*body)(void *arg), void *arg)
{
	struct store *st = sp->st;
	enum spool_end how;
	jmp_buf again;

	if (sql_kind(st->db) != SQL_PGSQL) {
		spool_begin(sp);
		spool_end(sp, body(arg));
		return;
	}
	if (!sp->seed) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		sp->seed = (unsigned)getpid() ^ (unsigned)ts.tv_nsec;
	}
	sp->tries = 0;
	if (setjmp(again)) {
		/* lost to another transaction: what this one did is undone,
		 * its rows and messages dropped, and it runs again.  What
		 * its body had allocated is left behind: a few small blocks,
		 * at most TRIES times in a short run */
		st->retry = NULL;
		warn_hold(NULL);
		LEAKS_CHECKED();
		store_abandon(st);
		sb_reset(&sp->held);
		if (sp->rec) {
			out_close(sp->rec);
			sp->rec = NULL;
		}
		if (++sp->tries >= TRIES)
			die(EXIT_STORE, "store '%s': %d tries lost to other "
			    "transactions at once; gave up (%s)", st->path,
			    sp->tries, sql_errmsg(st->db));
		backoff(sp);
	}
	if (sp->fp && !sp->dropped)
		rec_open(sp);
	sb_reset(&sp->held);
	warn_hold(&sp->held);
	LEAKS_UNCHECKED();
	st->retry = &again;
	store_begin(st);
	how = body(arg);
	/* every row is held before anything is committed (spool_end) */
	if (sp->rec && out_flush(sp->rec) != 0) {
		int e = errno;

		st->retry = NULL;
		store_abandon(st);
		errno = e;
		die(EXIT_STORE, "cannot hold the rows until they are "
		    "committed (nothing written):");
	}
	if (how == SPOOL_COMMIT)
		store_commit(st);
	else
		store_rollback(st);
	st->retry = NULL;
	LEAKS_CHECKED();
	warn_hold(NULL);
	if (sp->held.len)
		fwrite(sp->held.s, 1, sp->held.len, stderr);
	sb_reset(&sp->held);
	if (sp->rec)
		rec_replay(sp, how != SPOOL_DROP);
	if (how == SPOOL_DROP)
		sp->dropped = 1;
	if (sp->fp && !sp->dropped) {
		if (out_flush(sp->out) != 0)
			die(EXIT_STORE, "cannot hold the rows (committed):");
		release(sp);
	}
}

int
spool_close(struct spool *sp)
{
	int rc;

	if (sp->recfp)
		fclose(sp->recfp);
	free(sp->raw);
	sb_free(&sp->held);
	if (!sp->fp) {
		free(sp);
		return 0;
	}
	if (out_close(sp->out) != 0)
		die(EXIT_STORE, "cannot write a temporary file:");
	if (!sp->dropped)
		release(sp);
	fclose(sp->fp);
	rc = sp->failed ? -1 : 0;
	free(sp);
	return rc;
}
