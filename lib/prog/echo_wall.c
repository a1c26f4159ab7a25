#include <stdlib.h>
#include <string.h>

#include "clock.h"
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

static const char page_style[] =
    "</title>\n"
    "<style>\n"
    "@page { size: A4 portrait; margin: 15mm 12mm 15mm 12mm; }\n"
    "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\","
    " \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"SimSun\", sans-serif;"
    " font-size: 10pt; line-height: 1.45; color: #000; margin: 0; }\n"
    "h1 { font-size: 22pt; text-align: center; letter-spacing: 0.5em;"
    " margin: 0 0 2mm; }\n"
    "p.where { text-align: center; font-size: 12pt; margin: 0 0 5mm; }\n"
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
    "thead { display: table-header-group; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    "th, td { border: 0.3mm solid #000; padding: 1.2mm 1.5mm;"
    " vertical-align: top; white-space: pre-line;"
    " overflow-wrap: anywhere; word-break: break-all; }\n"
    "th { background: #eee; font-weight: bold; text-align: center; }\n"
    "td.n, td.d, td.s { text-align: center; }\n"
    "col.n { width: 7%; } col.h { width: 6%; } col.c { width: 8%; }\n"
    "col.t { width: 25%; } col.d { width: 9%; } col.s { width: 7%; }\n"
    "col.a { width: 21%; } col.u { width: 8%; }\n"
    "p.sum { margin: 4mm 0 1mm; }\n"
    "p.note { font-size: 9pt; margin: 0; }\n"
    "p.date { text-align: right; margin: 6mm 0 0; }\n"
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
static const char *const cell_class[NW] = { "n", "", "", "", "d", "s", "",
	"", "d" };

/* the names of the grid and its ancestors, from the root down */
static void
full_name(struct store *st, const char *path, struct sbuf *b)
{
	static const char sql[] = "SELECT name FROM grids WHERE code = ?";
	sqlite3_stmt *s = store_stmt(st, sql);
	const char *p = path, *q;

	while (*p == '/' && (q = strchr(p + 1, '/'))) {
		char *code = xstrndup(p + 1, (size_t)(q - p - 1));

		bind_text(s, 1, code);
		if (store_step(st, s) == SQLITE_ROW)
			sb_puts(b, col_text(s, 0));
		sqlite3_reset(s);
		free(code);
		p = q;
	}
}

struct wall {
	struct store *st;
	const struct wall_opts *o;
	FILE *fp;
	struct out *out;
	struct scrub *sc;
	long shown, done, rejected;
};

static void
page_begin(struct wall *w, const struct grid *g)
{
	const struct wall_opts *o = w->o;
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
page_row(struct wall *w, const char *const *v)
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
page_end(struct wall *w)
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
	fputs("<p class=\"note\">涉及个人隐私的诉求不在此公开，已向本人单独"
	    "答复。户主姓名、身份证号码和电话号码均已隐去。</p>\n", w->fp);
	fprintf(w->fp, "<p class=\"date\">公布日期：%s</p>\n</body>\n"
	    "</html>\n", date_zh(clk_now(), today, sizeof today));
}

/* every head's name is masked wherever it appears in the text, a
 * neighbour's as much as the resident's own; the names of places are
 * kept, though one may hold a name (徐家峪村, and a resident 徐家) */
static struct scrub *
scrubber(struct store *st)
{
	static const char heads[] = "SELECT DISTINCT head FROM households";
	static const char places[] = "SELECT name FROM grids";
	struct scrub *sc = redact_new(st);
	sqlite3_stmt *s = store_prepare(st, heads);

	while (store_step(st, s) == SQLITE_ROW)
		scrub_name(sc, col_text(s, 0));
	sqlite3_finalize(s);
	s = store_prepare(st, places);
	while (store_step(st, s) == SQLITE_ROW)
		scrub_keep(sc, col_text(s, 0));
	sqlite3_finalize(s);
	return sc;
}

static void
one(struct wall *w, sqlite3_stmt *s)
{
	char head[256], filed[CLK_BUFSZ], resolved[CLK_BUFSZ];
	struct sbuf text = { 0 }, answer = { 0 };
	const char *v[NW], *status = col_text(s, 5);

	v[W_ID] = col_text(s, 0);
	v[W_HEAD] = NULL;
	if (col_text(s, 1)) {
		mask_name(col_text(s, 1), head, sizeof head);
		v[W_HEAD] = head;
	}
	v[W_CATEGORY] = col_text(s, 2);
	scrub_text(w->sc, col_text(s, 3), &text);
	v[W_TEXT] = sb_str(&text);
	v[W_FILED] = clk_fmt_date(sqlite3_column_int64(s, 4), filed);
	v[W_STATUS] = status;
	v[W_ANSWER] = NULL;
	if (col_text(s, 6)) {
		scrub_text(w->sc, col_text(s, 6), &answer);
		v[W_ANSWER] = sb_str(&answer);
	}
	v[W_UNIT] = col_text(s, 7);
	v[W_RESOLVED] = sqlite3_column_type(s, 8) == SQLITE_NULL ? NULL :
	    clk_fmt_date(sqlite3_column_int64(s, 8), resolved);
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
wall_run(struct store *st, const char *grid, const struct wall_opts *o,
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
	    " AND (i.status IN ('open', 'routed', 'accepted')"
	    "  OR coalesce(i.resolved_at, i.rejected_at, i.closed_at) >= ?3)"
	    " ORDER BY i.filed_at, i.id";
	struct wall w = { st, o, fp, NULL, NULL, 0, 0, 0 };
	struct grid g;
	char *lo, *hi;
	sqlite3_stmt *s;
	int rc;

	if (!tree_get(st, grid, &g) || tree_range(st, grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", grid);
	store_read(st);
	w.sc = scrubber(st);
	if (o->html)
		page_begin(&w, &g);
	else
		w.out = out_open(fp, o->mode, o->outflags, cols, NW);
	s = store_prepare(st, sql);
	bind_text(s, 1, lo);
	bind_text(s, 2, hi);
	bind_int(s, 3, o->lo);
	bind_int(s, 4, o->hi);
	while (store_step(st, s) == SQLITE_ROW)
		one(&w, s);
	sqlite3_finalize(s);
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
