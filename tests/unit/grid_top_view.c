/*
 * Unit tests of lib/view.c: what each key does to the board's state, and
 * the cursors kept on their rows when a new frame comes.
 */
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "tap.h"
#include "grid_top_view.h"

static void
test_keys(void)
{
	struct grid_top_frame f;
	struct grid_top_view v;
	static const int typed[] = { '/', 0x5317, 0x674F, 'x', SK_BACKSPACE };

	county(&f, 3, 3);
	f.parent = dup("37");
	grid_top_view_init(&v, "371399", GRID_TOP_LEVEL, 2);
	is_int(grid_top_view_key(&v, &f, 'q'), ACT_QUIT, "q quits");
	is_int(grid_top_view_key(&v, &f, SK_ENTER), ACT_HISTORY,
	    "Enter on an overdue issue: its history");
	is_int((long)v.issue, 100, "of issue #100");
	is_int(grid_top_view_key(&v, &f, 'j'), ACT_NONE, "j in the history scrolls");
	is_int(v.htop, 1, "one line down");
	is_int(grid_top_view_key(&v, &f, 'q'), ACT_NONE, "q in the history: back");
	is_int((long)v.issue, 0, "to the board");
	grid_top_view_key(&v, &f, SK_TAB);
	grid_top_view_key(&v, &f, 'j');
	grid_top_view_key(&v, &f, SK_ENTER);
	is_int((long)v.issue, 299, "Enter on an event: its issue's history");
	grid_top_view_key(&v, &f, SK_ESC);
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
		grid_top_view_key(&v, &f, typed[i]);
	ok(v.prompting, "/ asks for a grid");
	is_str(sb_str(&v.input), "北杏", "Chinese typed in, the last "
	    "character taken back");
	grid_top_view_key(&v, &f, SK_BACKSPACE);
	is_str(sb_str(&v.input), "北", "backspace takes a whole character");
	is_int(grid_top_view_key(&v, &f, SK_ENTER), ACT_FIND, "Enter: find the grid");
	ok(!v.prompting, "and the prompt is gone");
	grid_top_view_key(&v, &f, '/');
	grid_top_view_key(&v, &f, 'a');
	is_int(grid_top_view_key(&v, &f, SK_ESC), ACT_NONE, "Esc drops what was typed");
	ok(!v.prompting && v.input.len == 0, "nothing left of it");
	is_int(grid_top_view_key(&v, &f, 'g'), ACT_RELOAD, "g: another grouping");
	is_int(v.by, GRID_TOP_GRID, "by grid after by level");
	is_int(grid_top_view_key(&v, &f, 'u'), ACT_RELOAD, "u: up a level");
	is_str(v.grid, "37", "to the parent grid");
	grid_top_view_grid(&v, NULL);
	free(f.parent);
	f.parent = NULL;
	is_int(grid_top_view_key(&v, &f, 'u'), ACT_NONE, "u with all grids shown");
	ok(strstr(v.msg, "all grids") != NULL, "says so");
	grid_top_view_key(&v, &f, 'x');
	is_str(v.msg, "", "the next key clears the message");
	is_int(grid_top_view_key(&v, &f, '?'), ACT_NONE, "? shows the help");
	ok(v.help, "help shown");
	is_int(grid_top_view_key(&v, &f, 'q'), ACT_NONE, "q in the help does not quit");
	ok(!v.help, "it closes the help");
	is_int(grid_top_view_key(&v, &f, 'L' & 0x1F), ACT_REDRAW, "ctrl-L redraws");
	is_int(grid_top_view_key(&v, &f, 'r'), ACT_RELOAD, "r reads the store now");
	grid_top_view_free(&v);
	grid_top_frame_free(&f);
}

/* Enter on a grid of the counts by grid narrows to it */

static void
test_follow(void)
{
	struct grid_top_frame a, b;
	struct grid_top_view v;

	county(&a, 10, 10);
	county(&b, 11, 12);
	/* b: two newer events on top, one more overdue issue first */
	for (size_t i = 0; i < 12; i++)
		b.latest[i].id = (int64_t)(902 - i);
	for (size_t i = 0; i < 11; i++)
		b.overdue[i].id = (int64_t)(99 + i);
	grid_top_view_init(&v, NULL, GRID_TOP_LEVEL, 2);
	v.cur[PANEL_OVERDUE] = 3;
	v.cur[PANEL_LATEST] = 0;
	v.cur[PANEL_UNITS] = 2;
	v.cur[PANEL_COUNTS] = 4;
	grid_top_view_follow(&v, &a, &b);
	is_int((long)v.cur[PANEL_OVERDUE], 4, "the cursor stays on issue #103");
	is_int((long)v.cur[PANEL_LATEST], 0, "on the newest event it stays "
	    "on the newest");
	is_int((long)v.cur[PANEL_UNITS], 2, "on the same unit");
	is_int((long)v.cur[PANEL_COUNTS], 4, "on the same rung");
	v.cur[PANEL_LATEST] = 5;
	grid_top_view_follow(&v, &a, &b);
	is_int((long)v.cur[PANEL_LATEST], 7, "on an older event it follows it");
	grid_top_frame_free(&b);
	county(&b, 2, 0);
	grid_top_view_follow(&v, &a, &b);
	is_int((long)v.cur[PANEL_OVERDUE], 1, "a row gone: the last row");
	is_int((long)v.cur[PANEL_LATEST], 0, "no rows: row 0");
	grid_top_view_free(&v);
	grid_top_frame_free(&a);
	grid_top_frame_free(&b);
}


int
main(void)
{
	setprog("view");
	test_keys();
	test_follow();
	return done_testing();
}
