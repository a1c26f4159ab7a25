/* unit tests of lib/issue.c: filing, the ladder, transitions, escalation */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fixture.h"
#include "issue.h"
#include "tap.h"

static struct store *st;
static struct ictx c;

static int64_t
file(const char *household, const char *grid, const char *category,
    const char *text, const char *ref)
{
	struct issue_new in = { household, grid, category, text, NULL, NULL,
		NULL, NULL, ref };
	struct sbuf why = { 0 };
	int64_t id = 0;
	int rc = issue_file(&c, &in, &id, &why);

	if (rc < 0)
		printf("# file: %s\n", sb_str(&why));
	sb_free(&why);
	return rc < 0 ? -1 : rc == 0 ? -id : id;
}

static const char *
status(int64_t id)
{
	static char buf[32];
	struct issue is;

	if (!issue_get(st, id, &is))
		return "none";
	snprintf(buf, sizeof buf, "%s/%d/%s", is.status, is.rung,
	    is.rung_grid ? is.rung_grid : is.cadre ? is.cadre : "-");
	issue_free(&is);
	return buf;
}

static int
act(int64_t id, enum issue_action a, const char *arg, struct sbuf *why)
{
	sb_reset(why);
	return issue_act(&c, id, a, arg, NULL, why);
}

/* a new context at a later time, as the next program run would have */
static void
at(const char *when)
{
	ictx_free(&c);
	setenv("GRID_NOW", when, 1);
	ictx_init(&c, st);
	clk_parse(when, &c.now, NULL);
}

int
main(void)
{
	struct sbuf why = { 0 };
	struct escalation e;
	struct issue is;
	int64_t a, b, d, g, x;
	char buf[CLK_BUFSZ];

	st = fixture_store();
	ictx_init(&c, st);

	/* the ladder: a paired household starts with its cadre */
	a = file("H1", NULL, "市容", "门口有摊贩", "T-1");
	is_str(status(a), "open/0/K3", "a paired household starts with its cadre");
	issue_get(st, a, &is);
	is_str(is.grid, "V11", "the issue's grid is the household's");
	is_str(clk_fmt(is.due_at, buf), "2013-07-04 09:00:00",
	    "the deadline: 72 hours of the cadre rung");
	issue_free(&is);
	b = file("H2", NULL, "低保", "申请低保", NULL);
	is_str(status(b), "open/3/V11", "an unpaired household starts at its grid");
	x = file("H3", NULL, "其他", "其他事", NULL);
	is_str(status(x), "open/3/V12",
	    "a household whose cadre has left starts at its grid");
	g = file(NULL, "T2", "市容", "巡查发现垃圾", NULL);
	is_str(status(g), "open/2/T2", "an issue found at a township");
	is_int(file("H1", NULL, "市容", "again", "T-1"), -a,
	    "a ref already in the store gives the earlier issue");
	is_int(file("H9", NULL, "x", "y", NULL), -1, "no such household");
	is_int(file("H1", "V12", "x", "y", NULL), -1,
	    "a household in another grid than the one given");
	is_int(file(NULL, NULL, "x", "y", NULL), -1, "neither household nor grid");

	/* routing */
	ok(issue_route(&c, a, &(struct iroute){ "U01", "U02", 8, 10, NULL },
	    NULL, &why) == 0, "route by rule");
	is_str(status(a), "routed/0/K3", "routed, still on its rung");
	issue_get(st, a, &is);
	is_str(clk_fmt(is.due_at, buf), "2013-07-01 17:00:00",
	    "the rule's 8 hours");
	is_str(is.assist, "U02", "the assisting units");
	issue_free(&is);
	sb_reset(&why);
	ok(issue_route(&c, a, &(struct iroute){ "U02", NULL, 8, 10, NULL },
	    NULL, &why) != 0 &&
	    strstr(sb_str(&why), "issue 1 is routed: only an open issue can be "
	    "routed"), "the rules route only open issues");
	ok(issue_route(&c, a, &(struct iroute){ "U02", NULL, 8, 0, NULL },
	    NULL, &why) == 0,
	    "by hand it can be routed again");
	sb_reset(&why);
	ok(issue_route(&c, b, &(struct iroute){ "U99", NULL, 8, 0, NULL },
	    NULL, &why) != 0 &&
	    strstr(sb_str(&why), "unit 'U99' does not exist"), "no such unit");

	/* transitions and refusals */
	ok(act(b, ACT_ACCEPT, NULL, &why) != 0 &&
	    strstr(sb_str(&why), "issue 2 is open: only a routed issue can be "
	    "accepted"), "accepting an open issue is refused, naming its state");
	ok(act(a, ACT_ACCEPT, NULL, &why) == 0, "accept");
	ok(act(a, ACT_CLOSE, NULL, &why) != 0, "close before resolve is refused");
	ok(act(a, ACT_RESOLVE, "已清理", &why) == 0, "resolve with an answer");
	ok(act(a, ACT_FEEDBACK, "unsatisfied", &why) == 0,
	    "an unsatisfied resident");
	is_str(status(a), "routed/0/K3", "reopens it, back to its unit");
	issue_get(st, a, &is);
	ok(!is.answer && !is.resolved_at && !is.accepted_at,
	    "the old answer and times are cleared");
	issue_free(&is);
	ok(act(a, ACT_RESOLVE, "再次清理", &why) == 0 &&
	    act(a, ACT_FEEDBACK, "satisfied", &why) == 0,
	    "resolved again; satisfied");
	is_str(status(a), "resolved/0/K3", "satisfaction does not close it");
	ok(act(a, ACT_CLOSE, NULL, &why) == 0, "close");
	ok(act(a, ACT_FEEDBACK, "great", &why) != 0 &&
	    strstr(sb_str(&why), "must be satisfied, basic or unsatisfied"),
	    "feedback must be one of three");
	ok(act(a, ACT_RATE, "5", &why) == 0, "rate the unit");
	ok(act(a, ACT_RATE, "6", &why) != 0, "ratings are 1 to 5");
	ok(act(b, ACT_RATE, "3", &why) != 0 &&
	    strstr(sb_str(&why), "has no unit"), "no unit to rate");
	ok(act(b, ACT_RESOLVE, NULL, &why) == 0,
	    "the grid resolves a small matter straight from open");
	ok(act(x, ACT_REJECT, NULL, &why) != 0 &&
	    strstr(sb_str(&why), "needs a reason"), "a rejection needs a reason");
	ok(act(x, ACT_REJECT, "不属于政府职责", &why) == 0, "reject");
	ok(act(x, ACT_REOPEN, NULL, &why) == 0, "a rejected issue reopens");
	is_str(status(x), "open/3/V12", "open again on its rung");
	d = file("H2", NULL, "低保", "申请低保(重复)", NULL);
	ok(act(d, ACT_DUPLICATE, "2", &why) == 0, "a duplicate");
	issue_get(st, d, &is);
	ok(strcmp(is.status, "rejected") == 0 && is.duplicate_of == b,
	    "rejected, linked to the original");
	issue_free(&is);
	{
		int64_t target = 0;

		sb_reset(&why);
		ok(issue_act(&c, d, ACT_NOTE, "补充材料", &target, &why) == 0 &&
		    target == b, "a note on the duplicate lands on the original");
	}
	ok(act(b, ACT_DUPLICATE, "2", &why) != 0, "resolved: not a duplicate");
	ok(act(x, ACT_DUPLICATE, "3", &why) != 0 &&
	    strstr(sb_str(&why), "duplicate of itself"), "nor of itself");
	is_int(store_int(st, "SELECT count(*) FROM evaluations", NULL), 3,
	    "feedback and ratings are evaluations");
	/* filed, routed twice, accepted, resolved, feedback, reopened,
	 * resolved, feedback, closed, rated: the refusals left nothing */
	is_int(store_int(st, "SELECT count(*) FROM events WHERE issue = 1", NULL),
	    11, "every change of issue 1 is an event");

	/* escalation up the ladder, one rung a night */
	at("2013-07-10 02:00");
	is_int(issue_escalate(&c, x, &e), 1, "an overdue issue goes up");
	ok(e.from == 3 && e.to == 2 && strcmp(e.to_grid, "T1") == 0 &&
	    e.held_by == NULL, "from the village to the township; no leader "
	    "held the village");
	escalation_free(&e);
	is_int(issue_escalate(&c, x, &e), 0, "not twice in one night");
	escalation_free(&e);
	is_int(issue_escalate(&c, b, &e), 0, "a resolved issue stays");
	escalation_free(&e);
	at("2013-07-25 02:00");
	is_int(issue_escalate(&c, x, &e), 1, "the next time it is due");
	ok(e.from == 2 && e.to == 1 && strcmp(e.held_by, "K2") == 0,
	    "to the county, held by the township's leader");
	escalation_free(&e);
	at("2013-09-01 02:00");
	is_int(issue_escalate(&c, x, &e), 2, "at the root it is flagged");
	escalation_free(&e);
	is_int(issue_escalate(&c, x, &e), ESC_AT_ROOT, "flagged once, then "
	    "told as waiting at the root");
	escalation_free(&e);
	is_int(store_int(st, "SELECT count(*) FROM events WHERE kind ="
	    " 'flagged'", NULL), 1, "one flagged event, however many nights");
	is_int(store_int(st, "SELECT count(*) FROM accountability", NULL), 2,
	    "one accountability record an escalation");
	is_int(store_int(st, "SELECT round(hours_over) FROM accountability"
	    " ORDER BY id LIMIT 1", NULL), 89,
	    "hours over: due 07-06 09:00 (120 h), escalated 07-10 02:00");

	/* a cadre's issue climbs to the household's grid */
	at("2013-07-01 09:00");
	a = file("H1", NULL, "其他", "小事", NULL);
	at("2013-07-05 02:00");
	is_int(issue_escalate(&c, a, &e), 1, "the cadre let it pass");
	ok(e.from == 0 && e.to == 3 && strcmp(e.to_grid, "V11") == 0 &&
	    strcmp(e.held_by, "K3") == 0, "up to the village, held by the cadre");
	escalation_free(&e);

	/* working time */
	store_exec(st, "INSERT INTO calendar VALUES ('2013-10-01', 'holiday'),"
	    " ('2013-10-02', 'holiday'), ('2013-10-03', 'holiday'),"
	    " ('2013-10-04', 'holiday'), ('2013-10-07', 'holiday'),"
	    " ('2013-10-12', 'workday')");
	at("2013-09-30 16:00");
	a = file("H2", NULL, "其他", "节前", NULL);
	issue_get(st, a, &is);
	/* 1 h on 09-30, then 8 h a day from 10-08, the Saturday 10-12
	 * included: 14 days and 7 hours */
	is_str(clk_fmt(is.due_at, buf), "2013-10-25 16:00:00",
	    "120 working hours skip the holidays and count the make-up Saturday");
	issue_free(&is);
	{
		char *n = issue_level_name(st, 0);

		is_str(n, "联系干部", "a level's name");
		free(n);
		n = issue_level_name(st, 7);
		is_str(n, "depth 7", "a depth without a level");
		free(n);
	}
	ok(issue_id("#12") == 12 && issue_id("12") == 12 && issue_id("x") == 0 &&
	    issue_id("0") == 0, "issue_id");
	sb_free(&why);
	ictx_free(&c);
	store_close(st);
	return done_testing();
}
