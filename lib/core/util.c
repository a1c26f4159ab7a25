#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *argv0 = "gridkit";

void
setprog(const char *arg0)
{
	const char *p;

	if (!arg0 || !*arg0)
		return;
	p = strrchr(arg0, '/');
	argv0 = p ? p + 1 : arg0;
}

static struct sbuf *warn_held;

void
warn_hold(struct sbuf *held)
{
	warn_held = held;
}

/* a message's line, written at once or held */
static void
put_line(const char *line, size_t len)
{
	if (warn_held)
		sb_add(warn_held, line, len);
	else
		fwrite(line, 1, len, stderr);
}

void
vwarnf(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);
	char line[1024];
	int len;
	va_list again;

	/* one write a message (stderr has no buffer), so that the lines of
	 * programs sharing a stderr do not mix, and thousands of them are
	 * cheap; a longer one in pieces */
	va_copy(again, ap);
	len = snprintf(line, sizeof line, "%s: ", argv0);
	len += vsnprintf(line + len, sizeof line - (size_t)len, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':' && len < (int)sizeof line)
		len += snprintf(line + len, sizeof line - (size_t)len, " %s",
		    strerror(saved));
	if (len < (int)sizeof line - 1) {
		line[len++] = '\n';
		put_line(line, (size_t)len);
	} else if (warn_held) {
		struct sbuf b = { 0 };
		va_list third;

		va_copy(third, again);
		sb_printf(&b, "%s: ", argv0);
		sb_vprintf(&b, fmt, third);
		va_end(third);
		if (n > 0 && fmt[n - 1] == ':')
			sb_printf(&b, " %s", strerror(saved));
		sb_putc(&b, '\n');
		put_line(b.s, b.len);
		sb_free(&b);
	} else {
		fprintf(stderr, "%s: ", argv0);
		vfprintf(stderr, fmt, again);
		if (n > 0 && fmt[n - 1] == ':')
			fprintf(stderr, " %s", strerror(saved));
		fputc('\n', stderr);
	}
	va_end(again);
}

void
warnf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnf(fmt, ap);
	va_end(ap);
}

int summary_off;

void
summaryf(const char *fmt, ...)
{
	va_list ap;

	if (summary_off)
		return;
	va_start(ap, fmt);
	vwarnf(fmt, ap);
	va_end(ap);
}

const char *
file_label(const char *name)
{
	return strcmp(name, "-") == 0 ? "stdin" : name;
}

FILE *
tmp_file(const char *what)
{
	const char *dir = getenv("TMPDIR");
	struct sbuf path = { 0 };
	FILE *fp;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	sb_printf(&path, "%s/gridkit-%s.XXXXXX", dir, what);
	if ((fd = mkstemp(path.s)) < 0)
		die(EXIT_STORE, "cannot make a temporary file in '%s':", dir);
	unlink(path.s);
	sb_free(&path);
	if (!(fp = fdopen(fd, "w+")))
		die(EXIT_STORE, "cannot make a temporary file:");
	return fp;
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	if (warn_held) {
		fwrite(warn_held->s ? warn_held->s : "", 1, warn_held->len,
		    stderr);
		warn_held = NULL;
	}
	va_start(ap, fmt);
	vwarnf(fmt, ap);
	va_end(ap);
	exit(code);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(EXIT_STORE, "out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(EXIT_STORE, "out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EXIT_STORE, "out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
sb_grow(struct sbuf *b, size_t more)
{
	size_t need = b->len + more + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_puts(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_putc(struct sbuf *b, int c)
{
	char ch = (char)c;

	sb_add(b, &ch, 1);
}

void
sb_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
sb_str(struct sbuf *b)
{
	return b->s ? b->s : "";
}

void
sb_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

static size_t
str_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int
strset_has(const struct strset *s, const char *key)
{
	size_t i;

	if (!s->cap)
		return 0;
	for (i = str_hash(key) & (s->cap - 1); s->k[i]; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->k[i], key) == 0)
			return 1;
	return 0;
}

void
strset_add(struct strset *s, const char *key)
{
	size_t i;

	if (strset_has(s, key))
		return;
	if (2 * (s->n + 1) > s->cap) {
		struct strset t = { xcalloc(s->cap ? 2 * s->cap : 64,
			sizeof *t.k), 0, s->cap ? 2 * s->cap : 64 };

		for (i = 0; i < s->cap; i++)
			if (s->k[i]) {
				size_t j = str_hash(s->k[i]) & (t.cap - 1);

				while (t.k[j])
					j = (j + 1) & (t.cap - 1);
				t.k[j] = s->k[i];
				t.n++;
			}
		free(s->k);
		*s = t;
	}
	for (i = str_hash(key) & (s->cap - 1); s->k[i]; i = (i + 1) & (s->cap - 1))
		;
	s->k[i] = xstrdup(key);
	s->n++;
}

void
strset_free(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->cap; i++)
		free(s->k[i]);
	free(s->k);
	memset(s, 0, sizeof *s);
}

int
fshut(FILE *fp, const char *name)
{
	int bad = 0;

	if (fflush(fp) == EOF)
		bad = 1;
	if (ferror(fp))
		bad = 1;
	if (fclose(fp) == EOF)
		bad = 1;
	if (bad) {
		warnf("cannot write '%s':", name);
		return -1;
	}
	return 0;
}

int
cmp_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int
parse_hours(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v) || v < 0 || v > 100000)
		return -1;
	*out = v;
	return 0;
}

/* keymap: open addressing, the keys copied into blocks of KM_BLOCK bytes */
#define KM_BLOCK 65536

uint64_t
hash_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct keymap_slot *
keymap_slot(const struct keymap *m, const char *k)
{
	size_t i = (size_t)hash_str(HASH_SEED, k) & (m->cap - 1);

	while (m->slot[i].k && strcmp(m->slot[i].k, k) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

const int64_t *
keymap_get(const struct keymap *m, const char *k)
{
	const struct keymap_slot *e = m->cap ? keymap_slot(m, k) : NULL;

	return e && e->k ? &e->v : NULL;
}

static const char *
keymap_keep(struct keymap *m, const char *k)
{
	size_t len = strlen(k) + 1;
	char *p;

	if (len > KM_BLOCK / 4) {
		/* a long key has a block of its own, put before the block
		 * being filled */
		p = xmalloc(len);
		m->block = xrealloc(m->block, (m->nblock + 1) * sizeof *m->block);
		m->block[m->nblock] = p;
		if (m->nblock) {
			m->block[m->nblock] = m->block[m->nblock - 1];
			m->block[m->nblock - 1] = p;
		} else {
			m->used = KM_BLOCK;
		}
		m->nblock++;
		return memcpy(p, k, len);
	}
	if (!m->nblock || m->used + len > KM_BLOCK) {
		m->block = xrealloc(m->block, (m->nblock + 1) * sizeof *m->block);
		m->block[m->nblock++] = xmalloc(KM_BLOCK);
		m->used = 0;
	}
	p = m->block[m->nblock - 1] + m->used;
	m->used += len;
	return memcpy(p, k, len);
}

void
keymap_put(struct keymap *m, const char *k, int64_t v)
{
	struct keymap_slot *e;

	if ((m->n + 1) * 10 > m->cap * 7) {
		struct keymap big = *m;
		size_t i;

		big.cap = m->cap ? 2 * m->cap : 1024;
		big.slot = xcalloc(big.cap, sizeof *big.slot);
		for (i = 0; i < m->cap; i++)
			if (m->slot[i].k)
				*keymap_slot(&big, m->slot[i].k) = m->slot[i];
		free(m->slot);
		*m = big;
	}
	e = keymap_slot(m, k);
	if (!e->k) {
		e->k = keymap_keep(m, k);
		m->n++;
	}
	e->v = v;
}

void
keymap_free(struct keymap *m)
{
	size_t i;

	for (i = 0; i < m->nblock; i++)
		free(m->block[i]);
	free(m->block);
	free(m->slot);
	memset(m, 0, sizeof *m);
}


/* countset */

/* a key of digits as its number plus one, or 0 when it is not one */
static uint64_t
cs_number(const char *k)
{
	uint64_t v = 0;
	int len = 0;

	if (k[0] == '0' && k[1] != '\0')
		return 0;
	for (; *k; k++, len++) {
		if (*k < '0' || *k > '9' || len == 18)
			return 0;
		v = v * 10 + (uint64_t)(*k - '0');
	}
	return len ? v + 1 : 0;
}

/* the bytes the set holds, with n numbers and their sort's second array,
 * cap slots and room for strings */
static size_t
cs_bytes(const struct countset *s, size_t n, size_t cap, size_t room)
{
	return 2 * n * sizeof *s->num + cap * sizeof *s->slot + room;
}

static int
cs_string(struct countset *s, const char *k)
{
	size_t i, len;

	if ((s->nstr + 1) * 10 > s->cap * 7) {
		size_t cap = s->cap ? 2 * s->cap : 1024, j;
		uint64_t *slot;

		if (cs_bytes(s, s->numcap, cap, s->room) > s->limit)
			return -1;
		slot = xcalloc(cap, sizeof *slot);
		for (j = 0; j < s->cap; j++)
			if (s->slot[j]) {
				i = (size_t)hash_str(HASH_SEED, s->keys +
				    s->slot[j] - 1) & (cap - 1);
				while (slot[i])
					i = (i + 1) & (cap - 1);
				slot[i] = s->slot[j];
			}
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	i = (size_t)hash_str(HASH_SEED, k) & (s->cap - 1);
	for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->keys + s->slot[i] - 1, k) == 0)
			return 0;
	len = strlen(k) + 1;
	if (s->used + len > s->room) {
		size_t room = s->room ? 2 * s->room : 65536;

		while (room < s->used + len)
			room *= 2;
		if (cs_bytes(s, s->numcap, s->cap, room) > s->limit)
			return -1;
		s->keys = xrealloc(s->keys, room);
		s->room = room;
	}
	memcpy(s->keys + s->used, k, len);
	s->slot[i] = 1 + s->used;
	s->used += len;
	s->nstr++;
	return 0;
}

int
countset_add(struct countset *s, const char *k)
{
	uint64_t v = cs_number(k);

	if (!v)
		return cs_string(s, k);
	if (s->nnum == s->numcap) {
		size_t cap = s->numcap ? 2 * s->numcap : 4096;

		if (cs_bytes(s, cap, s->cap, s->room) > s->limit)
			return -1;
		s->num = xrealloc(s->num, cap * sizeof *s->num);
		s->numcap = cap;
	}
	s->num[s->nnum++] = v;
	return 0;
}

long
countset_count(struct countset *s)
{
	uint64_t *a = s->num, *b, *t;
	size_t i, n = s->nnum, distinct = 0, *at;
	int shift;

	if (n == 0)
		return (long)s->nstr;
	if (cs_bytes(s, n, s->cap, s->room) > s->limit)
		return -1;
	/* least significant 16 bits first; the numbers are below 2^60 */
	b = xmalloc(n * sizeof *b);
	at = xmalloc(65536 * sizeof *at);
	for (shift = 0; shift < 64; shift += 16) {
		memset(at, 0, 65536 * sizeof *at);
		for (i = 0; i < n; i++)
			at[(a[i] >> shift) & 0xffff]++;
		if (at[(a[0] >> shift) & 0xffff] == n)
			continue;
		for (i = 0, distinct = 0; i < 65536; i++) {
			size_t c = at[i];

			at[i] = distinct;
			distinct += c;
		}
		for (i = 0; i < n; i++)
			b[at[(a[i] >> shift) & 0xffff]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	for (i = 0, distinct = 0; i < n; i++)
		distinct += i == 0 || a[i] != a[i - 1];
	s->num = a;
	s->numcap = n;
	free(b);
	free(at);
	return (long)(distinct + s->nstr);
}

void
countset_free(struct countset *s)
{
	free(s->num);
	free(s->slot);
	free(s->keys);
	memset(s, 0, sizeof *s);
}
