/* scrub.c - masking numbers and names in free text (lib/scrub.c), and the
 * bars of stats tables (lib/stats.c) */
#include <stdlib.h>
#include <string.h>

#include "scrub.h"
#include "stats.h"
#include "tap.h"

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
	is_str(scrub("编号1234567"), "编号*******",
	    "any other number of seven digits is starred");
	is_str(scrub("12345-2013-000117"), "123452*****0117",
	    "groups of three or more digits go together");
	is_str(scrub("1234-5678"), "****-****",
	    "a number that is neither phone nor ID is starred, groups kept");
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
main(void)
{
	sc = scrub_new();
	numbers();
	names();
	scrub_free(sc);
	sc = NULL;
	is_str(scrub("张三13800138000"), "张三138****8000",
	    "without names, numbers only");
	bars();
	return done_testing();
}
