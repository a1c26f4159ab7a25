/* unit tests of lib/ilist.c: every filter of issue-list that has an index
 * is led by it (EXPLAIN QUERY PLAN, the same plans as on a store of
 * millions, since the store has no statistics), never a scan of the
 * issues; a category, a level, a status that is not live read the table
 * (schema.c, migration 4); levels
 * by depth and by name; the checks */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "issue_list.h"
#include "tap.h"

static struct store *st;

/* the plan of the query for o, its details joined by "; " */
static const char *
plan(const struct issue_list_opts *o)
{
	static struct sbuf b;
	struct sbuf q = { 0 };
	struct sql_stmt *s;

	sb_puts(&q, "EXPLAIN QUERY PLAN ");
	issue_list_sql(o, SQL_SQLITE, &q);
	s = store_prepare(st, sb_str(&q));
	sb_reset(&b);
	while (store_step(st, s) == SQL_ROW) {
		sb_puts(&b, sql_col_text(s, 3));
		sb_puts(&b, "; ");
	}
	sql_finalize(s);
	sb_free(&q);
	return sb_str(&b);
}

static void
led_by(const struct issue_list_opts *o, const char *index, const char *what)
{
	const char *p = plan(o);

	if (!ok(strstr(p, index) && !strstr(p, "SCAN i"), "%s: %s", what,
	    index))
		printf("#   plan: %s\n", p);
}

#define OPTS(...) (&(struct issue_list_opts){ .rung = -1, __VA_ARGS__ })

int
main(void)
{
	struct sbuf why = { 0 };

	st = fixture_store();

	led_by(OPTS(.status = "open"), "USING INDEX issues_live (status=?)",
	    "--status");
	led_by(OPTS(.status = "open,routed"),
	    "USING INDEX issues_live (status=?)", "--status, two of them");
	led_by(OPTS(.status = "parked,resolved"),
	    "USING INDEX issues_live (status=?)", "--status, parked or resolved");
	ok(strstr(plan(OPTS(.status = "open,closed")), "SCAN i") != NULL,
	    "--status with one that is not live: the table (closed is most "
	    "of it)");
	led_by(OPTS(.grid = "T1"), "USING INDEX issues_grid (grid=?)",
	    "--grid");
	led_by(OPTS(.grid = "T1"), "USING INDEX grids_path",
	    "--grid: the subtree is a range of paths");
	led_by(OPTS(.unit = "U01"), "USING INDEX issues_unit (unit=?)",
	    "--unit");
	ok(strstr(plan(OPTS(.category = "低保")), "SCAN i") != NULL,
	    "--category alone: the table (a handful of values, no index)");
	led_by(OPTS(.household = "H1"),
	    "USING INDEX issues_household (household=?)", "--household");
	led_by(OPTS(.cadre = "K3"), "USING INDEX issues_cadre (cadre=?)",
	    "--cadre");
	ok(strstr(plan(&(struct issue_list_opts){ .rung = 3 }), "SCAN i") !=
	    NULL, "--level alone: the table (a handful of values, no index)");
	led_by(OPTS(.overdue = 1, .now = 1), "USING INDEX issues_due (due_at<?)",
	    "--overdue: the partial index of open deadlines");
	led_by(OPTS(.since = 1), "USING INDEX issues_filed (filed_at>? AND "
	    "filed_at<?)", "--since alone");
	led_by(OPTS(.until = 1), "USING INDEX issues_filed (filed_at>? AND "
	    "filed_at<?)", "--until alone");
	led_by(OPTS(.ref = "T-1"), "USING INDEX sqlite_autoindex_issues_1 "
	    "(ref=?)", "--ref");

	/* together, the most selective leads */
	led_by(OPTS(.status = "closed", .since = 1, .until = 2),
	    "issues_filed", "closed last month: by the dates, not the status");
	led_by(OPTS(.status = "open", .grid = "T1", .unit = "U01"),
	    "issues_unit", "a unit's open issues in a subtree: by the unit");
	led_by(OPTS(.overdue = 1, .unit = "U01", .now = 1), "issues_due",
	    "a unit's overdue issues: by the deadlines");
	led_by(OPTS(.household = "H1", .status = "open", .overdue = 1, .now = 1),
	    "issues_household", "a household's: by the household");
	ok(strstr(plan(OPTS(0)), "SCAN i"), "no filter: every issue");

	/* levels */
	is_int(issue_list_rung(st, "3"), 3, "a level by depth");
	is_int(issue_list_rung(st, "乡镇"), 2, "a level by name");
	is_int(issue_list_rung(st, "联系干部"), 0, "the cadre rung by its name");
	is_int(issue_list_rung(st, "cadre"), -1,
	    "'cadre' is not a name when a level names depth 0");
	store_exec(st, "DELETE FROM levels WHERE depth = 0");
	is_int(issue_list_rung(st, "cadre"), 0, "but it is when none does");
	is_int(issue_list_rung(st, "省"), -1, "no such level");
	is_int(issue_list_rung(st, "65"), -1, "no such depth");

	/* checks */
	ok(issue_list_check(st, OPTS(.status = "open,closed"), &why) == 0,
	    "statuses");
	ok(issue_list_check(st, OPTS(.status = "open,done"), &why) != 0 &&
	    strstr(sb_str(&why), "no status 'done'"), "an unknown status");
	sb_reset(&why);
	ok(issue_list_check(st, OPTS(.status = "open,open,open,open,open,open,open,"
	    "open"), &why) != 0 && strstr(sb_str(&why), "one status too many"),
	    "at most seven, as many as there are states");
	sb_reset(&why);
	ok(issue_list_check(st, OPTS(.grid = "X9"), &why) != 0 &&
	    strstr(sb_str(&why), "grid 'X9' does not exist"), "an unknown grid");
	sb_free(&why);
	store_close(st);
	return done_testing();
}
