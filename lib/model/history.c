#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "history.h"

static void
names(struct store *st, struct history *h)
{
	static const char sql[] = "SELECT g.name, u.name, "
	    HISTORY_LEVEL_SQL("i.rung", "l.name") " FROM issues i"
	    " LEFT JOIN grids g ON g.code = i.grid"
	    " LEFT JOIN units u ON u.code = i.unit"
	    " LEFT JOIN levels l ON l.depth = i.rung WHERE i.id = ?";
	struct sql_stmt *s = store_stmt(st, sql);

	sql_bind_int(s, 1, h->is.id);
	if (store_step(st, s) == SQL_ROW) {
		h->grid_name = sql_col_dup(s, 0);
		h->unit_name = sql_col_dup(s, 1);
		h->level = sql_col_dup(s, 2);
	}
	sql_reset(s);
}

static void
events(struct store *st, struct history *h)
{
	static const char sql[] = "SELECT e.id, e.at, e.due_at, e.rung,"
	    " e.prog, e.login, e.kind, e.subject, e.status, e.unit, e.detail,"
	    " CASE WHEN e.rung IS NULL THEN NULL ELSE "
	    HISTORY_LEVEL_SQL("e.rung", "l.name") " END"
	    " FROM events e LEFT JOIN levels l ON l.depth = e.rung"
	    " WHERE e.issue = ? ORDER BY e.at, e.id";
	struct sql_stmt *s = store_stmt(st, sql);
	size_t cap = 0;

	sql_bind_int(s, 1, h->is.id);
	while (store_step(st, s) == SQL_ROW) {
		struct history_event *e;

		if (h->nev == cap) {
			cap = cap ? 2 * cap : 16;
			h->ev = xrealloc(h->ev, cap * sizeof *h->ev);
		}
		e = &h->ev[h->nev++];
		e->id = sql_col_int(s, 0);
		e->issue = h->is.id;
		e->at = sql_col_int(s, 1);
		e->due_at = sql_col_int(s, 2);
		e->rung = sql_col_null(s, 3) ? -1 :
		    sql_col_int(s, 3);
		e->prog = sql_col_dup(s, 4);
		e->login = sql_col_dup(s, 5);
		e->kind = sql_col_dup(s, 6);
		e->subject = sql_col_dup(s, 7);
		e->status = sql_col_dup(s, 8);
		e->unit = sql_col_dup(s, 9);
		e->detail = sql_col_dup(s, 10);
		e->level = sql_col_dup(s, 11);
	}
	sql_reset(s);
}

int
history_load(struct store *st, int64_t id, struct history *h)
{
	memset(h, 0, sizeof *h);
	if (!issue_get(st, id, &h->is))
		return 0;
	names(st, h);
	events(st, h);
	return 1;
}

/* *p scrubbed, in place */
static void
scrub_field(struct scrub *sc, char **p, struct sbuf *b)
{
	const char *v = scrub_str(sc, *p, b);

	if (v && v != *p) {
		free(*p);
		*p = xstrdup(v);
	}
}

void
history_scrub(struct history *h, struct scrub *sc)
{
	struct sbuf b = { 0 };
	size_t i;

	scrub_field(sc, &h->is.text, &b);
	scrub_field(sc, &h->is.answer, &b);
	scrub_field(sc, &h->is.reason, &b);
	for (i = 0; i < h->nev; i++) {
		scrub_field(sc, &h->ev[i].subject, &b);
		scrub_field(sc, &h->ev[i].detail, &b);
	}
	sb_free(&b);
}

void
history_free(struct history *h)
{
	size_t i;

	for (i = 0; i < h->nev; i++) {
		struct history_event *e = &h->ev[i];

		free(e->prog);
		free(e->login);
		free(e->kind);
		free(e->subject);
		free(e->status);
		free(e->unit);
		free(e->detail);
		free(e->level);
	}
	free(h->ev);
	free(h->grid_name);
	free(h->unit_name);
	free(h->level);
	issue_free(&h->is);
	memset(h, 0, sizeof *h);
}

const struct out_col history_cols[HISTORY_NCOLS] = {
	{ "issue", OUT_NUM }, { "at", OUT_STR }, { "kind", OUT_STR },
	{ "status", OUT_STR }, { "rung", OUT_NUM }, { "level", OUT_STR },
	{ "unit", OUT_STR }, { "due_at", OUT_STR }, { "prog", OUT_STR },
	{ "login", OUT_STR }, { "detail", OUT_STR }
};

/* "CODE name", or the code alone when the table has no such row */
static void
named(struct store *st, struct sbuf *out, const char *sql, const char *code)
{
	char *name = store_str(st, sql, code);

	sb_puts(out, code);
	if (name)
		sb_printf(out, " %s", name);
	free(name);
}

static const char unit_sql[] = "SELECT name FROM units WHERE code = ?";
static const char grid_sql[] = "SELECT name FROM grids WHERE code = ?";
static const char cadre_sql[] = "SELECT name FROM cadres WHERE code = ?";

static void
level(struct store *st, struct sbuf *out, int rung)
{
	char *name = issue_level_name(st, rung);

	sb_puts(out, name);
	free(name);
}

static const char *
str(json_t *d, const char *key)
{
	return json_string_value(json_object_get(d, key));
}

static void
due(struct sbuf *out, const struct history_event *e)
{
	char buf[CLK_BUFSZ];

	if (e->due_at)
		sb_printf(out, "; due %s", clk_fmt(e->due_at, buf));
}

/* the accountability case an escalation opened: who held it, how late,
 * and where the case stands */
static void
accountable(struct store *st, struct sbuf *out, const struct history_event *e,
    int from)
{
	static const char sql[] = "SELECT coalesce(holder_unit, holder_cadre),"
	    " hours_over, id, status FROM accountability"
	    " WHERE issue = ? AND opened_at = ? AND rung = ?"
	    " ORDER BY id LIMIT 1";
	struct sql_stmt *s = store_stmt(st, sql);

	sql_bind_int(s, 1, e->issue);
	sql_bind_int(s, 2, e->at);
	sql_bind_int(s, 3, from);
	if (store_step(st, s) == SQL_ROW) {
		if (sql_col_text(s, 0))
			sb_printf(out, "; held by %s", sql_col_text(s, 0));
		sb_printf(out, ", %.1f h over; accountability case %lld %s",
		    sql_col_real(s, 1),
		    (long long)sql_col_int(s, 2), sql_col_text(s, 3));
	}
	sql_reset(s);
}

static void
routed(struct store *st, struct sbuf *out, const struct history_event *e,
    json_t *d)
{
	json_t *rule = json_object_get(d, "rule");

	sb_puts(out, "to ");
	named(st, out, unit_sql, e->unit ? e->unit : "?");
	if (json_is_integer(rule))
		sb_printf(out, " by rule %lld",
		    (long long)json_integer_value(rule));
	else
		sb_puts(out, " by hand");
	if (str(d, "from"))
		sb_printf(out, " (was %s)", str(d, "from"));
	if (str(d, "assist"))
		sb_printf(out, ", assisting %s", str(d, "assist"));
	if (str(d, "cooperate"))
		sb_printf(out, ", cooperating %s", str(d, "cooperate"));
	due(out, e);
}

static double
num(json_t *d, const char *key)
{
	return json_number_value(json_object_get(d, key));
}

/* ": the reason", when the event has one */
static void
reason(struct sbuf *out, json_t *d)
{
	if (str(d, "reason"))
		sb_printf(out, ": %s", str(d, "reason"));
}

/* "from RUNG GRID to RUNG GRID" of an escalation or a referral */
static void
climbed(struct store *st, struct sbuf *out, json_t *d)
{
	sb_puts(out, "from ");
	level(st, out, (int)json_integer_value(json_object_get(d, "from")));
	if (str(d, "from_grid"))
		sb_printf(out, " %s", str(d, "from_grid"));
	sb_puts(out, " to ");
	level(st, out, (int)json_integer_value(json_object_get(d, "to")));
	if (str(d, "to_grid"))
		sb_printf(out, " %s", str(d, "to_grid"));
}

/* the field's case rules (issue.h), one sentence each; 0 when the event
 * is not one of them */
static int
case_rule(struct store *st, const struct history_event *e, json_t *d,
    struct sbuf *out)
{
	const char *k = e->kind;
	char t[CLK_BUFSZ];

	if (strcmp(k, "referred") == 0 && json_object_get(d, "to")) {
		sb_puts(out, "referred up by hand ");
		climbed(st, out, d);
		sb_puts(out, ", nobody held to account");
	} else if (strcmp(k, "extended") == 0) {
		sb_printf(out, "the deadline moved %g working hours later",
		    num(d, "hours"));
		if (json_integer_value(json_object_get(d, "was")))
			sb_printf(out, " (was %s)", clk_fmt(json_integer_value(
			    json_object_get(d, "was")), t));
	} else if (strcmp(k, "returned") == 0) {
		sb_puts(out, "sent back by ");
		named(st, out, unit_sql, str(d, "unit") ? str(d, "unit") : "?");
		sb_puts(out, ", to be routed again");
	} else if (strcmp(k, "parked") == 0) {
		if (json_object_get(d, "left"))
			sb_printf(out, "parked, no deadline runs; %.1f working "
			    "hours were left", num(d, "left"));
		else
			sb_puts(out, "parked, no deadline runs");
	} else if (strcmp(k, "unparked") == 0) {
		sb_printf(out, "back to work, %s", e->status ? e->status : "?");
		if (json_object_get(d, "left"))
			sb_printf(out, ", with the %.1f working hours that "
			    "were left", num(d, "left"));
	} else if (strcmp(k, "reworked") == 0) {
		sb_puts(out, "the on-site check failed: back to ");
		named(st, out, unit_sql, str(d, "unit") ? str(d, "unit") : "?");
		sb_puts(out, " to do again");
	} else if (strcmp(k, "owner") == 0 && str(d, "owner")) {
		sb_puts(out, "responsible person ");
		named(st, out, cadre_sql, str(d, "owner"));
		if (str(d, "was"))
			sb_printf(out, " (was %s)", str(d, "was"));
	} else if (strcmp(k, "rated_grid") == 0 && str(d, "grid")) {
		named(st, out, unit_sql, str(d, "unit") ? str(d, "unit") : "?");
		sb_puts(out, " rated the grid ");
		named(st, out, grid_sql, str(d, "grid"));
		sb_printf(out, " %lld of 5", (long long)json_integer_value(
		    json_object_get(d, "rating")));
	} else if (strcmp(k, "case_confirmed") == 0) {
		json_t *v;
		size_t i;

		sb_printf(out, "accountability case %lld confirmed: %s",
		    (long long)json_integer_value(json_object_get(d, "case")),
		    str(d, "outcome") ? str(d, "outcome") : "");
		json_array_foreach(json_object_get(d, "people"), i, v)
			sb_printf(out, "%s%s", i ? ", " : "; people ",
			    json_string_value(v));
		json_array_foreach(json_object_get(d, "units"), i, v)
			sb_printf(out, "%s%s", i ? ", " : "; units ",
			    json_string_value(v));
		return 1;
	} else if (strcmp(k, "case_waived") == 0) {
		sb_printf(out, "accountability case %lld waived",
		    (long long)json_integer_value(json_object_get(d, "case")));
	} else
		return 0;
	reason(out, d);
	if (strcmp(k, "referred") == 0 || strcmp(k, "extended") == 0 ||
	    strcmp(k, "returned") == 0 || strcmp(k, "unparked") == 0 ||
	    strcmp(k, "reworked") == 0)
		due(out, e);
	return 1;
}

void
history_describe(struct store *st, const struct history_event *e,
    struct sbuf *out)
{
	json_t *d = e->detail ? json_loads(e->detail, 0, NULL) : NULL;
	const char *k = e->kind;

	if (strcmp(k, "filed") == 0) {
		sb_puts(out, "on the rung ");
		level(st, out, e->rung);
		due(out, e);
	} else if (strcmp(k, "routed") == 0) {
		routed(st, out, e, d);
	} else if (strcmp(k, "accepted") == 0 && e->unit) {
		sb_puts(out, "by ");
		named(st, out, unit_sql, e->unit);
	} else if (strcmp(k, "resolved") == 0 && str(d, "answer")) {
		sb_printf(out, "answer: %s", str(d, "answer"));
	} else if (strcmp(k, "rejected") == 0 && json_object_get(d,
	    "duplicate_of")) {
		sb_printf(out, "a duplicate of issue %lld", (long long)
		    json_integer_value(json_object_get(d, "duplicate_of")));
	} else if (strcmp(k, "rejected") == 0 && str(d, "reason")) {
		sb_printf(out, "reason: %s", str(d, "reason"));
	} else if (strcmp(k, "reopened") == 0) {
		sb_puts(out, e->unit && e->status && strcmp(e->status, "routed") == 0 ?
		    "back to " : "open again on the rung ");
		if (e->unit && e->status && strcmp(e->status, "routed") == 0)
			named(st, out, unit_sql, e->unit);
		else
			level(st, out, e->rung);
		if (str(d, "by"))
			sb_printf(out, " (by the %s)", str(d, "by"));
		due(out, e);
	} else if (strcmp(k, "note") == 0 && str(d, "text")) {
		sb_puts(out, str(d, "text"));
		if (json_object_get(d, "from"))
			sb_printf(out, " (written on issue %lld, its duplicate)",
			    (long long)json_integer_value(json_object_get(d,
			    "from")));
	} else if (strcmp(k, "feedback") == 0 && str(d, "feedback")) {
		sb_printf(out, "the resident: %s", str(d, "feedback"));
	} else if (strcmp(k, "rating") == 0 && str(d, "unit")) {
		named(st, out, unit_sql, str(d, "unit"));
		sb_printf(out, " rated %lld of 5", (long long)
		    json_integer_value(json_object_get(d, "rating")));
	} else if (strcmp(k, "escalated") == 0 && json_object_get(d, "to")) {
		int from = (int)json_integer_value(json_object_get(d, "from"));

		sb_puts(out, "from ");
		level(st, out, from);
		if (str(d, "from_grid"))
			sb_printf(out, " %s", str(d, "from_grid"));
		sb_puts(out, " to ");
		level(st, out, (int)json_integer_value(json_object_get(d,
		    "to")));
		if (str(d, "to_grid"))
			sb_printf(out, " %s", str(d, "to_grid"));
		accountable(st, out, e, from);
		due(out, e);
	} else if (strcmp(k, "flagged") == 0 && str(d, "why")) {
		sb_puts(out, str(d, "why"));
	} else if (case_rule(st, e, d, out)) {
		;
	} else if (e->detail) {
		sb_puts(out, e->detail);
	}
	json_decref(d);
}

static void
row(struct out *out, const struct history_event *e)
{
	char issue[24], rung[24], at[CLK_BUFSZ], due_at[CLK_BUFSZ];
	const char *v[HISTORY_NCOLS] = { issue, clk_fmt(e->at, at), e->kind,
		e->status, e->rung >= 0 ? rung : NULL, e->level,
		e->unit, e->due_at ? clk_fmt(e->due_at, due_at) : NULL,
		e->prog, e->login, e->detail };

	snprintf(issue, sizeof issue, "%lld", (long long)e->issue);
	snprintf(rung, sizeof rung, "%d", e->rung);
	out_row(out, v, NULL);
}

int
history_rows(struct store *st, int64_t issue, struct scrub *sc,
    struct out *out)
{
	struct history h;
	size_t i;

	if (!history_load(st, issue, &h))
		return -1;
	if (sc)
		history_scrub(&h, sc);
	for (i = 0; i < h.nev; i++)
		row(out, &h.ev[i]);
	history_free(&h);
	return 0;
}

/* the record for people */

/* text as residents typed it, on a terminal: a line break goes on under
 * the indent, other control characters (an escape sequence could take
 * over the terminal) are shown as \u00XX */
static void
put_text(FILE *fp, const char *s, int indent)
{
	for (; *s; s++) {
		if (*s == '\n' && s[1])
			fprintf(fp, "\n%*s", indent, "");
		else if ((unsigned char)*s < 0x20 && *s != '\t')
			fprintf(fp, "\\u%04x", (unsigned char)*s);
		else if (*s != '\n')
			fputc(*s, fp);
	}
}

/* a field: its label, then the value */
static void
field(FILE *fp, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(fp, "  %-10s ", label);
	put_text(fp, value, 13);
	fputc('\n', fp);
}

static void
line(struct store *st, const struct history_event *e, FILE *fp)
{
	struct sbuf what = { 0 };
	char at[CLK_BUFSZ];

	history_describe(st, e, &what);
	fprintf(fp, "  %s  %-9s  ", clk_fmt(e->at, at), e->kind);
	put_text(fp, sb_str(&what), 34);
	fprintf(fp, "%s[%s %s]\n", what.len ? "  " : "", e->prog, e->login);
	sb_free(&what);
}

/* who holds it: the contact cadre on rung 0, else the grid */
static void
holder(struct store *st, const struct issue *is, struct sbuf *b)
{
	level(st, b, is->rung);
	sb_putc(b, ' ');
	if (is->rung_grid)
		named(st, b, grid_sql, is->rung_grid);
	else if (is->cadre)
		named(st, b, cadre_sql, is->cadre);
}

static void
fields(struct store *st, const struct issue *is, FILE *fp)
{
	struct sbuf b = { 0 };
	char t[CLK_BUFSZ];

	field(fp, "category", is->category);
	field(fp, "text", is->text);
	field(fp, "household", is->household);
	named(st, &b, grid_sql, is->grid);
	field(fp, "found in", sb_str(&b));
	sb_reset(&b);
	if (is->source)
		sb_puts(&b, is->source);
	if (is->ref)
		sb_printf(&b, "%sref %s", b.len ? ", " : "", is->ref);
	field(fp, "source", sb_str(&b));
	sb_reset(&b);
	if (is->reporter) {
		named(st, &b, cadre_sql, is->reporter);
		field(fp, "reporter", sb_str(&b));
		sb_reset(&b);
	}
	if (is->cadre) {
		named(st, &b, cadre_sql, is->cadre);
		field(fp, "contact", sb_str(&b));
		sb_reset(&b);
	}
	field(fp, "private", is->private ? "yes: answered to the resident "
	    "only" : NULL);
	field(fp, "filed", clk_fmt(is->filed_at, t));
	if (is->unit) {
		named(st, &b, unit_sql, is->unit);
		if (is->assist)
			sb_printf(&b, "; assisting %s", is->assist);
		if (is->cooperate)
			sb_printf(&b, "; cooperating %s", is->cooperate);
		field(fp, "unit", sb_str(&b));
		sb_reset(&b);
	}
	if (is->owner) {
		named(st, &b, cadre_sql, is->owner);
		field(fp, "owner", sb_str(&b));
		sb_reset(&b);
	}
	if (is->due_at) {
		sb_puts(&b, clk_fmt(is->due_at, t));
		if (istate_in(is->status, istate_on_clock))
			sb_puts(&b, is->due_at < clk_now() ? " (overdue)" : "");
		field(fp, "due", sb_str(&b));
		sb_reset(&b);
	}
	if (strcmp(is->status, "parked") == 0) {
		sb_printf(&b, "no deadline runs; back to %s with ",
		    is->parked_from ? is->parked_from : "work");
		if (is->parked_left >= 0)
			sb_printf(&b, "%.1f working hours", is->parked_left);
		else
			sb_puts(&b, "no deadline");
		field(fp, "parked", sb_str(&b));
		sb_reset(&b);
	}
	if (is->referrals) {
		sb_printf(&b, "%d time%s", is->referrals,
		    is->referrals == 1 ? "" : "s");
		field(fp, "referred", sb_str(&b));
		sb_reset(&b);
	}
	if (is->escalations || is->at_root) {
		sb_printf(&b, "%d time%s%s", is->escalations,
		    is->escalations == 1 ? "" : "s", is->at_root ?
		    "; flagged: overdue at the root" : "");
		field(fp, "escalated", sb_str(&b));
		sb_reset(&b);
	}
	field(fp, "answer", is->answer);
	field(fp, "reason", is->reason);
	if (is->duplicate_of) {
		sb_printf(&b, "issue %lld", (long long)is->duplicate_of);
		field(fp, "duplicate", sb_str(&b));
	}
	sb_free(&b);
}

int
history_print(struct store *st, int64_t id, struct scrub *sc, FILE *fp)
{
	struct history h;
	struct sbuf b = { 0 };
	size_t i;

	if (!history_load(st, id, &h))
		return -1;
	if (sc)
		history_scrub(&h, sc);
	holder(st, &h.is, &b);
	fprintf(fp, "issue %lld  %s  %s\n", (long long)id, h.is.status,
	    sb_str(&b));
	fields(st, &h.is, fp);
	fputs("\n", fp);
	for (i = 0; i < h.nev; i++)
		line(st, &h.ev[i], fp);
	history_free(&h);
	sb_free(&b);
	return 0;
}
