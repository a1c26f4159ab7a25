#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "civil.h"
#include "text.h"
#include "valid.h"

#define CODE_MAX 64
#define PHONE_MAX 32

static const char phone_why[] = "not a mobile (1[3-9] and 9 more digits) "
    "or landline (0AREA-NUMBER) number";

/* reasons that name the value are formatted here; valid.h says *why lasts
 * until the next call */
static char why_buf[160];

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* 1 if s[0..n) are all decimal digits */
static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdig((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
fail(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

char
idnum_check(const char *s17)
{
	static const int weight[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (!isdig((unsigned char)s17[i]))
			return '\0';
		sum += (s17[i] - '0') * weight[i];
	}
	return "10X98765432"[sum % 11];
}

/* the length of the character at s, an invalid byte standing alone */
static size_t
char_len(const char *s, size_t len)
{
	uint32_t cp;
	int n = utf8_decode(s, len, &cp);

	return n < 0 ? 1 : (size_t)n;
}

static size_t
nchars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i += char_len(s + i, len - i))
		n++;
	return n;
}

static int
num(const char *s, size_t n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

static size_t digit_run(const char *s);

static const char excel_sci[] = "a number in scientific notation, as Excel "
    "shows a long one: format the column as Text in Excel and save again";

/* 1 if s is a number Excel wrote in scientific notation (3.71323E+15) */
static int
is_sci(const char *s)
{
	size_t n = digit_run(s);

	if (n == 0)
		return 0;
	s += n;
	if (*s == '.') {
		if (!(n = digit_run(++s)))
			return 0;
		s += n;
	}
	if (*s != 'E' && *s != 'e')
		return 0;
	s++;
	if (*s == '+')
		s++;
	return (n = digit_run(s)) > 0 && !s[n];
}

int
valid_idnum(const char *s, char *out, const char **why)
{
	size_t len = strlen(s), i;
	char check, last;
	int y, m, d;

	if (is_sci(s))
		return fail(why, excel_sci);
	/* Excel drops the leading zero of a number, and keeps 15 digits */
	if (len == 17 && all_digits(s, 17))
		return fail(why, "17 digits, not 18: if Excel dropped a "
		    "leading zero, format the column as Text in Excel and "
		    "save again");

	/* 18 characters typed with a full-width digit or Ｘ are told by which
	 * character is wrong, not by their length in bytes */
	if (len != 18 && nchars(s, len) != 18)
		return fail(why, "not 18 characters");
	for (i = 0; i < 17; i++) {
		if (!isdig((unsigned char)s[i])) {
			snprintf(why_buf, sizeof why_buf,
			    "character %zu is not a digit", i + 1);
			return fail(why, why_buf);
		}
	}
	last = s[17] == 'x' ? 'X' : s[17];
	if (!isdig((unsigned char)last) && last != 'X')
		return fail(why, "last character is not a digit or X");
	y = num(s + 6, 4);
	m = num(s + 10, 2);
	d = num(s + 12, 2);
	if (y == 0 || !civil_valid(y, m, d)) {
		snprintf(why_buf, sizeof why_buf,
		    "birth date %.8s does not exist", s + 6);
		return fail(why, why_buf);
	}
	check = idnum_check(s);
	if (check != last) {
		snprintf(why_buf, sizeof why_buf, "check digit is %c, not %c%s",
		    check, last, strcmp(s + 15, "000") == 0 ? "; it ends in "
		    "000, as a number does that Excel kept to 15 digits: "
		    "format the column as Text" : "");
		return fail(why, why_buf);
	}
	if (out) {
		memcpy(out, s, 17);
		out[17] = last;
		out[18] = '\0';
	}
	return 0;
}

/* copy s without the characters in drop; -1 if it does not fit in n */
static int
squeeze(const char *s, const char *drop, char *out, size_t n)
{
	size_t len = 0;

	for (; *s; s++) {
		if (strchr(drop, *s))
			continue;
		if (len + 1 >= n)
			return -1;
		out[len++] = *s;
	}
	out[len] = '\0';
	return 0;
}

/* the 11 digits of a mobile number in d (spaces and dashes gone), after
 * the country code if any, else NULL */
static const char *
mobile(const char *d)
{
	if (strncmp(d, "+86", 3) == 0)
		d += 3;
	else if (strncmp(d, "86", 2) == 0 && strlen(d) == 13)
		d += 2;
	if (strlen(d) != 11 || !all_digits(d, 11) || d[0] != '1' ||
	    d[1] < '3' || d[1] > '9')
		return NULL;
	return d;
}

/* the length of the area code at the start of s, with its 0: the two-digit
 * codes are 10 (Beijing) and 2X, all others have three digits and start
 * with 3-9, which tells where the area code ends when no dash does */
static size_t
area_len(const char *s)
{
	if (s[0] != '0' || !isdig((unsigned char)s[1]) ||
	    !isdig((unsigned char)s[2]))
		return 0;
	if (s[1] == '1')
		return s[2] == '0' ? 3 : 0;
	if (s[1] == '2')
		return 3;
	return isdig((unsigned char)s[3]) ? 4 : 0;
}

static size_t
digit_run(const char *s)
{
	size_t n = 0;

	while (isdig((unsigned char)s[n]))
		n++;
	return n;
}

/* split a landline number (spaces gone) into its area code, number and
 * extension, as lengths; -1 if it is not one */
static int
landline(const char *s, size_t *area, const char **number, size_t *nlen,
    size_t *xlen)
{
	const char *p;

	*area = area_len(s);
	if (*area == 0)
		return -1;
	p = s + *area;
	if (*p == '-')
		p++;
	*number = p;
	*nlen = digit_run(p);
	if (*nlen < 7 || *nlen > 8)
		return -1;
	p += *nlen;
	*xlen = 0;
	if (*p == '-') {
		p++;
		*xlen = digit_run(p);
		if (*xlen < 1 || *xlen > 6)
			return -1;
		p += *xlen;
	}
	return *p ? -1 : 0;
}

int
valid_phone(const char *s, char *out, const char **why)
{
	char compact[PHONE_MAX], digits[PHONE_MAX];
	const char *m, *number;
	size_t area, nlen, xlen;

	if (is_sci(s))
		return fail(why, excel_sci);
	if (squeeze(s, " ", compact, sizeof compact) < 0)
		return fail(why, phone_why);
	if (!*compact)
		return fail(why, "empty");
	squeeze(compact, "-", digits, sizeof digits);
	if ((m = mobile(digits))) {
		if (out)
			memcpy(out, m, 12);
		return 0;
	}
	if (landline(compact, &area, &number, &nlen, &xlen) < 0) {
		char zero[PHONE_MAX + 1];

		/* 5398572388: a landline whose 0 Excel dropped */
		snprintf(zero, sizeof zero, "0%s", compact);
		if (compact[0] != '0' && all_digits(compact, strlen(compact)) &&
		    landline(zero, &area, &number, &nlen, &xlen) == 0)
			return fail(why, "a landline without its leading 0: "
			    "if Excel dropped it, format the column as Text "
			    "in Excel and save again");
		return fail(why, phone_why);
	}
	if (out)
		memcpy(out, compact, strlen(compact) + 1);
	return 0;
}

/* the blanks of Unicode (White_Space) and the zero-width ones a paste
 * from a web page or Word brings along: a code holding one looks the same
 * as one without, and would not match it */
static int
is_blank_cp(uint32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x2060: case 0x3000: case 0xFEFF:
		return 1;
	}
	return cp >= 0x2000 && cp <= 0x200B;
}

int
valid_code(const char *s, const char **why)
{
	size_t len = strlen(s), i;
	uint32_t cp;
	int n;

	if (len == 0)
		return fail(why, "empty");
	if (len > CODE_MAX)
		return fail(why, "longer than 64 bytes");
	if (is_sci(s))
		return fail(why, excel_sci);
	for (i = 0; i < len; i += (size_t)n) {
		unsigned char b = (unsigned char)s[i];

		/* codes are nearly always plain ASCII letters and digits */
		n = 1;
		if (b > ' ' && b < 0x7F && b != '/' && b != ';')
			continue;
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			return fail(why, "not valid UTF-8");
		if (is_blank_cp(cp))
			return fail(why, "contains a blank");
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return fail(why, "contains a control character");
		if (cp == '/')
			return fail(why, "contains '/'");
		if (cp == ';')
			return fail(why, "contains ';'");
	}
	return 0;
}

/* a mask is written through this: it never writes past out[n - 1], and
 * once a piece does not fit it writes nothing more, so a short buffer never
 * ends in half a character */
struct mbuf {
	char *out;
	size_t n, len;
	int full;
};

static void
put(struct mbuf *b, const char *s, size_t k)
{
	if (b->full || b->len + k >= b->n) {
		b->full = 1;
		return;
	}
	memcpy(b->out + b->len, s, k);
	b->len += k;
	b->out[b->len] = '\0';
}

static void
stars(struct mbuf *b, size_t k)
{
	while (k--)
		put(b, "*", 1);
}

/* one '*' a character, so the length shows but nothing else does */
static void
mask_whole(struct mbuf *b, const char *s)
{
	stars(b, nchars(s, strlen(s)));
}

static int
mbuf_init(struct mbuf *b, char *out, size_t n)
{
	if (n == 0)
		return -1;
	b->out = out;
	b->n = n;
	b->len = 0;
	b->full = 0;
	out[0] = '\0';
	return 0;
}

/* an 18-character ID, or a 15-digit one of the first generation, which
 * old registers still hold; the check digit is not checked, as a typo in
 * it must not unmask the number */
static int
looks_like_idnum(const char *s, size_t len)
{
	if (len == 15)
		return all_digits(s, 15);
	return len == 18 && all_digits(s, 17) &&
	    (isdig((unsigned char)s[17]) || s[17] == 'X' || s[17] == 'x');
}

void
mask_idnum(const char *s, char *out, size_t n)
{
	struct mbuf b;
	size_t len = strlen(s);

	if (mbuf_init(&b, out, n) < 0)
		return;
	if (!looks_like_idnum(s, len)) {
		mask_whole(&b, s);
		return;
	}
	put(&b, s, 6);
	stars(&b, len - 10);
	put(&b, s + len - 4, 4);
}

static void
mask_landline(struct mbuf *b, const char *s)
{
	const char *number;
	size_t area, nlen, xlen;

	landline(s, &area, &number, &nlen, &xlen);
	put(b, s, area);
	put(b, "-", 1);
	stars(b, nlen - 4);
	put(b, number + nlen - 4, 4);
	if (xlen) {
		put(b, "-", 1);
		stars(b, xlen);
	}
}

void
mask_phone(const char *s, char *out, size_t n)
{
	struct mbuf b;
	char v[PHONE_MAX];

	if (mbuf_init(&b, out, n) < 0)
		return;
	if (valid_phone(s, v, NULL) < 0) {
		mask_whole(&b, s);
		return;
	}
	if (v[0] == '1') {
		put(&b, v, 3);
		stars(&b, 4);
		put(&b, v + 7, 4);
	} else {
		mask_landline(&b, v);
	}
}

void
mask_name(const char *s, char *out, size_t n)
{
	struct mbuf b;
	size_t len = strlen(s), first;

	if (mbuf_init(&b, out, n) < 0)
		return;
	if (!utf8_valid(s, len, NULL)) {
		mask_whole(&b, s);
		return;
	}
	first = len ? char_len(s, len) : 0;
	put(&b, s, first);
	stars(&b, nchars(s + first, len - first));
}

/* an address keeps its first third (the county, town, village), the rest
 * becomes '*' */
void
mask_address(const char *s, char *out, size_t n)
{
	size_t i = 0, o = 0, keep;
	int nch = 0, k = 0;

	for (i = 0; s[i]; i++)
		nch += ((unsigned char)s[i] & 0xC0) != 0x80;
	keep = (size_t)(nch / 3);
	for (i = 0; s[i] && o + 5 < n; i++) {
		int start = ((unsigned char)s[i] & 0xC0) != 0x80;

		if (start)
			k++;
		if ((size_t)k <= keep)
			out[o++] = s[i];
		else if (start && k - (int)keep <= 6)
			out[o++] = '*';
	}
	out[o] = '\0';
}
