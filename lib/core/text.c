#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

struct range {
	uint32_t lo, hi;
};

#include "textwidth.inc"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* the range a continuation byte may take after each lead byte: the tight
 * bounds after E0, ED, F0 and F4 are what rule out overlong forms,
 * surrogates and code points past U+10FFFF (RFC 3629, table 3-7 of the
 * Unicode standard) */
static int
second_ok(unsigned char lead, unsigned char b)
{
	switch (lead) {
	case 0xE0:
		return b >= 0xA0 && b <= 0xBF;
	case 0xED:
		return b >= 0x80 && b <= 0x9F;
	case 0xF0:
		return b >= 0x90 && b <= 0xBF;
	case 0xF4:
		return b >= 0x80 && b <= 0x8F;
	default:
		return b >= 0x80 && b <= 0xBF;
	}
}

static int
seq_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead >= 0xC2 && lead <= 0xDF)
		return 2;
	if (lead >= 0xE0 && lead <= 0xEF)
		return 3;
	if (lead >= 0xF0 && lead <= 0xF4)
		return 4;
	return -1;
}

int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	int n, i;
	uint32_t c;

	if (len == 0)
		return -1;
	n = seq_len(p[0]);
	if (n < 0 || (size_t)n > len)
		return -1;
	if (n == 1) {
		*cp = p[0];
		return 1;
	}
	if (!second_ok(p[0], p[1]))
		return -1;
	c = p[0] & (0x7F >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (p[i] & 0x3F);
	}
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		/* most of what clerks type is codes and digits: skip ASCII;
		 * most of the rest is Chinese, three bytes after an ordinary
		 * lead (not E0 or ED, whose second bytes are narrower) */
		if (b < 0x80) {
			i++;
			continue;
		}
		if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) &&
		    len - i >= 3 && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += (size_t)n;
	}
	return 1;
}

static int
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

int
cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (in_table(cp, zero_width, NELEM(zero_width)))
		return 0;
	if (in_table(cp, wide, NELEM(wide)))
		return 2;
	return 1;
}

/* the width and length of the character at s; an invalid byte is taken
 * alone and drawn as one column, as a terminal draws U+FFFD for it */
static int
char_at(const char *s, size_t len, int *width)
{
	uint32_t cp;
	int n = utf8_decode(s, len, &cp);

	if (n < 0) {
		*width = 1;
		return 1;
	}
	*width = cp_width(cp);
	return n;
}

int
utf8_width(const char *s, size_t len)
{
	size_t i = 0;
	int w, total = 0;

	while (i < len) {
		i += (size_t)char_at(s + i, len - i, &w);
		total += w;
	}
	return total;
}

/* zero-width characters after the last one that fits are taken too: a
 * combining accent stays with its letter */
size_t
utf8_fit(const char *s, size_t len, int cols, int *used)
{
	size_t i = 0;
	int n, w, total = 0;

	while (i < len) {
		n = char_at(s + i, len - i, &w);
		if (total + w > cols)
			break;
		total += w;
		i += (size_t)n;
	}
	if (used)
		*used = total;
	return i;
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* U+3000 IDEOGRAPHIC SPACE, at s with n bytes to go: what a Chinese input
 * method types for a blank in full-width mode */
static int
is_ideo_space(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0;
}

char *
text_trim(char *s)
{
	size_t start = 0, end;

	if (!s)
		return s;
	end = strlen(s);
	for (;;) {
		if (start < end && is_blank((unsigned char)s[start]))
			start++;
		else if (is_ideo_space(s + start, end - start))
			start += 3;
		else
			break;
	}
	for (;;) {
		if (end > start && is_blank((unsigned char)s[end - 1]))
			end--;
		else if (end - start >= 3 && is_ideo_space(s + end - 3, 3))
			end -= 3;
		else
			break;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}
