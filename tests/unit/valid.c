/* valid.c - resident IDs, phones, codes and masks (lib/valid.c).  Check
 * digits were worked out apart from the code under test:
 *   python3 -c 'w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];
 *     s="11010519491231002"; print("10X98765432"[sum(int(c)*x
 *     for c,x in zip(s,w))%11])'
 * 11010519491231002X and 440524188001010014 are the examples of GB 11643. */
#include <string.h>

#include "tap.h"
#include "valid.h"

static void
test_check(void)
{
	is_int(idnum_check("11010519491231002"), 'X', "check of GB 11643's "
	    "example 11010519491231002 is X");
	is_int(idnum_check("44052418800101001"), '4',
	    "check of 44052418800101001");
	is_int(idnum_check("11010119900307425"), '8',
	    "check of 11010119900307425");
	is_int(idnum_check("32010619840525112"), '9',
	    "check of 32010619840525112");
	is_int(idnum_check("110105194912310021"), 'X',
	    "only the first 17 characters count");
	is_int(idnum_check("1101051949123100"), '\0', "16 digits have none");
	is_int(idnum_check("1101051949123100A"), '\0', "a letter has none");
	is_int(idnum_check(""), '\0', "the empty string has none");
}

static void
id_ok(const char *s, const char *want)
{
	char out[19] = "";
	const char *why = "(unset)";

	is_int(valid_idnum(s, out, &why), 0, "ID %s is good", s);
	is_str(out, want, "stored as %s", want);
}

static void
id_bad(const char *s, const char *want_why)
{
	const char *why = NULL;

	is_int(valid_idnum(s, NULL, &why), -1, "ID '%s' is bad", s);
	is_str(why, want_why, "because %s", want_why);
}

static void
test_idnum(void)
{
	id_ok("11010519491231002X", "11010519491231002X");
	id_ok("11010519491231002x", "11010519491231002X");
	id_ok("440524188001010014", "440524188001010014");
	id_ok("110101199003074258", "110101199003074258");
	id_ok("320106198405251129", "320106198405251129");
	id_ok("110101200002290018", "110101200002290018");
	ok(valid_idnum("440524188001010014", NULL, NULL) == 0,
	    "out and why may be NULL");

	id_bad("110101199003074257", "check digit is 8, not 7");
	id_bad("11010519491231002", "17 digits, not 18: if Excel dropped a "
	    "leading zero, format the column as Text in Excel and save again");
	id_bad("3.71399E+17", "a number in scientific notation, as Excel "
	    "shows a long one: format the column as Text in Excel and save "
	    "again");
	id_bad("371399199001011000", "check digit is 5, not 0; it ends in 000, "
	    "as a number does that Excel kept to 15 digits: format the "
	    "column as Text");
	id_bad("1101051949123100200", "not 18 characters");
	id_bad("", "not 18 characters");
	id_bad("张三", "not 18 characters");
	id_bad("11010519491231002A", "last character is not a digit or X");
	id_bad("1101051949123100AX", "character 17 is not a digit");
	id_bad("1101O5194912310021", "character 5 is not a digit");
	id_bad("110101199913010018", "birth date 19991301 does not exist");
	id_bad("110101199902290018", "birth date 19990229 does not exist");
	id_bad("110101201304310018", "birth date 20130431 does not exist");
	id_bad("110101201300100018", "birth date 20130010 does not exist");
	id_bad("110101000001010018", "birth date 00000101 does not exist");
	/* what a Chinese input method in full-width mode types */
	id_bad("11010519491231002\xEF\xBC\xB8",
	    "last character is not a digit or X");
	id_bad("1101\xEF\xBC\x90" "5194912310021",
	    "character 5 is not a digit");
	id_bad("440524188001010014 ", "not 18 characters");
}

static void
phone_ok(const char *s, const char *want)
{
	char out[32] = "";
	const char *why = "(unset)";

	is_int(valid_phone(s, out, &why), 0, "phone '%s' is good", s);
	is_str(out, want, "stored as %s", want);
}

static const char phone_why[] = "not a mobile (1[3-9] and 9 more digits) "
    "or landline (0AREA-NUMBER) number";

static void
phone_bad(const char *s, const char *want_why)
{
	char out[32];
	const char *why = NULL;

	is_int(valid_phone(s, out, &why), -1, "phone '%s' is bad", s);
	is_str(why, want_why, "because %s", want_why);
}

static void
test_phone(void)
{
	phone_ok("13800138000", "13800138000");
	phone_ok("19912345678", "19912345678");
	phone_ok("138 0013 8000", "13800138000");
	phone_ok("138-0013-8000", "13800138000");
	phone_ok("+86 138 0013 8000", "13800138000");
	phone_ok("+86-13800138000", "13800138000");
	phone_ok("8613800138000", "13800138000");
	phone_ok("0539-1234567", "0539-1234567");
	phone_ok("0539-12345678", "0539-12345678");
	phone_ok("0539 12345678", "053912345678");
	phone_ok("053912345678", "053912345678");
	phone_ok("010-12345678", "010-12345678");
	phone_ok("01012345678", "01012345678");
	phone_ok("021-1234567-123", "021-1234567-123");
	phone_ok("0371 6688 1234 - 8", "037166881234-8");
	phone_ok("05391234567-123456", "05391234567-123456");

	phone_bad("", "empty");
	phone_bad("   ", "empty");
	phone_bad("12800138000", phone_why);
	phone_bad("1380013800", phone_why);
	phone_bad("138001380001", phone_why);
	phone_bad("+85 13800138000", phone_why);
	phone_bad("86138001380001", phone_why);
	phone_bad("1380013800a", phone_why);
	phone_bad("0539-123456", phone_why);
	phone_bad("0539-123456789", phone_why);
	phone_bad("0539-1234567-1234567", phone_why);
	phone_bad("0539-1234567-", phone_why);
	phone_bad("0539--1234567", phone_why);
	phone_bad("011-12345678", phone_why);
	phone_bad("013800138000", phone_why);
	phone_bad("5391234567", "a landline without its leading 0: if Excel "
	    "dropped it, format the column as Text in Excel and save again");
	phone_bad("1.38001E+10", "a number in scientific notation, as Excel "
	    "shows a long one: format the column as Text in Excel and save "
	    "again");
	phone_bad("电话 13800138000", phone_why);
	phone_bad("1 3 8 0 0 1 3 8 0 0 0 1 3 8 0 0 1 3 8 0 0 0", phone_why);
	phone_bad("abc", phone_why);
}

static void
code_ok(const char *s, const char *what)
{
	const char *why = NULL;

	is_int(valid_code(s, &why), 0, "code %s is good", what);
}

static void
code_bad(const char *s, const char *what, const char *want_why)
{
	const char *why = NULL;

	is_int(valid_code(s, &why), -1, "code %s is bad", what);
	is_str(why, want_why, "because %s", want_why);
}

static void
test_code(void)
{
	char s[80];

	code_ok("370102001", "370102001");
	code_ok("410102001002-03", "410102001002-03");
	code_ok("网格01", "网格01");
	code_ok("a.b_c:d", "with punctuation");
	memset(s, '7', 64);
	s[64] = '\0';
	code_ok(s, "of 64 bytes");
	s[0] = '\0';
	while (strlen(s) < 63)
		strcat(s, "网");
	code_ok(s, "of 21 Chinese characters (63 bytes)");
	strcat(s, "网");
	code_bad(s, "of 22 Chinese characters (66 bytes)",
	    "longer than 64 bytes");
	memset(s, '7', 65);
	s[65] = '\0';
	code_bad(s, "of 65 bytes", "longer than 64 bytes");
	code_bad("", "''", "empty");
	code_bad("3.71323E+15", "as Excel writes a long number",
	    "a number in scientific notation, as Excel shows a long one: "
	    "format the column as Text in Excel and save again");
	code_bad("1E5", "as Excel writes a number", "a number in scientific "
	    "notation, as Excel shows a long one: format the column as Text "
	    "in Excel and save again");
	code_ok("E5", "a letter and a digit");
	code_ok("1.5", "a number with a dot");
	code_bad("a b", "'a b'", "contains a blank");
	code_bad(" ab", "' ab'", "contains a blank");
	code_bad("a\tb", "with a tab", "contains a blank");
	code_bad("ab\n", "with a newline", "contains a blank");
	code_bad("网\xE3\x80\x80格", "with U+3000", "contains a blank");
	code_bad("a\xC2\xA0" "b", "with U+00A0", "contains a blank");
	code_bad("a\xE2\x80\x8B" "b", "with a zero width space",
	    "contains a blank");
	code_bad("\xEF\xBB\xBF" "ab", "with a BOM", "contains a blank");
	code_bad("a\x01" "b", "with U+0001", "contains a control character");
	code_bad("a\x7F", "with DEL", "contains a control character");
	code_bad("a\xC2\x80", "with U+0080", "contains a control character");
	code_bad("a/b", "'a/b'", "contains '/'");
	code_bad("a;b", "'a;b'", "contains ';'");
	code_bad("a\xC0\x80", "with an overlong NUL", "not valid UTF-8");
	code_bad("\xE7\xBD", "with half a character", "not valid UTF-8");
}

/* out is written through a buffer with guards either side */
static void
masked(void (*fn)(const char *, char *, size_t), const char *s, size_t n,
    const char *want, const char *what)
{
	char buf[80];

	memset(buf, '#', sizeof buf);
	fn(s, buf + 8, n);
	is_str(buf + 8, want, "mask %s", what);
	ok(buf[7] == '#' && buf[8 + n] == '#' &&
	    memchr(buf + 8, '\0', n) != NULL, "mask %s stays inside %zu bytes",
	    what, n);
}

static void
test_mask(void)
{
	masked(mask_idnum, "371399199001011234", 32, "371399********1234",
	    "an ID");
	masked(mask_idnum, "11010519491231002X", 32, "110105********002X",
	    "an ID ending in X");
	masked(mask_idnum, "110101199003074257", 32, "110101********4257",
	    "an ID with a wrong check digit (still masked as an ID)");
	masked(mask_idnum, "371399900101123", 32, "371399*****1123",
	    "a 15-digit ID of the first generation");
	masked(mask_idnum, "37139919900101123", 32, "*****************",
	    "17 digits, whole");
	masked(mask_idnum, "abc", 32, "***", "'abc', whole");
	masked(mask_idnum, "张三", 32, "**", "'张三', whole");
	masked(mask_idnum, "", 32, "", "''");
	masked(mask_idnum, "371399199001011234", 10, "371399***",
	    "into 10 bytes");

	masked(mask_phone, "13800138000", 32, "138****8000", "a mobile");
	masked(mask_phone, "+86 138 0013 8000", 32, "138****8000",
	    "a mobile as typed");
	masked(mask_phone, "0539-12341234", 32, "0539-****1234", "a landline");
	masked(mask_phone, "053912341234", 32, "0539-****1234",
	    "a landline without a dash");
	masked(mask_phone, "010-1234567", 32, "010-***4567",
	    "a Beijing landline of 7 digits");
	masked(mask_phone, "02112345678", 32, "021-****5678",
	    "a Shanghai landline without a dash");
	masked(mask_phone, "0539-12345678-123", 32, "0539-****5678-***",
	    "a landline with an extension");
	masked(mask_phone, "12345", 32, "*****", "'12345', whole");
	masked(mask_phone, "电话", 32, "**", "'电话', whole");
	masked(mask_phone, "13800138000", 5, "138*", "into 5 bytes");

	masked(mask_name, "张三", 32, "张*", "张三");
	masked(mask_name, "欧阳修", 32, "欧**", "欧阳修");
	masked(mask_name, "司马相如", 32, "司***", "司马相如");
	masked(mask_name, "张", 32, "张", "a name of one character");
	masked(mask_name, "Zhang San", 32, "Z********", "Zhang San");
	masked(mask_name, "", 32, "", "''");
	masked(mask_name, "\xD5\xC5\xC8\xFD", 32, "****",
	    "张三 in GBK (not UTF-8), whole");
	masked(mask_name, "欧阳修", 4, "欧", "into 4 bytes");
	masked(mask_name, "欧阳修", 3, "", "into 3 bytes: not half a character");
}

static unsigned long long lcg = 11643;

static int
pick(int n)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((lcg >> 33) % (unsigned)n);
}

/* good values with up to three characters changed, dropped or added */
static void
mutant(char *s, size_t n)
{
	static const char *good[] = {
		"11010519491231002X", "440524188001010014", "13800138000",
		"+86 138 0013 8000", "0539-12345678-123", "010-1234567",
		"张三", "欧阳修", "网格01"
	};
	static const char alpha[] = "0123456789Xx+- /;\xE5\xBC\xA0";
	size_t len;
	int k, at;

	snprintf(s, n, "%s", good[pick(sizeof good / sizeof good[0])]);
	for (k = pick(4); k > 0; k--) {
		len = strlen(s);
		at = pick((int)len + 1);
		switch (pick(3)) {
		case 0:
			if (at < (int)len)
				s[at] = alpha[pick(sizeof alpha - 1)];
			break;
		case 1:
			memmove(s + at, s + at + (at < (int)len), len - at + 1);
			break;
		default:
			if (len + 1 < n) {
				memmove(s + at + 1, s + at, len - at + 1);
				s[at] = alpha[pick(sizeof alpha - 1)];
			}
		}
	}
}

/* no check reads or writes out of bounds (ASan watches), what is stored
 * passes again unchanged, and a mask is never longer than its value */
static void
test_fuzz(void)
{
	char s[40], out[40], again[40], m[40];
	int i, good = 0, bad = 0;

	for (i = 0; i < 200000; i++) {
		mutant(s, sizeof s);
		if (valid_idnum(s, out, NULL) == 0) {
			good++;
			bad += valid_idnum(out, again, NULL) < 0 ||
			    strcmp(out, again) != 0;
		}
		if (valid_phone(s, out, NULL) == 0) {
			good++;
			bad += valid_phone(out, again, NULL) < 0 ||
			    strcmp(out, again) != 0;
		}
		valid_code(s, NULL);
		mask_idnum(s, m, sizeof m);
		bad += strlen(m) > strlen(s);
		mask_name(s, m, sizeof m);
		bad += strlen(m) > strlen(s);
		mask_phone(s, m, sizeof m);
		bad += strlen(m) > 31;
	}
	printf("# %d changed values passed a check\n", good);
	is_int(bad, 0, "200000 changed values: checks are idempotent, masks "
	    "fit");
}

int
main(void)
{
	test_check();
	test_idnum();
	test_phone();
	test_code();
	test_mask();
	test_fuzz();
	return done_testing();
}
