/*
 * screen.h - the live board laid out for a terminal of w columns and h
 * lines, with no curses in sight, so that the layout can be tested: a
 * screen is rows of segments, each a run of text already cut to its width
 * by display columns (a Chinese character takes two, and is never split at
 * the edge of a panel), padded with blanks, and drawn with one attribute.
 * grid-top draws the segments; the tests read the rows as text.
 *
 * Also here: the state of the board between frames (the grid and grouping
 * shown, the panel with the focus, each panel's cursor, the history or help
 * shown, a grid being typed after '/'), and what a key does to it.
 *
 * Layout: a title bar on the first line, the keys or a message on the last.
 * Narrower than 140 columns the panels are stacked: counts, overdue, latest,
 * units.  From 140 columns the counts and units are on the left, the
 * overdue and latest issues on the right.  A panel with more rows than fit
 * scrolls to keep its cursor in sight.
 */
#ifndef GK_SCREEN_H
#define GK_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "history.h"
#include "util.h"

enum scr_attr { SCR_PLAIN, SCR_BAR, SCR_HEAD, SCR_CURSOR, SCR_ALERT };

struct scr_seg {
	int x, w;
	enum scr_attr attr;
	char *text;     /* valid UTF-8 of exactly w columns, one line */
	size_t len;
};

struct scr_row {
	struct scr_seg *seg;
	int n, cap;
};

struct scr {
	int w, h;
	struct scr_row *row;
};

void screen_init(struct scr *s, int w, int h);
void screen_free(struct scr *s);
/* text at line y, column x, cut to w columns (control characters become
 * blanks, invalid UTF-8 '?') and padded with blanks to w; what falls
 * outside the screen is dropped */
void screen_put(struct scr *s, int y, int x, int w, enum scr_attr a,
    const char *text);
/* line y as plain text without the blanks at its end; a copy */
char *screen_text(const struct scr *s, int y);

/* keys other than characters (which are their Unicode code points) */
enum {
	SK_UP = 0x110000, SK_DOWN, SK_LEFT, SK_RIGHT, SK_PGUP, SK_PGDN,
	SK_HOME, SK_END, SK_ENTER, SK_TAB, SK_BTAB, SK_ESC, SK_BACKSPACE
};

struct view {
	char *grid;            /* the subtree shown, NULL: all */
	enum board_by by;
	double delay;          /* seconds between refreshes, for the title */
	enum board_panel focus;
	size_t cur[PANEL_N], top[PANEL_N];
	int rows[PANEL_N];     /* rows each panel showed last time */
	int help;              /* the help is shown */
	int64_t issue;         /* the issue whose history is shown, 0: none */
	int htop, hrows;       /* the history's first line shown, lines shown */
	int prompting;         /* '/' pressed: a grid is being typed */
	struct sbuf input;
	char msg[256];         /* shown on the last line until the next key */
};

void view_init(struct view *v, const char *grid, enum board_by by,
    double delay);
void view_free(struct view *v);
/* set the message of the last line (printf-like) */
void view_msg(struct view *v, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* show the subtree under grid (NULL: all), cursors at the top */
void view_grid(struct view *v, const char *grid);
/* keep each cursor on the same row (the same issue, event, unit or group)
 * when a new frame comes; the cursor on the newest event stays on top */
void view_follow(struct view *v, const struct frame *old,
    const struct frame *cur);

enum view_act {
	ACT_NONE,     /* draw again */
	ACT_QUIT,
	ACT_RELOAD,   /* read the frame again (grid or grouping changed) */
	ACT_HISTORY,  /* read the history of v->issue */
	ACT_FIND,     /* find the grid typed (v->input) and narrow to it */
	ACT_REDRAW    /* the screen was spoilt: draw it all (Ctrl-L) */
};

enum view_act view_key(struct view *v, const struct frame *f, int key);

/* lay out the board, the history of an issue, or the help */
void screen_board(struct scr *s, const struct frame *f, struct view *v);
void screen_history(struct scr *s, const struct history *h, struct view *v,
    int64_t now);
void screen_help(struct scr *s, const struct view *v);

#endif
