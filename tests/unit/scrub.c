/* scrub.c - masking numbers and names in free text (lib/scrub.c), on the
 * cases below and on the corpus of tests/fixtures/scrub-corpus.tsv, and
 * the bars of stats tables (lib/stats.c) */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scrub.h"
#include "stats.h"
#include "tap.h"
#include "valid.h"

#define FIXTURE "tests/fixtures/scrub-corpus.tsv"

static struct scrub *sc;

/* s scrubbed, in a buffer of its own */
static const char *
scrub(const char *s)
{
	static struct sbuf b;

	sb_reset(&b);
	scrub_text(sc, s, &b);
	return sb_str(&b);
}

static void
numbers(void)
{
	is_str(scrub("请拨打13800138000联系"), "请拨打138****8000联系",
	    "a mobile in the text");
	is_str(scrub("电话 138 0013 8000。"), "电话 138****8000。",
	    "a mobile in groups");
	is_str(scrub("电话138-0013-8000"), "电话138****8000",
	    "a mobile with dashes");
	is_str(scrub("+86 138 0013 8000"), "138****8000", "with +86");
	is_str(scrub("+8613800138000"), "138****8000", "with +86, no blanks");
	is_str(scrub("座机0539-8572388"), "座机0539-***2388", "a landline");
	is_str(scrub("身份证371399193506195674"), "身份证371399********5674",
	    "an ID number");
	is_str(scrub("证37139919350619567x号"), "证371399********567X号",
	    "an ID number ending in x");
	is_str(scrub("旧证371399350619567"), "旧证371399*****9567",
	    "a 15-digit ID number");
	is_str(scrub("１３８００１３８０００"), "138****8000",
	    "full-width digits");
	is_str(scrub("编号1234567"), "编号1234567",
	    "a number that is neither phone nor ID stays");
	is_str(scrub("12345-2013-000117"), "12345-2013-000117",
	    "a hotline ticket stays");
	is_str(scrub("138.0539.2278"), "138****2278", "dots");
	is_str(scrub("134\u30001399\u30000058"), "134****0058",
	    "full-width spaces");
	is_str(scrub("1 3 8 0 0 1 3 8 0 0 0。"), "138****8000。",
	    "one digit at a time");
	is_str(scrub("（0539）8572388"), "0539-***2388",
	    "an area code in brackets, brackets gone with it");
	is_str(scrub("+86 539 8572388"), "0539-***2388",
	    "+86 before an area code without its 0");
	is_str(scrub("07-01 8572388"), "07-01 8572388",
	    "a date before a local number is not an area code");
	is_str(scrub("电话：857-2388，谢谢"), "电话：***2388，谢谢",
	    "a local number after a word that says it is a phone");
	is_str(scrub("电话费 3200000 元"), "电话费 3200000 元",
	    "but not an amount");
	is_str(scrub("2013-07-01 13800138000 2013-07-02"),
	    "2013-07-01 138****8000 2013-07-02",
	    "dates around a mobile stay");
	is_str(scrub("371399200012010006"), "371399200012010006",
	    "a household code whose middle reads as a date of 2000 stays: "
	    "its check digit is wrong");
	is_str(scrub("371399193506195670"), "371399********5670",
	    "an ID of a birth in the 1900s is masked whatever its check "
	    "digit");
	is_str(scrub("371399201003151230"), "371399201003151230",
	    "one of the 2000s needs its check digit, as codes read so");
	is_str(scrub("2013-07-01 13800138000"), "2013-07-01 138****8000",
	    "a date stays, a phone after it does not");
	is_str(scrub("住院花了7万多，3号楼2单元301，共120000元"),
	    "住院花了7万多，3号楼2单元301，共120000元",
	    "house numbers and amounts stay");
	is_str(scrub("12:30 到 2013年7月1日"), "12:30 到 2013年7月1日",
	    "times and dates stay");
	is_str(scrub(""), "", "empty");
	ok(strstr(scrub("a 13800138000 b 13900139000"), "0013") == NULL,
	    "every number in the text");
}

static void
names(void)
{
	scrub_name(sc, "张三");
	scrub_name(sc, "欧阳娜娜");
	scrub_name(sc, "徐家");
	scrub_name(sc, "王");
	scrub_keep(sc, "徐家峪村");
	is_str(scrub("张三家的狗咬了欧阳娜娜"), "张*家的狗咬了欧***",
	    "names are masked wherever they are");
	is_str(scrub("王大爷说张三"), "王大爷说张*",
	    "a name of one character is not taken");
	is_str(scrub("徐家峪村的徐家"), "徐家峪村的徐*",
	    "a place name is kept, the name elsewhere is not");
	is_str(scrub("张三电话13800138000"), "张*电话138****8000",
	    "names and numbers together");
}

/* the fixture, from the current directory or above the test binary */
static FILE *
open_fixture(const char *argv0)
{
	char path[PATH_MAX], *slash;
	FILE *fp;
	int up;

	if ((fp = fopen(FIXTURE, "r")))
		return fp;
	snprintf(path, sizeof path, "%s", argv0);
	for (up = 0; up < 6; up++) {
		if (!(slash = strrchr(path, '/')))
			return NULL;
		*slash = '\0';
		snprintf(slash, sizeof path - strlen(path), "/%s", FIXTURE);
		if ((fp = fopen(path, "r")))
			return fp;
		*slash = '\0';
	}
	return NULL;
}

/* the ASCII digits (and X) of s, full-width ones folded */
static void
digits_of(const char *s, char *d, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;

	for (; *u && k + 1 < n; u++) {
		if ((*u >= '0' && *u <= '9') || *u == 'X')
			d[k++] = (char)*u;
		else if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
		    u[2] <= 0x99)
			d[k++] = (char)('0' + u[2] - 0x90);
	}
	d[k] = '\0';
}

/* every line of the corpus: a number masked, a lookalike unchanged */
static void
corpus(const char *argv0)
{
	FILE *fp = open_fixture(argv0);
	char line[1024], mask[64], dig[1024], num[64];
	int leaks = 0, keeps = 0, bad = 0;

	if (!ok(fp != NULL, "open %s", FIXTURE))
		return;
	while (fgets(line, sizeof line, fp)) {
		char *kind = line, *number, *text;
		const char *got;

		line[strcspn(line, "\n")] = '\0';
		if (*line == '#' || !*line)
			continue;
		if (!(number = strchr(kind, '\t')) ||
		    !(text = strchr(++number, '\t'))) {
			printf("# bad corpus line: %s\n", line);
			bad++;
			continue;
		}
		number[-1] = *text++ = '\0';
		got = scrub(text);
		if (strcmp(kind, "keep") == 0) {
			keeps++;
			if (strcmp(got, text) != 0) {
				printf("# lookalike changed: '%s' -> '%s'\n", text,
				    got);
				bad++;
			}
			continue;
		}
		leaks++;
		if (strlen(number) <= 8)
			snprintf(mask, sizeof mask, "%.*s%s",
			    (int)strlen(number) - 4, "****",
			    number + strlen(number) - 4);
		else if (valid_phone(number, NULL, NULL) == 0)
			mask_phone(number, mask, sizeof mask);
		else
			mask_idnum(number, mask, sizeof mask);
		digits_of(number, num, sizeof num);
		digits_of(got, dig, sizeof dig);
		if (!strstr(got, mask) || strstr(dig, num)) {
			printf("# '%s' -> '%s', want %s in it\n", text, got, mask);
			bad++;
		}
	}
	fclose(fp);
	ok(leaks >= 100, "%d ways of writing a number", leaks);
	ok(keeps >= 100, "%d lookalikes", keeps);
	is_int(bad, 0, "every number of the corpus masked, every lookalike "
	    "kept");
}

static void
bars(void)
{
	char buf[64];

	is_str(stats_bar(0, 10, 4, buf), "", "no bar for nothing");
	is_str(stats_bar(10, 10, 4, buf), "\u2588\u2588\u2588\u2588",
	    "the largest fills the cells");
	is_str(stats_bar(5, 10, 4, buf), "\u2588\u2588", "half of it");
	is_str(stats_bar(1, 10, 4, buf), "\u258d",
	    "eighths: 1/10 of 32 is 3 eighths, rounded");
	is_str(stats_bar(1, 1000, 4, buf), "\u258f",
	    "anything above nothing shows");
	is_str(stats_bar(20, 10, 4, buf), "\u2588\u2588\u2588\u2588",
	    "never wider than the cells");
}

int
main(int argc, char *argv[])
{
	(void)argc;
	sc = scrub_new();
	numbers();
	corpus(argv[0]);
	names();
	scrub_free(sc);
	sc = NULL;
	is_str(scrub("张三13800138000"), "张三138****8000",
	    "without names, numbers only");
	bars();
	return done_testing();
}
