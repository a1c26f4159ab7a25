#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "grid_top_screen.h"
#include "istate.h"
#include "text.h"

#define WIDE 140        /* from here on, two columns of panels */
#define GAP 2           /* between the two columns */
#define MIN_W 30
#define MIN_H 6
#define MAXC 9          /* cells in a row of a panel */
#define LABEL 10        /* history: the width of a field's label */

/* text */

/* s as one line of printable text: control characters become blanks, an
 * invalid byte '?', so that what is measured is what the terminal draws */
static void
clean(struct sbuf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	uint32_t cp;
	int n;

	sb_reset(b);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			sb_putc(b, '?');
			n = 1;
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			sb_putc(b, ' ');
		} else {
			sb_add(b, s + i, (size_t)n);
		}
		i += (size_t)n;
	}
	sb_str(b);
}

static int
width_of(const char *s)
{
	struct sbuf c = { 0 };
	int w;

	clean(&c, s);
	w = utf8_width(c.s ? c.s : "", c.len);
	sb_free(&c);
	return w;
}

static void
blanks(struct sbuf *b, int n)
{
	while (n-- > 0)
		sb_putc(b, ' ');
}

/* append s cut to w columns and padded to them, on the right when right */
static void
fit(struct sbuf *b, const char *s, int w, int right)
{
	struct sbuf c = { 0 };
	size_t n;
	int used;

	clean(&c, s);
	n = utf8_fit(c.s ? c.s : "", c.len, w, &used);
	if (right)
		blanks(b, w - used);
	sb_add(b, c.s ? c.s : "", n);
	if (!right)
		blanks(b, w - used);
	sb_free(&c);
}

/* the screen */

void
grid_top_screen_init(struct scr *s, int w, int h)
{
	s->w = w > 0 ? w : 0;
	s->h = h > 0 ? h : 0;
	s->row = xcalloc((size_t)s->h + 1, sizeof *s->row);
}

void
grid_top_screen_free(struct scr *s)
{
	int y, i;

	for (y = 0; y < s->h; y++) {
		for (i = 0; i < s->row[y].n; i++)
			free(s->row[y].seg[i].text);
		free(s->row[y].seg);
	}
	free(s->row);
	memset(s, 0, sizeof *s);
}

void
grid_top_screen_put(struct scr *s, int y, int x, int w, enum scr_attr a, const char *text)
{
	struct scr_row *r;
	struct sbuf b = { 0 };
	int i;

	if (y < 0 || y >= s->h || x < 0 || x >= s->w || w <= 0)
		return;
	if (w > s->w - x)
		w = s->w - x;
	r = &s->row[y];
	/* what was there goes */
	for (i = 0; i < r->n; ) {
		struct scr_seg *g = &r->seg[i];

		if (g->x < x + w && x < g->x + g->w) {
			free(g->text);
			*g = r->seg[--r->n];
		} else {
			i++;
		}
	}
	fit(&b, text, w, 0);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 8;
		r->seg = xrealloc(r->seg, (size_t)r->cap * sizeof *r->seg);
	}
	r->seg[r->n++] = (struct scr_seg){ x, w, a, b.s ? b.s : xstrdup(""),
	    b.len };
}

static int
by_x(const void *a, const void *b)
{
	return ((const struct scr_seg *)a)->x - ((const struct scr_seg *)b)->x;
}

char *
grid_top_screen_text(const struct scr *s, int y)
{
	struct sbuf b = { 0 };
	struct scr_seg *seg;
	int i, x = 0, n;

	if (y < 0 || y >= s->h)
		return xstrdup("");
	if ((n = s->row[y].n) == 0)
		return xstrdup("");
	seg = xmalloc(((size_t)n + 1) * sizeof *seg);
	memcpy(seg, s->row[y].seg, (size_t)n * sizeof *seg);
	qsort(seg, (size_t)n, sizeof *seg, by_x);
	for (i = 0; i < n; i++) {
		blanks(&b, seg[i].x - x);
		sb_add(&b, seg[i].text, seg[i].len);
		x = seg[i].x + seg[i].w;
	}
	free(seg);
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return b.s ? b.s : xstrdup("");
}

/* rows of cells */

struct cells {
	int n;
	const char *v[MAXC];
	int right[MAXC];
	enum scr_attr attr[MAXC];
	char buf[MAXC][128];
};

static void
cell(struct cells *c, const char *v, int right, enum scr_attr a)
{
	c->v[c->n] = v;
	c->right[c->n] = right;
	c->attr[c->n] = a;
	c->n++;
}

static void
cellf(struct cells *c, int right, enum scr_attr a, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
cellf(struct cells *c, int right, enum scr_attr a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->buf[c->n], sizeof c->buf[c->n], fmt, ap);
	va_end(ap);
	cell(c, c->buf[c->n], right, a);
}

struct rect {
	int x, y, w, h;
};

/* the widths of n columns in avail columns: each as wide as it wants, the
 * widest cut first down to its least; flex (if >= 0) takes what is left */
static void
fit_widths(int avail, int n, int *w, const int *least, int flex)
{
	int sum = n - 1, c, widest;

	if (flex >= 0)
		w[flex] = least[flex];
	for (c = 0; c < n; c++)
		sum += w[c];
	while (sum > avail) {
		widest = -1;
		for (c = 0; c < n; c++)
			if (w[c] > least[c] && (widest < 0 ||
			    w[c] - least[c] > w[widest] - least[widest]))
				widest = c;
		if (widest < 0)
			break;
		w[widest]--;
		sum--;
	}
	if (flex >= 0 && sum < avail)
		w[flex] += avail - sum;
}

/* a row of cells across r at line y; row (if not SCR_PLAIN) overrides
 * the cells' attributes, blanks between them included */
static void
put_row(struct scr *s, const struct rect *r, int y, const struct cells *c,
    const int *w, enum scr_attr row)
{
	int x = r->x, end = r->x + r->w, i, cw;

	for (i = 0; i < c->n && x < end; i++) {
		struct sbuf b = { 0 };

		cw = w[i] < end - x ? w[i] : end - x;
		if (cw <= 0)
			continue;
		fit(&b, c->v[i], cw, c->right[i]);
		grid_top_screen_put(s, y, x, cw, row ? row : c->attr[i], sb_str(&b));
		sb_free(&b);
		x += cw;
		if (i + 1 < c->n && x < end) {
			grid_top_screen_put(s, y, x, 1, row, " ");
			x++;
		}
	}
	if (x < end)
		grid_top_screen_put(s, y, x, end - x, row, "");
}

/* the cells of a panel: its header (i < 0), row i, or its total (counts) */

static const char *const by_heads[GRID_TOP_NBY] = { "level", "grid", "unit",
	"category" };

static void
count_cells(const struct grid_top_frame *f, long i, struct cells *c, enum scr_attr h)
{
	const struct grid_top_count *k = i < 0 || (size_t)i >= f->ncount ?
	    &f->total : &f->count[i];
	int s;

	c->n = 0;
	if (i < 0) {
		cell(c, by_heads[f->by], 0, h);
		for (s = 0; s < GRID_TOP_NSTATUS; s++)
			cell(c, grid_top_status[s], 1, h);
		cell(c, "overdue", 1, h);
		return;
	}
	if ((size_t)i >= f->ncount)
		cell(c, "total", 0, SCR_HEAD);
	else if (f->by == GRID_TOP_GRID && f->grid && k->key &&
	    strcmp(k->key, f->grid) == 0)
		cellf(c, 0, SCR_PLAIN, "(here) %s", k->name ? k->name : "");
	else if (f->by == GRID_TOP_UNIT && !k->key)
		cell(c, "(no unit)", 0, SCR_PLAIN);
	else
		cell(c, k->name ? k->name : k->key, 0, SCR_PLAIN);
	for (s = 0; s < GRID_TOP_NSTATUS; s++)
		cellf(c, 1, SCR_PLAIN, "%ld", k->n[s]);
	cellf(c, 1, k->overdue ? SCR_ALERT : SCR_PLAIN, "%ld", k->overdue);
}

static const char *
text_or_private(const char *text, int private)
{
	return text ? text : private ? "(private)" : "";
}

static void
hours(char *buf, size_t n, double h)
{
	if (h < 100)
		snprintf(buf, n, "%.1fh", h);
	else
		snprintf(buf, n, "%.0fh", h);
}

static void
overdue_cells(const struct grid_top_frame *f, size_t i, struct cells *c)
{
	const struct grid_top_issue *r = &f->overdue[i];

	c->n = 0;
	cellf(c, 1, SCR_PLAIN, "#%lld", (long long)r->id);
	hours(c->buf[c->n], sizeof c->buf[c->n], r->hours_over);
	cell(c, c->buf[c->n], 1, SCR_ALERT);
	cell(c, r->level, 0, SCR_PLAIN);
	cell(c, r->unit_name ? r->unit_name : "-", 0, SCR_PLAIN);
	cell(c, r->grid_name, 0, SCR_PLAIN);
	cell(c, r->category, 0, SCR_PLAIN);
	cell(c, text_or_private(r->text, r->private), 0, SCR_PLAIN);
}

/* today: the time; earlier: the date and time, to the minute */
static void
when(char *buf, size_t n, int64_t at, int64_t now)
{
	char t[CLK_BUFSZ];

	clk_fmt(at, t);
	if (clk_day_start(at) == clk_day_start(now))
		snprintf(buf, n, "%.8s", t + 11);
	else
		snprintf(buf, n, "%.5s %.5s", t + 5, t + 11);
}

static void
latest_cells(const struct grid_top_frame *f, size_t i, struct cells *c)
{
	const struct grid_top_event *r = &f->latest[i];

	c->n = 0;
	when(c->buf[c->n], sizeof c->buf[c->n], r->at, f->now);
	cell(c, c->buf[c->n], 0, SCR_PLAIN);
	cell(c, r->kind, 0, SCR_PLAIN);
	cellf(c, 1, SCR_PLAIN, "#%lld", (long long)r->issue);
	cell(c, r->grid_name, 0, SCR_PLAIN);
	cell(c, r->unit_name ? r->unit_name : "", 0, SCR_PLAIN);
	cell(c, r->category, 0, SCR_PLAIN);
	cell(c, text_or_private(r->text, r->private), 0, SCR_PLAIN);
}

static void
unit_cells(const struct grid_top_frame *f, long i, struct cells *c, enum scr_attr h)
{
	c->n = 0;
	if (i < 0) {
		cell(c, "unit", 0, h);
		cell(c, "open", 1, h);
		cell(c, "overdue", 1, h);
		return;
	}
	cell(c, f->unit[i].name, 0, SCR_PLAIN);
	cellf(c, 1, SCR_PLAIN, "%ld", f->unit[i].open);
	cellf(c, 1, f->unit[i].overdue ? SCR_ALERT : SCR_PLAIN, "%ld",
	    f->unit[i].overdue);
}

/* row i of panel p (-1: the header; counts: nrows is the total) */
static void
panel_cells(const struct grid_top_frame *f, enum grid_top_panel p, long i,
    struct cells *c, enum scr_attr h)
{
	switch (p) {
	case PANEL_COUNTS:
		count_cells(f, i, c, h);
		break;
	case PANEL_OVERDUE:
		overdue_cells(f, (size_t)i, c);
		break;
	case PANEL_LATEST:
		latest_cells(f, (size_t)i, c);
		break;
	default:
		unit_cells(f, i, c, h);
	}
}

/* the least width of each column: numbers are never cut, text down to
 * two Chinese characters; the widest each wants, up to a cap */
static const int caps[PANEL_N][MAXC] = {
	[PANEL_COUNTS] = { 20 },
	[PANEL_OVERDUE] = { 8, 7, 8, 10, 14, 10, 0 },
	[PANEL_LATEST] = { 11, 9, 8, 14, 10, 10, 0 },
	[PANEL_UNITS] = { 16 },
};

static int
has_header(enum grid_top_panel p)
{
	return p == PANEL_COUNTS || p == PANEL_UNITS;
}

/* the column widths of panel p for width avail, measured over all rows so
 * that they do not jump as the panel scrolls; returns the number of columns */
static int
widths(const struct grid_top_frame *f, enum grid_top_panel p, int avail, int *w)
{
	struct cells c;
	int least[MAXC] = { 0 }, n = 0, i, cw;
	long r, last = (long)grid_top_rows(f, p) + (p == PANEL_COUNTS);

	for (i = 0; i < MAXC; i++)
		w[i] = 0;
	for (r = has_header(p) ? -1 : 0; r < last; r++) {
		panel_cells(f, p, r, &c, SCR_PLAIN);
		n = c.n;
		for (i = 0; i < c.n; i++) {
			cw = width_of(c.v[i]);
			if (cw > w[i])
				w[i] = cw;
			if (r >= 0 && c.right[i] && cw > least[i])
				least[i] = cw;
		}
	}
	for (i = 0; i < n; i++) {
		if (!least[i])
			least[i] = w[i] < 4 ? w[i] : 4;
		if (caps[p][i] && w[i] > caps[p][i])
			w[i] = caps[p][i] > least[i] ? caps[p][i] : least[i];
	}
	fit_widths(avail, n, w, least, has_header(p) ? -1 : n - 1);
	return n;
}

/* the first row shown, so that the cursor is in sight */
static size_t
scroll(struct grid_top_view *v, enum grid_top_panel p, size_t n, int rows)
{
	size_t *top = &v->top[p];

	if (v->cur[p] >= n)
		v->cur[p] = n ? n - 1 : 0;
	if (rows <= 0 || n <= (size_t)rows)
		return *top = 0;
	if (v->cur[p] < *top)
		*top = v->cur[p];
	if (v->cur[p] >= *top + (size_t)rows)
		*top = v->cur[p] - (size_t)rows + 1;
	if (*top > n - (size_t)rows)
		*top = n - (size_t)rows;
	return *top;
}

static const char *
empty_text(enum grid_top_panel p)
{
	switch (p) {
	case PANEL_OVERDUE: return "nothing is overdue";
	case PANEL_LATEST: return "no issue yet";
	case PANEL_UNITS: return "no unit holds an open issue";
	default: return "no issue";
	}
}

static void
panel_title(struct scr *s, const struct grid_top_frame *f, enum grid_top_panel p,
    const struct rect *r, enum scr_attr head)
{
	struct sbuf t = { 0 };

	if (p == PANEL_OVERDUE)
		sb_printf(&t, "overdue %ld, most overdue first",
		    f->total.overdue);
	else
		sb_puts(&t, "latest, newest first");
	grid_top_screen_put(s, r->y, r->x, r->w, head, sb_str(&t));
	sb_free(&t);
}

static void
panel(struct scr *s, const struct grid_top_frame *f, struct grid_top_view *v,
    enum grid_top_panel p, const struct rect *r)
{
	enum scr_attr head = v->focus == p ? SCR_BAR : SCR_HEAD;
	int total = p == PANEL_COUNTS && r->h >= 3;
	int w[MAXC], rows, i;
	struct cells c;
	size_t n = grid_top_rows(f, p), top;

	v->rows[p] = 0;
	if (r->h <= 0 || r->w <= 0)
		return;
	widths(f, p, r->w, w);
	if (has_header(p)) {
		panel_cells(f, p, -1, &c, head);
		put_row(s, r, r->y, &c, w, SCR_PLAIN);
	} else {
		panel_title(s, f, p, r, head);
	}
	rows = r->h - 1 - total;
	v->rows[p] = rows > 0 ? rows : 0;
	top = scroll(v, p, n, rows);
	if (n == 0 && rows > 0)
		grid_top_screen_put(s, r->y + 1, r->x, r->w, SCR_PLAIN, empty_text(p));
	for (i = 0; i < rows && top + (size_t)i < n; i++) {
		panel_cells(f, p, (long)top + i, &c, head);
		put_row(s, r, r->y + 1 + i, &c, w, v->focus == p &&
		    top + (size_t)i == v->cur[p] ? SCR_CURSOR : SCR_PLAIN);
	}
	if (total) {
		panel_cells(f, p, (long)f->ncount, &c, head);
		put_row(s, r, r->y + r->h - 1, &c, w, SCR_PLAIN);
	}
}

/* the title bar: left-aligned, and right-aligned when both fit */
static void
bar(struct scr *s, int y, enum scr_attr a, const char *left,
    const char *right)
{
	struct sbuf b = { 0 };
	int lw = width_of(left), rw = right ? width_of(right) : 0;

	sb_puts(&b, left);
	if (right && lw + rw + 1 <= s->w) {
		blanks(&b, s->w - lw - rw);
		sb_puts(&b, right);
	}
	grid_top_screen_put(s, y, 0, s->w, a, sb_str(&b));
	sb_free(&b);
}

static void
title(struct scr *s, const struct grid_top_frame *f, const struct grid_top_view *v)
{
	struct sbuf l = { 0 }, r = { 0 };
	char t[CLK_BUFSZ];

	sb_puts(&l, " grid-top  ");
	if (f->grid)
		sb_printf(&l, "%s %s", f->grid_name ? f->grid_name : "(gone)",
		    f->grid);
	else
		sb_puts(&l, "all grids");
	sb_printf(&l, "  by %s", grid_top_by_name(f->by));
	sb_printf(&r, "%s  every %gs ", clk_fmt(f->now, t), v->delay);
	bar(s, 0, SCR_BAR, sb_str(&l), sb_str(&r));
	sb_free(&l);
	sb_free(&r);
}

static const char hints[] = "q quit  j/k move  tab panel  enter history  "
    "/ grid  u up  g group  ? help";

static void
footer(struct scr *s, const struct grid_top_view *v, const char *keys)
{
	struct sbuf b = { 0 };
	int y = s->h - 1;

	if (v->prompting) {
		sb_printf(&b, "grid (code or name; empty: all): %s_",
		    sb_str((struct sbuf *)&v->input));
		grid_top_screen_put(s, y, 0, s->w, SCR_PLAIN, sb_str(&b));
	} else if (v->msg[0]) {
		grid_top_screen_put(s, y, 0, s->w, SCR_ALERT, v->msg);
	} else {
		grid_top_screen_put(s, y, 0, s->w, SCR_PLAIN, keys);
	}
	sb_free(&b);
}

static int
too_small(struct scr *s)
{
	char buf[80];

	if (s->w >= MIN_W && s->h >= MIN_H)
		return 0;
	snprintf(buf, sizeof buf, "grid-top: %dx%d is too small; %dx%d at least",
	    s->w, s->h, MIN_W, MIN_H);
	grid_top_screen_put(s, 0, 0, s->w, SCR_PLAIN, buf);
	return 1;
}

/* the counts' natural width and height */
static int
counts_width(const struct grid_top_frame *f)
{
	int w[MAXC], n = widths(f, PANEL_COUNTS, 1 << 20, w), i, sum = n - 1;

	for (i = 0; i < n; i++)
		sum += w[i];
	return sum;
}

static int
min_int(int a, int b)
{
	return a < b ? a : b;
}

static int
max_int(int a, int b)
{
	return a > b ? a : b;
}

/* the lines a list panel needs: its title and its rows, or a line saying
 * it is empty */
static int
need(const struct grid_top_frame *f, enum grid_top_panel p)
{
	return 1 + max_int((int)grid_top_rows(f, p), 1);
}

/* the first panel's half of h lines: half, but what one of the two does
 * not need goes to the other */
static int
share(int h, int first, int second)
{
	int a = (h + 1) / 2;

	if (a > first)
		a = max_int(first, h - second);
	else if (h - a > second)
		a = h - second;
	return a;
}

void
grid_top_screen_board(struct scr *s, const struct grid_top_frame *f, struct grid_top_view *v)
{
	struct rect r[PANEL_N];
	int bh = s->h - 2, ch, rest, uh, oh, lw;
	int nat = 2 + max_int((int)f->ncount, 1);
	int p;

	if (too_small(s))
		return;
	title(s, f, v);
	footer(s, v, hints);
	if (s->w < WIDE) {
		/* stacked: counts, overdue, latest, units */
		ch = min_int(nat, max_int(3, bh * 2 / 5));
		rest = bh - ch;
		uh = min_int(1 + max_int((int)f->nunit, 1), max_int(2,
		    rest / 5));
		oh = share(rest - uh, need(f, PANEL_OVERDUE),
		    need(f, PANEL_LATEST));
		r[PANEL_COUNTS] = (struct rect){ 0, 1, s->w, ch };
		r[PANEL_OVERDUE] = (struct rect){ 0, 1 + ch, s->w, oh };
		r[PANEL_LATEST] = (struct rect){ 0, 1 + ch + oh, s->w,
		    rest - uh - oh };
		r[PANEL_UNITS] = (struct rect){ 0, 1 + bh - uh, s->w, uh };
	} else {
		/* counts and units on the left, the issues on the right */
		lw = min_int(counts_width(f), (s->w - GAP) / 2);
		ch = min_int(nat, bh - 3);
		oh = share(bh, need(f, PANEL_OVERDUE), need(f, PANEL_LATEST));
		r[PANEL_COUNTS] = (struct rect){ 0, 1, lw, ch };
		r[PANEL_UNITS] = (struct rect){ 0, 1 + ch, lw, bh - ch };
		r[PANEL_OVERDUE] = (struct rect){ lw + GAP, 1,
		    s->w - lw - GAP, oh };
		r[PANEL_LATEST] = (struct rect){ lw + GAP, 1 + oh,
		    s->w - lw - GAP, bh - oh };
	}
	for (p = 0; p < PANEL_N; p++)
		panel(s, f, v, (enum grid_top_panel)p, &r[p]);
}

/* the help */

static const char *const help_lines[] = {
	"q               quit (from the history or the help: back)",
	"j k, down up    move the cursor in the panel",
	"space b, PgDn PgUp   a page down, up;  Home End  the first, the last",
	"tab l, S-tab h  the next, the previous panel (also right, left)",
	"enter           the history of the issue under the cursor;",
	"                on a grid of the counts by grid: narrow to it",
	"/               narrow to a grid, by its code or name (empty: all)",
	"u, backspace    up to the parent grid",
	"g               group the counts by level, grid, unit, category",
	"r               read the store now;  ctrl-L  draw the screen again",
	"?               this help",
	"",
	"The counts are the issues found in the grid's subtree, by status now;",
	"overdue: open, routed or accepted past the deadline (working hours).",
};

void
grid_top_screen_help(struct scr *s, const struct grid_top_view *v)
{
	size_t i;
	char d[32];

	if (too_small(s))
		return;
	snprintf(d, sizeof d, "every %gs ", v->delay);
	bar(s, 0, SCR_BAR, " grid-top: keys", d);
	for (i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++)
		grid_top_screen_put(s, 2 + (int)i, 1, s->w - 1, SCR_PLAIN, help_lines[i]);
	grid_top_screen_put(s, s->h - 1, 0, s->w, SCR_PLAIN, "press any key");
}

/* the history: lines laid out for the width, then the part that fits */

struct lines {
	char **s;
	enum scr_attr *a;
	size_t n, cap;
};

static void
add_line(struct lines *l, enum scr_attr a, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 32;
		l->s = xrealloc(l->s, l->cap * sizeof *l->s);
		l->a = xrealloc(l->a, l->cap * sizeof *l->a);
	}
	l->a[l->n] = a;
	l->s[l->n++] = xstrdup(s);
}

/* text wrapped to width - indent columns, each line after a label (the
 * first) or blanks; never a character split */
static void
add_wrapped(struct lines *l, int indent, const char *label, const char *text,
    int width)
{
	struct sbuf c = { 0 }, b = { 0 };
	const char *p;
	size_t len, n;
	int cols = width - indent, first = 1;

	clean(&c, text);
	p = c.s ? c.s : "";
	len = c.len;
	if (cols < 4)
		cols = 4;
	do {
		n = utf8_fit(p, len, cols, NULL);
		if (n == 0 && len > 0)
			n = (size_t)utf8_decode(p, len, &(uint32_t){ 0 });
		sb_reset(&b);
		fit(&b, first ? label : "", indent, 0);
		sb_add(&b, p, n);
		add_line(l, SCR_PLAIN, sb_str(&b));
		p += n;
		len -= n;
		first = 0;
	} while (len > 0);
	sb_free(&c);
	sb_free(&b);
}

static void
field(struct lines *l, const char *label, const char *value, int width)
{
	if (value && *value)
		add_wrapped(l, LABEL, label, value, width);
}

static void
field_time(struct lines *l, const char *label, int64_t t, int width)
{
	char buf[CLK_BUFSZ];

	if (t)
		field(l, label, clk_fmt(t, buf), width);
}

static void
pair(struct lines *l, const char *label, const char *code, const char *name,
    int width)
{
	struct sbuf b = { 0 };

	if (!code)
		return;
	sb_puts(&b, code);
	if (name)
		sb_printf(&b, " %s", name);
	field(l, label, sb_str(&b), width);
	sb_free(&b);
}

static void
issue_lines(struct lines *l, const struct history *h, int64_t now, int width)
{
	const struct issue *is = &h->is;
	struct sbuf b = { 0 };
	char rung[16];

	field(l, "status", is->status, width);
	field(l, "category", is->category, width);
	field(l, "text", is->text ? is->text : "(private)", width);
	pair(l, "grid", is->grid, h->grid_name, width);
	field(l, "household", is->household, width);
	field(l, "source", is->source, width);
	field(l, "ref", is->ref, width);
	field(l, "reporter", is->reporter, width);
	if (is->private)
		field(l, "private", "yes: kept off the echo wall", width);
	snprintf(rung, sizeof rung, "%d", is->rung);
	pair(l, "rung", rung, h->level, width);
	field(l, "held by", is->rung ? is->rung_grid : is->cadre, width);
	pair(l, "unit", is->unit, h->unit_name, width);
	field(l, "assist", is->assist, width);
	field_time(l, "filed", is->filed_at, width);
	field_time(l, "routed", is->routed_at, width);
	field_time(l, "accepted", is->accepted_at, width);
	field_time(l, "resolved", is->resolved_at, width);
	field_time(l, "closed", is->closed_at, width);
	field_time(l, "rejected", is->rejected_at, width);
	if (is->due_at) {
		char t[CLK_BUFSZ];
		int late = is->due_at < now &&
		    istate_in(is->status, istate_on_clock);

		sb_printf(&b, "%s%s", clk_fmt(is->due_at, t),
		    late ? " (overdue)" : "");
		field(l, "due", sb_str(&b), width);
		sb_reset(&b);
	}
	if (is->escalations || is->at_root) {
		sb_printf(&b, "%d%s", is->escalations,
		    is->at_root ? ", flagged at the root" : "");
		field(l, "escalated", sb_str(&b), width);
		sb_reset(&b);
	}
	field(l, "answer", is->answer, width);
	field(l, "reason", is->reason, width);
	if (is->duplicate_of) {
		sb_printf(&b, "#%lld", (long long)is->duplicate_of);
		field(l, "duplicate", sb_str(&b), width);
	}
	sb_free(&b);
}

static void
event_lines(struct lines *l, const struct history *h, int width)
{
	struct sbuf b = { 0 };
	char t[CLK_BUFSZ];
	size_t i;

	for (i = 0; i < h->nev; i++) {
		const struct history_event *e = &h->ev[i];

		sb_reset(&b);
		fit(&b, e->kind, 9, 0);
		sb_putc(&b, ' ');
		fit(&b, e->status, 8, 0);
		sb_putc(&b, ' ');
		fit(&b, e->level, 8, 0);
		sb_putc(&b, ' ');
		fit(&b, e->unit ? e->unit : "-", 5, 0);
		sb_printf(&b, " %s %s", e->prog ? e->prog : "",
		    e->login ? e->login : "");
		add_wrapped(l, 21, clk_fmt(e->at, t), sb_str(&b), width);
		if (e->detail)
			add_wrapped(l, 21, "", e->detail, width);
	}
	sb_free(&b);
}

void
grid_top_screen_history(struct scr *s, const struct history *h, struct grid_top_view *v,
    int64_t now)
{
	struct lines l = { 0 };
	struct sbuf t = { 0 };
	char n[32];
	size_t i;
	int rows = s->h - 2;

	if (too_small(s))
		return;
	issue_lines(&l, h, now, s->w - 1);
	add_line(&l, SCR_PLAIN, "");
	snprintf(n, sizeof n, "events (%zu)", h->nev);
	add_line(&l, SCR_HEAD, n);
	event_lines(&l, h, s->w - 1);
	sb_printf(&t, " issue #%lld  %s  %s", (long long)h->is.id,
	    h->is.category ? h->is.category : "",
	    h->grid_name ? h->grid_name : "");
	bar(s, 0, SCR_BAR, sb_str(&t), "history ");
	if (v->htop > (int)l.n - rows)
		v->htop = (int)l.n - rows;
	if (v->htop < 0)
		v->htop = 0;
	v->hrows = rows;
	for (i = 0; (int)i < rows && (size_t)v->htop + i < l.n; i++)
		grid_top_screen_put(s, 1 + (int)i, 1, s->w - 1, l.a[v->htop + i],
		    l.s[v->htop + i]);
	sb_reset(&t);
	sb_printf(&t, "q back  j/k scroll  space/b page  lines %d-%d of %zu",
	    l.n ? v->htop + 1 : 0, min_int(v->htop + rows, (int)l.n), l.n);
	footer(s, v, sb_str(&t));
	for (i = 0; i < l.n; i++)
		free(l.s[i]);
	free(l.s);
	free(l.a);
	sb_free(&t);
}
