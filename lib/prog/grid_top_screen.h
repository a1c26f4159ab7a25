/*
 * screen.h - the live board laid out for a terminal of w columns and h
 * lines, with no curses in sight, so that the layout can be tested: a
 * screen is rows of segments, each a run of text already cut to its width
 * by display columns (a Chinese character takes two, and is never split at
 * the edge of a panel), padded with blanks, and drawn with one attribute.
 * grid-top draws the segments; the tests read the rows as text.
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

#include "grid_top.h"
#include "history.h"
#include "grid_top_view.h"

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

void grid_top_screen_init(struct scr *s, int w, int h);
void grid_top_screen_free(struct scr *s);
/* text at line y, column x, cut to w columns (control characters become
 * blanks, invalid UTF-8 '?') and padded with blanks to w; what falls
 * outside the screen is dropped */
void grid_top_screen_put(struct scr *s, int y, int x, int w, enum scr_attr a,
    const char *text);
/* line y as plain text without the blanks at its end; a copy */
char *grid_top_screen_text(const struct scr *s, int y);

/* lay out the board, the history of an issue, or the help */
void grid_top_screen_board(struct scr *s, const struct grid_top_frame *f, struct grid_top_view *v);
void grid_top_screen_history(struct scr *s, const struct history *h, struct grid_top_view *v,
    int64_t now);
void grid_top_screen_help(struct scr *s, const struct grid_top_view *v);

#endif
