/*
 * Unit tests of lib/screen.c: the board laid out at 80x24 and 200x50, text
 * cut at the edges of panels without breaking a Chinese character at any
 * size, an empty board, more rows than fit, the keys, the history and the
 * help.  The frames are made by hand: no store is needed.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "frames.h"
#include "grid_top_screen.h"
#include "tap.h"
#include "text.h"
#include "util.h"

/* the screen as text, one line a row */
static char *
text(const struct scr *s)
{
	struct sbuf b = { 0 };
	int y;

	for (y = 0; y < s->h; y++) {
		char *l = grid_top_screen_text(s, y);

		sb_printf(&b, "%s\n", l);
		free(l);
	}
	return b.s;
}

/* every segment: inside the screen, exactly its width of valid UTF-8, no
 * control character, no two overlapping; "" or what is wrong */
static const char *
check(const struct scr *s)
{
	static char why[160];
	int y, i, j;

	for (y = 0; y < s->h; y++)
		for (i = 0; i < s->row[y].n; i++) {
			const struct scr_seg *g = &s->row[y].seg[i];
			size_t k;

			if (g->x < 0 || g->x + g->w > s->w) {
				snprintf(why, sizeof why, "%dx%d line %d: a "
				    "segment at %d+%d", s->w, s->h, y, g->x,
				    g->w);
				return why;
			}
			if (!utf8_valid(g->text, g->len, NULL) ||
			    utf8_width(g->text, g->len) != g->w) {
				snprintf(why, sizeof why, "%dx%d line %d: '%s' "
				    "is not %d columns", s->w, s->h, y, g->text,
				    g->w);
				return why;
			}
			for (k = 0; k < g->len; k++)
				if ((unsigned char)g->text[k] < 0x20)
					return "a control character";
			for (j = 0; j < i; j++) {
				const struct scr_seg *o = &s->row[y].seg[j];

				if (o->x < g->x + g->w && g->x < o->x + o->w) {
					snprintf(why, sizeof why, "%dx%d line "
					    "%d: segments overlap", s->w, s->h,
					    y);
					return why;
				}
			}
		}
	return "";
}

static char *
board(const struct grid_top_frame *f, struct grid_top_view *v, int w, int h)
{
	struct scr s;
	char *t;

	grid_top_screen_init(&s, w, h);
	grid_top_screen_board(&s, f, v);
	t = text(&s);
	grid_top_screen_free(&s);
	return t;
}

static const char want80[] =
" grid-top  清河县 371399  by level                2014-01-06 10:00:00  every 2s\n"
"level    open routed accepted parked resolved closed rejected overdue\n"
"联系干部    0      1        2      3        4      5        6       0\n"
"县         10     11       12     13       14     15       16       1\n"
"乡镇       20     21       22     23       24     25       26       2\n"
"工作片     30     31       32     33       34     35       36       3\n"
"村         40     41       42     43       44     45       46       4\n"
"total     100    105      110    115      120    125      130      10\n"
"overdue 10, most overdue first\n"
"#100 30.5h 村 城管局     光西花园社区 市容环境 光西花园社区北门的生活垃圾堆了8天\n"
"#101 29.5h 村 公安局     北杏社区     市容环境 (private)\n"
"#102 28.5h 村 市场监管局 程家沟村     市容环境 光西花园社区北门的生活垃圾堆了8天\n"
"#103 27.5h 村 城管局     大许屯村     市容环境 光西花园社区北门的生活垃圾堆了8天\n"
"#104 26.5h 村 公安局     东关村       市容环境 光西花园社区北门的生活垃圾堆了8天\n"
"latest, newest first\n"
"10:00:00    filed  #300 程家沟村            治安 程家沟村村口有人聚众赌博，希望\n"
"09:59:00    routed #299 大许屯村     公安局 治安 程家沟村村口有人聚众赌博，希望\n"
"09:58:00    filed  #298 东关村              治安 程家沟村村口有人聚众赌博，希望\n"
"01-05 09:57 routed #297 光西花园社区 公安局 治安 程家沟村村口有人聚众赌博，希望\n"
"01-05 09:56 filed  #296 北杏社区            治安 程家沟村村口有人聚众赌博，希望\n"
"unit       open overdue\n"
"城管局       30       3\n"
"公安局       20       2\n"
"q quit  j/k move  tab panel  enter history  / grid  u up  g group  ? help\n";

static void
test_80x24(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	char *t;

	setenv("TZ", "CST-8", 1);
	county(&f, 30, 12);
	f.total.overdue = 10;
	grid_top_view_init(&v, "371399", GRID_TOP_LEVEL, 2);
	t = board(&f, &v, 80, 24);
	is_str(t, want80, "80x24: the board, line by line");
	free(t);
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

static void
test_200x50(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	struct scr s;
	char *l;
	int y, i, split = -1, bad = 0;

	county(&f, 60, 60);
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	grid_top_screen_init(&s, 200, 50);
	grid_top_screen_board(&s, &f, &v);
	is_str(check(&s), "", "200x50: every segment is whole and in place");
	l = grid_top_screen_text(&s, 1);
	ok(strncmp(l, "level    open routed accepted", 29) == 0,
	    "200x50: the counts on the left");
	ok(strstr(l, "  overdue 10, most overdue first") != NULL,
	    "200x50: the overdue issues on the right of the counts");
	for (i = 0; i < s.row[1].n; i++)
		if (s.row[1].seg[i].attr == SCR_BAR)
			split = s.row[1].seg[i].x;
	is_int(split, 71, "200x50: the right column starts after the counts");
	/* nothing on the left reaches into the right column */
	for (y = 1; y < 49; y++)
		for (i = 0; i < s.row[y].n; i++) {
			const struct scr_seg *g = &s.row[y].seg[i];

			bad += g->x < split && g->x + g->w > split - 2;
		}
	is_int(bad, 0, "200x50: the columns keep a gap of two");
	free(l);
	l = grid_top_screen_text(&s, 25);
	ok(strstr(l, "  latest, newest first") == l + split - 2,
	    "200x50: the latest events below the overdue ones");
	free(l);
	l = grid_top_screen_text(&s, 49);
	ok(strncmp(l, "q quit", 6) == 0, "200x50: the keys on the last line");
	free(l);
	l = grid_top_screen_text(&s, 2);
	ok(strstr(l, "#100 60.5h 村 城管局") != NULL,
	    "200x50: the most overdue issue first");
	free(l);
	grid_top_screen_free(&s);
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

static void
test_sizes(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	struct scr s;
	static const int hs[] = { 1, 5, 6, 7, 9, 12, 24, 31, 50 };
	const char *why = "";
	size_t i;
	int w, h;

	county(&f, 40, 40);
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	for (w = 1; w <= 210 && !*why; w++)
		for (i = 0; i < sizeof hs / sizeof hs[0] && !*why; i++) {
			h = hs[i];
			grid_top_screen_init(&s, w, h);
			grid_top_screen_board(&s, &f, &v);
			why = check(&s);
			grid_top_screen_free(&s);
		}
	is_str(why, "", "widths 1 to 210: no character broken at any edge");
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

/* a Chinese character that does not fit at the edge leaves a blank */
/* a short list leaves its lines to the other */
static void
test_share(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	struct scr s;

	county(&f, 2, 40);
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	grid_top_screen_init(&s, 80, 24);
	grid_top_screen_board(&s, &f, &v);
	is_int(v.rows[PANEL_OVERDUE], 2, "two overdue issues: two lines");
	is_int(v.rows[PANEL_LATEST], 8, "the latest events take the rest");
	grid_top_screen_free(&s);
	grid_top_frame_free(&f);
	county(&f, 40, 1);
	grid_top_screen_init(&s, 200, 50);
	grid_top_screen_board(&s, &f, &v);
	is_int(v.rows[PANEL_OVERDUE], 45, "200x50, one event: overdue takes "
	    "the rest");
	is_int(v.rows[PANEL_LATEST], 1, "the event keeps its line");
	grid_top_screen_free(&s);
	grid_top_frame_free(&f);
	grid_top_view_free(&v);
}

static void
test_clip(void)
{
	struct scr s;
	char *l;

	grid_top_screen_init(&s, 20, 2);
	grid_top_screen_put(&s, 0, 0, 5, SCR_PLAIN, "光西花园社区");
	grid_top_screen_put(&s, 0, 5, 5, SCR_PLAIN, "ab光西");
	grid_top_screen_put(&s, 0, 10, 3, SCR_PLAIN, "x\ty\n");
	grid_top_screen_put(&s, 0, 13, 7, SCR_PLAIN, "\xff\xfe光");
	grid_top_screen_put(&s, 1, 18, 5, SCR_PLAIN, "东关村");
	l = grid_top_screen_text(&s, 0);
	is_str(l, "光西 ab光 x y??光", "cut by display width, never inside a "
	    "character; controls are blanks, bad bytes '?'");
	free(l);
	l = grid_top_screen_text(&s, 1);
	is_str(l, "                  东", "cut at the right edge of the screen");
	free(l);
	is_str(check(&s), "", "and every segment is exactly its width");
	grid_top_screen_put(&s, 0, 3, 4, SCR_CURSOR, "新");
	l = grid_top_screen_text(&s, 0);
	is_str(l, "   新     x y??光", "a segment put over others takes "
	    "their place");
	free(l);
	grid_top_screen_free(&s);
}

static void
test_empty(void)
{
	struct grid_top_frame f = { 0 };
	struct grid_top_view v;
	char *t;

	f.now = T0;
	grid_top_view_init(&v, NULL, GRID_TOP_UNIT, 0.5);
	f.by = GRID_TOP_UNIT;
	t = board(&f, &v, 80, 24);
	ok(strstr(t, " grid-top  all grids  by unit") == t,
	    "empty: the title names all grids and the grouping");
	ok(strstr(t, "every 0.5s") != NULL, "empty: the delay in the title");
	ok(strstr(t, "\nunit  open routed accepted") != NULL,
	    "empty: the counts' header");
	ok(strstr(t, "\nno issue\ntotal    0      0") != NULL,
	    "empty: no group, and a total of zeros");
	ok(strstr(t, "overdue 0, most overdue first\nnothing is overdue\n")
	    != NULL, "empty: nothing is overdue");
	ok(strstr(t, "latest, newest first\nno issue yet\n") != NULL,
	    "empty: no event");
	ok(strstr(t, "no unit holds an open issue") != NULL, "empty: no unit");
	free(t);
	grid_top_view_free(&v);
}

static int
cursor_row(const struct scr *s, char **line)
{
	int y, i;

	for (y = 0; y < s->h; y++)
		for (i = 0; i < s->row[y].n; i++)
			if (s->row[y].seg[i].attr == SCR_CURSOR) {
				*line = grid_top_screen_text(s, y);
				return y;
			}
	*line = NULL;
	return -1;
}

static void
test_scroll(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	struct scr s;
	char *l;
	int i, y;

	county(&f, 50, 5);
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	grid_top_screen_init(&s, 80, 24);
	grid_top_screen_board(&s, &f, &v);
	is_int(v.rows[PANEL_OVERDUE], 5, "80x24: five overdue rows fit");
	y = cursor_row(&s, &l);
	is_int(y, 9, "the cursor starts on the first overdue issue");
	ok(l && strncmp(l, "#100 ", 5) == 0, "which is #100");
	free(l);
	grid_top_screen_free(&s);
	for (i = 0; i < 20; i++)
		grid_top_view_key(&v, &f, 'j');
	grid_top_screen_init(&s, 80, 24);
	grid_top_screen_board(&s, &f, &v);
	y = cursor_row(&s, &l);
	is_int(y, 13, "20 down: the cursor at the panel's last line");
	ok(l && strncmp(l, "#120 ", 5) == 0, "on #120: the panel scrolled");
	free(l);
	is_int((long)v.top[PANEL_OVERDUE], 16, "showing from the 17th on");
	grid_top_screen_free(&s);
	grid_top_view_key(&v, &f, SK_END);
	is_int((long)v.cur[PANEL_OVERDUE], 49, "End: the last issue");
	grid_top_view_key(&v, &f, SK_PGUP);
	is_int((long)v.cur[PANEL_OVERDUE], 45, "PgUp: a page up");
	grid_top_view_key(&v, &f, SK_HOME);
	is_int((long)v.cur[PANEL_OVERDUE], 0, "Home: the first");
	grid_top_view_key(&v, &f, 'k');
	is_int((long)v.cur[PANEL_OVERDUE], 0, "up from the first stays");
	grid_top_view_key(&v, &f, SK_TAB);
	is_int(v.focus, PANEL_LATEST, "Tab: the next panel");
	for (i = 0; i < 10; i++)
		grid_top_view_key(&v, &f, 'j');
	is_int((long)v.cur[PANEL_LATEST], 4, "down stops at the last row");
	grid_top_view_key(&v, &f, SK_BTAB);
	grid_top_view_key(&v, &f, SK_LEFT);
	is_int(v.focus, PANEL_COUNTS, "S-Tab, left: back two panels");
	grid_top_view_key(&v, &f, 'h');
	is_int(v.focus, PANEL_UNITS, "h: round to the last panel");
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

static void
test_drill(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	char *t;

	county(&f, 0, 0);
	f.by = GRID_TOP_GRID;
	free(f.count[4].key);
	f.count[4].key = dup("371399");
	free(f.count[1].key);
	f.count[1].key = dup("371399001");
	grid_top_view_init(&v, "371399", GRID_TOP_GRID, 2);
	t = board(&f, &v, 80, 24);
	ok(strstr(t, "\n(here) 村 ") != NULL, "the grid's own issues are "
	    "'(here)'");
	free(t);
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, SK_TAB);
	is_int(v.focus, PANEL_COUNTS, "focus on the counts");
	grid_top_view_key(&v, &f, 'j');
	is_int(grid_top_view_key(&v, &f, SK_ENTER), ACT_RELOAD, "Enter on a child grid");
	is_str(v.grid, "371399001", "narrows to it");
	is_int((long)v.cur[PANEL_COUNTS], 0, "cursors back at the top");
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, SK_END);
	is_int(grid_top_view_key(&v, &f, SK_ENTER), ACT_NONE,
	    "Enter on the grid itself does nothing");
	ok(v.msg[0] != '\0', "but say what Enter does");
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

static void
test_history(void)
{
	struct history h = { 0 };
	struct grid_top_view v;
	struct scr s;
	char *t;
	static const char *const kinds[] = { "filed", "routed", "note" };

	h.is.id = 45;
	h.is.status = dup("routed");
	h.is.category = dup("饮水安全");
	h.is.text = dup("北杏社区12号楼的水管冻裂了，已经三天没有水了，楼里住的"
	    "大多是老人，希望领导重视，尽快派人来修");
	h.is.grid = dup("37139900102003");
	h.grid_name = dup("北杏社区");
	h.is.rung = 4;
	h.level = dup("村");
	h.is.rung_grid = dup("37139900102003");
	h.is.unit = dup("U06");
	h.unit_name = dup("水利局");
	h.is.filed_at = T0 - 86400 * 5;
	h.is.routed_at = T0 - 86400 * 5 + 60;
	h.is.due_at = T0 - 3600;
	h.nev = 3;
	h.ev = xcalloc(3, sizeof *h.ev);
	for (size_t i = 0; i < 3; i++) {
		h.ev[i].id = (int64_t)i + 1;
		h.ev[i].at = h.is.filed_at + 60 * (int64_t)i;
		h.ev[i].kind = dup(kinds[i]);
		h.ev[i].status = dup(i ? "routed" : "open");
		h.ev[i].level = dup("村");
		h.ev[i].unit = dup(i ? "U06" : NULL);
		h.ev[i].prog = dup(i ? "issue-route" : "issue-file");
		h.ev[i].login = dup("clerk");
		h.ev[i].detail = dup(i == 2 ? "{\"text\":\"已联系水利局，明天上门"
		    "维修，请住户留人在家\"}" : NULL);
	}
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	v.issue = 45;
	grid_top_screen_init(&s, 80, 24);
	grid_top_screen_history(&s, &h, &v, T0);
	t = text(&s);
	is_str(t,
" issue #45  饮水安全  北杏社区                                          history\n"
" status    routed\n"
" category  饮水安全\n"
" text      北杏社区12号楼的水管冻裂了，已经三天没有水了，楼里住的大多是老人，希\n"
"           望领导重视，尽快派人来修\n"
" grid      37139900102003 北杏社区\n"
" rung      4 村\n"
" held by   37139900102003\n"
" unit      U06 水利局\n"
" filed     2014-01-01 10:00:00\n"
" routed    2014-01-01 10:01:00\n"
" due       2014-01-06 09:00:00 (overdue)\n"
"\n"
" events (3)\n"
" 2014-01-01 10:00:00  filed     open     村       -     issue-file clerk\n"
" 2014-01-01 10:01:00  routed    routed   村       U06   issue-route clerk\n"
" 2014-01-01 10:02:00  note      routed   村       U06   issue-route clerk\n"
"                      {\"text\":\"已联系水利局，明天上门维修，请住户留人在家\"}\n"
"\n\n\n\n\n"
"q back  j/k scroll  space/b page  lines 1-17 of 17\n",
	    "80x24: the issue and its events, long text wrapped");
	is_str(check(&s), "", "the history's segments are whole");
	free(t);
	grid_top_screen_free(&s);
	v.htop = 100;
	grid_top_screen_init(&s, 60, 10);
	grid_top_screen_history(&s, &h, &v, T0);
	is_int(v.htop, 13, "60x10: scrolling stops at the last line");
	is_str(check(&s), "", "60x10: event lines wrapped whole");
	t = grid_top_screen_text(&s, 9);
	is_str(t, "q back  j/k scroll  space/b page  lines 14-21 of 21",
	    "the last line says where it is");
	free(t);
	grid_top_screen_free(&s);
	free(h.is.text);
	h.is.text = NULL;
	h.is.private = 1;
	grid_top_screen_init(&s, 60, 24);
	grid_top_screen_history(&s, &h, &v, T0);
	t = text(&s);
	ok(strstr(t, "\n text      (private)\n") != NULL,
	    "a private text is not shown");
	free(t);
	grid_top_screen_free(&s);
	grid_top_view_free(&v);
	history_free(&h);
}

static void
test_small(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	char *t;

	county(&f, 3, 3);
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	t = board(&f, &v, 29, 24);
	ok(strncmp(t, "grid-top: 29x24 is too small;\n\n", 31) == 0,
	    "too narrow: says so");
	free(t);
	t = board(&f, &v, 80, 5);
	is_str(t, "grid-top: 80x5 is too small; 30x6 at least\n\n\n\n\n",
	    "too low: says so");
	free(t);
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

static void
test_help(void)
{
	struct grid_top_view v;
	struct scr s;
	char *t;

	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 5);
	grid_top_screen_init(&s, 80, 24);
	grid_top_screen_help(&s, &v);
	t = text(&s);
	ok(strncmp(t, " grid-top: keys", 15) == 0, "the help's title");
	ok(strstr(t, "every 5s") != NULL, "and the delay");
	ok(strstr(t, "\n q               quit") != NULL, "q");
	ok(strstr(t, "\n /               narrow to a grid") != NULL, "/");
	ok(strstr(t, "\n g               group the counts") != NULL, "g");
	ok(strstr(t, "\npress any key\n") != NULL, "how to leave it");
	is_str(check(&s), "", "the help fits 80 columns");
	free(t);
	grid_top_screen_free(&s);
	grid_top_view_free(&v);
}

int
main(void)
{
	setprog("screen");
	setenv("TZ", "CST-8", 1);
	test_80x24();
	test_200x50();
	test_sizes();
	test_share();
	test_clip();
	test_empty();
	test_scroll();
	test_drill();
	test_history();
	test_small();
	test_help();
	return done_testing();
}
