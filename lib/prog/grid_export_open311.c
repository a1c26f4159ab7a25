#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "grid_export_open311.h"
#include "istate.h"
#include "redact.h"
#include "tree.h"
#include "util.h"
#include "valid.h"

#define MAX_DESCRIPTION 4000 /* characters: the schema's maxLength */

enum { C_ID, C_STATUS, C_CATEGORY, C_TEXT, C_AGENCY, C_FILED, C_UPDATED,
	C_DUE, C_ADDRESS, C_PLACE, C_PRIVATE, C_ANSWER, C_REASON, C_RUNG,
	C_LEVEL, C_HELD, C_GRID, C_UNIT, C_ASSIST, C_ESCALATIONS, C_AT_ROOT,
	C_SOURCE, C_REF, C_DUPLICATE, C_ROUTED, C_ACCEPTED, C_RESOLVED,
	C_CLOSED, C_REJECTED };

static const char cols[] = "SELECT i.id, i.status, i.category, i.text,"
    " u.name, i.filed_at, i.updated_at, i.due_at, h.address, g.name,"
    " i.private, i.answer, i.reason, i.rung, coalesce(l.name, CASE WHEN"
    " i.rung = 0 THEN 'cadre' ELSE 'depth ' || i.rung END),"
    " coalesce(i.rung_grid, i.cadre), i.grid, i.unit, i.assist,"
    " i.escalations, i.at_root, i.source, i.ref, i.duplicate_of,"
    " i.routed_at, i.accepted_at, i.resolved_at, i.closed_at,"
    " i.rejected_at FROM issues i LEFT JOIN units u ON u.code = i.unit"
    " LEFT JOIN households h ON h.code = i.household"
    " LEFT JOIN grids g ON g.code = i.grid"
    " LEFT JOIN levels l ON l.depth = i.rung WHERE 1 = 1";

/* a JSON object being written: whether a member needs a comma */
struct obj {
	FILE *fp;
	int n;           /* members so far */
};

static void
key(struct obj *o, const char *k)
{
	fprintf(o->fp, "%s\"%s\":", o->n++ ? "," : "", k);
}

static void
str(struct obj *o, const char *k, const char *v)
{
	key(o, k);
	if (!v) {
		fputs("null", o->fp);
		return;
	}
	fputc('"', o->fp);
	out_json_str(o->fp, v, strlen(v));
	fputc('"', o->fp);
}

static void
num(struct obj *o, const char *k, struct sql_stmt *s, int i)
{
	key(o, k);
	if (sql_col_null(s, i))
		fputs("null", o->fp);
	else
		fprintf(o->fp, "%lld", (long long)sql_col_int(s, i));
}

static void
time_iso(struct obj *o, const char *k, struct sql_stmt *s, int i)
{
	char buf[CLK_BUFSZ];

	str(o, k, sql_col_null(s, i) ? NULL :
	    clk_fmt_iso(sql_col_int(s, i), buf));
}

/* at most MAX_DESCRIPTION characters, never cutting one */
static const char *
cut(const char *v, struct sbuf *b)
{
	size_t i;
	int n = 0;

	if (!v)
		return NULL;
	for (i = 0; v[i]; i++)
		if (((unsigned char)v[i] & 0xC0) != 0x80 &&
		    ++n > MAX_DESCRIPTION) {
			sb_reset(b);
			sb_add(b, v, i);
			return sb_str(b);
		}
	return v;
}

/* Open311 knows open and closed only: an issue in hand is open, a parked
 * one too (its note says so), and one sent back for rework is accepted
 * again, so open */
static int
is_open(const char *status)
{
	return istate_in(status, istate_in_hand) != NULL;
}

/* the assisting units, ';'-separated in the store, as an array */
static void
units(struct obj *o, const char *k, const char *list)
{
	const char *p = list;
	int n = 0;

	key(o, k);
	fputc('[', o->fp);
	while (p && *p) {
		size_t len = strcspn(p, ";");

		if (len) {
			fprintf(o->fp, "%s\"", n++ ? "," : "");
			out_json_str(o->fp, p, len);
			fputc('"', o->fp);
		}
		p += len + (p[len] == ';');
	}
	fputc(']', o->fp);
}

static void
extended(FILE *fp, struct sql_stmt *s)
{
	struct obj x = { fp, 0 };

	fputs(",\"extended_attributes\":{", fp);
	str(&x, "status", sql_col_text(s, C_STATUS));
	num(&x, "rung", s, C_RUNG);
	str(&x, "level", sql_col_text(s, C_LEVEL));
	str(&x, "held_by", sql_col_text(s, C_HELD));
	str(&x, "grid", sql_col_text(s, C_GRID));
	str(&x, "unit", sql_col_text(s, C_UNIT));
	units(&x, "assisting_units", sql_col_text(s, C_ASSIST));
	num(&x, "escalations", s, C_ESCALATIONS);
	key(&x, "at_root");
	fputs(sql_col_int(s, C_AT_ROOT) ? "true" : "false", fp);
	str(&x, "source", sql_col_text(s, C_SOURCE));
	str(&x, "ref", sql_col_text(s, C_REF));
	key(&x, "private");
	fputs(sql_col_int(s, C_PRIVATE) ? "true" : "false", fp);
	num(&x, "duplicate_of", s, C_DUPLICATE);
	time_iso(&x, "routed_datetime", s, C_ROUTED);
	time_iso(&x, "accepted_datetime", s, C_ACCEPTED);
	time_iso(&x, "resolved_datetime", s, C_RESOLVED);
	time_iso(&x, "closed_datetime", s, C_CLOSED);
	time_iso(&x, "rejected_datetime", s, C_REJECTED);
	fputc('}', fp);
}

/* sc: NULL with reveal, else the scrubber of the free text */
static void
request(FILE *fp, struct sql_stmt *s, struct scrub *sc, struct sbuf *b,
    struct sbuf *t)
{
	struct obj o = { fp, 0 };
	const char *status = sql_col_text(s, C_STATUS);
	const char *note = sql_col_text(s, C_ANSWER) ? sql_col_text(s, C_ANSWER) :
	    sql_col_text(s, C_REASON);
	const char *text = sql_col_text(s, C_TEXT);
	int reveal = !sc;
	const char *address = sql_col_text(s, C_ADDRESS);
	int hidden = sql_col_int(s, C_PRIVATE) && !reveal;
	char id[24];

	snprintf(id, sizeof id, "%lld", (long long)sql_col_int(s,
	    C_ID));
	fputc('{', fp);
	str(&o, "service_request_id", id);
	str(&o, "status", is_open(status) ? "open" : "closed");
	sb_reset(b);
	sb_puts(b, status);
	if (strcmp(status, "parked") == 0)
		sb_puts(b, " (挂账: cannot be met within any limit, no deadline "
		    "runs)");
	if (note && !hidden)
		sb_printf(b, ": %s", reveal ? note : scrub_str(sc, note, t));
	str(&o, "status_notes", sb_str(b));
	str(&o, "service_name", sql_col_text(s, C_CATEGORY));
	str(&o, "service_code", sql_col_text(s, C_CATEGORY));
	if (!reveal)
		text = scrub_str(sc, text, t);
	str(&o, "description", hidden ? NULL : cut(text, b));
	str(&o, "agency_responsible", sql_col_text(s, C_AGENCY));
	time_iso(&o, "requested_datetime", s, C_FILED);
	time_iso(&o, "updated_datetime", s, C_UPDATED);
	time_iso(&o, "expected_datetime", s, C_DUE);
	if (hidden) {
		address = NULL;
	} else if (!address) {
		address = sql_col_text(s, C_PLACE);
	} else if (!reveal) {
		size_t n = strlen(address) + 32;
		char *m = xmalloc(n);

		mask_address(address, m, n);
		sb_reset(b);
		sb_puts(b, m);
		free(m);
		address = sb_str(b);
	}
	str(&o, "address", address);
	extended(fp, s);
	fputc('}', fp);
}

int
grid_export_open311_write(struct store *st, const struct grid_export_opts *o, FILE *fp)
{
	struct sbuf q = { 0 }, b = { 0 }, t = { 0 };
	struct scrub *sc = o->reveal ? NULL : redact_new(st);
	char *lo = NULL, *hi = NULL;
	struct sql_stmt *s;
	long n = 0;
	int k = 1;

	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
	sb_puts(&q, cols);
	if (lo)
		sb_puts(&q, " AND i.grid " TREE_IN);
	if (o->since)
		sb_puts(&q, " AND i.filed_at >= ?");
	if (o->until)
		sb_puts(&q, " AND i.filed_at < ?");
	sb_puts(&q, " ORDER BY i.id");
	s = store_prepare(st, sb_str(&q));
	if (lo) {
		sql_bind_text(s, k++, lo);
		sql_bind_text(s, k++, hi);
	}
	if (o->since)
		sql_bind_int(s, k++, o->since);
	if (o->until)
		sql_bind_int(s, k++, o->until);
	fputc('[', fp);
	while (store_step(st, s) == SQL_ROW) {
		fputs(n++ ? ",\n" : "\n", fp);
		request(fp, s, sc, &b, &t);
	}
	fputs(n ? "\n]\n" : "]\n", fp);
	sql_finalize(s);
	sb_free(&q);
	sb_free(&b);
	sb_free(&t);
	scrub_free(sc);
	free(lo);
	free(hi);
	return fflush(fp) == 0 && !ferror(fp) ? EXIT_OK : EXIT_PARTIAL;
}
