/*
 * util.h - what every gridkit program needs first: the program's name in
 * messages, the exit codes (gridkit(7), EXIT STATUS), memory that never comes back NULL,
 * a growable string buffer, and a checked close of stdout.
 *
 * Messages follow git and sbase: "PROG: what 'subject': why", lowercase, no
 * full stop; a format ending in ':' has ": strerror(errno)" appended.
 */
#ifndef GK_UTIL_H
#define GK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* exit codes, a contract with scripts (gridkit(7), EXIT STATUS) */
enum {
	EXIT_OK = 0,      /* all done */
	EXIT_PARTIAL = 1, /* done, but some records were rejected or did not apply */
	EXIT_USAGE = 2,   /* usage error */
	EXIT_STORE = 3    /* store missing, unreadable, locked, newer: nothing written */
};

extern const char *argv0;

void setprog(const char *arg0);
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarnf(const char *fmt, va_list ap);
/* the summary of a run ("N read, N added, ..."): a message as warnf's,
 * left out once summary_off is set (--no-summary, the same in every
 * program that has a summary) */
extern int summary_off;
void summaryf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* a temporary file of our own, 0600 and unlinked, read and written, in
 * $TMPDIR else /tmp (gridkit-WHAT.XXXXXX while it had a name); exits 3
 * when it cannot be made */
FILE *tmp_file(const char *what);
/* a file operand as messages name it: "stdin" for "-", else itself */
const char *file_label(const char *name);
/* while a transaction that may be run again is open (spool.h), its
 * messages are held in *held instead of written, and go out with its
 * commit or are dropped with it; NULL: written at once.  die() writes
 * what is held before its own message */
struct sbuf;
void warn_hold(struct sbuf *held);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* a growable, always NUL-terminated string */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sb_add(struct sbuf *b, const char *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
void sb_putc(struct sbuf *b, int c);
void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap);
const char *sb_str(struct sbuf *b); /* "" for an empty buffer */
void sb_reset(struct sbuf *b);
void sb_free(struct sbuf *b);

/* a set of strings (codes seen, grids checked), by open addressing */
struct strset {
	char **k;
	size_t n, cap;
};

int strset_has(const struct strset *s, const char *key);
void strset_add(struct strset *s, const char *key);
void strset_free(struct strset *s);

/* FNV-1a, 64 bits: h with the bytes of s folded in (start from
 * HASH_SEED) */
#define HASH_SEED 1469598103934665603u
uint64_t hash_str(uint64_t h, const char *s);

/* keys to numbers, by open addressing, the keys kept in blocks (a few
 * bytes over their length each): the grids a big load checks households
 * against, the keys a batch has seen */
struct keymap {
	struct keymap_slot { const char *k; int64_t v; } *slot;
	size_t n, cap;
	char **block;
	size_t nblock, used;
};

/* the number of key k, or NULL */
const int64_t *keymap_get(const struct keymap *m, const char *k);
/* k's number becomes v */
void keymap_put(struct keymap *m, const char *k, int64_t v);
void keymap_free(struct keymap *m);

/* how many distinct keys were added, in bounded memory (stats' households
 * visited in a month: over a million at city scale, where SQLite's
 * count(DISTINCT) sorts them all).  A code of digits alone, without a
 * leading zero and of at most 18, is kept as its number, 8 bytes each
 * time it is added, and the numbers sorted at the end (a radix sort reads
 * them in order; a table of them, one random access each, took twice as
 * long); any other key goes into a set of strings.  Set limit (bytes,
 * all of it and the sort's second array together) first; countset_add
 * returns -1 when the key would take it past the limit, and the count is
 * then not known */
struct countset {
	uint64_t *num;      /* the numbers added, in the order they came */
	size_t nnum, numcap;
	uint64_t *slot;     /* the strings: 0 empty, else 1 + offset */
	size_t nstr, cap;
	char *keys;
	size_t used, room;
	size_t limit;
};

int countset_add(struct countset *s, const char *k);
/* the count of distinct keys; -1 when sorting would pass the limit */
long countset_count(struct countset *s);
void countset_free(struct countset *s);

/* qsort and bsearch order of int64_t values */
int cmp_int64(const void *a, const void *b);

/* flush and close a stream; on a write error say so and return -1 */
int fshut(FILE *fp, const char *name);

/* parse a whole decimal number in [lo, hi]; 0 on success */
int parse_long(const char *s, long lo, long hi, long *out);
/* parse a non-negative decimal (hours); 0 on success */
int parse_hours(const char *s, double *out);

#endif
