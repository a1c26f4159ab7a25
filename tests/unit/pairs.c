/* unit tests of lib/pairs.c: pairs with history, visits */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fixture.h"
#include "pairs.h"
#include "tap.h"

static int64_t
t(const char *s)
{
	int64_t v;

	clk_parse(s, &v, NULL);
	return v;
}

int
main(void)
{
	struct store *st = fixture_store();
	struct sbuf why = { 0 };
	char *c;

	c = pair_current(st, "H1");
	is_str(c, "K3", "the current cadre");
	free(c);
	ok(pair_current(st, "H2") == NULL, "a household without one");
	is_int(pair_set(st, "H1", "K3", t("2013-06-01"), &why), 0,
	    "pairing again with the same cadre changes nothing");
	is_int(pair_set(st, "H1", "K2", t("2013-06-01"), &why), 1,
	    "pairing with another moves it");
	is_int(store_int(st, "SELECT count(*) FROM pairs WHERE household = 'H1'",
	    NULL), 2, "the old pair is kept");
	is_int(store_int(st, "SELECT count(*) FROM pairs WHERE household = 'H1'"
	    " AND ended_at IS NULL", NULL), 1, "and ended");
	ok(pair_set(st, "H2", "K4", t("2013-06-01"), &why) < 0 &&
	    strstr(sb_str(&why), "has left"), "a cadre who left gets none");
	sb_reset(&why);
	ok(pair_set(st, "H9", "K3", t("2013-06-01"), &why) < 0 &&
	    strstr(sb_str(&why), "household 'H9' does not exist"),
	    "no such household");

	/* visits: K3 had H1 from 2013-06-01 (first pair: also before) */
	sb_reset(&why);
	is_int(visit_add(st, "K3", "H1", t("2013-05-20 10:00:30"), "走访", &why),
	    1, "a visit before the first pair was recorded counts");
	is_int(visit_add(st, "K3", "H1", t("2013-05-20 10:00:59"), NULL, &why),
	    0, "the same minute again is the same visit");
	ok(visit_add(st, "K3", "H1", t("2013-06-02 10:00"), NULL, &why) < 0 &&
	    strstr(sb_str(&why), "was not paired with cadre 'K3'") &&
	    strstr(sb_str(&why), "its cadre was 'K2'"),
	    "after the move it is not his, and the message says whose");
	sb_reset(&why);
	is_int(visit_add(st, "K2", "H1", t("2013-06-02 10:00"), NULL, &why), 1,
	    "the new cadre's visit counts");
	ok(visit_add(st, "K2", "H1", t("2013-08-01"), NULL, &why) < 0 &&
	    strstr(sb_str(&why), "in the future"), "a visit in the future");
	sb_reset(&why);
	ok(visit_add(st, "K3", "H2", t("2013-06-02"), NULL, &why) < 0 &&
	    strstr(sb_str(&why), "it had no cadre"), "a household with no cadre");
	is_int(store_int(st, "SELECT at % 60 FROM visits LIMIT 1", NULL), 0,
	    "visits are kept to the minute");
	is_int(pair_end(st, "H1", t("2013-06-20")), 1, "end a pair");
	ok(pair_current(st, "H1") == NULL, "then it has none");
	sb_free(&why);
	store_close(st);
	return done_testing();
}
