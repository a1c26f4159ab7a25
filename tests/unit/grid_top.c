/*
 * Unit tests of lib/board.c and lib/history.c on a real store: the counts
 * by each grouping, overdue and latest in order, subtrees, private text,
 * finding a grid by code or name, an issue's history, an empty store, and
 * that a frame leaves no transaction or statement open behind it, so that
 * a writer and a checkpoint go through at once.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grid_top.h"
#include "clock.h"
#include "issue.h"
#include "pairs.h"
#include "store.h"
#include "tap.h"
#include "tree.h"
#include "util.h"

static char dir[] = "/tmp/gridkit-board.XXXXXX";
static char path[64];
static int64_t now;   /* the clock of the filing: GRID_NOW */

static struct store *
fresh(const char *name)
{
	int from, to;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return store_create(path, &from, &to);
}

static void
county(struct store *st)
{
	static const char *const grids[][3] = {
		{ "371399", "清河县", NULL },
		{ "371399101", "城关镇", "371399" },
		{ "371399101201", "东关村", "371399101" },
		{ "371399101202", "西关村", "371399101" },
		{ "371399102", "新城镇", "371399" },
		{ "371399102201", "南村", "371399102" },
	};
	struct sbuf why = { 0 };
	size_t i;

	store_begin(st);
	store_exec(st, "INSERT INTO levels VALUES (0, '联系干部', 72),"
	    " (1, '县', 480), (2, '乡镇', 240), (3, '村', 120);"
	    "INSERT INTO units (code, name) VALUES ('U01', '城管局'),"
	    " ('U02', '民政局'),"
	    " ('U03', '水利局')");
	for (i = 0; i < sizeof grids / sizeof grids[0]; i++)
		tree_place(st, grids[i][0], grids[i][1], grids[i][2], NULL,
		    &why);
	store_exec(st, "INSERT INTO cadres (code, name, unit, grid) VALUES"
	    " ('C003', '张伟', 'U02', '371399101201');"
	    "INSERT INTO households (code, head, grid) VALUES"
	    " ('H001', '张三', '371399101201'), ('H003', '王五', '371399101202'),"
	    " ('H005', '钱七', '371399102201')");
	pair_set(st, "H001", "C003", now - 86400 * 30, &why);
	store_commit(st);
	sb_free(&why);
}

static int64_t
file(struct ictx *c, const char *household, const char *grid,
    const char *category, const char *text, const char *at, const char *priv)
{
	struct issue_new in = { .household = household, .grid = grid,
		.category = category, .text = text, .filed_at = at,
		.private = priv };
	struct sbuf why = { 0 };
	int64_t id = 0;

	if (issue_file(c, &in, &id, &why) != 1)
		printf("# cannot file: %s\n", sb_str(&why));
	sb_free(&why);
	return id;
}

/* five issues: #1 overdue on the cadre rung, #2 routed to U01, #3 private
 * and resolved, #4 long overdue at the township, #5 rejected */
static void
issues(struct store *st)
{
	struct ictx c;
	struct sbuf why = { 0 };

	store_begin(st);
	ictx_init(&c, st);
	file(&c, "H001", NULL, "市容环境", "东关村北门垃圾堆了8天没有清运",
	    "2014-01-01 10:00", NULL);
	file(&c, "H003", NULL, "市容环境", "西关村路边有人乱倒建筑垃圾",
	    "2014-01-05 10:00", NULL);
	file(&c, NULL, "371399102201", "社会救助", "家里的私事", "2014-01-02",
	    "1");
	file(&c, NULL, "371399101", "道路交通", "城关镇集市车辆乱停乱放",
	    "2013-12-01 10:00", NULL);
	file(&c, "H005", NULL, "其他", "咨询征兵报名的时间", "2014-01-06 09:00",
	    NULL);
	issue_route(&c, 2, &(struct iroute){ "U01", NULL, 5, 0, NULL }, NULL,
	    &why);
	issue_act(&c, 3, ACT_RESOLVE, "已办", NULL, &why);
	issue_act(&c, 5, ACT_REJECT, "不属于政府职责", NULL, &why);
	ictx_free(&c);
	store_commit(st);
	sb_free(&why);
}

static char *
print(const struct grid_top_frame *f, enum grid_top_panel p, unsigned flags)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	grid_top_print(f, p, OUT_TSV, flags, fp);
	fclose(fp);
	return buf;
}

/* 1 if no transaction is open and no statement is in the middle of a run */
static int
idle(struct store *st)
{
	sqlite3 *db = sql_sqlite(st->db);
	/* SQLite's own statement type, by what returns it */
	__typeof__(sqlite3_next_stmt(db, NULL)) s = NULL;

	if (!sqlite3_get_autocommit(db))
		return 0;
	while ((s = sqlite3_next_stmt(db, s)))
		if (sqlite3_stmt_busy(s))
			return 0;
	return 1;
}

static void
test_frame(struct store *st, struct grid_top *b)
{
	struct grid_top_frame f;
	char *t;
	int64_t at = now + 10 * 3600;

	grid_top_load(b, NULL, GRID_TOP_LEVEL, at, &f);
	ok(idle(st), "after a frame: no transaction, no statement running");
	t = print(&f, PANEL_COUNTS, 0);
	is_str(t,
	    "rung\tlevel\topen\trouted\taccepted\tparked\tresolved\tclosed\t"
	    "rejected\t"
	    "overdue\n"
	    "0\t联系干部\t1\t0\t0\t0\t0\t0\t0\t1\n"
	    "3\t村\t0\t1\t0\t0\t1\t0\t1\t1\n"
	    "2\t乡镇\t1\t0\t0\t0\t0\t0\t0\t1\n"
	    "1\t县\t0\t0\t0\t0\t0\t0\t0\t0\n",
	    "counts by level: every level, each status, the overdue, up the "
	    "ladder");
	free(t);
	is_int(f.total.overdue, 3, "three overdue in all");
	t = print(&f, PANEL_OVERDUE, 0);
	is_str(t,
	    "id\tdue_at\thours_over\trung\tlevel\tgrid\tgrid_name\tunit\t"
	    "unit_name\tcategory\ttext\n"
	    "4\t2013-12-11 10:00:00\t634\t2\t乡镇\t371399101\t城关镇\t\t\t"
	    "道路交通\t城关镇集市车辆乱停乱放\n"
	    "1\t2014-01-04 10:00:00\t58\t0\t联系干部\t371399101201\t东关村\t\t"
	    "\t市容环境\t东关村北门垃圾堆了8天没有清运\n"
	    "2\t2014-01-06 15:00:00\t5\t3\t村\t371399101202\t西关村\tU01\t"
	    "城管局\t市容环境\t西关村路边有人乱倒建筑垃圾\n",
	    "overdue: the most overdue first, with its hours over");
	free(t);
	t = print(&f, PANEL_LATEST, OUT_KEYS);
	is_str(t, "5\n3\n2\n5\n4\n3\n2\n1\n", "latest: the events, newest first");
	free(t);
	is_str(f.latest[1].kind, "resolved", "the event's kind");
	ok(f.latest[1].private && !f.latest[1].text, "a private text is not "
	    "read");
	t = print(&f, PANEL_UNITS, 0);
	is_str(t, "unit\tname\topen\toverdue\nU01\t城管局\t1\t1\n",
	    "units: the open and overdue issues of each");
	free(t);
	grid_top_frame_free(&f);

	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	is_int(f.total.overdue, 2, "ten hours earlier: two overdue");
	grid_top_frame_free(&f);
}

static void
test_groups(struct store *st, struct grid_top *b)
{
	struct grid_top_frame f;
	char *t;
	int64_t at = now + 10 * 3600;

	grid_top_load(b, NULL, GRID_TOP_GRID, at, &f);
	t = print(&f, PANEL_COUNTS, OUT_KEYS);
	is_str(t, "371399\n", "by grid, all grids: the roots");
	free(t);
	grid_top_frame_free(&f);
	grid_top_load(b, "371399", GRID_TOP_GRID, at, &f);
	t = print(&f, PANEL_COUNTS, 0);
	is_str(t, "grid\tname\topen\trouted\taccepted\tparked\tresolved\t"
	    "closed\t"
	    "rejected\toverdue\n"
	    "371399101\t城关镇\t2\t1\t0\t0\t0\t0\t0\t3\n"
	    "371399102\t新城镇\t0\t0\t0\t0\t1\t0\t1\t0\n",
	    "by grid under the county: its townships");
	free(t);
	is_str(f.grid_name, "清河县", "the frame names its grid");
	ok(f.parent == NULL, "a root has no parent");
	grid_top_frame_free(&f);
	grid_top_load(b, "371399101", GRID_TOP_GRID, at, &f);
	t = print(&f, PANEL_COUNTS, 0);
	is_str(t, "grid\tname\topen\trouted\taccepted\tparked\tresolved\t"
	    "closed\t"
	    "rejected\toverdue\n"
	    "371399101201\t东关村\t1\t0\t0\t0\t0\t0\t0\t1\n"
	    "371399101202\t西关村\t0\t1\t0\t0\t0\t0\t0\t1\n"
	    "371399101\t城关镇\t1\t0\t0\t0\t0\t0\t0\t1\n",
	    "by grid under a township: its villages, then itself");
	free(t);
	is_str(f.parent, "371399", "and its parent");
	is_int((long)f.noverdue, 3, "the township's overdue issues");
	is_int((long)f.nlatest, 4, "and its events");
	grid_top_frame_free(&f);
	grid_top_load(b, NULL, GRID_TOP_UNIT, at, &f);
	t = print(&f, PANEL_COUNTS, 0);
	is_str(t, "unit\tname\topen\trouted\taccepted\tparked\tresolved\t"
	    "closed\t"
	    "rejected\toverdue\n"
	    "\t\t2\t0\t0\t0\t1\t0\t1\t2\n"
	    "U01\t城管局\t0\t1\t0\t0\t0\t0\t0\t1\n",
	    "by unit: the most overdue first, no unit as a null");
	free(t);
	grid_top_frame_free(&f);
	grid_top_load(b, "371399102", GRID_TOP_CATEGORY, at, &f);
	t = print(&f, PANEL_COUNTS, 0);
	is_str(t, "category\topen\trouted\taccepted\tparked\tresolved\t"
	    "closed\t"
	    "rejected\toverdue\n"
	    "其他\t0\t0\t0\t0\t0\t0\t1\t0\n"
	    "社会救助\t0\t0\t0\t0\t1\t0\t0\t0\n",
	    "by category, under the other township");
	free(t);
	is_int((long)f.noverdue + (long)f.nunit, 0, "nothing overdue there");
	grid_top_frame_free(&f);
	grid_top_load(b, "gone", GRID_TOP_LEVEL, at, &f);
	ok(f.grid_name == NULL && f.noverdue == 0 && f.nlatest == 0 &&
	    f.total.n[0] == 0, "a grid that is gone shows nothing");
	grid_top_frame_free(&f);
	ok(idle(st), "still nothing left open");
}

static void
test_reveal(struct store *st)
{
	struct grid_top_opts o = { .limit = 2, .reveal = 1 };
	struct grid_top *b = grid_top_new(st, &o);
	struct grid_top_frame f;
	struct history h;

	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	is_int((long)f.nlatest, 2, "--limit 2: two events");
	is_int((long)f.noverdue, 2, "two overdue");
	grid_top_frame_free(&f);
	grid_top_load(b, "371399102201", GRID_TOP_LEVEL, now, &f);
	is_str(f.latest[1].text, "家里的私事", "--reveal: a private text too");
	grid_top_frame_free(&f);
	ok(grid_top_history(b, 3, &h), "the history of a private issue");
	is_str(h.is.text, "家里的私事", "--reveal: its text");
	is_str(h.ev[1].detail, "answer: 已办", "and its answer, in words");
	history_free(&h);
	grid_top_free(b);
}

/* without --reveal, the phone and ID numbers typed into a text, a note
 * or an answer are masked, on the board and in an issue's history */
static void
test_masked(struct store *st)
{
	struct grid_top_opts o = { .limit = 10 }, r = { .limit = 10, .reveal = 1 };
	struct grid_top *b = grid_top_new(st, &o), *rb = grid_top_new(st, &r);
	struct history h;
	struct grid_top_frame f;
	size_t i;
	int seen = 0;

	store_exec(st, "UPDATE issues SET text = text || '，电话138.0013.8000'"
	    " WHERE id = 2");
	store_exec(st, "INSERT INTO events (at, prog, login, kind, issue,"
	    " detail) VALUES (1, 'board', 'x', 'note', 2,"
	    " '{\"text\":\"身份证371399193506195674\"}')");
	ok(grid_top_history(b, 2, &h), "issue 2, not revealed");
	ok(strstr(h.is.text, "138****8000") && !strstr(h.is.text, "0013"),
	    "its text: the phone masked");
	for (i = 0; i < h.nev; i++)
		if (h.ev[i].detail && strstr(h.ev[i].detail, "身份证")) {
			is_str(h.ev[i].detail, "身份证371399********5674",
			    "a note, in words: the ID number masked");
			seen = 1;
		}
	ok(seen, "the note is in the history");
	history_free(&h);
	ok(grid_top_history(rb, 2, &h), "revealed");
	ok(strstr(h.is.text, "138.0013.8000") != NULL, "--reveal: as typed");
	history_free(&h);
	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	for (i = 0, seen = 0; i < f.nlatest; i++)
		if (f.latest[i].text && strstr(f.latest[i].text, "电话"))
			seen += strstr(f.latest[i].text, "138****8000") != NULL;
	ok(seen > 0, "the board's rows: the phone masked");
	grid_top_frame_free(&f);
	grid_top_free(b);
	grid_top_free(rb);
}

static void
test_history(struct store *st, struct grid_top *b)
{
	struct history h;

	ok(grid_top_history(b, 2, &h), "issue 2 has a history");
	ok(idle(st), "read in a transaction of its own, now ended");
	is_str(h.is.status, "routed", "the issue as it stands");
	is_str(h.grid_name, "西关村", "its grid's name");
	is_str(h.unit_name, "城管局", "its unit's name");
	is_str(h.level, "村", "its rung's name");
	is_int((long)h.nev, 2, "two events");
	is_str(h.ev[0].kind, "filed", "filed first");
	is_str(h.ev[0].level, "村", "on the village rung");
	is_int(h.ev[0].rung, 3, "rung 3");
	is_str(h.ev[1].kind, "routed", "then routed");
	is_str(h.ev[1].unit, "U01", "to U01");
	is_int(h.ev[1].due_at, now + 5 * 3600, "due in five hours");
	is_str(h.ev[1].detail, "to U01 城管局 by hand; due 2014-01-06 15:00:00",
	    "by hand, in the words issue-show uses");
	is_str(h.ev[1].prog, "board", "the program that did it");
	history_free(&h);
	ok(grid_top_history(b, 3, &h), "issue 3 is private");
	ok(h.is.text == NULL && h.is.answer == NULL, "its words are withheld");
	ok(h.ev[1].detail == NULL, "the answer in its event too");
	is_str(h.is.category, "社会救助", "its category is not");
	history_free(&h);
	ok(!grid_top_history(b, 99, &h), "no issue 99");
	ok(h.nev == 0 && h.is.id == 0, "and nothing read");
	history_free(&h);
	ok(grid_top_history(b, 5, &h), "a rejected issue");
	is_str(h.is.reason, "不属于政府职责", "its reason");
	history_free(&h);
}

static void
test_find(struct store *st)
{
	struct sbuf why = { 0 };
	char *code;

	store_exec(st, "INSERT INTO grids (code, name, parent, depth, path)"
	    " VALUES ('371399102202', '东关村', '371399102',"
	    " 3, '/371399/371399102/371399102202/'),"
	    " ('371399102203', '100%_村', '371399102',"
	    " 3, '/371399/371399102/371399102203/')");
	is_int(grid_top_find_grid(st, "371399101", &code, &why), 0, "by code");
	is_str(code, "371399101", "the code itself");
	free(code);
	is_int(grid_top_find_grid(st, "城关镇", &code, &why), 0, "by name");
	is_str(code, "371399101", "its code");
	free(code);
	is_int(grid_top_find_grid(st, "西关", &code, &why), 0, "by part of a name");
	is_str(code, "371399101202", "the one it fits");
	free(code);
	is_int(grid_top_find_grid(st, "东关村", &code, &why), -1,
	    "two grids of one name");
	ok(code == NULL, "no code");
	is_str(sb_str(&why), "2 grids match '东关村': 东关村 371399101201, "
	    "东关村 371399102202", "names them with their codes");
	sb_reset(&why);
	is_int(grid_top_find_grid(st, "村", &code, &why), -1, "many");
	is_str(sb_str(&why), "5 grids match '村': 东关村 371399101201, 西关村 "
	    "371399101202, 南村 371399102201, 东关村 371399102202, 100%_村 "
	    "371399102203", "five named");
	sb_reset(&why);
	is_int(grid_top_find_grid(st, "%_", &code, &why), 0,
	    "% and _ are matched as themselves");
	is_str(code, "371399102203", "the grid with them in its name");
	free(code);
	is_int(grid_top_find_grid(st, "北京", &code, &why), -1, "no such grid");
	is_str(sb_str(&why), "grid '北京' does not exist (by code or name)",
	    "says so");
	ok(idle(st), "nothing left open");
	store_exec(st, "DELETE FROM grids WHERE code IN ('371399102202',"
	    " '371399102203')");
	sb_free(&why);
}

/* a writer and a full checkpoint right after a frame: nothing waits */
static void
test_writer(struct store *st, struct grid_top *b)
{
	struct store *w = store_open(path);
	struct grid_top_frame f;
	struct sql_stmt *s;

	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	setenv("GRID_BUSY_TIMEOUT", "0", 1);
	store_begin(w);
	store_exec(w, "UPDATE issues SET text = text || '!' WHERE id = 1");
	store_commit(w);
	ok(1, "a writer goes through between two frames");
	s = store_prepare(w, "PRAGMA wal_checkpoint(TRUNCATE)");
	store_step(w, s);
	is_int(sql_col_int(s, 0), 0, "a checkpoint is not blocked");
	sql_finalize(s);
	grid_top_frame_free(&f);
	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	is_str(f.overdue[1].text, "东关村北门垃圾堆了8天没有清运!",
	    "the next frame sees the change");
	grid_top_frame_free(&f);
	store_close(w);
	unsetenv("GRID_BUSY_TIMEOUT");
	(void)st;
}

/* a live board counts the closed and rejected issues now and then */
static void
test_done(struct store *st)
{
	struct grid_top_opts o = { .done_secs = 3600 };
	struct grid_top *b = grid_top_new(st, &o);
	struct grid_top_frame f;
	struct ictx c;
	struct sbuf why = { 0 };

	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	is_int(f.count[1].n[4] * 10 + f.count[1].n[GRID_TOP_REJECTED], 11,
	    "rung 3: one resolved, one rejected");
	grid_top_frame_free(&f);
	store_begin(st);
	ictx_init(&c, st);
	is_int(issue_act(&c, 3, ACT_CLOSE, NULL, NULL, &why), 0,
	    "issue 3 is closed meanwhile");
	ictx_free(&c);
	store_commit(st);
	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	is_int(f.count[1].n[4], 0, "the next frame: no longer resolved");
	is_int(f.count[1].n[GRID_TOP_CLOSED] * 10 +
	    f.count[1].n[GRID_TOP_REJECTED], 1,
	    "the closed and rejected counted a while ago");
	ok(idle(st), "and nothing left open");
	grid_top_frame_free(&f);
	grid_top_load(b, NULL, GRID_TOP_UNIT, now, &f);
	is_int(f.total.n[GRID_TOP_CLOSED], 1,
	    "another grouping counts them again");
	grid_top_frame_free(&f);
	grid_top_load(b, "371399102", GRID_TOP_UNIT, now, &f);
	is_int(f.total.n[GRID_TOP_CLOSED] * 10 + f.total.n[GRID_TOP_REJECTED], 11,
	    "so does another grid");
	grid_top_frame_free(&f);
	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	grid_top_forget(b);
	grid_top_frame_free(&f);
	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	is_int(f.count[1].n[GRID_TOP_CLOSED] * 10 +
	    f.count[1].n[GRID_TOP_REJECTED], 11,
	    "board_forget: counted again");
	is_int(f.total.n[GRID_TOP_CLOSED] + f.total.n[GRID_TOP_REJECTED], 2,
	    "the total too");
	grid_top_frame_free(&f);
	grid_top_free(b);
	sb_free(&why);
}

static void
test_empty(void)
{
	struct store *st = fresh("empty.db");
	struct grid_top_opts o = { 0 };
	struct grid_top *b = grid_top_new(st, &o);
	struct grid_top_frame f;
	char *t;

	grid_top_load(b, NULL, GRID_TOP_LEVEL, now, &f);
	ok(f.ncount == 0 && f.noverdue == 0 && f.nlatest == 0 && f.nunit == 0,
	    "an empty store: an empty frame");
	t = print(&f, PANEL_N, 0);
	is_str(t, "rung\tlevel\topen\trouted\taccepted\tparked\tresolved\t"
	    "closed\t"
	    "rejected\toverdue\n\n"
	    "id\tdue_at\thours_over\trung\tlevel\tgrid\tgrid_name\tunit\t"
	    "unit_name\tcategory\ttext\n\n"
	    "id\tevent\tat\tkind\tstatus\tgrid\tgrid_name\tunit\tunit_name\t"
	    "category\ttext\n\n"
	    "unit\tname\topen\toverdue\n",
	    "all four panels: their headers, a blank line between");
	free(t);
	grid_top_frame_free(&f);
	grid_top_free(b);
	store_close(st);
}

static void
test_names(void)
{
	enum grid_top_by by;
	enum grid_top_panel p;

	ok(grid_top_by_parse("category", &by) == 0 && by == GRID_TOP_CATEGORY,
	    "--by category");
	ok(grid_top_by_parse("rung", &by) != 0, "--by rung is not one");
	ok(grid_top_panel_parse("units", &p) == 0 && p == PANEL_UNITS,
	    "--panel units");
	ok(grid_top_panel_parse("all", &p) != 0, "--panel all is not one");
	is_str(grid_top_by_name(GRID_TOP_GRID), "grid", "the name of a grouping");
	is_str(grid_top_panel_name(PANEL_LATEST), "latest", "of a panel");
}

int
main(void)
{
	struct store *st;
	struct grid_top *b;
	struct grid_top_opts o = { 0 };

	setprog("board");
	setenv("TZ", "CST-8", 1);
	setenv("GRID_NOW", "2014-01-06 10:00", 1);
	now = clk_now();
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	st = fresh("grid.db");
	county(st);
	issues(st);
	b = grid_top_new(st, &o);
	test_frame(st, b);
	test_groups(st, b);
	test_history(st, b);
	test_reveal(st);
	test_find(st);
	test_writer(st, b);
	test_done(st);
	test_empty();
	test_names();
	test_masked(st);
	grid_top_free(b);
	store_close(st);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	if (system(path) != 0)
		printf("# cannot remove %s\n", dir);
	return done_testing();
}
