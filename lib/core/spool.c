#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "util.h"

struct spool {
	struct store *st;
	struct out *out;
	FILE *fp;        /* the rows not yet committed; NULL: no rows */
	int dropped;     /* SPOOL_DROP: nothing more goes out */
	int failed;      /* a write to stdout failed */
};

/* an unlinked file of our own, 0600 */
static FILE *
tmp_file(void)
{
	const char *dir = getenv("TMPDIR");
	struct sbuf path = { 0 };
	FILE *fp;
	int fd;

	sb_printf(&path, "%s/gridkit-rows.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path.s)) < 0)
		die(EXIT_STORE, "cannot make a temporary file in '%s':",
		    dir && *dir ? dir : "/tmp");
	unlink(path.s);
	sb_free(&path);
	if (!(fp = fdopen(fd, "w+")))
		die(EXIT_STORE, "cannot make a temporary file:");
	return fp;
}

struct spool *
spool_open(struct store *st, enum out_mode mode, unsigned flags,
    const struct out_col *cols, int ncols)
{
	struct spool *sp = xcalloc(1, sizeof *sp);

	sp->st = st;
	if (ncols > 0) {
		sp->fp = tmp_file();
		sp->out = out_open(sp->fp, mode, flags | OUT_STDOUT, cols,
		    ncols);
	}
	return sp;
}

struct out *
spool_out(struct spool *sp)
{
	return sp->out;
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

int
spool_close(struct spool *sp)
{
	int rc;

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
