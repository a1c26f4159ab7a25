/* unit tests of lib/util.c: buffers, numbers, sets */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"

int
main(void)
{
	struct sbuf b = { 0 };
	struct strset s = { 0 };
	struct keymap m = { 0 };
	struct countset c = { 0 };
	char big[70000];
	long v;
	double h;
	char key[16], lkey[40];
	int i, all = 1;

	is_str(sb_str(&b), "", "an empty buffer reads as \"\"");
	sb_puts(&b, "网格");
	sb_putc(&b, '-');
	sb_printf(&b, "%d/%s", 42, "x");
	is_str(sb_str(&b), "网格-42/x", "puts, putc, printf append");
	is_int(b.len, strlen("网格-42/x"), "the length follows");
	for (i = 0; i < 10000; i++)
		sb_putc(&b, 'y');
	is_int(b.len, strlen("网格-42/x") + 10000, "it grows");
	sb_reset(&b);
	is_str(sb_str(&b), "", "reset empties it");
	sb_add(&b, "a\0b", 3);
	is_int(b.len, 3, "sb_add takes bytes, NULs too");
	sb_free(&b);

	ok(parse_long("42", 0, 100, &v) == 0 && v == 42, "parse_long");
	ok(parse_long("101", 0, 100, &v) != 0, "parse_long: above the range");
	ok(parse_long("4x", 0, 100, &v) != 0 && parse_long("", 0, 9, &v) != 0 &&
	    parse_long(NULL, 0, 9, &v) != 0, "parse_long: not a number");
	ok(parse_hours("1.5", &h) == 0 && h == 1.5, "parse_hours");
	ok(parse_hours("-1", &h) != 0 && parse_hours("inf", &h) != 0 &&
	    parse_hours("nan", &h) != 0 && parse_hours("1e9", &h) != 0,
	    "parse_hours refuses negatives, infinities and absurd values");

	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "G%d", i * 7);
		strset_add(&s, key);
	}
	strset_add(&s, "G0");
	is_int(s.n, 5000, "a set holds each key once");
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "G%d", i * 7);
		all &= strset_has(&s, key);
	}
	ok(all, "and finds every one");
	ok(!strset_has(&s, "G1") && !strset_has(&s, ""), "and no other");
	strset_free(&s);
	ok(!strset_has(&s, "G0"), "a freed set is empty");

	ok(keymap_get(&m, "x") == NULL, "an empty map has no key");
	memset(big, 'k', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	keymap_put(&m, big, -1);
	for (i = 0; i < 50000; i++) {
		snprintf(key, sizeof key, "H%d", i);
		keymap_put(&m, key, i);
	}
	keymap_put(&m, "H7", 700);
	keymap_put(&m, "", 5);
	is_int(m.n, 50002, "a map holds each key once");
	all = 1;
	for (i = 0; i < 50000; i++) {
		snprintf(key, sizeof key, "H%d", i);
		all &= keymap_get(&m, key) && *keymap_get(&m, key) ==
		    (i == 7 ? 700 : i);
	}
	ok(all, "and finds every number, the last put of a key");
	ok(keymap_get(&m, big) && *keymap_get(&m, big) == -1 &&
	    keymap_get(&m, "") && *keymap_get(&m, "") == 5,
	    "a key longer than a block, and the empty key");
	ok(!keymap_get(&m, "H50000") && !keymap_get(&m, "H"), "and no other");
	keymap_free(&m);
	ok(!keymap_get(&m, "H1"), "a freed map is empty");

	/* codes of digits are kept as numbers: "01" is not "1", a code
	 * of 19 digits is a string, and so is the empty one */
	c.limit = 1 << 24;
	all = 1;
	for (i = 0; i < 3; i++) {
		all &= countset_add(&c, "1") == 0;
		all &= countset_add(&c, "01") == 0;
		all &= countset_add(&c, "001") == 0;
		all &= countset_add(&c, "0") == 0;
		all &= countset_add(&c, "") == 0;
		all &= countset_add(&c, "999999999999999999") == 0;
		all &= countset_add(&c, "1000000000000000000") == 0;
		all &= countset_add(&c, "18446744073709551617") == 0;
		all &= countset_add(&c, "1a") == 0;
		all &= countset_add(&c, "-1") == 0;
	}
	ok(all && countset_count(&c) == 10, "a count of distinct keys, "
	    "numbers and strings");
	/* numbers that differ in each 16 bits, each added three times
	 * far apart, and strings */
	for (i = 0; i < 3 * 70000; i++) {
		long long x = (long long)(i % 70000 + 1) * 999331 % 70001;

		snprintf(lkey, sizeof lkey, "%lld", x << 40 | x << 20 | x);
		all &= countset_add(&c, lkey) == 0;
		snprintf(lkey, sizeof lkey, "x%d", i % 50000);
		all &= countset_add(&c, lkey) == 0;
	}
	ok(all && countset_count(&c) == 10 + 70000 + 50000, "it sorts the "
	    "numbers, every 16 bits, and grows, got %ld", countset_count(&c));
	all = countset_add(&c, "4") == 0 && countset_add(&c, "1") == 0;
	ok(all && countset_count(&c) == 10 + 70000 + 50000 + 1,
	    "and adds after a count");
	countset_free(&c);
	ok(c.nnum == 0 && c.num == NULL && countset_count(&c) == 0,
	    "a freed count is empty");
	c.limit = 64 * 1024;
	for (i = 0, all = 0; i < 100000 && all == 0; i++) {
		snprintf(key, sizeof key, "%d", i % 10);
		all = countset_add(&c, key);
	}
	ok(all == -1 && i == 4097, "past its limit of bytes it says so "
	    "(after %d keys): numbers count each time they are added", i);
	countset_free(&c);
	c.limit = 256 * 1024;
	for (i = 0, all = 0; i < 100000 && all == 0; i++) {
		snprintf(lkey, sizeof lkey, "a-long-household-code-%d", i);
		all = countset_add(&c, lkey);
	}
	ok(all == -1 && c.nstr > 2000 && c.nstr < 8192, "and its strings "
	    "count in it (after %d keys)", i);
	countset_free(&c);
	return done_testing();
}
