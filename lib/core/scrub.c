#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "scrub.h"
#include "text.h"
#include "valid.h"

/* words looked up at each character: sorted, for bsearch */
struct words {
	char **w;
	size_t n, cap;
	size_t maxchars;  /* the longest, in characters */
	int sorted;
};

struct scrub {
	struct words names, keep;
	int (*is_code)(void *, const char *);
	void *code_arg;
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

void
scrub_codes(struct scrub *sc, int (*is_code)(void *, const char *),
    void *arg)
{
	sc->is_code = is_code;
	sc->code_arg = arg;
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

/* the X that ends an ID number (X, x, Ｘ, ｘ), not the start of a word:
 * its length in bytes, or 0 */
static size_t
x_at(const char *s)
{
	size_t l = 0;

	if (*s == 'X' || *s == 'x')
		l = 1;
	else if (strncmp(s, "\xef\xbc\xb8", 3) == 0 ||
	    strncmp(s, "\xef\xbd\x98", 3) == 0)
		l = 3;
	if (l && ((s[l] >= 'A' && s[l] <= 'Z') || (s[l] >= 'a' && s[l] <= 'z')))
		return 0;
	return l;
}

/* what people put between the digits of one number: blanks (the
 * full-width one of Chinese input methods, the no-break one of a paste),
 * dashes of every width, dots, slashes and brackets: its length, or 0 */
static size_t
sep_at(const char *s)
{
	static const char *const wide[] = {
		"\xe3\x80\x80",             /* U+3000 ideographic space */
		"\xc2\xa0",                 /* U+00A0 no-break space */
		"\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92", /* ‐ ‑ ‒ */
		"\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x95", /* – — ― */
		"\xe2\x88\x92",             /* − minus */
		"\xef\xbc\x8d", "\xef\xbc\x8e", "\xef\xbc\x8f", /* － ． ／ */
		"\xef\xbc\x88", "\xef\xbc\x89", /* （ ） */
		"\xe3\x80\x90", "\xe3\x80\x91", /* 【 】 */
		"\xe3\x80\x82",             /* 。 a dot typed in Chinese mode */
		"\xc2\xb7", "\xe3\x83\xbb", /* · ・ */
		NULL
	};
	int i;

	if (strchr(" \t-./()[]", *s) && *s)
		return 1;
	if (!((unsigned char)*s & 0x80))
		return 0;
	for (i = 0; wide[i]; i++)
		if (strncmp(s, wide[i], strlen(wide[i])) == 0)
			return strlen(wide[i]);
	return 0;
}

/* a '+' that may start a number (+86), ASCII or full-width */
static size_t
plus_at(const char *s)
{
	if (*s == '+')
		return 1;
	return strncmp(s, "\xef\xbc\x8b", 3) == 0 ? 3 : 0;
}

#define MAX_GROUPS 48
#define SPAN_DIGITS 22 /* the longest a number is: 0086, then 18 digits */

/* a candidate: groups of digits joined by separators, after a lead (an
 * opening bracket, a '+') */
struct cand {
	const char *lead;          /* where it starts: the lead, or group 0 */
	int plus;                  /* the lead holds a '+' */
	size_t n;                  /* groups */
	struct group {
		const char *s, *e; /* its bytes */
		char d[SPAN_DIGITS + 1];
		size_t nd;         /* its digits (X included), at most
		                    * SPAN_DIGITS kept; more: too long */
		int x;             /* it ends in X */
	} g[MAX_GROUPS];
};

/* a group of digits at s, perhaps ending in X; 0 if none */
static size_t
group_at(const char *s, struct group *g)
{
	size_t l, len = 0;
	int v;

	g->nd = 0;
	g->x = 0;
	/* an X standing alone ends a number typed one character at a time */
	if ((l = x_at(s))) {
		g->d[g->nd++] = 'X';
		g->x = 1;
		g->s = s;
		g->e = s + l;
		return l;
	}
	while ((v = digit_at(s + len, &l)) >= 0) {
		if (g->nd < SPAN_DIGITS)
			g->d[g->nd] = (char)('0' + v);
		g->nd++;
		len += l;
	}
	if (len && (l = x_at(s + len))) {
		if (g->nd < SPAN_DIGITS)
			g->d[g->nd] = 'X';
		g->nd++;
		g->x = 1;
		len += l;
	}
	g->s = s;
	g->e = s + len;
	return len;
}

/* the candidate starting at s: 0 if none starts here, else its length */
static size_t
cand_at(const char *s, struct cand *c)
{
	const char *p = s;
	size_t l;

	c->plus = 0;
	c->n = 0;
	/* a lead: "(", "+", "(+", "（+", each part optional */
	if (*p == '(' || strncmp(p, "\xef\xbc\x88", 3) == 0)
		p += *p == '(' ? 1 : 3;
	if ((l = plus_at(p))) {
		c->plus = 1;
		p += l;
		if (*p == ' ')
			p++;
	}
	if (digit_at(p, &l) < 0)
		return 0;
	c->lead = s;
	while (c->n < MAX_GROUPS) {
		struct group *g = &c->g[c->n];
		size_t k, gap = 0;

		p += group_at(p, g);
		c->n++;
		if (g->x)
			break;
		/* one to three separators, then digits: the number goes on */
		for (k = 0; k < 3 && (l = sep_at(p + gap)); k++)
			gap += l;
		if (!gap || (digit_at(p + gap, &l) < 0 && !x_at(p + gap)))
			break;
		p += gap;
	}
	return (size_t)(c->g[c->n - 1].e - s);
}

/* a digit, or the X that may end an ID number */
static int
isdig_or_x(char c, int last)
{
	return (c >= '0' && c <= '9') || (last && c == 'X');
}

static int
num2(const char *d)
{
	return (d[0] - '0') * 10 + d[1] - '0';
}

/* the region, the birth date (from 1900) and, for an 18-character number,
 * the check digit: a number with a birth date of the 1900s is taken
 * whatever its check digit, since a typo in that must not unmask it; one
 * of a later date must have the right check digit, else the codes of the
 * grid tree, whose middle digits read as such dates (37139920001201...),
 * would be masked as ID numbers */
static int
is_idnum(const char *d, size_t n)
{
	size_t i;
	int y, m, day;

	if (n != 15 && n != 18)
		return 0;
	if (d[0] < '1' || d[0] > '8' || d[1] < '1')
		return 0;
	for (i = 0; i < n; i++)
		if (!isdig_or_x(d[i], i == 17))
			return 0;
	if (n == 15) {
		y = 1900 + num2(d + 6);
		m = num2(d + 8);
		day = num2(d + 10);
	} else {
		y = num2(d + 6) * 100 + num2(d + 8);
		m = num2(d + 10);
		day = num2(d + 12);
	}
	if (y < 1900 || y > 2099 || !civil_valid(y, m, day))
		return 0;
	return n == 15 || y < 2000 || idnum_check(d) == d[17];
}
/* the length of the area code, with its 0, at the start of d: 010 and
 * 02X have three digits, the others four and start 03-09 */
static size_t
area_len(const char *d)
{
	if (d[0] != '0')
		return 0;
	if (d[1] == '1')
		return d[2] == '0' ? 3 : 0;
	if (d[1] == '2')
		return 3;
	return d[1] >= '3' && d[1] <= '9' ? 4 : 0;
}

static int
all_digits(const char *d, size_t n)
{
	while (n--)
		if (*d < '0' || *d++ > '9')
			return 0;
	return 1;
}

/* d[0..n) a landline with its area code: the mask in m, else 0.  Local
 * numbers have seven or eight digits and never start with 0 or 1 */
static int
landline(const char *d, size_t n, char *m, size_t msz)
{
	size_t a = area_len(d);
	char v[32];

	if (!a || n - a < 7 || n - a > 8 || d[a] < '2' || !all_digits(d, n))
		return 0;
	snprintf(v, sizeof v, "%.*s-%.*s", (int)a, d, (int)(n - a), d + a);
	mask_phone(v, m, msz);
	return 1;
}

static int
mobile(const char *d, size_t n, char *m, size_t msz)
{
	char v[12];

	if (n != 11 || d[0] != '1' || d[1] < '3' || !all_digits(d, 11))
		return 0;
	memcpy(v, d, 11);
	v[11] = '\0';
	mask_phone(v, m, msz);
	return 1;
}

/* groups i..j of c, whose digits are d[0..n): if they are a phone or ID
 * number, its mask in m and 1 */
static int
span_mask(struct scrub *sc, const struct cand *c, size_t i, size_t j,
    const char *d, size_t n, char *m, size_t msz)
{
	char v[SPAN_DIGITS + 2];
	size_t k, a;
	int spaced = 1;

	if (mobile(d, n, m, msz))
		return 1;
	/* the country code: 86 or 0086 before a mobile, and before an area
	 * code without its 0 after a '+' or 0086 (+86 539 8572388) */
	if (n >= 13 && strncmp(d, "86", 2) == 0 && mobile(d + 2, n - 2, m, msz))
		return 1;
	if (n >= 15 && strncmp(d, "0086", 4) == 0 &&
	    mobile(d + 4, n - 4, m, msz))
		return 1;
	if ((strncmp(d, "86", 2) == 0 && i == 0 && c->plus) ||
	    strncmp(d, "0086", 4) == 0) {
		k = d[0] == '8' ? 2 : 4;
		v[0] = '0';
		memcpy(v + 1, d + k, n - k);
		if (landline(v, n - k + 1, m, msz))
			return 1;
	}
	/* the area code is written whole, unless every digit stands alone:
	 * else a date before a local number (07-01 8572388) would read as
	 * one */
	if ((a = area_len(d))) {
		for (k = i; k <= j; k++)
			spaced &= c->g[k].nd == 1;
		if ((c->g[i].nd >= a || spaced) && landline(d, n, m, msz))
			return 1;
	}
	if (is_idnum(d, n)) {
		memcpy(v, d, n);
		v[n] = '\0';
		if (sc && sc->is_code && sc->is_code(sc->code_arg, v))
			return 0;
		mask_idnum(v, m, msz);
		return 1;
	}
	return 0;
}

/* the words that say a phone number follows */
static const char *const phone_words[] = {
	"电话", "手机", "座机", "联系", "号码", "拨打", "致电", "来电",
	"tel", "Tel", "TEL", "phone", "Phone", NULL
};

#define WORD_WINDOW 24 /* bytes before a number searched for them */

/* 1 if one of phone_words ends within WORD_WINDOW bytes before at (and
 * not before base) */
static int
phone_word_before(const char *base, const char *at)
{
	const char *from = at - base > WORD_WINDOW ? at - WORD_WINDOW : base;
	char win[WORD_WINDOW + 1];
	int i;

	memcpy(win, from, (size_t)(at - from));
	win[at - from] = '\0';
	for (i = 0; phone_words[i]; i++)
		if (strstr(win, phone_words[i]))
			return 1;
	return 0;
}

/* what follows an amount or a count, not a phone number */
static const char *const units[] = {
	"元", "万", "亿", "块", "角", "平", "米", "亩", "户", "人", "个", "件",
	"吨", "斤", "公", "%", "％", NULL
};

/* 1 if one of units follows at (after a blank) */
static int
unit_after(const char *at)
{
	int i;

	while (*at == ' ')
		at++;
	for (i = 0; units[i]; i++)
		if (strncmp(at, units[i], strlen(units[i])) == 0)
			return 1;
	return 0;
}

/* a local number, without its area code: seven or eight digits, the first
 * 2-9, in one group, as 3+4 or 4+4, or a digit at a time -- as many digits
 * as an amount or a count has, so it is masked only after a word that says
 * it is a phone (电话 8572388 → 电话 ***2388), and not before a unit
 * (电话费 3200000 元) */
static int
local_number(const struct cand *c, const char *base, char *m, size_t msz)
{
	char d[SPAN_DIGITS + 1];
	size_t j, n = 0, ones = 0;

	/* written whole, as 3+4 or 4+4, or a digit at a time; not as a
	 * date (2013-07-01) */
	for (j = 0; j < c->n; j++)
		ones += c->g[j].nd == 1;
	if (ones != c->n && (c->n > 2 || c->g[c->n - 1].nd != 4) && c->n != 1)
		return 0;
	for (j = 0; j < c->n; j++) {
		if (n + c->g[j].nd > 8)
			return 0;
		memcpy(d + n, c->g[j].d, c->g[j].nd);
		n += c->g[j].nd;
	}
	if (n < 7 || !all_digits(d, n) || d[0] < '2' ||
	    !phone_word_before(base, c->lead) || unit_after(c->g[c->n - 1].e))
		return 0;
	snprintf(m, msz, "%.*s%.4s", (int)(n - 4), "****", d + n - 4);
	return 1;
}

/* append candidate c, its phone and ID numbers masked: at each group, the
 * longest run of groups from it that is one.  base: where the text starts */
static void
scrub_cand(struct scrub *sc, const struct cand *c, const char *base,
    struct sbuf *out)
{
	const char *p = c->lead, *start;
	char d[2 * SPAN_DIGITS + 1], m[64], best_m[64];
	size_t i = 0, j, n, best, total = 0;

	if (local_number(c, base, m, sizeof m)) {
		sb_puts(out, m);
		return;
	}
	for (j = 0; j < c->n; j++)
		total += c->g[j].nd;
	/* the shortest is a landline of 3 + 7 digits */
	while (total >= 10 && i < c->n) {
		best = c->n;
		for (j = i, n = 0; j < c->n; j++) {
			if (n + c->g[j].nd > SPAN_DIGITS)
				break;
			memcpy(d + n, c->g[j].d, c->g[j].nd);
			n += c->g[j].nd;
			d[n] = '\0';
			if (n >= 10 && span_mask(sc, c, i, j, d, n, m, sizeof m)) {
				best = j;
				memcpy(best_m, m, sizeof m);
			}
		}
		if (best == c->n) {
			i++;
			continue;
		}
		/* the lead ("(+86) ") goes with a number that starts with
		 * the candidate */
		start = i == 0 ? c->lead : c->g[i].s;
		sb_add(out, p, (size_t)(start - p));
		sb_puts(out, best_m);
		p = c->g[best].e;
		i = best + 1;
	}
	sb_add(out, p, (size_t)(c->g[c->n - 1].e - p));
}

/* 1 if s may start a number: a digit, a bracket, a '+', or a full-width
 * one (all start with EF) */
static int
may_start(const char *s)
{
	unsigned char u = (unsigned char)*s;

	return (u >= '0' && u <= '9') || u == '(' || u == '+' || u == 0xEF;
}

void
scrub_text(struct scrub *sc, const char *s, struct sbuf *out)
{
	const char *base = s;
	struct cand c;
	char m[256], name[256];
	size_t len, l, k, keep;

	while (*s) {
		if (may_start(s) && (len = cand_at(s, &c))) {
			scrub_cand(sc, &c, base, out);
			s += len;
			continue;
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

const char *
scrub_str(struct scrub *sc, const char *s, struct sbuf *b)
{
	const char *p;

	if (!s)
		return NULL;
	/* most text holds no number and no name: handed back as it is */
	if (!sc || (!sc->names.n && !sc->keep.n)) {
		for (p = s; *p && !((*p >= '0' && *p <= '9') ||
		    (unsigned char)*p == 0xEF); p++)
			;
		if (!*p)
			return s;
	}
	sb_reset(b);
	scrub_text(sc, s, b);
	return sb_str(b);
}
