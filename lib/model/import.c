#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "ofile.h"
#include "scrub.h"
#include "spool.h"

#define MAX_MESSAGES 200
#ifndef BULK_MIN
#define BULK_MIN (1 << 20) /* bytes of input that make a batch big */
#endif
#ifndef SEEN_MAX
#define SEEN_MAX 500000 /* keys kept in memory (PostgreSQL), some 25 MB */
#endif
#define ORD_BITS 40     /* an ordinal is the file's index << 40 | its line */

struct file_stats {
	const char *name;
	long read;
	long n[IMP_NRESULT];
	int failed;      /* could not be read at all, or only in part */
	int empty;       /* ... --replace: not even a header */
	int messages;
	long *late;      /* lines rejected after the load, to write out */
	size_t nlate, caplate;
};

struct imp {
	struct store *st;
	const struct kind *k;
	const struct imp_opts *o;
	struct file_stats *files;
	int nfiles;
	struct ofile *rejfile;
	FILE *rej;
	FILE *keys;           /* -q: "FILE LINE KEY" of each record added or
	                       * updated, printed once the batch is committed */
	struct spool *sp;
	struct sbuf rejhead;  /* the header last written to the rejects */
	int rejstarted;
	int seen_ready;
	struct keymap seen;   /* PostgreSQL: the keys of the batch, in memory */
	int bulk_ok;
	off_t stdin_at;       /* where the input on stdin starts */
	int cur;              /* the file being read */
	struct progress prog;
	/* a try of the batch (spool_run): the kind's state, its outcome */
	void *state;
	int tries, bad, applied;
};

void
imp_note(struct imp *im, const char *fmt, ...)
{
	va_list ap;

	if (im->o->quiet)
		return;
	va_start(ap, fmt);
	vwarnf(fmt, ap);
	va_end(ap);
}

struct store *
imp_store(struct imp *im)
{
	return im->st;
}

struct spool *
imp_spool(struct imp *im)
{
	return im->sp;
}

int
imp_dry_run(const struct imp *im)
{
	return im->o->dry_run;
}

int
imp_replace(const struct imp *im)
{
	return im->o->replace;
}

int
imp_replace_whole(const struct imp *im)
{
	int i;

	if (!im->o->replace)
		return 0;
	for (i = 0; i < im->nfiles; i++)
		if (im->files[i].failed)
			return 0;
	return 1;
}

int
imp_exists(struct imp *im, const char *table, const char *code)
{
	static const char units[] = "SELECT 1 FROM units WHERE code = ?";
	static const char grids[] = "SELECT 1 FROM grids WHERE code = ?";
	static const char cadres[] = "SELECT 1 FROM cadres WHERE code = ?";
	static const char households[] =
	    "SELECT 1 FROM households WHERE code = ?";
	const char *sql;
	struct sql_stmt *s;

	if (strcmp(table, "units") == 0)
		sql = units;
	else if (strcmp(table, "grids") == 0)
		sql = grids;
	else if (strcmp(table, "cadres") == 0)
		sql = cadres;
	else
		sql = households;
	s = store_stmt(im->st, sql);
	sql_bind_text(s, 1, code);
	return store_step(im->st, s) == SQL_ROW;
}

int
imp_bulk_ok(const struct imp *im)
{
	return im->bulk_ok;
}

int64_t
imp_ordinal(const struct imp *im, const struct rec *r)
{
	return ((int64_t)im->cur << ORD_BITS) | rec_line(r);
}

long
imp_ordinal_line(int64_t ord)
{
	return (long)(ord & (((int64_t)1 << ORD_BITS) - 1));
}

/* regular files, big enough to be worth building indexes after */
static int
bulk_worth(char **files, int nfiles, off_t stdin_at)
{
	struct stat sb;
	long long size = 0;
	int i;

	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i], "-") == 0) {
			/* a file of its own by now (stdin_file) */
			if (fstat(STDIN_FILENO, &sb) != 0 ||
			    !S_ISREG(sb.st_mode))
				return 0;
			size += sb.st_size - stdin_at;
			continue;
		}
		if (stat(files[i], &sb) != 0 || !S_ISREG(sb.st_mode))
			return 0;
		size += sb.st_size;
	}
	return size >= BULK_MIN;
}

/* the standard input read again from where its input starts */
static void
stdin_rewind(off_t at)
{
	clearerr(stdin);
	if (fseeko(stdin, at, SEEK_SET) != 0)
		die(EXIT_STORE, "cannot read stdin again:");
}

/* the keys kept in memory (PostgreSQL) into the table batch_keys */
static void
seen_spill(struct imp *im)
{
	static const char *const cols[] = { "k", "ord" };
	struct sql_load *l;
	char ord[24];
	const char *row[2];
	size_t i;

	if (!im->seen.n)
		return;
	if (!(l = sql_load_begin(im->st->db, "batch_keys", cols, "ti")))
		store_fail(im->st, "cannot keep the keys of the batch");
	for (i = 0; i < im->seen.cap; i++) {
		if (!im->seen.slot[i].k)
			continue;
		snprintf(ord, sizeof ord, "%lld",
		    (long long)im->seen.slot[i].v);
		row[0] = im->seen.slot[i].k;
		row[1] = ord;
		if (sql_load_row(l, row) != 0)
			break;
	}
	if (sql_load_end(l) != 0)
		store_fail(im->st, "cannot keep the keys of the batch");
	keymap_free(&im->seen);
}

int64_t
imp_seen(struct imp *im, const char *key, const struct rec *r)
{
	static const char mk[] = "CREATE TEMP TABLE IF NOT EXISTS batch_keys"
	    " (k TEXT PRIMARY KEY, ord BIGINT NOT NULL)";
	static const char get[] = "SELECT ord FROM batch_keys WHERE k = ?";
	static const char put[] =
	    "INSERT INTO batch_keys (k, ord) VALUES (?, ?)";
	struct sql_stmt *s;
	int64_t ord = imp_ordinal(im, r), first = 0;
	const int64_t *had;

	/* on PostgreSQL two queries a record are two round trips to the
	 * server: the keys are kept here instead (some 50 bytes a key), up
	 * to SEEN_MAX of them; then they go to the table, and the rest of
	 * the batch asks it, so that memory stays within bounds */
	if (sql_kind(im->st->db) == SQL_PGSQL && !im->seen_ready) {
		if ((had = keymap_get(&im->seen, key)))
			return *had;
		if (im->seen.n < SEEN_MAX) {
			keymap_put(&im->seen, key, ord);
			return 0;
		}
	}
	if (!im->seen_ready) {
		store_exec(im->st, mk);
		store_exec(im->st, "DELETE FROM batch_keys");
		im->seen_ready = 1;
		seen_spill(im);
	}
	s = store_stmt(im->st, get);
	sql_bind_text(s, 1, key);
	if (store_step(im->st, s) == SQL_ROW)
		first = sql_col_int(s, 0);
	sql_reset(s);
	if (first)
		return first;
	s = store_stmt(im->st, put);
	sql_bind_text(s, 1, key);
	sql_bind_int(s, 2, ord);
	store_step(im->st, s);
	return 0;
}

void
imp_first(const struct imp *im, struct sbuf *why, int64_t first,
    int64_t here)
{
	int f = (int)(first >> ORD_BITS);

	sb_printf(why, " (first on line %ld", imp_ordinal_line(first));
	if (f != (int)(here >> ORD_BITS) && f < im->nfiles)
		sb_printf(why, " of %s", file_label(im->files[f].name));
	sb_putc(why, ')');
}

/* every record of the batch read once more before the batch (imp_bulk_ok:
 * regular files, which can be read again), each that parses handed to fn
 * with im->cur set, so that imp_ordinal() numbers it as the batch will;
 * records that do not parse and files that cannot be read are left for
 * the batch to report */
void
imp_prescan(struct imp *im, void (*fn)(struct imp *, void *,
    const struct rec *), void *arg)
{
	struct sbuf err = { 0 };
	struct rec *r;
	long n;
	int rc, i, cur = im->cur;

	for (i = 0; i < im->nfiles && im->bulk_ok; i++) {
		int in = strcmp(im->files[i].name, "-") == 0;

		im->cur = i;
		if (in)
			stdin_rewind(im->stdin_at);
		r = rec_open(im->files[i].name, im->o->format, im->o->encoding,
		    im->k->fields, im->k->required, im->k->nfields, &err);
		for (n = 1; r && (rc = rec_next(r, &err)) != 0 && rc != -2;
		    n++) {
			if (rc > 0)
				fn(im, arg, r);
			if ((n & 1023) == 0)
				cli_progress_show(&im->prog, "%s: %ld records "
				    "compared", file_label(im->files[i].name),
				    n);
		}
		cli_progress_done(&im->prog);
		rec_close(r);
		sb_reset(&err);
		if (in)
			stdin_rewind(im->stdin_at);
	}
	im->cur = cur;
	sb_free(&err);
}

static void
write_reject(struct imp *im, const char *raw, size_t len, const char *head,
    size_t headlen, int bom)
{
	if (!im->rej)
		return;
	if (!im->rejstarted && bom)
		fputs("\xEF\xBB\xBF", im->rej);
	im->rejstarted = 1;
	if (head && (headlen != im->rejhead.len ||
	    memcmp(head, sb_str(&im->rejhead), headlen) != 0)) {
		fwrite(head, 1, headlen, im->rej);
		if (headlen && head[headlen - 1] != '\n' &&
		    head[headlen - 1] != '\r')
			fputc('\n', im->rej);
		sb_reset(&im->rejhead);
		sb_add(&im->rejhead, head, headlen);
	}
	if (!head)
		sb_reset(&im->rejhead);  /* a CSV row after this needs a header */
	fwrite(raw, 1, len, im->rej);
	if (len && raw[len - 1] != '\n' && raw[len - 1] != '\r')
		fputc('\n', im->rej);
}

static struct file_stats *
stats_of(struct imp *im, const char *name)
{
	int i;

	for (i = 0; i < im->nfiles; i++)
		if (strcmp(im->files[i].name, name) == 0)
			return &im->files[i];
	return &im->files[im->nfiles - 1];
}

static void
spool_key(struct imp *im, int file, long line, const char *key)
{
	if (im->keys && key)
		fprintf(im->keys, "%d %ld %s\n", file, line, key);
}

static int
by_line(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* the spooled keys to stdout, but for records rejected after the load */
static void
write_keys(struct imp *im)
{
	char *line = NULL, *key;
	size_t cap = 0;
	ssize_t len;
	long ln;
	int f, i;

	for (i = 0; i < im->nfiles; i++)
		if (im->files[i].nlate)
			qsort(im->files[i].late, im->files[i].nlate,
			    sizeof(long), by_line);
	rewind(im->keys);
	while ((len = getline(&line, &cap, im->keys)) > 0) {
		f = (int)strtol(line, &key, 10);
		ln = strtol(key, &key, 10);
		key++;
		if (f < 0 || f >= im->nfiles || (im->files[f].nlate &&
		    bsearch(&ln, im->files[f].late, im->files[f].nlate,
		    sizeof(long), by_line)))
			continue;
		fputs(key, stdout);
	}
	free(line);
}

static void
report(struct imp *im, struct file_stats *fs, long line, const char *why)
{
	fs->n[IMP_REJECTED]++;
	if (++fs->messages <= MAX_MESSAGES) {
		struct sbuf b = { 0 };

		/* a reason may quote what was typed: a phone in the
		 * household column, say */
		cli_progress_done(&im->prog);
		warnf("%s:%ld: %s", file_label(fs->name), line,
		    scrub_str(NULL, why, &b));
		sb_free(&b);
	}
}

static void
reject(struct imp *im, struct file_stats *fs, const struct rec *r,
    const char *why)
{
	size_t len, hlen;
	const char *raw = rec_raw(r, &len);
	const char *head = rec_header_raw(r, &hlen);

	report(im, fs, rec_line(r), why);
	write_reject(im, raw, len, head, hlen, rec_bom(r));
}

void
imp_reject_late(struct imp *im, int64_t ord, const char *why)
{
	int f = (int)(ord >> ORD_BITS);
	struct file_stats *fs = &im->files[f < im->nfiles ? f : 0];

	fs->n[IMP_ADDED]--;
	report(im, fs, imp_ordinal_line(ord), why);
	if (fs->nlate == fs->caplate) {
		fs->caplate = fs->caplate ? 2 * fs->caplate : 64;
		fs->late = xrealloc(fs->late, fs->caplate * sizeof *fs->late);
	}
	fs->late[fs->nlate++] = imp_ordinal_line(ord);
}

/* the raw records rejected after the load: read the file again for them */
static void
write_late(struct imp *im, struct file_stats *fs)
{
	struct sbuf err = { 0 };
	struct rec *r;
	size_t k = 0, len, hlen;
	int rc;

	if (!im->rej || fs->nlate == 0)
		return;
	qsort(fs->late, fs->nlate, sizeof *fs->late, by_line);
	if (strcmp(fs->name, "-") == 0)
		stdin_rewind(im->stdin_at);
	r = rec_open(fs->name, im->o->format, im->o->encoding, im->k->fields,
	    im->k->required, im->k->nfields, &err);
	while (r && k < fs->nlate && (rc = rec_next(r, &err)) != 0 &&
	    rc != -2) {
		while (k < fs->nlate && fs->late[k] < rec_line(r))
			k++;
		if (k < fs->nlate && fs->late[k] == rec_line(r)) {
			const char *raw = rec_raw(r, &len);
			const char *head = rec_header_raw(r, &hlen);

			write_reject(im, raw, len, head, hlen, rec_bom(r));
			k++;
		}
	}
	rec_close(r);
	sb_free(&err);
}

void
held_keep(struct held *h, const struct rec *r)
{
	size_t len;
	const char *s;

	h->file = xstrdup(rec_name(r));
	h->line = rec_line(r);
	s = rec_raw(r, &len);
	h->raw = xstrndup(s, len);
	h->rawlen = len;
	h->bom = rec_bom(r);
	s = rec_header_raw(r, &len);
	h->header = s ? xstrndup(s, len) : NULL;
	h->headerlen = s ? len : 0;
	h->key = rec_get(r, 0) ? xstrdup(rec_get(r, 0)) : NULL;
}

void
held_free(struct held *h)
{
	free(h->file);
	free(h->raw);
	free(h->header);
	free(h->key);
	memset(h, 0, sizeof *h);
}

void
imp_done(struct imp *im, const struct held *h, enum imp_result res,
    const char *why)
{
	struct file_stats *fs = stats_of(im, h->file);

	if (res != IMP_REJECTED) {
		fs->n[res]++;
		if (res == IMP_ADDED || res == IMP_UPDATED)
			spool_key(im, (int)(fs - im->files), h->line, h->key);
		return;
	}
	report(im, fs, h->line, why);
	write_reject(im, h->raw, h->rawlen, h->header, h->headerlen, h->bom);
}

static void
read_file(struct imp *im, void *state, struct file_stats *fs)
{
	struct sbuf err = { 0 }, why = { 0 };
	struct rec *r;
	int rc;

	r = rec_open(fs->name, im->o->format, im->o->encoding, im->k->fields,
	    im->k->required, im->k->nfields, &err);
	if (!r) {
		warnf("%s", sb_str(&err));
		fs->failed = 1;
		sb_free(&err);
		return;
	}
	if (rec_empty(r)) {
		/* --replace: not even a header, nothing says what the table
		 * should hold */
		fs->failed = fs->empty = im->o->replace;
		warnf("%s: empty file%s", file_label(fs->name), fs->empty ?
		    ": nothing taken out (--replace)" : ", nothing to import");
	}
	while ((rc = rec_next(r, &err)) != 0) {
		if (rc < 0 && im->k->flush)
			im->k->flush(im, state);
		if (rc == -2) {
			warnf("%s", sb_str(&err));
			fs->failed = 1;
			break;
		}
		fs->read++;
		if (rc < 0) {
			reject(im, fs, r, sb_str(&err));
		} else {
			enum imp_result res;

			sb_reset(&why);
			res = im->k->row(im, state, r, &why);
			if (res == IMP_REJECTED)
				reject(im, fs, r, sb_str(&why));
			else if (res != IMP_HELD)
				fs->n[res]++;
			if (res == IMP_ADDED || res == IMP_UPDATED)
				spool_key(im, im->cur, rec_line(r),
				    rec_get(r, 0));
		}
		if ((fs->read & 1023) == 0)
			cli_progress_show(&im->prog, "%s: %ld records",
			    file_label(fs->name), fs->read);
	}
	if (im->k->flush)
		im->k->flush(im, state);
	cli_progress_done(&im->prog);
	if (fs->messages > MAX_MESSAGES)
		warnf("%s: %d more rejected records not shown%s",
		    file_label(fs->name), fs->messages - MAX_MESSAGES,
		    im->rej ? " (see --rejects)" : "");
	rec_close(r);
	sb_free(&err);
	sb_free(&why);
}

static const char *const labels[IMP_NRESULT] = {
	"added", "updated", "unchanged", "rejected", NULL
};

static void
summary(struct imp *im, const struct file_stats *fs, int applied)
{
	struct sbuf b = { 0 };
	int i;

	const char *const *lab = im->k->labels ? im->k->labels : labels;

	sb_printf(&b, "%s: %ld read", file_label(fs->name), fs->read);
	for (i = 0; i < IMP_HELD; i++)
		if (lab[i])
			sb_printf(&b, ", %ld %s", fs->n[i], lab[i]);
	if (!applied)
		sb_puts(&b, im->o->dry_run ? " (dry run: nothing written)" :
		    " (--strict: nothing written)");
	warnf("%s", sb_str(&b));
	sb_free(&b);
}

static void
log_file(struct imp *im, const struct file_stats *fs)
{
	struct sbuf d = { 0 };
	const char *name = file_label(fs->name);
	size_t i;

	sb_puts(&d, "{\"file\":\"");
	for (i = 0; name[i]; i++) {
		if (name[i] == '"' || name[i] == '\\')
			sb_putc(&d, '\\');
		if ((unsigned char)name[i] >= 0x20)
			sb_putc(&d, name[i]);
	}
	sb_printf(&d, "\",\"read\":%ld,\"added\":%ld,\"updated\":%ld,"
	    "\"unchanged\":%ld,\"rejected\":%ld}", fs->read, fs->n[IMP_ADDED],
	    fs->n[IMP_UPDATED], fs->n[IMP_UNCHANGED], fs->n[IMP_REJECTED]);
	store_event(im->st, &(struct event){ .kind = "import",
	    .subject = im->k->name, .detail = sb_str(&d) });
	sb_free(&d);
}

/* the standard input as a file of its own, which can be read again by
 * each try of the batch (PostgreSQL) and whose size says whether the
 * batch is big (bulk_worth): a pipe or a terminal is copied whole into a
 * temporary file first.  Its input starts where stdin stands (a script
 * may have read a title line off a file), which is returned. */
static off_t
stdin_file(void)
{
	char buf[65536];
	struct stat sb;
	FILE *fp;
	off_t at;
	size_t n;

	/* closed (<&-): said so, not read as an empty file, which the
	 * temporary file would take its place as */
	if (fstat(STDIN_FILENO, &sb) != 0)
		die(EXIT_USAGE, "cannot read stdin:");
	if (S_ISREG(sb.st_mode) && (at = ftello(stdin)) >= 0)
		return at;
	fp = tmp_file("stdin");
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
		if (fwrite(buf, 1, n, fp) != n)
			die(EXIT_STORE, "cannot write a temporary file:");
	if (ferror(stdin))
		die(EXIT_USAGE, "cannot read stdin:");
	if (fflush(fp) != 0 || dup2(fileno(fp), STDIN_FILENO) < 0)
		die(EXIT_STORE, "cannot write a temporary file:");
	fclose(fp);
	clearerr(stdin);
	if (fseeko(stdin, 0, SEEK_SET) != 0)
		die(EXIT_STORE, "cannot read a temporary file:");
	return 0;
}

/* back to where the batch started, for another try: what the last try
 * counted, rejected and kept for -q is forgotten; the store's side was
 * rolled back */
/* a file written for the run emptied, for a try run again */
static void
empty(FILE *fp, const char *what)
{
	fflush(fp);
	if (ftruncate(fileno(fp), 0) != 0)
		die(EXIT_STORE, "cannot empty %s:", what);
	rewind(fp);
}

static void
import_again(struct imp *im)
{
	int i;

	if (im->k->finish)
		im->k->finish(im->state, 0);
	im->state = NULL;
	for (i = 0; i < im->nfiles; i++) {
		struct file_stats *fs = &im->files[i];

		free(fs->late);
		*fs = (struct file_stats){ .name = fs->name };
		if (strcmp(fs->name, "-") == 0)
			stdin_rewind(im->stdin_at);
	}
	if (im->rej)
		empty(im->rej, "--rejects");
	im->rejstarted = 0;
	sb_reset(&im->rejhead);
	if (im->keys)
		empty(im->keys, "a temporary file");
	im->seen_ready = 0;
	keymap_free(&im->seen);
}

/* the batch, one transaction (run again from the start when another
 * office's transaction wins, spool_run) */
static enum spool_end
import_body(void *arg)
{
	struct imp *im = arg;
	const struct kind *k = im->k;
	int i;

	if (im->tries++)
		import_again(im);
	im->state = k->begin ? k->begin(im, k->arg) : NULL;
	for (i = 0; i < im->nfiles; i++) {
		im->cur = i;
		read_file(im, im->state, &im->files[i]);
	}
	if (k->end)
		k->end(im, im->state);
	for (i = 0; i < im->nfiles; i++)
		if (im->o->replace && im->files[i].failed &&
		    !im->files[i].empty) {
			warnf("--replace: nothing taken out, for not every "
			    "input was read whole");
			break;
		}
	for (i = 0; i < im->nfiles; i++)
		write_late(im, &im->files[i]);
	im->bad = 0;
	for (i = 0; i < im->nfiles; i++) {
		im->bad |= im->files[i].failed ||
		    im->files[i].n[IMP_REJECTED] > 0;
		log_file(im, &im->files[i]);
	}
	im->applied = !im->o->dry_run && !(im->o->strict && im->bad);
	return im->applied ? SPOOL_COMMIT : SPOOL_DROP;
}

int
import_run(struct store *st, const struct kind *k, char **files, int nfiles,
    const struct imp_opts *o)
{
	static char *stdin_only[] = { "-" };
	struct imp im = { .st = st, .k = k, .o = o };
	const struct imp_rows *rows = o->rows;
	int i, bad, applied;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	im.files = xcalloc((size_t)nfiles, sizeof *im.files);
	im.nfiles = nfiles;
	for (i = 0; i < nfiles; i++)
		im.files[i].name = files[i];
	/* before anything is read: the rejects are never one of the inputs,
	 * nor the store */
	if (o->rejects) {
		const char **in = xcalloc((size_t)nfiles + 1, sizeof *in);

		for (i = 0; i < nfiles; i++)
			in[i] = files[i];
		in[nfiles] = st->path;
		im.rejfile = ofile_open(o->rejects, "--rejects", in,
		    nfiles + 1);
		im.rej = ofile_fp(im.rejfile);
		free(in);
	}
	if (o->keys)
		im.keys = tmp_file("keys");
	cli_progress_init(&im.prog);
	/* A kind may build an empty table's indexes after a big load.  The
	 * store stays in WAL mode, so that readers go on meanwhile: each page
	 * is written twice, to the log and by the checkpoint (tests/bench:
	 * b-import).  A bigger page cache was measured and bought nothing
	 * but memory.  On PostgreSQL the rows of such a load go in by COPY
	 * (sql_load), and the references are checked once at the end. */
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0) {
			im.stdin_at = stdin_file();
			break;
		}
	im.bulk_ok = bulk_worth(files, nfiles, im.stdin_at);
	if (im.bulk_ok)
		store_foreign_keys(st, 0);

	im.sp = spool_open(st, rows ? rows->mode : OUT_TSV,
	    rows ? rows->outflags : 0, rows ? rows->cols : NULL,
	    rows ? rows->ncols : 0);
	spool_run(im.sp, import_body, &im);
	bad = im.bad;
	applied = im.applied;
	if (spool_close(im.sp) != 0)
		bad = 1;
	if (im.bulk_ok)
		store_foreign_keys(st, 1);
	if (k->finish)
		k->finish(im.state, applied);

	if (im.keys) {
		if (applied || o->dry_run)
			write_keys(&im);
		fclose(im.keys);
	}
	for (i = 0; i < nfiles && !o->quiet; i++)
		summary(&im, &im.files[i], applied);
	if (im.rejfile && ofile_close(im.rejfile) != 0)
		bad = 1;
	sb_free(&im.rejhead);
	for (i = 0; i < nfiles; i++)
		free(im.files[i].late);
	free(im.files);
	keymap_free(&im.seen);
	return bad ? EXIT_PARTIAL : EXIT_OK;
}
