/* text.c - UTF-8 decoding, display width, fitting and trimming (lib/text.c) */
#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "text.h"

/* an encoder written from RFC 3629, to check the decoder against */
static int
encode(uint32_t cp, unsigned char *b)
{
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | cp >> 18);
	b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* s for a test name: controls and invalid bytes as \xNN, so that they
 * cannot break the TAP line */
static const char *
vis(const char *s, size_t len)
{
	static char buf[2][256];
	static int which;
	char *out = buf[which ^= 1];
	size_t i = 0, o = 0;
	uint32_t cp;
	int n;

	while (i < len && o + 5 < sizeof buf[0]) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0 || cp < 0x20 || cp == 0x7F) {
			o += (size_t)snprintf(out + o, 5, "\\x%02X",
			    (unsigned char)s[i]);
			i++;
			continue;
		}
		if (o + (size_t)n >= sizeof buf[0])
			break;
		memcpy(out + o, s + i, (size_t)n);
		o += (size_t)n;
		i += (size_t)n;
	}
	out[o] = '\0';
	return out;
}

static void
decode_one(const char *s, size_t len, int want_n, uint32_t want_cp,
    const char *name)
{
	uint32_t cp = 0xDEAD;
	int n = utf8_decode(s, len, &cp);

	if (want_n < 0) {
		is_int(n, -1, "decode rejects %s", name);
		return;
	}
	is_int(n, want_n, "decode %s: length", name);
	is_int(cp, want_cp, "decode %s: code point", name);
}

static void
test_decode(void)
{
	decode_one("A", 1, 1, 0x41, "ASCII");
	decode_one("", 1, 1, 0, "NUL");
	decode_one("\xC3\xA9", 2, 2, 0xE9, "é");
	decode_one("张", 3, 3, 0x5F20, "张");
	decode_one("\xF0\x9F\x98\x80", 4, 4, 0x1F600, "U+1F600");
	decode_one("\xC2\x80", 2, 2, 0x80, "U+0080, the first 2-byte");
	decode_one("\xDF\xBF", 2, 2, 0x7FF, "U+07FF, the last 2-byte");
	decode_one("\xE0\xA0\x80", 3, 3, 0x800, "U+0800, the first 3-byte");
	decode_one("\xED\x9F\xBF", 3, 3, 0xD7FF, "U+D7FF, before surrogates");
	decode_one("\xEE\x80\x80", 3, 3, 0xE000, "U+E000, after surrogates");
	decode_one("\xEF\xBF\xBF", 3, 3, 0xFFFF, "U+FFFF");
	decode_one("\xF0\x90\x80\x80", 4, 4, 0x10000, "U+10000");
	decode_one("\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF, "U+10FFFF");

	decode_one("", 0, -1, 0, "an empty string");
	decode_one("\xC0\x80", 2, -1, 0, "overlong C0 80");
	decode_one("\xC1\xBF", 2, -1, 0, "overlong C1 BF");
	decode_one("\xE0\x80\x80", 3, -1, 0, "overlong E0 80 80");
	decode_one("\xE0\x9F\xBF", 3, -1, 0, "overlong E0 9F BF");
	decode_one("\xF0\x80\x80\x80", 4, -1, 0, "overlong F0 80 80 80");
	decode_one("\xF0\x8F\xBF\xBF", 4, -1, 0, "overlong F0 8F BF BF");
	decode_one("\xED\xA0\x80", 3, -1, 0, "surrogate ED A0 80");
	decode_one("\xED\xBF\xBF", 3, -1, 0, "surrogate ED BF BF");
	decode_one("\xF4\x90\x80\x80", 4, -1, 0, "U+110000");
	decode_one("\xF5\x80\x80\x80", 4, -1, 0, "F5");
	decode_one("\xF8\x88\x80\x80\x80", 5, -1, 0, "a 5-byte form");
	decode_one("\xFF", 1, -1, 0, "FF");
	decode_one("\x80", 1, -1, 0, "a lone continuation byte");
	decode_one("\xE5\xBC", 2, -1, 0, "a truncated 张");
	decode_one("张", 2, -1, 0, "张 cut short by len");
	decode_one("\xE5\x41\xA0", 3, -1, 0, "a non-continuation inside");
	decode_one("\xF0\x9F\x98", 3, -1, 0, "a truncated 4-byte");
}

/* every scalar value round-trips; every 2- and 3-byte input the decoder
 * accepts is the shortest form of a scalar value, and there are exactly as
 * many as there are such values */
static void
test_decode_exhaustive(void)
{
	unsigned char b[4];
	uint32_t c, cp;
	long bad = 0, n2 = 0, n3 = 0, wrong = 0;
	int n, k;

	for (c = 0; c <= 0x10FFFF; c++) {
		n = encode(c, b);
		k = utf8_decode((char *)b, (size_t)n, &cp);
		if (c >= 0xD800 && c <= 0xDFFF)
			bad += k != -1;
		else
			bad += k != n || cp != c;
	}
	is_int(bad, 0, "every code point decodes from its encoding, "
	    "surrogates are refused");

	for (c = 0; c < 0x10000; c++) {
		unsigned char e[4];

		b[0] = (unsigned char)(c >> 8);
		b[1] = (unsigned char)c;
		if (utf8_decode((char *)b, 2, &cp) != 2)
			continue;
		n2++;
		wrong += encode(cp, e) != 2 || memcmp(e, b, 2) != 0;
	}
	is_int(n2, 0x800 - 0x80, "2-byte inputs accepted: one per code point");
	for (c = 0; c < 0x1000000; c++) {
		unsigned char e[4];

		b[0] = (unsigned char)(c >> 16);
		b[1] = (unsigned char)(c >> 8);
		b[2] = (unsigned char)c;
		if (utf8_decode((char *)b, 3, &cp) != 3)
			continue;
		n3++;
		wrong += encode(cp, e) != 3 || memcmp(e, b, 3) != 0;
	}
	is_int(n3, 0x10000 - 0x800 - 0x800,
	    "3-byte inputs accepted: one per code point but surrogates");
	is_int(wrong, 0, "what is accepted re-encodes to the same bytes");
}

static void
test_valid(void)
{
	size_t bad = 99;

	ok(utf8_valid("", 0, &bad), "the empty string is valid");
	ok(utf8_valid("张三 abc é", strlen("张三 abc é"), &bad),
	    "Chinese, ASCII and Latin-1 are valid");
	ok(!utf8_valid("ab\xC0\x80", 4, &bad), "overlong NUL is invalid");
	is_int(bad, 2, "at offset 2");
	ok(!utf8_valid("张\xED\xA0\x80", 6, &bad), "a surrogate is invalid");
	is_int(bad, 3, "at offset 3");
	ok(!utf8_valid("a\xE5\xBC", 3, &bad), "a truncated end is invalid");
	is_int(bad, 1, "at offset 1");
	ok(!utf8_valid("\xF5\x80\x80\x80", 4, NULL), "bad may be NULL");
	ok(utf8_valid("a\0b", 3, NULL), "NUL inside the length is valid");
}

static void
test_cp_width(void)
{
	static const struct {
		uint32_t cp;
		int w;
		const char *what;
	} t[] = {
		{ 'a', 1, "ASCII letter" },
		{ ' ', 1, "space" },
		{ 0x00, 0, "NUL" },
		{ 0x07, 0, "BEL" },
		{ 0x1B, 0, "ESC" },
		{ 0x7F, 0, "DEL" },
		{ 0x85, 0, "C1 NEL" },
		{ 0x9F, 0, "C1 APC" },
		{ 0xA0, 1, "no-break space" },
		{ 0xAD, 1, "soft hyphen" },
		{ 0xE9, 1, "é" },
		{ 0x0301, 0, "combining acute (Mn)" },
		{ 0x0488, 0, "combining hundred thousands sign (Me)" },
		{ 0x0915, 1, "Devanagari ka" },
		{ 0x093E, 1, "Devanagari sign aa (Mc)" },
		{ 0x0E31, 0, "Thai mai han-akat (Mn)" },
		{ 0x1100, 2, "Hangul choseong kiyeok" },
		{ 0x1160, 0, "Hangul jungseong filler" },
		{ 0x11A8, 0, "Hangul jongseong kiyeok" },
		{ 0x200B, 0, "zero width space" },
		{ 0x200D, 0, "zero width joiner" },
		{ 0x2060, 0, "word joiner" },
		{ 0x2E80, 2, "CJK radical" },
		{ 0x3000, 2, "ideographic space" },
		{ 0x3001, 2, "ideographic comma" },
		{ 0x302A, 0, "ideographic level tone mark (Mn)" },
		{ 0x303E, 2, "ideographic variation indicator" },
		{ 0x303F, 1, "ideographic half fill space" },
		{ 0x3041, 2, "hiragana small a" },
		{ 0x30A2, 2, "katakana a" },
		{ 0x3400, 2, "CJK extension A" },
		{ 0x4E00, 2, "一" },
		{ 0x5F20, 2, "张" },
		{ 0x9FFF, 2, "the last of the CJK unified block" },
		{ 0xAC00, 2, "Hangul syllable ga" },
		{ 0xD7A3, 2, "the last Hangul syllable" },
		{ 0xF900, 2, "CJK compatibility ideograph" },
		{ 0xFE0F, 0, "variation selector 16" },
		{ 0xFEFF, 0, "zero width no-break space" },
		{ 0xFF01, 2, "fullwidth !" },
		{ 0xFF10, 2, "fullwidth 0" },
		{ 0xFF21, 2, "fullwidth A" },
		{ 0xFF60, 2, "fullwidth right white parenthesis" },
		{ 0xFF61, 1, "halfwidth ideographic full stop" },
		{ 0xFF71, 1, "halfwidth katakana a" },
		{ 0xFFE0, 2, "fullwidth cent" },
		{ 0xFFE6, 2, "fullwidth won" },
		{ 0xFFE8, 1, "halfwidth forms light vertical" },
		{ 0x1F004, 2, "mahjong red dragon" },
		{ 0x1F600, 2, "grinning face" },
		{ 0x1F44D, 2, "thumbs up" },
		{ 0x1F3FB, 2, "skin tone modifier" },
		{ 0x1F321, 1, "thermometer (text presentation)" },
		{ 0x20000, 2, "CJK extension B" },
		{ 0x2A6DF, 2, "end of extension B" },
		{ 0x3134A, 2, "CJK extension G" },
		{ 0xE0100, 0, "variation selector 17" },
		{ 0xE0001, 0, "language tag" },
		{ 0xE000, 1, "private use" },
		{ 0x10FFFF, 1, "the last code point" },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		is_int(cp_width(t[i].cp), t[i].w, "width of U+%04X %s is %d",
		    (unsigned)t[i].cp, t[i].what, t[i].w);
}

static void
width_of(const char *s, int want)
{
	is_int(utf8_width(s, strlen(s)), want, "width of \"%s\" is %d",
	    vis(s, strlen(s)), want);
}

static void
test_width(void)
{
	width_of("", 0);
	width_of("abc", 3);
	width_of("张三", 4);
	width_of("a张", 3);
	width_of("e\xCC\x81", 1);
	width_of("欧阳修 (Ouyang)", 15);
	width_of("ＡＢ", 4);
	width_of("ｱｲ", 2);
	/* characters, not grapheme clusters, as wcwidth() counts them */
	width_of("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBB", 4);
	width_of("\xE2\x9D\xA4\xEF\xB8\x8F", 1);
	width_of("a\tb", 2);
	is_int(utf8_width("\xFF\xFE", 2), 2, "each invalid byte is a column");
	is_int(utf8_width("ab\xC0\x80", 4), 4, "overlong C0 80 is two columns");
	is_int(utf8_width("\xE5\xBC", 2), 2, "a truncated 张 is two columns");
	is_int(utf8_width("张三", 3), 2, "len cuts the string");
}

static void
fit(const char *s, int cols, size_t want, int want_used)
{
	int used = -1;
	size_t n = utf8_fit(s, strlen(s), cols, &used);

	is_int(n, want, "fit \"%s\" in %d columns: %zu bytes",
	    vis(s, strlen(s)), cols, want);
	is_int(used, want_used, "fit \"%s\" in %d columns: %d used",
	    vis(s, strlen(s)), cols, want_used);
}

static void
test_fit(void)
{
	fit("张三", 4, 6, 4);
	fit("张三", 5, 6, 4);
	fit("张三", 3, 3, 2);
	fit("张三", 1, 0, 0);
	fit("张三", 0, 0, 0);
	fit("a张", 2, 1, 1);
	fit("a张", 3, 4, 3);
	fit("e\xCC\x81x", 1, 3, 1);
	fit("\xCC\x81", 0, 2, 0);
	fit("abc", -1, 0, 0);
	fit("", 5, 0, 0);
	fit("\xFF\xFF\xFF", 2, 2, 2);
	is_int(utf8_fit("张三", 6, 4, NULL), 6, "used may be NULL");
}

static void
trim(const char *in, const char *want, const char *what)
{
	char buf[64];

	strcpy(buf, in);
	ok(text_trim(buf) == buf, "trim returns its argument (%s)", what);
	is_str(buf, want, "trim %s", what);
}

static void
test_trim(void)
{
	trim("abc", "abc", "nothing");
	trim("  abc \t\r\n", "abc", "ASCII blanks after");
	trim("\t\n a b \r", "a b", "ASCII blanks both ends, not inside");
	trim("\xE3\x80\x80张三\xE3\x80\x80 ", "张三", "U+3000 both ends");
	trim(" \xE3\x80\x80 \xE3\x80\x80张 三\xE3\x80\x80\t", "张 三",
	    "U+3000 and ASCII mixed");
	trim("a\xE3\x80\x80" "b", "a\xE3\x80\x80" "b", "U+3000 inside");
	trim("", "", "the empty string");
	trim("   ", "", "blanks only");
	trim("\xE3\x80\x80", "", "U+3000 only");
	trim("\xE3\x80", "\xE3\x80", "half a U+3000");
	trim("\xC2\xA0" "a", "\xC2\xA0" "a", "U+00A0 is not trimmed");
	ok(text_trim(NULL) == NULL, "trim NULL is NULL");
}

/* xorshift64*, local to the test so that it does not lean on lib/rng.c */
static uint64_t fz = 2013;

static uint64_t
fuzz_next(void)
{
	fz ^= fz >> 12;
	fz ^= fz << 25;
	fz ^= fz >> 27;
	return fz * 0x2545F4914F6CDD1DULL;
}

/* random bytes, weighted towards the bytes UTF-8 is made of */
static size_t
fuzz_string(char *s, size_t max)
{
	static const unsigned char pick[] = {
		'a', ' ', 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
		0xC0, 0xC2, 0xCC, 0xDF, 0xE0, 0xE3, 0xE5, 0xED, 0xEF, 0xF0,
		0xF4, 0xF5, 0xFF
	};
	size_t len = fuzz_next() % (max + 1), i;

	for (i = 0; i < len; i++) {
		uint64_t r = fuzz_next();

		s[i] = (char)(r & 1 ? pick[(r >> 1) % sizeof pick] : r >> 8);
	}
	return len;
}

static void
test_fuzz(void)
{
	char s[24];
	long broken = 0, i;

	for (i = 0; i < 200000; i++) {
		size_t len = fuzz_string(s, sizeof s), n, bad = 0, j;
		int cols = (int)(fuzz_next() % 12) - 1, used, w, k = 0;
		uint32_t cp;

		n = utf8_fit(s, len, cols, &used);
		/* within the width, and exactly the width of what it kept */
		broken += n > len || used > (cols < 0 ? 0 : cols) ||
		    utf8_width(s, n) != used;
		/* the next character would not have fitted */
		if (n < len) {
			k = utf8_decode(s + n, len - n, &cp);
			w = k < 0 ? 1 : cp_width(cp);
			broken += used + w <= cols;
		}
		/* n is where a character starts */
		for (j = 0; j < n; j += (size_t)(k < 0 ? 1 : k))
			k = utf8_decode(s + j, n - j, &cp);
		broken += j != n;
		/* valid means every character decodes in turn */
		if (!utf8_valid(s, len, &bad)) {
			broken += bad >= len || utf8_decode(s + bad, len - bad,
			    &cp) != -1;
			len = bad;
		}
		for (j = 0; j < len; j += (size_t)k)
			if ((k = utf8_decode(s + j, len - j, &cp)) < 0)
				break;
		broken += j != len;
	}
	is_int(broken, 0, "200000 random strings: utf8_fit and utf8_valid "
	    "keep their promises");
}

int
main(void)
{
	test_decode();
	test_decode_exhaustive();
	test_valid();
	test_cp_width();
	test_width();
	test_fit();
	test_trim();
	test_fuzz();
	return done_testing();
}
