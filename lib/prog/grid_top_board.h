/*
 * board.h - what the live board (grid-top) shows, read from the store: one
 * frame of four panels for a subtree of grids.
 *
 *   counts   issues by their status now, and how many of them are overdue,
 *            grouped by rung (level), by child grid, by unit or by category
 *   overdue  open, routed or accepted issues past their deadline, the most
 *            overdue first, with the working hours they are over
 *   latest   the newest events of issues (filed, routed, resolved, ...),
 *            newest first, so the list scrolls as they arrive
 *   units    the departments with the most overdue, then open, issues
 *
 * An issue belongs to the subtree of the grid where it was found, wherever
 * it has climbed since.  Closed and rejected issues are most of a store
 * that has run for years and change least: a live board may count them
 * only now and then (done_secs), so that a frame costs what is in hand,
 * not the size of the table.  A frame is read in one short read transaction, and
 * every statement is reset before board_load() returns: between two frames
 * the board holds no lock and no snapshot, so writers and WAL checkpoints
 * never wait for it.
 *
 * The text of a private issue is not read unless reveal is set, and the
 * phone and ID numbers in the text of the others and in an issue's history
 * are masked unless it is (redact.h).
 */
#ifndef GK_BOARD_H
#define GK_BOARD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "history.h"
#include "out.h"
#include "store.h"
#include "util.h"

enum board_by { BOARD_LEVEL, BOARD_GRID, BOARD_UNIT, BOARD_CATEGORY,
	BOARD_NBY };
enum board_panel { PANEL_COUNTS, PANEL_OVERDUE, PANEL_LATEST, PANEL_UNITS,
	PANEL_N };
enum { BOARD_NSTATUS = 6 };

/* open, routed, accepted, resolved, closed, rejected */
extern const char *const board_status[BOARD_NSTATUS];

const char *board_by_name(enum board_by by);
int board_by_parse(const char *s, enum board_by *by); /* 0 on success */
const char *board_panel_name(enum board_panel p);
int board_panel_parse(const char *s, enum board_panel *p);

/* a row of counts: key is the rung, grid code, unit code or category (NULL:
 * no unit); name is the level's, grid's or unit's name */
struct board_count {
	char *key, *name;
	long n[BOARD_NSTATUS];
	long overdue;
};

struct board_issue {
	int64_t id, due_at;
	double hours_over;        /* working hours past due_at */
	int rung, private;
	char *level, *grid, *grid_name, *unit, *unit_name, *category;
	char *text;               /* NULL for a private issue unless reveal */
};

struct board_event {
	int64_t id, issue, at;
	int private;
	char *kind, *status, *grid, *grid_name, *unit, *unit_name, *category;
	char *text;
};

struct board_unit {
	char *code, *name;
	long open, overdue;       /* open: open, routed or accepted */
};

struct frame {
	int64_t now;
	char *grid, *grid_name, *parent; /* the subtree; grid NULL: all */
	enum board_by by;
	struct board_count *count, total;
	size_t ncount;
	struct board_issue *overdue;
	size_t noverdue;
	struct board_event *latest;
	size_t nlatest;
	struct board_unit *unit;
	size_t nunit;
};

struct board_opts {
	int limit;      /* rows of the overdue, latest and units lists */
	int reveal;     /* read the text of private issues too, and every
	                 * text with its numbers unmasked */
	int done_secs;  /* read the closed and rejected counts again only
	                 * after so many seconds (0: every frame) */
};

struct board;

/* the calendar (for working hours) is read once, here */
struct board *board_new(struct store *st, const struct board_opts *o);
void board_free(struct board *b);
/* count the closed and rejected issues again in the next frame */
void board_forget(struct board *b);

/* read the frame of the subtree under grid (NULL: the whole store) at now,
 * in one read transaction; a grid that no longer exists shows nothing */
void board_load(struct board *b, const char *grid, enum board_by by,
    int64_t now, struct frame *f);
void frame_free(struct frame *f);
/* the rows of a panel (counts: without the total) */
size_t board_rows(const struct frame *f, enum board_panel p);

/* an issue's history (history.h) in one read transaction: 1 if it exists */
int board_history(struct board *b, int64_t id, struct history *h);

/* the grid a clerk means by q: its code, else the one grid of that name,
 * else the one grid whose name contains q.  0 and *code (a copy), or -1
 * with why naming the grids it could be */
int board_find_grid(struct store *st, const char *q, char **code,
    struct sbuf *why);

/* write a panel of the frame (PANEL_N: all four, one after another, a
 * blank line between them) as rows of out.h; 0, or -1 on a write error */
int board_print(const struct frame *f, enum board_panel p, enum out_mode mode,
    unsigned flags, FILE *fp);

#endif
