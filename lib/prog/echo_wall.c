#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "istate.h"
#include "scrub.h"
#include "text.h"
#include "tree.h"
#include "util.h"
#include "valid.h"
#include "echo_wall.h"
#include "redact.h"

/* one demand as the public sees it */
enum { W_ID, W_HEAD, W_CATEGORY, W_TEXT, W_FILED, W_STATUS, W_ANSWER,
	W_UNIT, W_RESOLVED, NW };

static const struct out_col cols[NW] = {
	{ "id", OUT_NUM }, { "head", OUT_STR }, { "category", OUT_STR },
	{ "text", OUT_STR }, { "filed_on", OUT_STR }, { "status", OUT_STR },
	{ "answer", OUT_STR }, { "unit", OUT_STR }, { "resolved_on", OUT_STR }
};

/* the page's headings, in the order of cols */
static const char *const heads[NW] = { "编号", "户主", "类别", "诉求",
	"提出日期", "办理情况", "答复", "责任单位", "办结日期" };

/* what a resident reads for each status */
static const char *
status_zh(const char *s)
{
	static const char *const st[][2] = { { "open", "已受理" },
		{ "routed", "已交办" }, { "accepted", "办理中" },
		{ "parked", "挂账" },
		{ "resolved", "已办结" }, { "closed", "已办结" },
		{ "rejected", "不予受理" } };
	size_t i;

	for (i = 0; i < sizeof st / sizeof st[0]; i++)
		if (strcmp(s, st[i][0]) == 0)
			return st[i][1];
	return s;
}

/* "2013年7月1日" */
static char *
date_zh(int64_t t, char *buf, size_t n)
{
	char d[CLK_BUFSZ];
	int y, m, day;

	clk_fmt_date(t, d);
	if (sscanf(d, "%d-%d-%d", &y, &m, &day) != 3)
		snprintf(buf, n, "%s", d);
	else
		snprintf(buf, n, "%d年%d月%d日", y, m, day);
	return buf;
}

/* text as HTML: escaped, invalid UTF-8 as U+FFFD */
static void
html_text(FILE *fp, const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		switch (s[i]) {
		case '&': fputs("&amp;", fp); i++; continue;
		case '<': fputs("&lt;", fp); i++; continue;
		case '>': fputs("&gt;", fp); i++; continue;
		case '"': fputs("&quot;", fp); i++; continue;
		case '\'': fputs("&#39;", fp); i++; continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			fputs("\xef\xbf\xbd", fp);
			i++;
			continue;
		}
		if (cp < 0x20 && cp != '\n' && cp != '\t')
			fputc(' ', fp);
		else
			fwrite(s + i, 1, (size_t)n, fp);
		i += (size_t)n;
	}
}

static const char page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>";

/* A4 landscape, so that a month of a busy village (32 demands) fits on one
 * sheet: the demand and the answer get the width, and the short columns
 * (id, head, category, dates, state, unit) are never broken inside a word
 * or a number ("2013-02-1/7"), so they take the width their words need */
static const char page_style[] =
    "</title>\n"
    "<style>\n"
    "@page { size: A4 landscape; margin: 8mm 10mm 8mm 10mm; }\n"
    "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\","
    " \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"SimSun\", sans-serif;"
    " font-size: 8.5pt; line-height: 1.2; color: #000; margin: 0; }\n"
    "h1 { font-size: 16pt; line-height: 1.2; text-align: center;"
    " letter-spacing: 0.5em; margin: 0 0 1mm; }\n"
    "p.where { text-align: center; font-size: 10.5pt; margin: 0 0 2.5mm; }\n"
    "table { width: 100%; border-collapse: collapse; }\n"
    "thead { display: table-header-group; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    "th, td { border: 0.25mm solid #000; padding: 0.3mm 1.2mm;"
    " vertical-align: top; white-space: nowrap; }\n"
    "td.t, td.a { white-space: pre-line; overflow-wrap: anywhere; }\n"
    "th { background: #eee; font-weight: bold; text-align: center; }\n"
    "td.n, td.d, td.s { text-align: center;"
    " font-variant-numeric: tabular-nums; }\n"
    "col.t, col.a { width: 50%; }\n"
    "p.sum { margin: 2mm 0 0.5mm; }\n"
    "p.note { font-size: 8pt; margin: 0; }\n"
    "span.date { float: right; font-size: 8.5pt; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n";

static const char page_cols[] =
    "<table>\n"
    "<colgroup><col class=\"n\"><col class=\"h\"><col class=\"c\">"
    "<col class=\"t\"><col class=\"d\"><col class=\"s\"><col class=\"a\">"
    "<col class=\"u\"><col class=\"d\"></colgroup>\n"
    "<thead><tr>";

/* the cell classes of a row */
static const char *const cell_class[NW] = { "n", "h", "c", "t", "d", "s",
	"a", "u", "d" };

/* the names of the grid and its ancestors, from the root down */
static void
full_name(struct store *st, const char *path, struct sbuf *b)
{
	static const char sql[] = "SELECT name FROM grids WHERE code = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	const char *p = path, *q;

	while (*p == '/' && (q = strchr(p + 1, '/'))) {
		char *code = xstrndup(p + 1, (size_t)(q - p - 1));

		sql_bind_text(s, 1, code);
		if (store_step(st, s) == SQL_ROW)
			sb_puts(b, sql_col_text(s, 0));
		sql_reset(s);
		free(code);
		p = q;
	}
}

struct echo_wall {
	struct store *st;
	const struct echo_wall_opts *o;
	FILE *fp;
	struct out *out;
	struct scrub *sc;
	long shown, done, rejected;
};

static void
page_begin(struct echo_wall *w, const struct grid *g)
{
	const struct echo_wall_opts *o = w->o;
	struct sbuf where = { 0 }, when = { 0 };
	char a[64], b[64];
	int i;

	full_name(w->st, g->path, &where);
	if (o->month) {
		int y, m;

		clk_fmt_date(o->lo, a);
		if (sscanf(a, "%d-%d", &y, &m) == 2)
			sb_printf(&when, "%d年%d月", y, m);
		else
			sb_puts(&when, a);
	} else {
		sb_printf(&when, "%s至%s", date_zh(o->lo, a, sizeof a),
		    date_zh(o->hi - 1, b, sizeof b));
	}
	fputs(page_head, w->fp);
	html_text(w->fp, g->name);
	fputs("回音壁 ", w->fp);
	html_text(w->fp, sb_str(&when));
	fputs(page_style, w->fp);
	fputs("<h1>回音壁</h1>\n<p class=\"where\">", w->fp);
	html_text(w->fp, sb_str(&where));
	fputs(" · ", w->fp);
	html_text(w->fp, sb_str(&when));
	fputs("</p>\n", w->fp);
	fputs(page_cols, w->fp);
	for (i = 0; i < NW; i++)
		fprintf(w->fp, "<th>%s</th>", heads[i]);
	fputs("</tr></thead>\n<tbody>\n", w->fp);
	sb_free(&where);
	sb_free(&when);
}

static void
page_row(struct echo_wall *w, const char *const *v)
{
	int i;

	fputs("<tr>", w->fp);
	for (i = 0; i < NW; i++) {
		if (*cell_class[i])
			fprintf(w->fp, "<td class=\"%s\">", cell_class[i]);
		else
			fputs("<td>", w->fp);
		html_text(w->fp, i == W_STATUS ? status_zh(v[i]) : v[i]);
		fputs("</td>", w->fp);
	}
	fputs("</tr>\n", w->fp);
}

static void
page_end(struct echo_wall *w)
{
	char today[64];

	if (!w->shown)
		fprintf(w->fp, "<tr><td colspan=\"%d\" class=\"s\">本期没有"
		    "可公开的诉求</td></tr>\n", NW);
	fputs("</tbody>\n</table>\n", w->fp);
	fprintf(w->fp, "<p class=\"sum\">共 %ld 件，已办结 %ld 件，"
	    "办理中 %ld 件", w->shown, w->done,
	    w->shown - w->done - w->rejected);
	if (w->rejected)
		fprintf(w->fp, "，不予受理 %ld 件", w->rejected);
	fputs("。</p>\n", w->fp);
	/* the day it was posted on the note's line, to keep to one sheet */
	fprintf(w->fp, "<p class=\"note\"><span class=\"date\">公布日期：%s"
	    "</span>涉及个人隐私的诉求不在此公开，已向本人单独答复。户主姓名、"
	    "身份证号码和电话号码均已隐去。</p>\n</body>\n</html>\n",
	    date_zh(clk_now(), today, sizeof today));
}

/* The heads' names the texts shown may hold.  scrub masks a name of two
 * characters or more where it starts, so a head that appears in a text
 * starts with two characters that follow each other in it: the texts'
 * pairs of characters, each a range of the index on households(head),
 * give every head of the store that can appear in them, a neighbour's or
 * one of another township as much as the resident's own, and no other.
 * Before it, every distinct head of the store was read, for one village
 * as for the whole county (0.41 s of 0.64 s a village, tests/bench) */
struct pairs {
	char **p;
	size_t n, cap;
};

/* the pair of characters at s, as scrub's word_at() reads them, or 0 */
static size_t
pair_at(const char *s)
{
	size_t len = 0;
	int k;

	for (k = 0; k < 2; k++) {
		if (!s[len])
			return 0;
		len++;
		while ((s[len] & 0xC0) == 0x80)
			len++;
	}
	return len;
}

/* every pair of characters of s, from each place scrub looks for a name:
 * the first byte and every one that starts a character */
static void
pairs_of(struct pairs *ps, const char *s)
{
	size_t i, len;

	for (i = 0; s && s[i]; i++) {
		if (i > 0 && (s[i] & 0xC0) == 0x80)
			continue;
		if (!(len = pair_at(s + i)))
			break;
		if (ps->n == ps->cap) {
			ps->cap = ps->cap ? 2 * ps->cap : 256;
			ps->p = xrealloc(ps->p, ps->cap * sizeof *ps->p);
		}
		ps->p[ps->n] = xmalloc(len + 1);
		memcpy(ps->p[ps->n], s + i, len);
		ps->p[ps->n++][len] = '\0';
	}
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the least text above every one that starts with the pair p (valid
 * UTF-8): p with its last character's code point one higher, into b; 0
 * when there is none (the last is U+10FFFF) */
static int
pair_next(const char *p, char *b, size_t size)
{
	size_t n = strlen(p), last = n;
	uint32_t cp;
	int len;

	while (last > 0 && (p[last - 1] & 0xC0) == 0x80)
		last--;
	if (last > 0)
		last--;
	if ((len = utf8_decode(p + last, n - last, &cp)) <= 0 ||
	    cp >= 0x10FFFF || last + 5 > size)
		return 0;
	cp = cp + 1 == 0xD800 ? 0xE000 : cp + 1;
	memcpy(b, p, last);
	b += last;
	if (cp < 0x80) {
		*b++ = (char)cp;
	} else if (cp < 0x800) {
		*b++ = (char)(0xC0 | cp >> 6);
		*b++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*b++ = (char)(0xE0 | cp >> 12);
		*b++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*b++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*b++ = (char)(0xF0 | cp >> 18);
		*b++ = (char)(0x80 | (cp >> 12 & 0x3F));
		*b++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*b++ = (char)(0x80 | (cp & 0x3F));
	}
	*b = '\0';
	return 1;
}

/* every head's name that may appear in the texts and answers of rows (a
 * statement of echo_wall_run(), bound, read here and reset) is masked
 * wherever it appears, a neighbour's as much as the resident's own; the
 * names of places are kept, though one may hold a name (徐家峪村, and a
 * resident 徐家) */
static struct scrub *
scrubber(struct store *st, struct sql_stmt *rows)
{
	/* a range of the index, both ends bound: an OR in the upper end
	 * would read the index from the pair to its end */
	static const char heads[] = "SELECT DISTINCT head FROM households"
	    " WHERE head >= ?1 AND head < ?2";
	static const char heads_to_end[] = "SELECT DISTINCT head"
	    " FROM households WHERE head >= ?1";
	static const char places[] = "SELECT name FROM grids";
	struct scrub *sc = redact_new(st);
	struct pairs ps = { 0 };
	struct sql_stmt *s;
	char next[64];
	size_t i;

	while (store_step(st, rows) == SQL_ROW) {
		pairs_of(&ps, sql_col_text(rows, 3));
		pairs_of(&ps, sql_col_text(rows, 6));
	}
	sql_reset(rows);
	if (ps.n)
		qsort(ps.p, ps.n, sizeof *ps.p, by_str);
	for (i = 0; i < ps.n; i++) {
		if (i > 0 && strcmp(ps.p[i], ps.p[i - 1]) == 0)
			continue;
		if (pair_next(ps.p[i], next, sizeof next)) {
			s = store_stmt(st, heads);
			sql_bind_text(s, 2, next);
		} else {
			s = store_stmt(st, heads_to_end);
		}
		sql_bind_text(s, 1, ps.p[i]);
		while (store_step(st, s) == SQL_ROW)
			scrub_name(sc, sql_col_text(s, 0));
		sql_reset(s);
	}
	for (i = 0; i < ps.n; i++)
		free(ps.p[i]);
	free(ps.p);
	s = store_prepare(st, places);
	while (store_step(st, s) == SQL_ROW)
		scrub_keep(sc, sql_col_text(s, 0));
	sql_finalize(s);
	return sc;
}

static void
one(struct echo_wall *w, struct sql_stmt *s)
{
	char head[256], filed[CLK_BUFSZ], resolved[CLK_BUFSZ];
	struct sbuf text = { 0 }, answer = { 0 };
	const char *v[NW], *status = sql_col_text(s, 5);

	v[W_ID] = sql_col_text(s, 0);
	v[W_HEAD] = NULL;
	if (sql_col_text(s, 1)) {
		mask_name(sql_col_text(s, 1), head, sizeof head);
		v[W_HEAD] = head;
	}
	v[W_CATEGORY] = sql_col_text(s, 2);
	scrub_text(w->sc, sql_col_text(s, 3), &text);
	v[W_TEXT] = sb_str(&text);
	v[W_FILED] = clk_fmt_date(sql_col_int(s, 4), filed);
	v[W_STATUS] = status;
	v[W_ANSWER] = NULL;
	if (sql_col_text(s, 6)) {
		scrub_text(w->sc, sql_col_text(s, 6), &answer);
		v[W_ANSWER] = sb_str(&answer);
	}
	v[W_UNIT] = sql_col_text(s, 7);
	v[W_RESOLVED] = sql_col_null(s, 8) ? NULL :
	    clk_fmt_date(sql_col_int(s, 8), resolved);
	w->shown++;
	w->done += strcmp(status, "resolved") == 0 ||
	    strcmp(status, "closed") == 0;
	w->rejected += strcmp(status, "rejected") == 0;
	if (w->o->html)
		page_row(w, v);
	else
		out_row(w->out, v, NULL);
	sb_free(&text);
	sb_free(&answer);
}

int
echo_wall_run(struct store *st, const char *grid, const struct echo_wall_opts *o,
    FILE *fp)
{
	static const char sql[] = "SELECT i.id, h.head, i.category, i.text,"
	    " i.filed_at, i.status,"
	    " CASE WHEN i.status = 'rejected' THEN i.reason ELSE i.answer END,"
	    " u.name, i.resolved_at"
	    " FROM issues i"
	    " LEFT JOIN households h ON h.code = i.household"
	    " LEFT JOIN units u ON u.code = i.unit"
	    " WHERE i.grid " TREE_IN
	    " AND i.private = 0 AND i.filed_at < ?4"
	    " AND (i.status IN " ISTATE_IN_HAND_SQL
	    "  OR coalesce(i.resolved_at, i.rejected_at, i.closed_at) >= ?3)"
	    " ORDER BY i.filed_at, i.id";
	struct echo_wall w = { st, o, fp, NULL, NULL, 0, 0, 0 };
	struct grid g;
	char *lo, *hi;
	struct sql_stmt *s;
	int rc;

	if (!tree_get(st, grid, &g) || tree_range(st, grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", grid);
	store_read(st);
	s = store_prepare(st, sql);
	sql_bind_text(s, 1, lo);
	sql_bind_text(s, 2, hi);
	sql_bind_int(s, 3, o->lo);
	sql_bind_int(s, 4, o->hi);
	w.sc = scrubber(st, s);
	if (o->html)
		page_begin(&w, &g);
	else
		w.out = out_open(fp, o->mode, o->outflags, cols, NW);
	while (store_step(st, s) == SQL_ROW)
		one(&w, s);
	sql_finalize(s);
	store_commit(st);
	if (o->html) {
		page_end(&w);
		rc = fflush(fp) == 0 && !ferror(fp) ? EXIT_OK : EXIT_PARTIAL;
	} else {
		rc = out_close(w.out) == 0 ? EXIT_OK : EXIT_PARTIAL;
	}
	scrub_free(w.sc);
	tree_grid_free(&g);
	free(lo);
	free(hi);
	return rc;
}
