#include <stdlib.h>
#include <string.h>

#include "scrub.h"
#include "text.h"
#include "valid.h"

#define MIN_DIGITS 7    /* a shorter number is a house number, an amount */
#define MAX_DIGITS 40   /* a longer run is masked whole, digit by digit */

/* words looked up at each character: sorted, for bsearch */
struct words {
	char **w;
	size_t n, cap;
	size_t maxchars;  /* the longest, in characters */
	int sorted;
};

struct scrub {
	struct words names, keep;
};

struct scrub *
scrub_new(void)
{
	return xcalloc(1, sizeof(struct scrub));
}

static void
words_free(struct words *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
}

void
scrub_free(struct scrub *sc)
{
	if (!sc)
		return;
	words_free(&sc->names);
	words_free(&sc->keep);
	free(sc);
}

static size_t
nchars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
words_add(struct words *ws, const char *w)
{
	if (!w || nchars(w) < 2 || !utf8_valid(w, strlen(w), NULL))
		return;
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? 2 * ws->cap : 64;
		ws->w = xrealloc(ws->w, ws->cap * sizeof *ws->w);
	}
	ws->w[ws->n++] = xstrdup(w);
	if (nchars(w) > ws->maxchars)
		ws->maxchars = nchars(w);
	ws->sorted = 0;
}

void
scrub_name(struct scrub *sc, const char *name)
{
	words_add(&sc->names, name);
}

void
scrub_keep(struct scrub *sc, const char *word)
{
	words_add(&sc->keep, word);
}

static int
by_word(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the length in bytes of the longest word starting at s, or 0: each prefix
 * of maxchars characters down to two is looked up */
static size_t
word_at(struct words *ws, const char *s)
{
	size_t end[64], k = 0, len = 0;
	char cand[256];
	const char *c = cand;

	if (!ws->n)
		return 0;
	if (!ws->sorted) {
		qsort(ws->w, ws->n, sizeof *ws->w, by_word);
		ws->sorted = 1;
	}
	while (s[len] && k < ws->maxchars && k < 64) {
		len++;
		while ((s[len] & 0xC0) == 0x80)
			len++;
		end[k++] = len;
	}
	for (; k >= 2; k--) {
		if (end[k - 1] >= sizeof cand)
			continue;
		memcpy(cand, s, end[k - 1]);
		cand[end[k - 1]] = '\0';
		if (bsearch(&c, ws->w, ws->n, sizeof *ws->w, by_word))
			return end[k - 1];
	}
	return 0;
}

/* the digit at s (ASCII or full-width ０-９): its value and length in *len,
 * or -1 */
static int
digit_at(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u >= '0' && *u <= '9') {
		*len = 1;
		return *u - '0';
	}
	/* U+FF10..U+FF19 are EF BC 90..99 */
	if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
		*len = 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* a separator inside a number: a blank, '-' or the full-width '－' */
static size_t
sep_at(const char *s)
{
	if (*s == ' ' || *s == '-')
		return 1;
	if (strncmp(s, "\xef\xbc\x8d", 3) == 0)
		return 3;
	return 0;
}

/* a group of digits at s: their count, the bytes in *len; digits go to d */
static size_t
group_at(const char *s, size_t *len, char *d, size_t *nd)
{
	size_t n = 0, l;
	int v;

	*len = 0;
	while ((v = digit_at(s + *len, &l)) >= 0) {
		if (*nd < MAX_DIGITS)
			d[(*nd)++] = (char)('0' + v);
		*len += l;
		n++;
	}
	return n;
}

/* the number starting at s (plus: right after a '+'): its length in bytes,
 * its digits in d (NUL-terminated), their count in *nd */
static size_t
number_at(const char *s, int plus, char *d, size_t *nd)
{
	size_t len, glen, n, save;
	const char *p = s;

	*nd = 0;
	n = group_at(p, &glen, d, nd);
	p += glen;
	if (n >= 3 || plus) {
		for (;;) {
			size_t sl = sep_at(p);

			save = *nd;
			if (!sl || group_at(p + sl, &glen, d, nd) < 3) {
				*nd = save;
				break;
			}
			p += sl + glen;
		}
	}
	len = (size_t)(p - s);
	/* an ID number may end in X */
	if (*nd == 17 && (*p == 'X' || *p == 'x')) {
		d[(*nd)++] = 'X';
		len++;
	}
	d[*nd < MAX_DIGITS ? *nd : MAX_DIGITS] = '\0';
	return len;
}

/* the mask of a long number: as a phone, as an ID number, or digit by
 * digit, keeping what separates the groups */
static void
mask_number(const char *s, size_t len, const char *d, size_t nd,
    struct sbuf *out)
{
	char m[64], raw[128];
	size_t i, l;

	if (len < sizeof raw) {
		memcpy(raw, s, len);
		raw[len] = '\0';
		if (valid_phone(raw, NULL, NULL) == 0) {
			mask_phone(raw, m, sizeof m);
			sb_puts(out, m);
			return;
		}
	}
	/* full-width digits, say */
	if (valid_phone(d, NULL, NULL) == 0) {
		mask_phone(d, m, sizeof m);
		sb_puts(out, m);
		return;
	}
	if (nd == 15 || nd == 18) {
		mask_idnum(d, m, sizeof m);
		sb_puts(out, m);
		return;
	}
	for (i = 0; i < len; i += l) {
		l = 1;
		if (digit_at(s + i, &l) >= 0 || s[i] == 'X' || s[i] == 'x')
			sb_putc(out, '*');
		else
			sb_putc(out, s[i]);
	}
}

void
scrub_text(struct scrub *sc, const char *s, struct sbuf *out)
{
	char d[MAX_DIGITS + 2], m[256], name[256];
	size_t nd, len, l, k, keep;

	while (*s) {
		if (digit_at(s, &l) >= 0) {
			len = number_at(s, 0, d, &nd);
			if (nd >= MIN_DIGITS)
				mask_number(s, len, d, nd, out);
			else
				sb_add(out, s, len);
			s += len;
			continue;
		}
		if (*s == '+' && digit_at(s + 1, &l) >= 0) {
			len = number_at(s + 1, 1, d, &nd);
			if (nd >= MIN_DIGITS) {
				mask_number(s, len + 1, d, nd, out);
				s += len + 1;
				continue;
			}
		}
		k = sc ? word_at(&sc->names, s) : 0;
		keep = sc ? word_at(&sc->keep, s) : 0;
		if (keep && keep >= k) {
			sb_add(out, s, keep);
			s += keep;
			continue;
		}
		if (k) {
			memcpy(name, s, k);
			name[k] = '\0';
			mask_name(name, m, sizeof m);
			sb_puts(out, m);
			s += k;
			continue;
		}
		/* one whole character */
		l = 1;
		while ((s[l] & 0xC0) == 0x80)
			l++;
		sb_add(out, s, l);
		s += l;
	}
}
