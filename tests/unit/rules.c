/* unit tests of lib/rules.c: order, categories, patterns */
#include <string.h>

#include "fixture.h"
#include "rules.h"
#include "tap.h"

static long
match(struct rules *rs, const char *cat, const char *text)
{
	const struct rule *r = rules_match(rs, cat, text, strlen(text), NULL);

	return r ? r->order : 0;
}

int
main(void)
{
	struct store *st = fixture_store();
	struct rules *rs = rules_load(st);
	struct sbuf why = { 0 };

	is_int(rules_count(rs), 4, "four rules");
	is_int(match(rs, "市容", "门口有摊贩占道经营"), 10,
	    "a pattern on the text, whatever the category");
	is_int(match(rs, "低保", "申请低保"), 20, "a category alone");
	is_int(match(rs, "低保", "急需低保"), 20,
	    "the first match wins: rule 20 before rule 30");
	is_int(match(rs, "低保", "摊贩占道"), 10,
	    "a rule without a category comes first when it is first");
	is_int(match(rs, "市容", "垃圾没人清理"), 40, "category and pattern");
	is_int(match(rs, "其他", "垃圾没人清理"), 0,
	    "category and pattern: both must match");
	is_int(match(rs, NULL, "什么都不是"), 0, "nothing matches");
	is_int(match(rs, "未知", "摊贩"), 10,
	    "a category no rule names meets the general rules");
	ok(rules_check("占道|摊贩", &why) == 0, "a good pattern");
	ok(rules_check("(占道", &why) != 0 &&
	    strstr(sb_str(&why), "does not compile at character 3: missing closing "
	    "parenthesis"), "a bad one, with PCRE2's message and the offset");
	sb_free(&why);
	rules_free(rs);
	store_close(st);
	return done_testing();
}
