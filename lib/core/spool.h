/*
 * spool.h - the run of every program that writes to the store: output is
 * trusted by the next program (gridkit(7)).  A row tells the next program
 * in a pipe that a change was made, so it goes out only once the change is
 * committed:
 *
 *   the keys, read to the end (keys_init) → spool_open → spool_begin → the
 *   body, writing its rows to spool_out() → spool_end: commit, or roll back
 *   a dry run or a failure → only then the rows to stdout → spool_close →
 *   the summary on stderr → the exit code
 *
 * Until their transaction ends, the rows wait in an unlinked temporary file
 * (in $TMPDIR, else /tmp; created 0600, since rows may hold personal data),
 * so memory stays flat however many there are.  A program that commits in
 * chunks (escalate) calls spool_begin and spool_end once a chunk, and each
 * chunk's rows go out right after its commit.  A run that fails (a store
 * error, die()) or is killed never releases the rows of the transaction it
 * had open: they vanish with the file, so `prog | head`, kill -9 or a full
 * disk never hand on an id whose change was rolled back.  If the rows
 * cannot be held (the temporary file's disk is full), the transaction is
 * rolled back and the program exits 3 with nothing written.
 *
 * A program whose run prints no rows (visit-log, a single issue-file) opens
 * its spool with no columns: the same transactions, no file.
 */
#ifndef GK_SPOOL_H
#define GK_SPOOL_H

#include "out.h"
#include "store.h"

/* how a transaction ends */
enum spool_end {
	SPOOL_COMMIT, /* commit, then the rows out */
	SPOOL_DRY,    /* roll back (a dry run), then the rows out: what it
	               * would have done */
	SPOOL_DROP    /* roll back and drop the rows; nothing more goes out */
};

struct spool;

/* rows with these columns, out in this mode (as out_open), held until
 * committed; ncols 0: a run that prints no rows */
struct spool *spool_open(struct store *st, enum out_mode mode,
    unsigned flags, const struct out_col *cols, int ncols);
/* where the body writes its rows (NULL when opened with no columns) */
struct out *spool_out(struct spool *sp);
/* BEGIN IMMEDIATE: the write lock, for the next rows */
void spool_begin(struct spool *sp);
/* end the transaction as said, then hand its rows to stdout */
void spool_end(struct spool *sp, enum spool_end how);
/* one transaction, as spool_begin, body, spool_end(how body returns):
 * on PostgreSQL, a transaction lost to a serialization failure or a
 * deadlock (another office's at the same time) is rolled back and run
 * again, a bounded number of times after a short random nap, and only
 * the rows and messages (warnf) of the run that commits go out.  The
 * body must be one that can run again from the start: state it changes
 * outside the store is set again at its start.  On SQLite, where a
 * writer holds the store alone, it runs once */
void spool_run(struct spool *sp, enum spool_end (*body)(void *arg),
    void *arg);
/* out with the rest (a table's rows held for measuring), free sp; call it
 * with no transaction open.  0, or -1 when a write to stdout failed */
int spool_close(struct spool *sp);

#endif
