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
#ifndef GK_GRID_TOP_H
#define GK_GRID_TOP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "history.h"
#include "istate.h"
#include "out.h"
#include "store.h"
#include "util.h"

enum grid_top_by { GRID_TOP_LEVEL, GRID_TOP_GRID, GRID_TOP_UNIT, GRID_TOP_CATEGORY,
	GRID_TOP_NBY };
enum grid_top_panel { PANEL_COUNTS, PANEL_OVERDUE, PANEL_LATEST, PANEL_UNITS,
	PANEL_N };
/* the states in the order istate.h lists them: open, routed, accepted,
 * parked, resolved, closed, rejected; the last two are done with */
enum { GRID_TOP_NSTATUS = ISTATE_N, GRID_TOP_CLOSED = 5, GRID_TOP_REJECTED = 6 };

extern const char *const grid_top_status[GRID_TOP_NSTATUS];

const char *grid_top_by_name(enum grid_top_by by);
int grid_top_by_parse(const char *s, enum grid_top_by *by); /* 0 on success */
const char *grid_top_panel_name(enum grid_top_panel p);
int grid_top_panel_parse(const char *s, enum grid_top_panel *p);

/* a row of counts: key is the rung, grid code, unit code or category (NULL:
 * no unit); name is the level's, grid's or unit's name */
struct grid_top_count {
	char *key, *name;
	long n[GRID_TOP_NSTATUS];
	long overdue;
};

struct grid_top_issue {
	int64_t id, due_at;
	double hours_over;        /* working hours past due_at */
	int rung, private;
	char *level, *grid, *grid_name, *unit, *unit_name, *category;
	char *text;               /* NULL for a private issue unless reveal */
};

struct grid_top_event {
	int64_t id, issue, at;
	int private;
	char *kind, *status, *grid, *grid_name, *unit, *unit_name, *category;
	char *text;
};

struct grid_top_unit {
	char *code, *name;
	long open, overdue;       /* open: open, routed or accepted */
};

struct grid_top_frame {
	int64_t now;
	char *grid, *grid_name, *parent; /* the subtree; grid NULL: all */
	enum grid_top_by by;
	struct grid_top_count *count, total;
	size_t ncount;
	struct grid_top_issue *overdue;
	size_t noverdue;
	struct grid_top_event *latest;
	size_t nlatest;
	struct grid_top_unit *unit;
	size_t nunit;
	unsigned cut;   /* 1 << PANEL_x: the limit cut that list short */
};

struct grid_top_opts {
	int limit;      /* rows of the overdue, latest and units lists */
	int reveal;     /* read the text of private issues too, and every
	                 * text with its numbers unmasked */
	int done_secs;  /* read the closed and rejected counts again only
	                 * after so many seconds (0: every frame) */
};

struct grid_top;

/* the calendar (for working hours) is read once, here */
struct grid_top *grid_top_new(struct store *st, const struct grid_top_opts *o);
void grid_top_free(struct grid_top *b);
/* count the closed and rejected issues again in the next frame */
void grid_top_forget(struct grid_top *b);

/* read the frame of the subtree under grid (NULL: the whole store) at now,
 * in one read transaction; a grid that no longer exists shows nothing */
void grid_top_load(struct grid_top *b, const char *grid, enum grid_top_by by,
    int64_t now, struct grid_top_frame *f);
void grid_top_frame_free(struct grid_top_frame *f);
/* the rows of a panel (counts: without the total) */
size_t grid_top_rows(const struct grid_top_frame *f, enum grid_top_panel p);

/* an issue's history (history.h) in one read transaction: 1 if it exists;
 * each event's detail is in words, history_describe's as issue-show prints
 * them, not JSON */
int grid_top_history(struct grid_top *b, int64_t id, struct history *h);

/* the grid a clerk means by q: its code, else the one grid of that name,
 * else the one grid whose name contains q.  0 and *code (a copy), or -1
 * with why naming the grids it could be */
int grid_top_find_grid(struct store *st, const char *q, char **code,
    struct sbuf *why);

/* write a panel of the frame (PANEL_N: all four, one after another, a
 * blank line between them) as rows of out.h; 0, or -1 on a write error */
int grid_top_print(const struct grid_top_frame *f, enum grid_top_panel p, enum out_mode mode,
    unsigned flags, FILE *fp);

#endif
