/*
 * import.h - the batch every loading program shares (grid-import, the batch
 * mode of issue-file): read records, check each one, apply the good ones in
 * one transaction, name each bad one by file and line, write the bad rows to
 * --rejects as they were, and say what happened.
 *
 * A kind says what a record is: its fields, and a function that checks and
 * applies one record.  The engine does the rest, the same for every kind:
 *   - the batch (all files of one run) is one transaction: a killed or failed
 *     run leaves the store as it was; --dry-run rolls it back on purpose;
 *     --strict rolls it back when any record was bad
 *   - "PROG: FILE:LINE: why" on stderr for every bad record (the first 200
 *     of a file; the rest are counted), and the raw record to --rejects,
 *     which is never one of the inputs and is written whole (ofile.h)
 *   - the rows a kind prints go out only once the batch is committed
 *   - "PROG: FILE: N read, N added, N updated, N unchanged, N rejected"
 *   - an "import" event a file in the event log
 *   - a progress line on a terminal
 *   - exit 0, or 1 when anything was rejected
 */
#ifndef GK_IMPORT_H
#define GK_IMPORT_H

#include <stdint.h>

#include "out.h"
#include "rec.h"
#include "spool.h"
#include "store.h"
#include "util.h"

enum imp_result {
	IMP_ADDED,
	IMP_UPDATED,
	IMP_UNCHANGED,
	IMP_REJECTED,
	IMP_HELD,    /* kept by the kind to finish later (a grid before its
	              * parent); the kind reports it with imp_done() */
	IMP_NRESULT
};

struct imp;

struct kind {
	const char *name;                 /* "households" */
	const char *const *fields;
	const int *required;
	int nfields;
	/* the words of the summary for added, updated, unchanged and rejected
	 * (NULL: the usual ones; a NULL word: not shown) */
	const char *const *labels;
	const void *arg;                  /* for begin */
	/* set up per batch; the returned state goes to row and end */
	void *(*begin)(struct imp *im, const void *arg);
	/* check one record and apply it; on IMP_REJECTED, why says why */
	enum imp_result (*row)(struct imp *im, void *state,
	    const struct rec *r, struct sbuf *why);
	/* after the last record, before the commit: finish held records */
	void (*end)(struct imp *im, void *state);
	/* after the commit (applied) or the rollback: free the state */
	void (*finish)(void *state, int applied);
	/* NULL, or: do the records held so far and report them (imp_done);
	 * called before the engine reports a record it refuses itself and
	 * at the end of each file, so that a kind that holds records to do
	 * many at once (issue-file on PostgreSQL) still says what became of
	 * each in the order of the lines */
	void (*flush)(struct imp *im, void *state);
};

/* the rows a kind prints (issue-file's ids), out once the batch is
 * committed (spool.h); none when the batch is not applied */
struct imp_rows {
	enum out_mode mode;
	unsigned outflags;
	const struct out_col *cols;
	int ncols;
};

struct imp_opts {
	enum rec_format format;
	const char *encoding;
	const char *rejects;  /* file for the bad rows (ofile.h), or NULL */
	int strict;
	int dry_run;
	int quiet;            /* no summary line */
	int keys;             /* -q: print the key (the first field) of each
	                       * record added or updated, once committed */
	const struct imp_rows *rows; /* NULL: the kind prints nothing */
	int replace;          /* the batch is the whole set: a kind that can
	                       * retires what the batch does not name */
};

/* import the files (none: stdin) as kind k into the store; returns the
 * exit code */
int import_run(struct store *st, const struct kind *k, char **files,
    int nfiles, const struct imp_opts *o);

/* for kinds */
struct store *imp_store(struct imp *im);
/* where the kind writes its rows (imp_opts.rows) */
struct spool *imp_spool(struct imp *im);
int imp_dry_run(const struct imp *im);
int imp_replace(const struct imp *im);
/* --replace, and every input was read whole: what the batch did not name
 * may be taken out.  An empty input or one read in part (a producer that
 * failed in a pipe) names nothing, and must not empty the table */
int imp_replace_whole(const struct imp *im);
/* the raw record of r kept for later: a copy the kind owns */
struct held {
	char *file;
	long line;
	char *raw;
	size_t rawlen;
	int bom;
	char *header;         /* the raw header line (CSV) */
	size_t headerlen;
	char *key;            /* its first field, for -q */
};

void held_keep(struct held *h, const struct rec *r);
void held_free(struct held *h);
/* the outcome of a held record: counted, and reported when rejected */
void imp_done(struct imp *im, const struct held *h, enum imp_result res,
    const char *why);

/* whether this batch has had the key before: 0 the first time, else the
 * ordinal (imp_ordinal, > 0) of the record where it came first; keys of
 * different kinds never meet */
int64_t imp_seen(struct imp *im, const char *key, const struct rec *r);
/* " (first on line N)" added to why, for the record at ordinal here whose
 * key came first at ordinal first; "line N of FILE" when that was in
 * another file of the batch */
void imp_first(const struct imp *im, struct sbuf *why, int64_t first,
    int64_t here);

/* Big loads.  A kind may load a large batch into an empty table without its
 * indexes and build them after (6x faster: tests/bench/README). 
 * imp_bulk_ok() says whether the
 * batch is big enough and can be read again (regular files of 1 MiB or
 * more).  imp_ordinal() gives a record a number that grows through the batch
 * and says where it came from; a record found bad only after the load (a
 * duplicate, when the unique index is built) is reported with
 * imp_reject_late(), which counts it rejected instead of added, names its
 * file and line, and writes its raw bytes to --rejects. */
int imp_bulk_ok(const struct imp *im);
int64_t imp_ordinal(const struct imp *im, const struct rec *r);
long imp_ordinal_line(int64_t ord);
void imp_reject_late(struct imp *im, int64_t ord, const char *why);

/* A big batch read once more before it is applied (imp_bulk_ok only):
 * fn is given each record that parses, in the batch's order, imp_ordinal()
 * numbering it as the batch will; for a kind that compares the whole
 * batch with the store at once (grid-import households on PostgreSQL) */
void imp_prescan(struct imp *im, void (*fn)(struct imp *im, void *arg,
    const struct rec *r), void *arg);

/* a note for the summary (not shown with -q) */
void imp_note(struct imp *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* the lookups most kinds need: 1 if a row with that code exists */
int imp_exists(struct imp *im, const char *table, const char *code);

#endif
