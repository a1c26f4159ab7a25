/*
 * view.h - the state of the live board between frames, and what a key does
 * to it: the grid and grouping shown, the panel with the focus, each
 * panel's cursor and first row, the history or the help shown, a grid
 * being typed after '/', a message for the last line.  No curses here:
 * grid-top turns its keys into these, so the keys are unit-tested.
 */
#ifndef GK_VIEW_H
#define GK_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "grid_top.h"
#include "util.h"

/* keys other than characters (which are their Unicode code points) */
enum {
	SK_UP = 0x110000, SK_DOWN, SK_LEFT, SK_RIGHT, SK_PGUP, SK_PGDN,
	SK_HOME, SK_END, SK_ENTER, SK_TAB, SK_BTAB, SK_ESC, SK_BACKSPACE
};

struct grid_top_view {
	char *grid;            /* the subtree shown, NULL: all */
	enum grid_top_by by;
	double delay;          /* seconds between refreshes, for the title */
	enum grid_top_panel focus;
	size_t cur[PANEL_N], top[PANEL_N];
	int rows[PANEL_N];     /* rows each panel showed last time */
	int help;              /* the help is shown */
	int64_t issue;         /* the issue whose history is shown, 0: none */
	int htop, hrows;       /* the history's first line shown, lines shown */
	int prompting;         /* '/' pressed: a grid is being typed */
	struct sbuf input;
	char msg[256];         /* shown on the last line until the next key */
};

void grid_top_view_init(struct grid_top_view *v, const char *grid, enum grid_top_by by,
    double delay);
void grid_top_view_free(struct grid_top_view *v);
/* set the message of the last line (printf-like) */
void grid_top_view_msg(struct grid_top_view *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* show the subtree under grid (NULL: all), cursors at the top */
void grid_top_view_grid(struct grid_top_view *v, const char *grid);
/* keep each cursor on the same row (the same issue, event, unit or group)
 * when a new frame comes; the cursor on the newest event stays on top */
void grid_top_view_follow(struct grid_top_view *v, const struct grid_top_frame *old,
    const struct grid_top_frame *cur);

enum grid_top_view_act {
	ACT_NONE,     /* draw again */
	ACT_QUIT,
	ACT_RELOAD,   /* read the frame again (grid or grouping changed) */
	ACT_HISTORY,  /* read the history of v->issue */
	ACT_FIND,     /* find the grid typed (v->input) and narrow to it */
	ACT_REDRAW    /* the screen was spoilt: draw it all (Ctrl-L) */
};

enum grid_top_view_act grid_top_view_key(struct grid_top_view *v, const struct grid_top_frame *f, int key);

#endif
