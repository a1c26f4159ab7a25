#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "grid_top_view.h"

void
grid_top_view_init(struct grid_top_view *v, const char *grid, enum grid_top_by by, double delay)
{
	memset(v, 0, sizeof *v);
	v->grid = grid ? xstrdup(grid) : NULL;
	v->by = by;
	v->delay = delay;
	v->focus = PANEL_OVERDUE;
}

void
grid_top_view_free(struct grid_top_view *v)
{
	free(v->grid);
	sb_free(&v->input);
	memset(v, 0, sizeof *v);
}

void
grid_top_view_msg(struct grid_top_view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof v->msg, fmt, ap);
	va_end(ap);
}

/* does row i of panel p of frame a show the same thing as row j of b */
static int
same_row(const struct grid_top_frame *a, size_t i, const struct grid_top_frame *b, size_t j,
    enum grid_top_panel p)
{
	const char *x, *y;

	switch (p) {
	case PANEL_COUNTS:
		x = a->count[i].key;
		y = b->count[j].key;
		break;
	case PANEL_OVERDUE:
		return a->overdue[i].id == b->overdue[j].id;
	case PANEL_LATEST:
		return a->latest[i].id == b->latest[j].id;
	default:
		x = a->unit[i].code;
		y = b->unit[j].code;
	}
	return x == y || (x && y && strcmp(x, y) == 0);
}

void
grid_top_view_follow(struct grid_top_view *v, const struct grid_top_frame *old, const struct grid_top_frame *cur)
{
	int p, same_grid = old && (old->grid == cur->grid || (old->grid &&
	    cur->grid && strcmp(old->grid, cur->grid) == 0));
	size_t i, n;

	for (p = 0; p < PANEL_N; p++) {
		size_t at = v->cur[p];

		n = grid_top_rows(cur, (enum grid_top_panel)p);
		if (same_grid && (p != PANEL_COUNTS || old->by == cur->by) &&
		    at < grid_top_rows(old, (enum grid_top_panel)p) &&
		    !(p == PANEL_LATEST && at == 0))
			for (i = 0; i < n; i++)
				if (same_row(old, at, cur, i,
				    (enum grid_top_panel)p)) {
					/* the rows above it came in */
					if (i > at)
						v->top[p] += i - at;
					at = i;
					break;
				}
		v->cur[p] = n == 0 ? 0 : at < n ? at : n - 1;
	}
}

static void
move(struct grid_top_view *v, const struct grid_top_frame *f, long delta)
{
	size_t n = grid_top_rows(f, v->focus);
	long at = (long)v->cur[v->focus] + delta;

	if (n == 0)
		at = 0;
	else if (at >= (long)n)
		at = (long)n - 1;
	if (at < 0)
		at = 0;
	v->cur[v->focus] = (size_t)at;
}

static void
reset_cursors(struct grid_top_view *v)
{
	memset(v->cur, 0, sizeof v->cur);
	memset(v->top, 0, sizeof v->top);
}

void
grid_top_view_grid(struct grid_top_view *v, const char *grid)
{
	free(v->grid);
	v->grid = grid ? xstrdup(grid) : NULL;
	reset_cursors(v);
}

static void
put_utf8(struct sbuf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		if (c >= 0xD800 && c < 0xE000)
			return;
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	sb_add(b, u, n);
}

static enum grid_top_view_act
prompt_key(struct grid_top_view *v, int key)
{
	switch (key) {
	case SK_ENTER:
		v->prompting = 0;
		return ACT_FIND;
	case SK_ESC:
		v->prompting = 0;
		sb_reset(&v->input);
		return ACT_NONE;
	case SK_BACKSPACE:
		/* the whole last character */
		while (v->input.len > 0 &&
		    ((unsigned char)v->input.s[--v->input.len] & 0xC0) == 0x80)
			;
		sb_str(&v->input);
		if (v->input.s)
			v->input.s[v->input.len] = '\0';
		return ACT_NONE;
	case 'U' & 0x1F:
		sb_reset(&v->input);
		return ACT_NONE;
	}
	if (key >= 0x20 && key < 0x110000 && key != 0x7F && v->input.len < 200)
		put_utf8(&v->input, (uint32_t)key);
	return ACT_NONE;
}

static enum grid_top_view_act
history_key(struct grid_top_view *v, int key)
{
	switch (key) {
	case 'q': case 'h': case SK_ESC: case SK_ENTER: case SK_BACKSPACE:
	case SK_LEFT:
		v->issue = 0;
		return ACT_NONE;
	case 'j': case SK_DOWN:
		v->htop++;
		break;
	case 'k': case SK_UP:
		v->htop--;
		break;
	case ' ': case SK_PGDN:
		v->htop += v->hrows > 1 ? v->hrows - 1 : 1;
		break;
	case 'b': case SK_PGUP:
		v->htop -= v->hrows > 1 ? v->hrows - 1 : 1;
		break;
	case SK_HOME:
		v->htop = 0;
		break;
	case SK_END:
		v->htop = 1 << 30;
		break;
	case '?':
		v->help = 1;
		break;
	case 'r':
		return ACT_HISTORY;
	case 'L' & 0x1F:
		return ACT_REDRAW;
	}
	if (v->htop < 0)
		v->htop = 0;
	return ACT_NONE;
}

static enum grid_top_view_act
enter(struct grid_top_view *v, const struct grid_top_frame *f)
{
	size_t i = v->cur[v->focus];

	if (i >= grid_top_rows(f, v->focus))
		return ACT_NONE;
	switch (v->focus) {
	case PANEL_OVERDUE:
		v->issue = f->overdue[i].id;
		break;
	case PANEL_LATEST:
		v->issue = f->latest[i].issue;
		break;
	case PANEL_COUNTS:
		if (f->by == GRID_TOP_GRID && f->count[i].key && !(f->grid &&
		    strcmp(f->count[i].key, f->grid) == 0)) {
			grid_top_view_grid(v, f->count[i].key);
			return ACT_RELOAD;
		}
		/* fall through */
	default:
		grid_top_view_msg(v, "Enter shows the history of an overdue or latest "
		    "issue, or narrows to a grid of the counts by grid");
		return ACT_NONE;
	}
	v->htop = 0;
	return ACT_HISTORY;
}

static enum grid_top_view_act
grid_top_key(struct grid_top_view *v, const struct grid_top_frame *f, int key)
{
	long page = v->rows[v->focus] > 1 ? v->rows[v->focus] - 1 : 1;

	switch (key) {
	case 'q': case 'Q':
		return ACT_QUIT;
	case 'j': case SK_DOWN:
		move(v, f, 1);
		break;
	case 'k': case SK_UP:
		move(v, f, -1);
		break;
	case ' ': case SK_PGDN:
		move(v, f, page);
		break;
	case 'b': case SK_PGUP:
		move(v, f, -page);
		break;
	case SK_HOME:
		move(v, f, -(1L << 30));
		break;
	case SK_END:
		move(v, f, 1L << 30);
		break;
	case 'l': case SK_TAB: case SK_RIGHT:
		v->focus = (enum grid_top_panel)((v->focus + 1) % PANEL_N);
		break;
	case 'h': case SK_BTAB: case SK_LEFT:
		v->focus = (enum grid_top_panel)((v->focus + PANEL_N - 1) %
		    PANEL_N);
		break;
	case SK_ENTER:
		return enter(v, f);
	case '/':
		v->prompting = 1;
		sb_reset(&v->input);
		break;
	case 'u': case SK_BACKSPACE:
		if (!v->grid) {
			grid_top_view_msg(v, "all grids are shown already");
			break;
		}
		grid_top_view_grid(v, f->parent);
		return ACT_RELOAD;
	case 'g':
		v->by = (enum grid_top_by)((v->by + 1) % GRID_TOP_NBY);
		v->cur[PANEL_COUNTS] = v->top[PANEL_COUNTS] = 0;
		return ACT_RELOAD;
	case '?':
		v->help = 1;
		break;
	case 'r':
		return ACT_RELOAD;
	case 'L' & 0x1F:
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

enum grid_top_view_act
grid_top_view_key(struct grid_top_view *v, const struct grid_top_frame *f, int key)
{
	v->msg[0] = '\0';
	if (v->prompting)
		return prompt_key(v, key);
	if (v->help) {
		v->help = 0;
		return ACT_NONE;
	}
	if (v->issue)
		return history_key(v, key);
	return grid_top_key(v, f, key);
}
