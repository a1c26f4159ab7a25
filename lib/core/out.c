/*
 * out.c - the output modes of out.h.
 *
 * Speed matters for jsonl and tsv (tests/bench/README, "Exporting": a whole
 * city is
 * exported at hundreds of thousands of rows a second), so rows are formatted
 * into a private buffer written with one fwrite when it fills, values are
 * copied in runs of bytes that need no escaping, and nothing is allocated a
 * row.  The table is for people and favours being right over being fast.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "out.h"
#include "text.h"
#include "util.h"

/* big enough that the fwrite per buffer costs nothing next to formatting */
#define OUT_BUFSZ (64 * 1024)
/* a terminal table never squeezes a text column narrower than this */
#define CLIP_MIN 8

#define BOM "\xef\xbb\xbf"
#define ELLIPSIS "\xe2\x80\xa6"
#define IDEO_SPACE "\xe3\x80\x80"

/*
 * Bytes on their way out: a stream's buffer (fp set) is written out when
 * full; a memory buffer (fp NULL) grows instead, so one escaping routine
 * serves the rows, the JSON keys and the cells a table holds.
 */
struct wbuf {
	FILE *fp;
	char *p;
	size_t n, cap;
};

struct col {
	enum out_type type;
	size_t key, keylen; /* jsonl: `{"name":` or `,"name":` in o->keys */
	int w;              /* table: display width */
	int clip;           /* table: cut cells wider than w with an ellipsis */
};

/* a held table cell: its text as shown, in o->arena */
struct cell {
	size_t off, len;
	int w;
};

struct out {
	struct wbuf out;
	enum out_mode mode;
	unsigned flags;
	int ncols;
	struct col *col;
	struct wbuf keys;
	/* table */
	struct wbuf arena;
	struct cell *cell;
	size_t ncell, capcell;
	size_t nrows;   /* rows held while measuring */
	int started;    /* widths fixed, header printed */
	size_t pend;    /* blanks owed before the next text on this line */
};

/* bytes that end a run of plain JSON string text: 1 must be escaped, 2
 * starts a multi-byte sequence that is copied if it is valid UTF-8 */
#define X16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char jclass[256] = {
	X16(1), X16(1),
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	X16(0), X16(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	X16(0), X16(0),
	X16(2), X16(2), X16(2), X16(2), X16(2), X16(2), X16(2), X16(2)
};
#undef X16

static const char hex[] = "0123456789abcdef";

static void
wb_flush(struct wbuf *b)
{
	/* after a failed write the rest is lost anyway; out_close reports it */
	if (b->n > 0 && !ferror(b->fp))
		fwrite(b->p, 1, b->n, b->fp);
	b->n = 0;
}

static void
wb_room(struct wbuf *b, size_t need)
{
	if (b->fp) {
		wb_flush(b);
		return;
	}
	while (b->cap - b->n < need)
		b->cap = b->cap ? b->cap * 2 : 256;
	b->p = xrealloc(b->p, b->cap);
}

static inline void
wb_add(struct wbuf *b, const void *s, size_t n)
{
	if (n > b->cap - b->n) {
		wb_room(b, n);
		/* a value bigger than a stream's whole buffer goes straight out */
		if (n > b->cap - b->n) {
			if (!ferror(b->fp))
				fwrite(s, 1, n, b->fp);
			return;
		}
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static inline void
wb_putc(struct wbuf *b, int c)
{
	if (b->n == b->cap)
		wb_room(b, 1);
	b->p[b->n++] = (char)c;
}

static void
wb_fill(struct wbuf *b, int c, size_t n)
{
	while (n-- > 0)
		wb_putc(b, c);
}

static size_t
vlen(const char *const *v, const size_t *len, int i)
{
	return len ? len[i] : strlen(v[i]);
}

/* a control character as JSON writes it, which a table shows too */
static void
put_ctl(struct wbuf *b, uint32_t c)
{
	char e[6] = {'\\', 'u', '0', '0', hex[c >> 4 & 0xf], hex[c & 0xf]};

	switch (c) {
	case '\b':
		e[1] = 'b';
		break;
	case '\f':
		e[1] = 'f';
		break;
	case '\n':
		e[1] = 'n';
		break;
	case '\r':
		e[1] = 'r';
		break;
	case '\t':
		e[1] = 't';
		break;
	default:
		wb_add(b, e, sizeof e);
		return;
	}
	wb_add(b, e, 2);
}

static void
json_str(struct wbuf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run = p;
	uint32_t cp;
	int n;

	while (p < end) {
		if (jclass[*p] == 0) {
			p++;
			continue;
		}
		if (jclass[*p] == 2 &&
		    (n = utf8_decode((const char *)p, (size_t)(end - p), &cp)) > 0) {
			p += n;
			continue;
		}
		wb_add(b, run, (size_t)(p - run));
		if (*p >= 0x80)
			wb_add(b, "\\ufffd", 6);
		else if (*p == '"' || *p == '\\') {
			wb_putc(b, '\\');
			wb_putc(b, *p);
		} else
			put_ctl(b, *p);
		run = ++p;
	}
	wb_add(b, run, (size_t)(p - run));
}

static int
digits(const char *s, size_t n, size_t *i)
{
	size_t start = *i;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9')
		(*i)++;
	return *i > start;
}

/* the JSON number grammar exactly, so that a bare value always parses */
static int
is_json_number(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (!(i < n && s[i] >= '1' && s[i] <= '9') || !digits(s, n, &i))
		return 0;
	if (i < n && s[i] == '.') {
		i++;
		if (!digits(s, n, &i))
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!digits(s, n, &i))
			return 0;
	}
	return i == n;
}

static void
tsv_str(struct wbuf *b, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *run = s;

	while (p < end) {
		if (*p != '\\' && *p != '\t' && *p != '\n' && *p != '\r') {
			p++;
			continue;
		}
		wb_add(b, run, (size_t)(p - run));
		wb_putc(b, '\\');
		wb_putc(b, *p == '\t' ? 't' : *p == '\n' ? 'n' : *p == '\r' ? 'r' :
		    '\\');
		run = ++p;
	}
	wb_add(b, run, (size_t)(p - run));
}

/* blanks as text_trim() sees them at the ends of a cell (CR and LF are
 * quoted anyway): quoting keeps them from being trimmed on the way back */
static int
csv_blank_ends(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	return s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t' || (n >= 3 && (memcmp(s, IDEO_SPACE, 3) == 0 ||
	    memcmp(s + n - 3, IDEO_SPACE, 3) == 0));
}

/* A cell Excel would run as a formula: one starting with =, +, -, @, tab
 * or CR (OWASP's "CSV injection"), unless it is a plain number (-5, -0.5,
 * 1e-3 by the JSON grammar), which Excel reads as the number it is and
 * which a formula cannot hide in.  With --bom such a cell is written
 * after a ', which makes Excel take it as text */
static int
formula(const char *s, size_t n)
{
	return n && strchr("=+-@\t\r", s[0]) && !is_json_number(s, n);
}

static void
csv_str(struct wbuf *b, const char *s, size_t len, int guard)
{
	const char *p, *end = s + len, *run = s;

	for (p = s; p < end; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			break;
	if (p == end && !csv_blank_ends(s, len)) {
		if (guard)
			wb_putc(b, '\'');
		wb_add(b, s, len);
		return;
	}
	wb_putc(b, '"');
	if (guard)
		wb_putc(b, '\'');
	for (p = s; p < end; p++) {
		if (*p != '"')
			continue;
		wb_add(b, run, (size_t)(p + 1 - run));
		run = p;
	}
	wb_add(b, run, (size_t)(p - run));
	wb_putc(b, '"');
}

static void
row_keys(struct out *o, const char *const *v, const size_t *len)
{
	if (v[0])
		wb_add(&o->out, v[0], vlen(v, len, 0));
	wb_putc(&o->out, '\n');
}

static void
row_tsv(struct out *o, const char *const *v, const size_t *len)
{
	int i;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			wb_putc(&o->out, '\t');
		if (!v[i])
			continue;
		if ((o->flags & OUT_BOM) && formula(v[i], vlen(v, len, i)))
			wb_putc(&o->out, '\'');
		tsv_str(&o->out, v[i], vlen(v, len, i));
	}
	wb_putc(&o->out, '\n');
}

static void
row_csv(struct out *o, const char *const *v, const size_t *len)
{
	int i;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			wb_putc(&o->out, ',');
		if (v[i])
			csv_str(&o->out, v[i], vlen(v, len, i),
			    (o->flags & OUT_BOM) && formula(v[i],
			    vlen(v, len, i)));
	}
	wb_putc(&o->out, '\n');
}

static void
row_jsonl(struct out *o, const char *const *v, const size_t *len)
{
	struct wbuf *b = &o->out;
	const struct col *c;
	size_t n;
	int i;

	for (i = 0; i < o->ncols; i++) {
		c = &o->col[i];
		wb_add(b, o->keys.p + c->key, c->keylen);
		if (!v[i]) {
			wb_add(b, "null", 4);
			continue;
		}
		n = vlen(v, len, i);
		if (c->type == OUT_NUM && is_json_number(v[i], n)) {
			wb_add(b, v[i], n);
			continue;
		}
		wb_putc(b, '"');
		json_str(b, v[i], n);
		wb_putc(b, '"');
	}
	wb_add(b, "}\n", 2);
}

/* a cell's text as a terminal should show it: one line, control characters
 * as escapes, every invalid byte as U+FFFD, so that widths are true */
static void
show(struct wbuf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run = p;
	uint32_t cp;
	int n;

	while (p < end) {
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		n = 1;
		cp = *p;
		if (*p >= 0x80)
			n = utf8_decode((const char *)p, (size_t)(end - p), &cp);
		if (n > 1 && cp >= 0xa0) {
			p += n;
			continue;
		}
		wb_add(b, run, (size_t)(p - run));
		if (n < 0) {
			wb_add(b, "\xef\xbf\xbd", 3);
			n = 1;
		} else
			put_ctl(b, cp);
		p += n;
		run = p;
	}
	wb_add(b, run, (size_t)(p - run));
}

/* hold a row as shown, widening the columns while they are measured */
static void
hold(struct out *o, const char *const *v, const size_t *len)
{
	struct cell *c;
	int i;

	if (o->ncell + (size_t)o->ncols > o->capcell) {
		o->capcell = o->capcell * 2 + (size_t)o->ncols;
		o->cell = xrealloc(o->cell, o->capcell * sizeof *o->cell);
	}
	for (i = 0; i < o->ncols; i++) {
		c = &o->cell[o->ncell++];
		c->off = o->arena.n;
		if (v[i])
			show(&o->arena, v[i], vlen(v, len, i));
		c->len = o->arena.n - c->off;
		c->w = utf8_width(o->arena.p + c->off, c->len);
		if (!o->started && c->w > o->col[i].w)
			o->col[i].w = c->w;
	}
}

/* the terminal's width when the table goes to one, else 0: no clipping */
static int
term_width(FILE *fp, unsigned flags)
{
	struct winsize ws;
	long n;

	if ((fp != stdout && !(flags & OUT_STDOUT)) || !isatty(STDOUT_FILENO))
		return 0;
	if (parse_long(getenv("COLUMNS"), 1, INT_MAX, &n) == 0)
		return (int)n;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* narrow the widest text columns until the table fits the terminal;
 * numbers are never cut, since a cut number reads as a different one */
static void
table_fit(struct out *o)
{
	long long excess;
	int i, wide, next, to, term = term_width(o->out.fp, o->flags);

	if (term == 0)
		return;
	excess = 2LL * (o->ncols - 1) - term;
	for (i = 0; i < o->ncols; i++)
		excess += o->col[i].w;
	while (excess > 0) {
		wide = -1;
		next = CLIP_MIN;
		for (i = 0; i < o->ncols; i++) {
			if (o->col[i].type != OUT_STR || o->col[i].w <= CLIP_MIN)
				continue;
			if (wide < 0 || o->col[i].w > o->col[wide].w) {
				if (wide >= 0)
					next = o->col[wide].w;
				wide = i;
			} else if (o->col[i].w > next)
				next = o->col[i].w;
		}
		if (wide < 0)
			return;
		to = o->col[wide].w - excess > next ?
		    (int)(o->col[wide].w - excess) : next;
		/* as wide as another column: take one here, then one there */
		if (to == o->col[wide].w)
			to--;
		excess -= o->col[wide].w - to;
		o->col[wide].w = to;
		o->col[wide].clip = 1;
	}
}

/* write text on the table's line, keeping its trailing blanks owed until
 * more text follows, so that no line ends in blanks */
static void
put_text(struct out *o, const char *s, size_t n)
{
	size_t t = n;

	while (t > 0 && s[t - 1] == ' ')
		t--;
	if (t == 0) {
		o->pend += n;
		return;
	}
	wb_fill(&o->out, ' ', o->pend);
	wb_add(&o->out, s, t);
	o->pend = n - t;
}

static void
table_cell(struct out *o, const struct col *c, const char *s, size_t n, int w)
{
	size_t fit;
	int used;

	if (c->clip && w > c->w) {
		fit = utf8_fit(s, n, c->w - 1, &used);
		put_text(o, s, fit);
		put_text(o, ELLIPSIS, sizeof ELLIPSIS - 1);
		o->pend += (size_t)(c->w - used - 1);
	} else if (c->type == OUT_NUM) {
		o->pend += w < c->w ? (size_t)(c->w - w) : 0;
		put_text(o, s, n);
	} else {
		put_text(o, s, n);
		o->pend += w < c->w ? (size_t)(c->w - w) : 0;
	}
}

static void
table_line(struct out *o, const struct cell *cell)
{
	int i;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			o->pend += 2;
		table_cell(o, &o->col[i], o->arena.p + cell[i].off, cell[i].len,
		    cell[i].w);
	}
	o->pend = 0;
	wb_putc(&o->out, '\n');
}

static void
table_rule(struct out *o)
{
	int i;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			o->pend += 2;
		if (o->col[i].w > 0) {
			wb_fill(&o->out, ' ', o->pend);
			o->pend = 0;
			wb_fill(&o->out, '-', (size_t)o->col[i].w);
		}
	}
	o->pend = 0;
	wb_putc(&o->out, '\n');
}

/* print the rows held, first fixing the widths and printing the header if
 * that is not done yet, and hold nothing more */
static void
table_print(struct out *o)
{
	size_t r = 0, nrows = o->ncell / (size_t)o->ncols;

	if (!o->started) {
		o->started = 1;
		table_fit(o);
		if (!(o->flags & OUT_NOHEAD)) {
			table_line(o, o->cell);
			table_rule(o);
			r = 1;
		}
	}
	for (; r < nrows; r++)
		table_line(o, o->cell + r * (size_t)o->ncols);
	o->ncell = 0;
	o->arena.n = 0;
}

static void
row_table(struct out *o, const char *const *v, const size_t *len)
{
	hold(o, v, len);
	if (o->started || ++o->nrows == OUT_TABLE_HOLD)
		table_print(o);
}

static void
json_keys(struct out *o, const char *const *name)
{
	struct col *c;
	int i;

	for (i = 0; i < o->ncols; i++) {
		c = &o->col[i];
		c->key = o->keys.n;
		wb_putc(&o->keys, i == 0 ? '{' : ',');
		wb_putc(&o->keys, '"');
		json_str(&o->keys, name[i], strlen(name[i]));
		wb_add(&o->keys, "\":", 2);
		c->keylen = o->keys.n - c->key;
	}
}

/* what comes before the first row: a BOM, a header, the keys of jsonl */
static void
start(struct out *o, const char *const *name)
{
	int head = !(o->flags & OUT_NOHEAD);

	if ((o->mode == OUT_TSV || o->mode == OUT_CSV) && (o->flags & OUT_BOM))
		wb_add(&o->out, BOM, sizeof BOM - 1);
	switch (o->mode) {
	case OUT_TABLE:
		o->arena.cap = OUT_BUFSZ;
		o->arena.p = xmalloc(o->arena.cap);
		if (head)
			hold(o, name, NULL);
		break;
	case OUT_TSV:
		if (head)
			row_tsv(o, name, NULL);
		break;
	case OUT_CSV:
		if (head)
			row_csv(o, name, NULL);
		break;
	case OUT_JSONL:
		o->keys.cap = 256;
		o->keys.p = xmalloc(o->keys.cap);
		json_keys(o, name);
		break;
	}
}

int
out_parse_mode(const char *s, enum out_mode *m)
{
	static const char *const names[] = {
		[OUT_TABLE] = "table", [OUT_TSV] = "tsv", [OUT_CSV] = "csv",
		[OUT_JSONL] = "jsonl"
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i]) == 0) {
			*m = (enum out_mode)i;
			return 0;
		}
	}
	return -1;
}

enum out_mode
out_default_mode(void)
{
	return isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_TSV;
}

struct out *
out_open(FILE *fp, enum out_mode mode, unsigned flags,
    const struct out_col *cols, int ncols)
{
	struct out *o;
	const char **name;
	int i;

	assert(ncols > 0);
	o = xcalloc(1, sizeof *o);
	o->out.fp = fp;
	o->out.cap = OUT_BUFSZ;
	o->out.p = xmalloc(o->out.cap);
	o->mode = mode;
	o->flags = flags;
	o->ncols = ncols;
	o->col = xcalloc((size_t)ncols, sizeof *o->col);
	name = xcalloc((size_t)ncols, sizeof *name);
	for (i = 0; i < ncols; i++) {
		o->col[i].type = cols[i].type;
		name[i] = cols[i].name;
	}
	if (!(flags & OUT_KEYS))
		start(o, name);
	free(name);
	return o;
}

void
out_row(struct out *o, const char *const *v, const size_t *len)
{
	if (o->flags & OUT_KEYS) {
		row_keys(o, v, len);
		return;
	}
	switch (o->mode) {
	case OUT_TABLE:
		row_table(o, v, len);
		break;
	case OUT_TSV:
		row_tsv(o, v, len);
		break;
	case OUT_CSV:
		row_csv(o, v, len);
		break;
	case OUT_JSONL:
		row_jsonl(o, v, len);
		break;
	}
}

int
out_flush(struct out *o)
{
	wb_flush(&o->out);
	return fflush(o->out.fp) == EOF || ferror(o->out.fp) ? -1 : 0;
}

int
out_close(struct out *o)
{
	int rc;

	if (!o)
		return 0;
	if (o->mode == OUT_TABLE && !(o->flags & OUT_KEYS))
		table_print(o);
	wb_flush(&o->out);
	rc = fflush(o->out.fp) == EOF || ferror(o->out.fp) ? -1 : 0;
	free(o->out.p);
	free(o->col);
	free(o->keys.p);
	free(o->arena.p);
	free(o->cell);
	free(o);
	return rc;
}

void
out_json_str(FILE *fp, const char *s, size_t len)
{
	char buf[4096];
	struct wbuf b = {fp, buf, 0, sizeof buf};

	json_str(&b, s, len);
	wb_flush(&b);
}
