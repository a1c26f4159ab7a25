#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "issue.h"
#include "office.h"
#include "text.h"
#include "valid.h"

#define MAX_DEPTH 64

/* the levels, read once: hours to act at each depth (0: none) */
struct levels {
	double hours[MAX_DEPTH + 1];
};

static struct levels *
load_levels(struct store *st)
{
	struct sql_stmt *s = store_prepare(st,
	    "SELECT depth, hours FROM levels WHERE depth <= 64");
	struct levels *lv = xcalloc(1, sizeof *lv);

	while (store_step(st, s) == SQL_ROW)
		lv->hours[sql_col_int(s, 0)] = sql_col_real(s, 1);
	sql_finalize(s);
	return lv;
}


void
ictx_init(struct ictx *c, struct store *st)
{
	struct sql_stmt *s = store_prepare(st, "SELECT date, kind FROM calendar");

	memset(c, 0, sizeof *c);
	c->st = st;
	c->now = clk_now();
	c->cal = cal_new();
	while (store_step(st, s) == SQL_ROW) {
		int ymd;

		if (clk_parse_ymd(sql_col_text(s, 0), &ymd) == 0)
			cal_set(c->cal, ymd, strcmp(sql_col_text(s, 1), "holiday")
			    == 0 ? CAL_HOLIDAY : CAL_WORKDAY);
	}
	sql_finalize(s);
	c->levels = NULL;
}

void
ictx_free(struct ictx *c)
{
	free(c->lifted);
	c->lifted = NULL;
	cal_free(c->cal);
	free(c->levels);
	c->cal = NULL;
	c->levels = NULL;
}

static struct levels *
levels_of(struct ictx *c)
{
	if (!c->levels)
		c->levels = load_levels(c->st);
	return c->levels;
}

/* the deadline for `hours` from `from`; 0 when hours is 0.  Working time
 * costs a walk over the calendar: a batch remembers what it computed */
static int64_t
deadline(struct ictx *c, int64_t from, double hours)
{
	int i, n = (int)(sizeof c->memo / sizeof c->memo[0]);

	if (hours <= 0)
		return 0;
	for (i = 0; i < c->nmemo; i++)
		if (c->memo[i].from == from && c->memo[i].hours == hours)
			return c->memo[i].due;
	i = c->nmemo < n ? c->nmemo++ : (int)((uint64_t)from % (uint64_t)n);
	c->memo[i].from = from;
	c->memo[i].hours = hours;
	c->memo[i].due = cal_add(c->cal, from, hours);
	return c->memo[i].due;
}

static double
rung_hours(struct ictx *c, int rung)
{
	return rung >= 0 && rung <= MAX_DEPTH ? levels_of(c)->hours[rung] : 0;
}

static char *
dup_col(struct sql_stmt *s, int i)
{
	const char *v = sql_col_text(s, i);

	return v ? xstrdup(v) : NULL;
}

static const char issue_cols[] = "SELECT id, ref, household, grid, category,"
    " text, source, reporter, status, rung_grid, cadre, unit, assist, answer,"
    " reason, private, rung, escalations, at_root, hours, filed_at,"
    " routed_at, accepted_at, resolved_at, closed_at, rejected_at, due_at,"
    " duplicate_of, updated_at, owner, cooperate, parked_from, referrals,"
    " parked_left FROM issues WHERE id = ?";

int
issue_get(struct store *st, int64_t id, struct issue *is)
{
	struct sql_stmt *s = store_stmt(st, issue_cols);
	char **str[] = { &is->ref, &is->household, &is->grid, &is->category,
		&is->text, &is->source, &is->reporter, &is->status,
		&is->rung_grid, &is->cadre, &is->unit, &is->assist,
		&is->answer, &is->reason };
	int64_t *times[] = { &is->filed_at, &is->routed_at, &is->accepted_at,
		&is->resolved_at, &is->closed_at, &is->rejected_at,
		&is->due_at, &is->duplicate_of, &is->updated_at };
	size_t i;

	memset(is, 0, sizeof *is);
	sql_bind_int(s, 1, id);
	if (store_step(st, s) != SQL_ROW)
		return 0;
	is->id = sql_col_int(s, 0);
	for (i = 0; i < sizeof str / sizeof str[0]; i++)
		*str[i] = dup_col(s, (int)i + 1);
	is->private = sql_col_int(s, 15);
	is->rung = sql_col_int(s, 16);
	is->escalations = sql_col_int(s, 17);
	is->at_root = sql_col_int(s, 18);
	is->hours = sql_col_real(s, 19);
	for (i = 0; i < sizeof times / sizeof times[0]; i++)
		*times[i] = sql_col_int(s, (int)i + 20);
	is->owner = dup_col(s, 29);
	is->cooperate = dup_col(s, 30);
	is->parked_from = dup_col(s, 31);
	is->referrals = sql_col_int(s, 32);
	is->parked_left = sql_col_null(s, 33) ? -1 :
	    sql_col_real(s, 33);
	sql_reset(s);
	return 1;
}

void
issue_free(struct issue *is)
{
	char **str[] = { &is->ref, &is->household, &is->grid, &is->category,
		&is->text, &is->source, &is->reporter, &is->status,
		&is->rung_grid, &is->cadre, &is->unit, &is->assist,
		&is->answer, &is->reason };
	size_t i;

	for (i = 0; i < sizeof str / sizeof str[0]; i++) {
		free(*str[i]);
		*str[i] = NULL;
	}
	free(is->owner);
	free(is->cooperate);
	free(is->parked_from);
	is->owner = is->cooperate = is->parked_from = NULL;
}

int64_t
issue_id(const char *s)
{
	long v;

	if (s && *s == '#')
		s++;
	if (parse_long(s, 1, 9007199254740991L, &v) != 0)
		return 0;
	return v;
}

/* store_event()'s row for an issue's event, whose state after the change
 * a statement takes from the issue's row: emit(), the filing on
 * PostgreSQL, a batch routed */
#define EVENT_INS "INSERT INTO events (at, prog, login, kind, issue," \
	" status, rung, unit, due_at, detail, role)"

/* the state of an issue after a change, as its event records it */
struct evstate {
	const char *status;
	int rung;
	const char *unit;
	int64_t due;            /* 0: no deadline */
};

/* the event of a change.  The state after it: st's when the caller knows
 * it, as a row of values; else read from the issue row in the same
 * statement (one round trip to a server, not two).  SQLite keeps a
 * statement journal (a copy of each page the statement changes, made and
 * freed with it) for a statement that may write many rows, as an
 * INSERT ... SELECT may; a row of values needs none */
static void
event_write(struct ictx *c, const char *kind, int64_t id, int64_t at,
    const struct evstate *st, json_t *d)
{
	static const char from_issue[] = EVENT_INS
	    " SELECT ?1, ?2, ?3, ?4, id, status, rung, unit, due_at, ?5, ?6"
	    " FROM issues WHERE id = ?7";
	static const char values[] = EVENT_INS
	    " VALUES (?1, ?2, ?3, ?4, ?7, ?8, ?9, ?10, ?11, ?5, ?6)";
	struct sql_stmt *s = store_stmt(c->st, st ? values : from_issue);
	char *detail = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) :
	    NULL;

	sql_bind_int(s, 1, at ? at : clk_now());
	sql_bind_text(s, 2, argv0);
	sql_bind_text(s, 3, c->st->login);
	sql_bind_text(s, 4, kind);
	sql_bind_text(s, 5, detail);
	sql_bind_text(s, 6, c->st->role);
	sql_bind_int(s, 7, id);
	if (st) {
		sql_bind_text(s, 8, st->status);
		sql_bind_int(s, 9, st->rung);
		sql_bind_text(s, 10, st->unit);
		if (st->due)
			sql_bind_int(s, 11, st->due);
	}
	store_step(c->st, s);
	free(detail);
	json_decref(d);
}

/* the event of a change, its state read from the issue */
static void
emit(struct ictx *c, const char *kind, int64_t id, int64_t at, json_t *d)
{
	event_write(c, kind, id, at, NULL, d);
}

/* the event of a change whose state after it the caller knows */
static void
emit_state(struct ictx *c, const char *kind, int64_t id, int64_t at,
    const char *status, int rung, const char *unit, int64_t due, json_t *d)
{
	event_write(c, kind, id, at,
	    &(struct evstate){ status, rung, unit, due }, d);
}

/* filing */

/* a batch's 'filed' events, a statement for so many issues (see
 * issue_file_batch_begin) */
#define BATCH_EVENTS 4096
static void batch_events(struct ictx *c, int64_t upto);

static int
parse_private(const char *s, int *v)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "是",
		NULL };
	static const char *const no[] = { "0", "no", "n", "false", "否", NULL };
	int i;

	*v = 0;
	if (!s)
		return 0;
	for (i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *v = 1, 0;
	for (i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

static int
nchars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* What filing an issue reads of the store, in one query (one round trip to
 * a server, not up to four): the issue already filed under the ref,
 * whether the reporter is a cadre, the household's grid, its depth and its
 * active paired cadre, and the depth of the grid given.  Each is NULL when
 * its key is not given or not found; the checks that use them keep their
 * order (decide).  The household and its grid are two LEFT JOINs, the
 * grid's code standing for the household's: a join nested on the right of
 * a LEFT JOIN SQLite materializes into a scratch table, a B-tree opened
 * and freed for every issue filed */
struct known {
	int64_t ref_id;     /* 0: no issue under the ref */
	int reporter;       /* 1: the reporter is a cadre */
	char *hgrid;        /* NULL: no such household */
	int hdepth;
	char *hcadre;
	int grid;           /* 1: the grid given exists */
	int gdepth;
	int office;         /* the office may file in the issue's grid: 1 yes,
	                     * 0 no, -1 not asked yet (office_refuses_grid) */
};

/* the columns of struct known, the keys given as ref, rep (the reporter)
 * and grid (the grid when no household is given), the household as h */
#define KNOWN_COLS(ref, rep, grid) \
	" (SELECT id FROM issues WHERE ref = " ref ")," \
	" (SELECT 1 FROM cadres WHERE code = " rep ")," \
	" g.code, g.depth, (SELECT p.cadre" \
	"  FROM pairs p JOIN cadres k ON k.code = p.cadre" \
	"  WHERE p.household = h.code AND p.ended_at IS NULL" \
	"  AND k.status = 'active')," \
	" (SELECT depth FROM grids WHERE code = " grid ")"
#define KNOWN_JOINS(household) \
	" LEFT JOIN households h ON h.code = " household \
	" LEFT JOIN grids g ON g.code = h.grid"

static void
known_read(struct sql_stmt *s, struct known *k)
{
	k->ref_id = sql_col_null(s, 0) ? 0 : sql_col_int(s, 0);
	k->reporter = !sql_col_null(s, 1);
	k->hgrid = dup_col(s, 2);
	k->hdepth = sql_col_int(s, 3);
	k->hcadre = dup_col(s, 4);
	k->grid = !sql_col_null(s, 5);
	k->gdepth = sql_col_int(s, 5);
}

static void
lookup(struct ictx *c, const struct issue_new *in, struct known *k)
{
	static const char sql[] = "SELECT" KNOWN_COLS("?1", "?2", "?4")
	    " FROM (SELECT 1) AS one" KNOWN_JOINS("?3");
	struct sql_stmt *s = store_stmt(c->st, sql);

	sql_bind_text(s, 1, in->ref);
	sql_bind_text(s, 2, in->reporter);
	sql_bind_text(s, 3, in->household);
	sql_bind_text(s, 4, in->household ? NULL : in->grid);
	if (store_step(c->st, s) != SQL_ROW)
		store_fail(c->st, "cannot read the store");
	known_read(s, k);
	k->office = -1;
	sql_reset(s);
}

/* where a new issue starts: the household's grid, its depth and its active
 * paired cadre if it has one, else the grid given; the strings are k's,
 * taken */
static int
locate(const struct issue_new *in, struct known *k, char **grid, int *depth,
    char **cadre, struct sbuf *why)
{
	*grid = *cadre = NULL;
	*depth = 0;
	if (in->household) {
		if (!k->hgrid) {
			sb_printf(why, "household '%s' does not exist",
			    in->household);
			return -1;
		}
		if (in->grid && strcmp(in->grid, k->hgrid) != 0) {
			sb_printf(why, "household '%s' is in grid '%s', not "
			    "'%s'", in->household, k->hgrid, in->grid);
			return -1;
		}
		*grid = k->hgrid;
		*depth = k->hdepth;
		*cadre = k->hcadre;
		k->hgrid = k->hcadre = NULL;
		return 0;
	}
	if (!in->grid) {
		sb_puts(why, "give a household or a grid");
		return -1;
	}
	if (!k->grid) {
		sb_printf(why, "grid '%s' does not exist", in->grid);
		return -1;
	}
	*depth = k->gdepth;
	*grid = xstrdup(in->grid);
	return 0;
}

static int
check_new(const struct ictx *c, const struct issue_new *in, int *private,
    int64_t *filed, struct sbuf *why)
{
	const char *w;

	if (!in->category || !in->text) {
		sb_printf(why, "'%s' is empty (it is required)",
		    in->category ? "text" : "category");
		return -1;
	}
	if (nchars(in->category) > 100) {
		sb_puts(why, "the category is longer than 100 characters");
		return -1;
	}
	if (nchars(in->text) > 4000) {
		sb_printf(why, "the text is %d characters long; at most 4000",
		    nchars(in->text));
		return -1;
	}
	if (in->source && nchars(in->source) > 32) {
		sb_puts(why, "the source is longer than 32 characters");
		return -1;
	}
	if (in->ref && valid_code(in->ref, &w) != 0) {
		sb_printf(why, "ref '%s': %s", in->ref, w);
		return -1;
	}
	if (parse_private(in->private, private) != 0) {
		sb_printf(why, "private '%s' must be 0 or 1", in->private);
		return -1;
	}
	*filed = c->now;
	if (in->filed_at) {
		if (clk_parse(in->filed_at, filed, NULL) != 0) {
			sb_printf(why, "filed_at '%s' is not a time",
			    in->filed_at);
			return -1;
		}
		if (*filed > c->now) {
			sb_printf(why, "filed_at '%s' is in the future",
			    in->filed_at);
			return -1;
		}
	}
	return 0;
}

static int file_clean(struct ictx *c, const struct issue_new *in,
    int64_t *id, struct sbuf *why);

/* The fields of an issue as every path must give them, whether from a
 * file (where rec.c has done this already) or from flags: valid UTF-8 --
 * PCRE2 matches the text with its UTF check off --, without the blanks
 * text_trim() drops at their ends (a category with a blank around would
 * match no rule), a blank one as not given.  in's fields are copied to out,
 * those to trim into own[] (to free); 0, or -1 with why */
static int
clean_new(const struct issue_new *in, struct issue_new *out, char **own,
    struct sbuf *why)
{
	static const char *const names[] = { "household", "grid", "category",
		"text", "source", "reporter", "private", "filed_at", "ref" };
	const char **f[] = { &out->household, &out->grid, &out->category,
		&out->text, &out->source, &out->reporter, &out->private,
		&out->filed_at, &out->ref };
	size_t i, n, bad;

	*out = *in;
	for (i = 0; i < sizeof f / sizeof f[0]; i++)
		own[i] = NULL;
	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		const char *v = *f[i];

		if (!v)
			continue;
		n = strlen(v);
		if (!utf8_valid(v, n, &bad)) {
			sb_printf(why, "'%s' is not valid UTF-8 (byte %zu)",
			    names[i], bad + 1);
			return -1;
		}
		if (n && (strchr(" \t\r\n", v[0]) || strchr(" \t\r\n",
		    v[n - 1]) || strncmp(v, "\xe3\x80\x80", 3) == 0 ||
		    (n >= 3 && strcmp(v + n - 3, "\xe3\x80\x80") == 0))) {
			own[i] = text_trim(xstrdup(v));
			v = own[i];
		}
		*f[i] = *v ? v : NULL;
	}
	return 0;
}

int
issue_file(struct ictx *c, const struct issue_new *in, int64_t *id,
    struct sbuf *why)
{
	struct issue_new clean;
	char *own[9];
	size_t i;
	int rc;

	rc = clean_new(in, &clean, own, why) != 0 ? -1 :
	    file_clean(c, &clean, id, why);
	for (i = 0; i < sizeof own / sizeof own[0]; i++)
		free(own[i]);
	return rc;
}

/* an issue about to be filed: where it starts, and when it is due */
struct filing {
	char *grid, *cadre;
	int private, rung;
	int64_t filed, due;
	double hours;
};

/* What filing in does, once checked (check_new: f's private and filed)
 * and given what the store knows of it (k): 1 with the rest of f, to
 * file; 0 and *id of the issue filed before under its ref; -1 with why.
 * f's strings (taken from k) are the caller's to free, whatever the
 * answer, with k's */
static int
decide(struct ictx *c, const struct issue_new *in, struct known *k,
    struct filing *f, int64_t *id, struct sbuf *why)
{
	int depth;

	if (in->reporter && !k->reporter) {
		sb_printf(why, "reporter '%s' is not a cadre", in->reporter);
		return -1;
	}
	if (k->ref_id) {
		/* filed before: the same issue, not another */
		*id = k->ref_id;
		return 0;
	}
	if (locate(in, k, &f->grid, &depth, &f->cadre, why) != 0)
		return -1;
	if (k->office < 0 ? office_refuses_grid(c->st, f->grid, why) != 0 :
	    office_grid_answer(c->st, f->grid, k->office, why) != 0)
		return -1;
	f->rung = f->cadre ? 0 : depth;
	f->hours = rung_hours(c, f->rung);
	f->due = deadline(c, f->filed, f->hours);
	return 1;
}

static void
filing_free(struct filing *f, struct known *k)
{
	free(f->grid);
	free(f->cadre);
	free(k->hgrid);
	free(k->hcadre);
}

static int
file_clean(struct ictx *c, const struct issue_new *in, int64_t *id,
    struct sbuf *why)
{
#define FILE_INS "INSERT INTO issues (ref, household, grid, category, text," \
	" source, reporter, private, status, rung, rung_grid, cadre, hours," \
	" filed_at, due_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7," \
	" ?8, 'open', ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	/* the row's id by store_insert_id(): RETURNING on PostgreSQL only */
	static const char ins[] = FILE_INS;
	/* on PostgreSQL the issue and its event in one statement, one round
	 * trip to the server (SQLite has no INSERT in a WITH); emit()'s row */
	static const char ins_pg[] = "WITH i AS (" FILE_INS
	    " RETURNING id, status, rung, unit, due_at) " EVENT_INS
	    " SELECT ?13, ?16, ?17, 'filed', id, status, rung, unit, due_at,"
	    " NULL, ?18 FROM i RETURNING issue";
#undef FILE_INS
	int pg = sql_kind(c->st->db) == SQL_PGSQL;
	struct filing f = { 0 };
	struct known k;
	int rc;
	struct sql_stmt *s;

	if (check_new(c, in, &f.private, &f.filed, why) != 0)
		return -1;
	lookup(c, in, &k);
	if ((rc = decide(c, in, &k, &f, id, why)) != 1)
		goto out;
	s = store_stmt(c->st, pg ? ins_pg : ins);
	sql_bind_text(s, 1, in->ref);
	sql_bind_text(s, 2, in->household);
	sql_bind_text(s, 3, f.grid);
	sql_bind_text(s, 4, in->category);
	sql_bind_text(s, 5, in->text);
	sql_bind_text(s, 6, in->source);
	sql_bind_text(s, 7, in->reporter);
	sql_bind_int(s, 8, f.private);
	sql_bind_int(s, 9, f.rung);
	sql_bind_text(s, 10, f.cadre ? NULL : f.grid);
	sql_bind_text(s, 11, f.cadre);
	if (f.hours > 0)
		sql_bind_real(s, 12, f.hours);
	sql_bind_int(s, 13, f.filed);
	if (f.due)
		sql_bind_int(s, 14, f.due);
	sql_bind_int(s, 15, c->now);
	if (pg) {
		sql_bind_text(s, 16, argv0);
		sql_bind_text(s, 17, c->st->login);
		sql_bind_text(s, 18, c->st->role);
	}
	*id = store_insert_id(c->st, s, "cannot file an issue");
	if (c->batch) {
		/* a few thousand at a time (a batch's ids follow one another):
		 * one statement for a million rows kept 31 MB more of
		 * SQLite's in memory */
		if (*id - c->filed_after >= BATCH_EVENTS)
			batch_events(c, *id);
	} else if (!pg)
		emit_state(c, "filed", *id, f.filed, "open", f.rung, NULL,
		    f.due, NULL);
out:
	filing_free(&f, &k);
	return rc;
}

/*
 * Filing many at once, on PostgreSQL (issue-file's batch), where every
 * statement is a round trip to the server and a plan run through: what
 * the issues need of the store is read for all of them by one statement,
 * and they are filed with their events by another, the values of each
 * column in an array (unnest).  The ids are given by the statement, the
 * largest plus the issue's place in the set (the events' likewise), under
 * the lock the ids' trigger takes (store_lock_ids); the trigger is not
 * called for a row given its id.  A county's 35,489 issues, one or two
 * statements each: 13.2 s, the server busy four fifths of it, a third of
 * that in sending and receiving; by sets of 512: 4.2 s; with the ids
 * given: 3.3 s (tests/bench/README, "Filing on PostgreSQL").  The answers
 * are those of filing them one after another: the checks, in their
 * order, are the same code (check_new, decide), and an issue whose ref an
 * earlier one of the set gives is skipped with that one's id, as it would
 * be once that one was in the store.
 */

int
issue_file_chunked(const struct ictx *c)
{
	return sql_kind(c->st->db) == SQL_PGSQL;
}

/* what the issues of cl[] with rc[] > 0 need of the store, into k[] */
static void
many_lookup(struct ictx *c, const struct issue_new *cl, const int *rc,
    struct known *k, size_t n)
{
	static const char sql[] = "SELECT" KNOWN_COLS("x.ref", "x.reporter",
	    "x.grid") ", CASE WHEN ?5 = 1 THEN gridkit_office_may(CASE WHEN"
	    " x.household IS NULL THEN x.grid ELSE g.code END, NULL) END"
	    " FROM unnest(?1::text[], ?2::text[], ?3::text[], ?4::text[])"
	    " WITH ORDINALITY AS x(ref, reporter, household, grid, o)"
	    KNOWN_JOINS("x.household") " ORDER BY x.o";
	struct sbuf a[4] = { { 0 } };
	struct sql_stmt *s;
	size_t i;
	int j;

	for (i = 0; i < n; i++)
		if (rc[i] > 0) {
			sql_arr_text(&a[0], cl[i].ref);
			sql_arr_text(&a[1], cl[i].reporter);
			sql_arr_text(&a[2], cl[i].household);
			sql_arr_text(&a[3], cl[i].household ? NULL : cl[i].grid);
		}
	if (!a[0].len)
		return;
	s = store_stmt(c->st, sql);
	for (j = 0; j < 4; j++)
		sql_bind_arr(s, j + 1, &a[j]);
	sql_bind_int(s, 5, office_bound(c->st));
	for (i = 0; i < n; i++) {
		if (rc[i] <= 0)
			continue;
		if (store_step(c->st, s) != SQL_ROW)
			store_fail(c->st, "cannot read the store");
		known_read(s, &k[i]);
		k[i].office = sql_col_null(s, 6) ? 1 : sql_col_int(s, 6);
	}
	sql_reset(s);
}

/* the issues of cl[] with rc[] 1 filed as f[] says, with their events;
 * their ids into id[] */
static void
many_insert(struct ictx *c, const struct issue_new *cl,
    const struct filing *f, const int *rc, int64_t *id, size_t n)
{
	static const char sql[] = "WITH i AS (INSERT INTO issues (id, ref,"
	    " household, grid, category, text, source, reporter, private,"
	    " status, rung, rung_grid, cadre, hours, filed_at, due_at,"
	    " updated_at) SELECT (SELECT coalesce(max(id), 0) FROM issues)"
	    " + o, ref, household, grid, category, text,"
	    " source, reporter, private, 'open', rung, rung_grid, cadre,"
	    " hours, filed_at, due_at, ?15 FROM unnest(?1::text[],"
	    " ?2::text[], ?3::text[], ?4::text[], ?5::text[], ?6::text[],"
	    " ?7::text[], ?8::bigint[], ?9::bigint[], ?10::text[],"
	    " ?11::text[], ?12::float8[], ?13::bigint[], ?14::bigint[])"
	    " WITH ORDINALITY AS x(ref, household, grid, category, text,"
	    " source, reporter, private, rung, rung_grid, cadre, hours,"
	    " filed_at, due_at, o) ORDER BY o"
	    " RETURNING id, status, rung, unit, due_at, filed_at)"
	    " INSERT INTO events (id, at, prog, login, kind, issue, status,"
	    " rung, unit, due_at, detail, role)"
	    " SELECT (SELECT coalesce(max(id), 0) FROM events)"
	    " + row_number() OVER (ORDER BY id), filed_at, ?16, ?17, 'filed',"
	    " id, status, rung, unit, due_at, NULL, ?18 FROM i ORDER BY id"
	    " RETURNING issue";
	enum { REF, HOUSEHOLD, GRID, CATEGORY, TEXT, SOURCE, REPORTER,
		PRIVATE, RUNG, RUNG_GRID, CADRE, HOURS, FILED, DUE, NA };
	struct sbuf a[NA] = { { 0 } };
	struct sql_stmt *s;
	size_t i;
	int j;

	for (i = 0; i < n; i++) {
		if (rc[i] != 1)
			continue;
		sql_arr_text(&a[REF], cl[i].ref);
		sql_arr_text(&a[HOUSEHOLD], cl[i].household);
		sql_arr_text(&a[GRID], f[i].grid);
		sql_arr_text(&a[CATEGORY], cl[i].category);
		sql_arr_text(&a[TEXT], cl[i].text);
		sql_arr_text(&a[SOURCE], cl[i].source);
		sql_arr_text(&a[REPORTER], cl[i].reporter);
		sql_arr_int(&a[PRIVATE], f[i].private, 0);
		sql_arr_int(&a[RUNG], f[i].rung, 0);
		sql_arr_text(&a[RUNG_GRID], f[i].cadre ? NULL : f[i].grid);
		sql_arr_text(&a[CADRE], f[i].cadre);
		sql_arr_real(&a[HOURS], f[i].hours > 0 ? f[i].hours : 0, 1);
		sql_arr_int(&a[FILED], f[i].filed, 0);
		sql_arr_int(&a[DUE], f[i].due, 1);
	}
	if (!a[REF].len)
		return;
	if (!c->ids_locked) {
		store_lock_ids(c->st, "issues");
		store_lock_ids(c->st, "events");
		c->ids_locked = 1;
	}
	s = store_stmt(c->st, sql);
	for (j = 0; j < NA; j++)
		sql_bind_arr(s, j + 1, &a[j]);
	sql_bind_int(s, 15, c->now);
	sql_bind_text(s, 16, argv0);
	sql_bind_text(s, 17, c->st->login);
	sql_bind_text(s, 18, c->st->role);
	for (i = 0; i < n; i++) {
		if (rc[i] != 1)
			continue;
		if (store_step(c->st, s) != SQL_ROW)
			store_fail(c->st, "cannot file an issue");
		id[i] = sql_col_int(s, 0);
	}
	if (store_step(c->st, s) != SQL_DONE)
		store_fail(c->st, "cannot file an issue");
	sql_reset(s);
}

void
issue_file_many(struct ictx *c, const struct issue_new *in, size_t n,
    int *rc, int64_t *id, struct sbuf *why)
{
	struct issue_new *cl = xcalloc(n, sizeof *cl);
	char *(*own)[9] = xcalloc(n, sizeof *own);
	struct filing *f = xcalloc(n, sizeof *f);
	struct known *k = xcalloc(n, sizeof *k);
	uint64_t *h = xcalloc(n, sizeof *h);
	size_t *prev = xcalloc(n, sizeof *prev);
	size_t i, j;

	/* checked one by one; prev[i], the nearest earlier issue with the
	 * same ref (n: none) */
	for (i = 0; i < n; i++) {
		rc[i] = clean_new(&in[i], &cl[i], own[i], &why[i]) != 0 ||
		    check_new(c, &cl[i], &f[i].private, &f[i].filed,
		    &why[i]) != 0 ? -1 : 1;
		prev[i] = n;
		if (rc[i] < 0 || !cl[i].ref)
			continue;
		h[i] = hash_str(HASH_SEED, cl[i].ref);
		for (j = i; j-- > 0;)
			if (rc[j] > 0 && cl[j].ref && h[j] == h[i] &&
			    strcmp(cl[j].ref, cl[i].ref) == 0) {
				prev[i] = j;
				break;
			}
	}
	many_lookup(c, cl, rc, k, n);
	for (i = 0; i < n; i++) {
		if (rc[i] < 0)
			continue;
		/* filed under its ref by this call, before it: skipped,
		 * with that one's id once it has one (prev[i]) */
		for (j = prev[i]; j < n && rc[j] != 1; j = prev[j])
			;
		if (j < n)
			k[i].ref_id = -1;
		rc[i] = decide(c, &cl[i], &k[i], &f[i], &id[i], &why[i]);
		prev[i] = j;
	}
	many_insert(c, cl, f, rc, id, n);
	for (i = 0; i < n; i++) {
		if (rc[i] == 0 && prev[i] < n)
			id[i] = id[prev[i]];
		filing_free(&f[i], &k[i]);
		for (j = 0; j < 9; j++)
			free(own[i][j]);
	}
	free(cl);
	free(own);
	free(f);
	free(k);
	free(h);
	free(prev);
}

/* A batch on SQLite files without the trigger tallies_file, which counts
 * an issue inserted already closed or rejected: a trigger on INSERT makes
 * SQLite keep a statement journal for every row (a copy of each page the
 * row changes, in case the trigger fails half-way), a quarter of filing's
 * instructions, and a batch inserts open issues only, which the trigger
 * never counts.  It is dropped inside the batch's transaction and made
 * again from its own text before the commit, so that nobody else ever
 * sees the store without it: readers see the last commit, and the
 * transaction holds the only write lock.  A run that dies in between is
 * rolled back, trigger and all.  City, 1,000,000 issues: 55.4 s -> 45.0
 * s (tests/bench/README).
 * And the batch's 'filed' events go in by one statement for each
 * BATCH_EVENTS issues and one at its end, not one an issue: the same rows
 * in the same order (the issues after the greatest id before the batch
 * are the batch's, for it holds the write lock), each issue's state read
 * from its row; 9 % of a county batch's instructions.  PostgreSQL keeps no
 * such journal and files an issue and its event in one statement already */
void
issue_file_batch_begin(struct ictx *c)
{
	if (sql_kind(c->st->db) != SQL_SQLITE)
		return;
	c->batch = 1;
	c->filed_after = store_int(c->st,
	    "SELECT coalesce(max(id), 0) FROM issues", NULL);
	c->lifted = store_str(c->st, "SELECT sql FROM sqlite_master"
	    " WHERE type = 'trigger' AND name = 'tallies_file'", NULL);
	if (c->lifted)
		store_exec(c->st, "DROP TRIGGER tallies_file");
}

/* the batch's 'filed' events of the issues after c->filed_after, up to
 * and with upto */
static void
batch_events(struct ictx *c, int64_t upto)
{
	static const char sql[] = EVENT_INS
	    " SELECT filed_at, ?1, ?2, 'filed', id, status, rung, unit, due_at,"
	    " NULL, ?3 FROM issues WHERE id > ?4 AND id <= ?5 ORDER BY id";
	struct sql_stmt *s = store_stmt(c->st, sql);

	sql_bind_text(s, 1, argv0);
	sql_bind_text(s, 2, c->st->login);
	sql_bind_text(s, 3, c->st->role);
	sql_bind_int(s, 4, c->filed_after);
	sql_bind_int(s, 5, upto);
	store_step(c->st, s);
	c->filed_after = upto;
}

void
issue_file_batch_end(struct ictx *c)
{
	if (!c->batch)
		return;
	batch_events(c, INT64_MAX);
	if (c->lifted)
		store_exec(c->st, c->lifted);
	free(c->lifted);
	c->lifted = NULL;
	c->batch = 0;
}

/* routing */

static int
unit_exists(struct ictx *c, const char *code)
{
	static const char sql[] = "SELECT 1 FROM units WHERE code = ?";
	struct sql_stmt *s = store_stmt(c->st, sql);
	int found;

	sql_bind_text(s, 1, code);
	found = store_step(c->st, s) == SQL_ROW;
	sql_reset(s);
	return found;
}

const char *
issue_status(struct store *st, int64_t id)
{
	static const char sql[] = "SELECT status FROM issues WHERE id = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	const char *v = NULL;

	sql_bind_int(s, 1, id);
	if (store_step(st, s) == SQL_ROW &&
	    !(v = istate_in(sql_col_text(s, 0), istate_all)))
		v = "?";
	sql_reset(s);
	return v;
}

double
issue_hours(struct ictx *c, int rung)
{
	return rung_hours(c, rung);
}

/* what a routing by hand must check first: the units, and the unit the
 * issue had (a copy, for the event), which the update overwrites */
static int
check_by_hand(struct ictx *c, int64_t id, const struct iroute *to,
    char **before, struct sbuf *why)
{
	static const char sql[] = "SELECT unit FROM issues WHERE id = ?";
	char *list, *p, *save = NULL;
	int rc = 0;

	if (!unit_exists(c, to->unit)) {
		sb_printf(why, "unit '%s' does not exist", to->unit);
		return -1;
	}
	list = xstrdup(to->assist ? to->assist : "");
	for (p = strtok_r(list, ";", &save); p && rc == 0;
	    p = strtok_r(NULL, ";", &save))
		if (!unit_exists(c, p)) {
			sb_printf(why, "assisting unit '%s' does not exist", p);
			rc = -1;
		}
	free(list);
	list = xstrdup(to->cooperate ? to->cooperate : "");
	for (p = strtok_r(list, ";", &save); p && rc == 0;
	    p = strtok_r(NULL, ";", &save))
		if (!unit_exists(c, p)) {
			sb_printf(why, "cooperating unit '%s' does not exist",
			    p);
			rc = -1;
		}
	free(list);
	if (rc == 0) {
		char buf[24];

		snprintf(buf, sizeof buf, "%lld", (long long)id);
		*before = store_str(c->st, sql, buf);
	}
	return rc;
}

/* the event's detail: the rule, or that it was by hand and from where, and
 * the assisting units (which the event's columns do not carry) */
static char *
route_detail(const struct iroute *to, const char *before)
{
	json_t *d = to->rule ? json_pack("{sI}", "rule", (json_int_t)to->rule) :
	    json_pack("{sb}", "by_hand", 1);
	char *v;

	if (before && !to->rule)
		json_object_set_new(d, "from", json_string(before));
	if (to->assist)
		json_object_set_new(d, "assist", json_string(to->assist));
	if (to->cooperate)
		json_object_set_new(d, "cooperate",
		    json_string(to->cooperate));
	v = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	return v;
}

/* Routing maintains only the status index, the unit index and the open
 * deadlines.  The rung the event carries comes with the status. */
int
issue_route(struct ictx *c, int64_t id, const struct iroute *to,
    int64_t *due_at, struct sbuf *why)
{
	static const char get[] = "SELECT status, rung FROM issues"
	    " WHERE id = ?";
	static const char upd[] = "UPDATE issues SET status = 'routed',"
	    " unit = ?2, assist = ?3, hours = ?4, routed_at = ?5,"
	    " accepted_at = NULL, due_at = ?6, updated_at = ?5,"
	    " cooperate = ?7 WHERE id = ?1";
	int64_t due = deadline(c, c->now, to->hours);
	char *before = NULL, *detail;
	struct sql_stmt *s = store_stmt(c->st, get);
	int rung, fits;

	sql_bind_int(s, 1, id);
	if (store_step(c->st, s) != SQL_ROW) {
		sb_printf(why, "issue %lld does not exist", (long long)id);
		return -1;
	}
	fits = to->rule ? strcmp(sql_col_text(s, 0), "open") == 0 :
	    istate_in(sql_col_text(s, 0), istate_on_clock) != NULL;
	if (!fits)
		sb_printf(why, "issue %lld is %s: only %s issue can be routed",
		    (long long)id, sql_col_text(s, 0), to->rule ? "an open" :
		    "an open, routed or accepted");
	rung = sql_col_int(s, 1);
	sql_reset(s);
	if (!fits || (!to->rule && check_by_hand(c, id, to, &before, why)))
		return -1;
	s = store_stmt(c->st, upd);
	sql_bind_int(s, 1, id);
	sql_bind_static(s, 2, to->unit);
	sql_bind_static(s, 3, to->assist);
	if (to->hours > 0)
		sql_bind_real(s, 4, to->hours);
	sql_bind_int(s, 5, c->now);
	if (due)
		sql_bind_int(s, 6, due);
	sql_bind_static(s, 7, to->cooperate);
	store_step(c->st, s);
	detail = route_detail(to, before);
	store_event(c->st, &(struct event){ .kind = "routed", .issue = id,
	    .status = "routed", .rung = rung, .unit = to->unit,
	    .due_at = due, .detail = detail });
	free(detail);
	free(before);
	if (due_at)
		*due_at = due;
	return 0;
}

/* the detail of an event of routing by a rule, without jansson: a rule's
 * order and its assisting units, codes that need no escapes but '"' and
 * '\' */
static const char *
rule_detail(struct sbuf *b, const struct iroute *to)
{
	const char *p;

	sb_reset(b);
	sb_printf(b, "{\"rule\":%ld", to->rule);
	if (to->assist) {
		sb_puts(b, ",\"assist\":\"");
		for (p = to->assist; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_putc(b, '\\');
			sb_putc(b, *p);
		}
		sb_putc(b, '"');
	}
	if (to->cooperate) {
		sb_puts(b, ",\"cooperate\":\"");
		for (p = to->cooperate; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_putc(b, '\\');
			sb_putc(b, *p);
		}
		sb_putc(b, '"');
	}
	sb_putc(b, '}');
	return sb_str(b);
}

/* a batch routed by the rules, kept here until the chunk is applied: on
 * SQLite its rows go into the temporary table routing (sql_load), then
 * one UPDATE and one INSERT of the events; on PostgreSQL as arrays in
 * one statement (routes_apply_pg) */
struct iroutes {
	struct ictx *c;
	struct sbuf detail, all;  /* the rows' details, each ending in NUL */
	struct iroute_row {
		int64_t id, due;
		double hours;
		const char *unit, *assist, *cooperate;
		size_t detail;    /* its offset in all */
	} *row;
	size_t n, cap;
	struct keymap seen;       /* the batch's ids */
};

struct iroutes *
issue_routes_begin(struct ictx *c)
{
	struct iroutes *b = xcalloc(1, sizeof *b);

	b->c = c;
	if (sql_kind(c->st->db) == SQL_PGSQL)
		return b;
	store_exec(c->st, "CREATE TEMP TABLE IF NOT EXISTS routing ("
	    " id INTEGER PRIMARY KEY, unit TEXT NOT NULL, assist TEXT,"
	    " hours DOUBLE PRECISION, due_at BIGINT, detail TEXT NOT NULL,"
	    " cooperate TEXT)");
	store_exec(c->st, "DELETE FROM routing");
	return b;
}

int
issue_routes_add(struct iroutes *b, int64_t id, const struct iroute *to,
    int64_t *due)
{
	struct iroute_row *r;
	char key[24];
	const char *d;

	snprintf(key, sizeof key, "%lld", (long long)id);
	if (keymap_get(&b->seen, key))
		return -1;
	keymap_put(&b->seen, key, 1);
	*due = deadline(b->c, b->c->now, to->hours);
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->row = xrealloc(b->row, b->cap * sizeof *b->row);
	}
	r = &b->row[b->n++];
	r->id = id;
	r->due = *due;
	r->hours = to->hours;
	r->unit = to->unit;
	r->assist = to->assist;
	r->cooperate = to->cooperate;
	r->detail = b->all.len;
	d = rule_detail(&b->detail, to);
	sb_add(&b->all, d, strlen(d) + 1);
	return 0;
}

/* the batch emptied for the next chunk */
static void
routes_reset(struct iroutes *b)
{
	b->n = 0;
	sb_reset(&b->all);
	keymap_free(&b->seen);
	memset(&b->seen, 0, sizeof b->seen);
}

/* the batch's rows into routing */
static void
routes_load(struct iroutes *b)
{
	static const char *const cols[] = { "id", "unit", "assist", "hours",
		"due_at", "detail", "cooperate" };
	struct store *st = b->c->st;
	struct sql_load *l;
	char id[24], hours[32], due[24];
	size_t i;

	if (!b->n)
		return;
	if (!(l = sql_load_begin(st->db, "routing", cols, "ittrits")))
		store_fail(st, "cannot route a batch");
	for (i = 0; i < b->n; i++) {
		const struct iroute_row *r = &b->row[i];
		const char *v[7];

		snprintf(id, sizeof id, "%lld", (long long)r->id);
		snprintf(hours, sizeof hours, "%.17g", r->hours);
		snprintf(due, sizeof due, "%lld", (long long)r->due);
		v[0] = id;
		v[1] = r->unit;
		v[2] = r->assist;
		v[3] = r->hours > 0 ? hours : NULL;
		v[4] = r->due ? due : NULL;
		v[5] = b->all.s + r->detail;
		v[6] = r->cooperate;
		if (sql_load_row(l, v) != 0) {
			sql_load_end(l);
			store_fail(st, "cannot route a batch");
		}
	}
	if (sql_load_end(l) != 0)
		store_fail(st, "cannot route a batch");
	routes_reset(b);
}

/*
 * On PostgreSQL the chunk goes as arrays, one a column (unnest), in one
 * statement that sets the issues routed and writes their events from
 * what the UPDATE returns, the events' ids given by the statement in the
 * issues' order under the lock the ids' trigger takes: no temporary table
 * to load (COPY) and empty (TRUNCATE) for each chunk, no second reading
 * of the issues, no trigger call an event.  A county's 33,692: 4.0 s ->
 * 2.7 s (tests/bench/README, "The writers on PostgreSQL by sets, again").
 */
static long
routes_apply_pg(struct iroutes *b)
{
	static const char sql[] = "WITH r AS (SELECT * FROM unnest(?2::bigint[],"
	    " ?3::text[], ?4::text[], ?5::float8[], ?6::bigint[], ?7::text[],"
	    " ?8::text[]) AS r(id, unit, assist, hours, due_at, detail,"
	    " cooperate)), u AS (UPDATE issues SET status = 'routed',"
	    " unit = r.unit, assist = r.assist, hours = r.hours,"
	    " routed_at = ?1, accepted_at = NULL, due_at = r.due_at,"
	    " updated_at = ?1, cooperate = r.cooperate FROM r"
	    " WHERE issues.id = r.id RETURNING issues.id, issues.status,"
	    " issues.rung, issues.unit, issues.due_at, r.detail)"
	    " INSERT INTO events (id, at, prog, login, kind, issue, status, rung,"
	    " unit, due_at, detail, role)"
	    " SELECT (SELECT coalesce(max(id), 0) FROM events)"
	    " + row_number() OVER (ORDER BY u.id), ?1, ?9, ?10, 'routed', u.id,"
	    " u.status, u.rung, u.unit, u.due_at, u.detail, ?11 FROM u"
	    " ORDER BY u.id";
	enum { ID, UNIT, ASSIST, HOURS, DUE, DETAIL, COOPERATE, NA };
	struct store *st = b->c->st;
	struct sbuf a[NA] = { { 0 } };
	struct sql_stmt *s;
	size_t i;
	int j;
	long n;

	if (!b->n)
		return 0;
	for (i = 0; i < b->n; i++) {
		const struct iroute_row *r = &b->row[i];

		sql_arr_int(&a[ID], r->id, 0);
		sql_arr_text(&a[UNIT], r->unit);
		sql_arr_text(&a[ASSIST], r->assist);
		sql_arr_real(&a[HOURS], r->hours > 0 ? r->hours : 0, 1);
		sql_arr_int(&a[DUE], r->due, 1);
		sql_arr_text(&a[DETAIL], b->all.s + r->detail);
		sql_arr_text(&a[COOPERATE], r->cooperate);
	}
	store_lock_ids(st, "events");
	s = store_stmt(st, sql);
	sql_bind_int(s, 1, b->c->now);
	for (j = 0; j < NA; j++)
		sql_bind_arr(s, j + 2, &a[j]);
	sql_bind_static(s, 9, argv0);
	sql_bind_static(s, 10, st->login);
	sql_bind_text(s, 11, st->role);
	store_step(st, s);
	n = sql_changes(st->db);
	sql_reset(s);
	routes_reset(b);
	return n;
}

long
issue_routes_apply(struct iroutes *b)
{
	/* The IN makes the planner walk the batch and seek each issue; left
	 * to itself, it walks every issue for each batch (the temporary table
	 * has no statistics).  No condition on the status, which would lead
	 * it through the status index: the caller found the issues open in
	 * this transaction, which nobody else writes in. */
	static const char upd[] = "UPDATE issues SET status = 'routed',"
	    " unit = r.unit, assist = r.assist, hours = r.hours,"
	    " routed_at = ?1, accepted_at = NULL, due_at = r.due_at,"
	    " updated_at = ?1, cooperate = r.cooperate FROM routing r"
	    " WHERE issues.id = r.id"
	    " AND issues.id IN (SELECT id FROM routing)";
	/* the event of each issue routed */
	static const char ev[] = EVENT_INS
	    " SELECT ?1, ?2, ?3, 'routed', i.id, i.status, i.rung, i.unit,"
	    " i.due_at, r.detail, ?4 FROM routing r JOIN issues i"
	    " ON i.id = r.id ORDER BY r.id";
	struct store *st = b->c->st;
	struct sql_stmt *s;
	long n;

	if (sql_kind(st->db) == SQL_PGSQL)
		return routes_apply_pg(b);
	routes_load(b);
	s = store_stmt(st, upd);
	sql_bind_int(s, 1, b->c->now);
	store_step(st, s);
	n = sql_changes(st->db);
	s = store_stmt(st, ev);
	sql_bind_int(s, 1, b->c->now);
	sql_bind_static(s, 2, argv0);
	sql_bind_static(s, 3, st->login);
	sql_bind_text(s, 4, st->role);
	store_step(st, s);
	/* emptied for the next chunk */
	store_exec(st, "DELETE FROM routing");
	return n;
}

void
issue_routes_end(struct iroutes *b)
{
	if (!b)
		return;
	sb_free(&b->detail);
	sb_free(&b->all);
	keymap_free(&b->seen);
	free(b->row);
	free(b);
}

/* the other actions */

static int
refuse(struct sbuf *why, const struct issue *is, const char *only,
    const char *verb)
{
	sb_printf(why, "issue %lld is %s: only %s issue can be %s",
	    (long long)is->id, is->status, only, verb);
	return -1;
}

/* back to work after a resolution or rejection: to its unit when it has
 * one, else open on its rung, with a fresh deadline */
static void
reopen(struct ictx *c, const struct issue *is, const char *by)
{
	static const char upd[] = "UPDATE issues SET status = ?2, due_at = ?3,"
	    " hours = ?4, accepted_at = NULL, resolved_at = NULL,"
	    " closed_at = NULL,"
	    " rejected_at = NULL, answer = NULL, reason = NULL,"
	    " duplicate_of = NULL, updated_at = ?5 WHERE id = ?1";
	double hours = is->unit && is->hours > 0 ? is->hours :
	    rung_hours(c, is->rung);
	int64_t due = deadline(c, c->now, hours);
	struct sql_stmt *s = store_stmt(c->st, upd);

	sql_bind_int(s, 1, is->id);
	sql_bind_text(s, 2, is->unit ? "routed" : "open");
	if (due)
		sql_bind_int(s, 3, due);
	if (hours > 0)
		sql_bind_real(s, 4, hours);
	sql_bind_int(s, 5, c->now);
	store_step(c->st, s);
	emit(c, "reopened", is->id, 0, by ? json_pack("{ss}", "by", by) :
	    NULL);
}

/* one lifecycle step: ?1 the issue, ?2 now, ?3 (if the statement has
 * it) a text */
static void
step(struct ictx *c, int64_t id, const char *sql, const char *text)
{
	struct sql_stmt *s = store_stmt(c->st, sql);

	sql_bind_int(s, 1, id);
	sql_bind_int(s, 2, c->now);
	if (sql_nparams(s) >= 3)
		sql_bind_text(s, 3, text);
	store_step(c->st, s);
}

static void
evaluate(struct ictx *c, const struct issue *is, const char *kind,
    const char *value)
{
	static const char ins[] = "INSERT INTO evaluations (issue, at, kind,"
	    " value, cadre, unit) VALUES (?, ?, ?, ?, ?, ?)";
	struct sql_stmt *s = store_stmt(c->st, ins);

	sql_bind_int(s, 1, is->id);
	sql_bind_int(s, 2, c->now);
	sql_bind_text(s, 3, kind);
	sql_bind_text(s, 4, value);
	sql_bind_text(s, 5, strcmp(kind, "feedback") == 0 ? is->cadre : NULL);
	sql_bind_text(s, 6, strcmp(kind, "rating") == 0 ? is->unit : NULL);
	store_step(c->st, s);
}

static const char accept_sql[] = "UPDATE issues SET status = 'accepted',"
    " accepted_at = ?2, updated_at = ?2 WHERE id = ?1";
static const char resolve_sql[] = "UPDATE issues SET status = 'resolved',"
    " resolved_at = ?2, answer = coalesce(?3, answer), updated_at = ?2"
    " WHERE id = ?1";
static const char close_sql[] = "UPDATE issues SET status = 'closed',"
    " closed_at = ?2, updated_at = ?2 WHERE id = ?1";
static const char reject_sql[] = "UPDATE issues SET status = 'rejected',"
    " rejected_at = ?2, reason = ?3, updated_at = ?2 WHERE id = ?1";
static const char touch_sql[] = "UPDATE issues SET updated_at = ?2"
    " WHERE id = ?1";

/* the first of a chain of duplicates that id is in: an original may
 * itself have been marked a duplicate since its duplicates were linked */
static int64_t
original(struct ictx *c, int64_t id)
{
	static const char sql[] = "SELECT duplicate_of FROM issues"
	    " WHERE id = ? AND duplicate_of IS NOT NULL";
	struct sql_stmt *s = store_stmt(c->st, sql);
	int hops = 0;

	do {
		sql_bind_int(s, 1, id);
		if (store_step(c->st, s) != SQL_ROW)
			break;
		id = sql_col_int(s, 0);
		sql_reset(s);
	} while (hops++ < 100);
	sql_reset(s);
	return id;
}

static int
duplicate(struct ictx *c, struct issue *is, const char *arg, struct sbuf *why)
{
	static const char upd[] = "UPDATE issues SET status = 'rejected',"
	    " rejected_at = ?2, reason = ?3, duplicate_of = ?4,"
	    " updated_at = ?2 WHERE id = ?1";
	int64_t orig = issue_id(arg);
	struct sbuf reason = { 0 };
	struct sql_stmt *s;

	if (!orig) {
		sb_printf(why, "'%s' is not an issue id", arg);
		return -1;
	}
	orig = original(c, orig);
	if (!issue_status(c->st, orig)) {
		sb_printf(why, "issue %lld does not exist", (long long)orig);
		return -1;
	}
	if (orig == is->id) {
		sb_printf(why, "issue %lld cannot be a duplicate of itself",
		    (long long)is->id);
		return -1;
	}
	sb_printf(&reason, "duplicate of issue %lld", (long long)orig);
	s = store_stmt(c->st, upd);
	sql_bind_int(s, 1, is->id);
	sql_bind_int(s, 2, c->now);
	sql_bind_text(s, 3, sb_str(&reason));
	sql_bind_int(s, 4, orig);
	store_step(c->st, s);
	sb_free(&reason);
	emit(c, "rejected", is->id, 0, json_pack("{sI}", "duplicate_of",
	    (json_int_t)orig));
	return 0;
}

/* the field's case rules */

int
issue_needs_reason(enum issue_action act)
{
	return act == ACT_REFER || act == ACT_EXTEND || act == ACT_RETURN ||
	    act == ACT_PARK || act == ACT_REWORK;
}

/* the rung above an issue: the household's grid from the cadre's rung,
 * else the parent of the grid holding it.  1 and *grid (a copy) and
 * *depth, or 0 at the root */
static int
rung_above(struct ictx *c, const struct issue *is, char **grid, int *depth)
{
	static const char sql[] = "SELECT code, depth FROM grids"
	    " WHERE code = CASE WHEN ?1 = 0 THEN ?2"
	    "  ELSE (SELECT parent FROM grids WHERE code = ?3) END";
	struct sql_stmt *s = store_stmt(c->st, sql);
	int found;

	sql_bind_int(s, 1, is->rung);
	sql_bind_text(s, 2, is->grid);
	sql_bind_text(s, 3, is->rung_grid);
	*grid = NULL;
	if ((found = store_step(c->st, s) == SQL_ROW)) {
		*grid = dup_col(s, 0);
		*depth = sql_col_int(s, 1);
	}
	sql_reset(s);
	return found;
}

/* the detail of an event, with the reason when there is one */
static json_t *
with_reason(json_t *d, const char *reason)
{
	if (!d)
		d = json_object();
	if (reason)
		json_object_set_new(d, "reason", json_string(reason));
	return d;
}

/* up one rung by hand (上报): the new rung's hours from now, in the same
 * state; nobody is held to account */
static int
refer_up(struct ictx *c, const struct issue *is, const char *reason,
    struct sbuf *why)
{
	static const char move[] = "UPDATE issues SET rung = ?2,"
	    " rung_grid = ?3, due_at = ?4, hours = ?5, at_root = 0,"
	    " referrals = referrals + 1, updated_at = ?6 WHERE id = ?1";
	char *to_grid;
	int to;
	double hours;
	int64_t due;
	struct sql_stmt *s;

	if (!rung_above(c, is, &to_grid, &to)) {
		sb_printf(why, "issue %lld is at the root (%s): there is no "
		    "rung above to refer it to", (long long)is->id,
		    is->rung_grid ? is->rung_grid : is->grid);
		return -1;
	}
	hours = rung_hours(c, to);
	due = deadline(c, c->now, hours);
	s = store_stmt(c->st, move);
	sql_bind_int(s, 1, is->id);
	sql_bind_int(s, 2, to);
	sql_bind_text(s, 3, to_grid);
	if (due)
		sql_bind_int(s, 4, due);
	if (hours > 0)
		sql_bind_real(s, 5, hours);
	sql_bind_int(s, 6, c->now);
	store_step(c->st, s);
	emit(c, "referred", is->id, 0, with_reason(json_pack(
	    "{sisiss?ss?}", "from", is->rung, "to", to, "from_grid",
	    is->rung_grid, "to_grid", to_grid), reason));
	free(to_grid);
	return 0;
}

/* the deadline HOURS of working time later; the state, the unit, the
 * acceptance and the hours the rule allows (a rework's fresh deadline)
 * stay */
static int
extend(struct ictx *c, const struct issue *is, const char *arg,
    const char *reason, struct sbuf *why)
{
	static const char upd[] = "UPDATE issues SET due_at = ?2,"
	    " updated_at = ?4 WHERE id = ?1";
	double h;
	int64_t due;
	struct sql_stmt *s;

	if (!arg || parse_hours(arg, &h) != 0 || h <= 0) {
		sb_printf(why, "extension '%s' must be a number of hours above "
		    "0", arg ? arg : "");
		return -1;
	}
	if (!is->due_at) {
		sb_printf(why, "issue %lld has no deadline to extend",
		    (long long)is->id);
		return -1;
	}
	due = cal_add(c->cal, is->due_at, h);
	s = store_stmt(c->st, upd);
	sql_bind_int(s, 1, is->id);
	sql_bind_int(s, 2, due);
	sql_bind_int(s, 4, c->now);
	store_step(c->st, s);
	emit(c, "extended", is->id, 0, with_reason(json_pack("{sfsI}",
	    "hours", h, "was", (json_int_t)is->due_at), reason));
	return 0;
}

/* back to open, without a unit, for the platform to route again: on its
 * rung, with the rung's hours from now */
static int
give_back(struct ictx *c, const struct issue *is, const char *reason)
{
	static const char upd[] = "UPDATE issues SET status = 'open',"
	    " unit = NULL, assist = NULL, cooperate = NULL, routed_at = NULL,"
	    " accepted_at = NULL, due_at = ?2, hours = ?3, updated_at = ?4"
	    " WHERE id = ?1";
	double hours = rung_hours(c, is->rung);
	int64_t due = deadline(c, c->now, hours);
	struct sql_stmt *s = store_stmt(c->st, upd);

	sql_bind_int(s, 1, is->id);
	if (due)
		sql_bind_int(s, 2, due);
	if (hours > 0)
		sql_bind_real(s, 3, hours);
	sql_bind_int(s, 4, c->now);
	store_step(c->st, s);
	emit(c, "returned", is->id, 0, with_reason(json_pack("{ss}", "unit",
	    is->unit), reason));
	return 0;
}

/* no clock while parked: the working hours left are kept (none when it
 * had no deadline, nought when it was past) */
static int
park(struct ictx *c, const struct issue *is, const char *reason)
{
	static const char upd[] = "UPDATE issues SET status = 'parked',"
	    " parked_from = ?2, parked_left = ?3, due_at = NULL,"
	    " updated_at = ?4 WHERE id = ?1";
	struct sql_stmt *s = store_stmt(c->st, upd);
	double left = -1;

	if (is->due_at)
		left = is->due_at > c->now ? cal_hours(c->cal, c->now,
		    is->due_at) : 0;
	sql_bind_int(s, 1, is->id);
	sql_bind_text(s, 2, is->status);
	if (left >= 0)
		sql_bind_real(s, 3, left);
	sql_bind_int(s, 4, c->now);
	store_step(c->st, s);
	emit(c, "parked", is->id, 0, with_reason(left >= 0 ?
	    json_pack("{sf}", "left", left) : NULL, reason));
	return 0;
}

static int
unpark(struct ictx *c, const struct issue *is, const char *reason)
{
	static const char upd[] = "UPDATE issues SET status = ?2,"
	    " parked_from = NULL, parked_left = NULL, due_at = ?3,"
	    " updated_at = ?4 WHERE id = ?1";
	struct sql_stmt *s = store_stmt(c->st, upd);
	const char *to = istate_in(is->parked_from, istate_on_clock);
	int64_t due = 0;

	if (!to)
		to = is->unit ? "routed" : "open";
	if (is->parked_left > 0)
		due = cal_add(c->cal, c->now, is->parked_left);
	else if (is->parked_left == 0)
		due = c->now;
	sql_bind_int(s, 1, is->id);
	sql_bind_text(s, 2, to);
	if (due)
		sql_bind_int(s, 3, due);
	sql_bind_int(s, 4, c->now);
	store_step(c->st, s);
	emit(c, "unparked", is->id, 0, with_reason(is->parked_left >= 0 ?
	    json_pack("{sf}", "left", is->parked_left) : NULL, reason));
	return 0;
}

/* the on-site check failed: back to the unit that resolved it, accepted,
 * with a fresh deadline of its hours */
static int
rework(struct ictx *c, const struct issue *is, const char *reason,
    struct sbuf *why)
{
	static const char upd[] = "UPDATE issues SET status = 'accepted',"
	    " accepted_at = ?4, resolved_at = NULL, due_at = ?2, hours = ?3,"
	    " updated_at = ?4 WHERE id = ?1";
	double hours = is->hours > 0 ? is->hours : rung_hours(c, is->rung);
	int64_t due = deadline(c, c->now, hours);
	struct sql_stmt *s;

	if (!is->unit) {
		sb_printf(why, "issue %lld was resolved without a unit: there "
		    "is no unit to send it back to (reopen it instead)",
		    (long long)is->id);
		return -1;
	}
	s = store_stmt(c->st, upd);
	sql_bind_int(s, 1, is->id);
	if (due)
		sql_bind_int(s, 2, due);
	if (hours > 0)
		sql_bind_real(s, 3, hours);
	sql_bind_int(s, 4, c->now);
	store_step(c->st, s);
	emit(c, "reworked", is->id, 0, with_reason(json_pack("{ss}", "unit",
	    is->unit), reason));
	return 0;
}

/* the responsible person (责任人), an active cadre */
static int
set_owner(struct ictx *c, const struct issue *is, const char *arg,
    const char *reason, struct sbuf *why)
{
	static const char get[] = "SELECT status FROM cadres WHERE code = ?";
	static const char upd[] = "UPDATE issues SET owner = ?2,"
	    " updated_at = ?3 WHERE id = ?1";
	char *status = arg ? store_str(c->st, get, arg) : NULL;
	struct sql_stmt *s;

	if (!status || strcmp(status, "active") != 0) {
		sb_printf(why, "cadre '%s' %s", arg ? arg : "", status ?
		    "has left: name an active cadre" : "does not exist");
		free(status);
		return -1;
	}
	free(status);
	s = store_stmt(c->st, upd);
	sql_bind_int(s, 1, is->id);
	sql_bind_text(s, 2, arg);
	sql_bind_int(s, 3, c->now);
	store_step(c->st, s);
	emit(c, "owner", is->id, 0, with_reason(json_pack("{ssss?}", "owner",
	    arg, "was", is->owner), reason));
	return 0;
}

/* the unit's rating of the grid that worked the case with it: the grid
 * holding the issue, or the household's at the cadre's rung */
static int
rate_grid(struct ictx *c, const struct issue *is, const char *arg,
    const char *reason, struct sbuf *why)
{
	static const char ins[] = "INSERT INTO evaluations (issue, at, kind,"
	    " value, unit, grid) VALUES (?, ?, 'grid', ?, ?, ?)";
	const char *grid = is->rung_grid ? is->rung_grid : is->grid;
	struct sql_stmt *s;
	long v;

	if (!is->unit) {
		sb_printf(why, "issue %lld has no unit to rate its grid",
		    (long long)is->id);
		return -1;
	}
	if (!arg || parse_long(arg, 1, 5, &v) != 0) {
		sb_printf(why, "rating '%s' must be 1 to 5", arg ? arg : "");
		return -1;
	}
	s = store_stmt(c->st, ins);
	sql_bind_int(s, 1, is->id);
	sql_bind_int(s, 2, c->now);
	sql_bind_text(s, 3, arg);
	sql_bind_text(s, 4, is->unit);
	sql_bind_text(s, 5, grid);
	store_step(c->st, s);
	step(c, is->id, touch_sql, NULL);
	emit(c, "rated_grid", is->id, 0, with_reason(json_pack("{sssssI}",
	    "grid", grid, "unit", is->unit, "rating", (json_int_t)v), reason));
	return 0;
}

/* one of the case rules, where the state fits */
static int
case_rule(struct ictx *c, struct issue *is, enum issue_action a,
    const char *arg, const char *reason, struct sbuf *why)
{
	int clock = istate_in(is->status, istate_on_clock) != NULL;
	int unit = strcmp(is->status, "routed") == 0 ||
	    strcmp(is->status, "accepted") == 0;

	if (issue_needs_reason(a) && !reason) {
		sb_printf(why, "issue %lld: this action needs a reason "
		    "(--reason)", (long long)is->id);
		return -1;
	}
	switch (a) {
	case ACT_REFER:
		if (!clock)
			return refuse(why, is, "an open, routed or accepted",
			    "referred up");
		return refer_up(c, is, reason, why);
	case ACT_EXTEND:
		if (!unit)
			return refuse(why, is, "a routed or accepted",
			    "extended");
		return extend(c, is, arg, reason, why);
	case ACT_RETURN:
		if (!unit)
			return refuse(why, is, "a routed or accepted",
			    "returned");
		return give_back(c, is, reason);
	case ACT_PARK:
		if (!unit)
			return refuse(why, is, "a routed or accepted",
			    "parked");
		return park(c, is, reason);
	case ACT_UNPARK:
		if (strcmp(is->status, "parked") != 0)
			return refuse(why, is, "a parked", "unparked");
		return unpark(c, is, reason);
	case ACT_REWORK:
		if (strcmp(is->status, "resolved") != 0)
			return refuse(why, is, "a resolved", "sent back for "
			    "rework");
		return rework(c, is, reason, why);
	case ACT_OWNER:
		if (!istate_in(is->status, istate_in_hand))
			return refuse(why, is, "an open, routed, accepted or "
			    "parked", "given an owner");
		return set_owner(c, is, arg, reason, why);
	case ACT_RATE_GRID:
		return rate_grid(c, is, arg, reason, why);
	default:
		sb_puts(why, "not a case rule");
		return -1;
	}
}

static int
act(struct ictx *c, struct issue *is, enum issue_action a, const char *arg,
    const char *reason, int64_t *target, struct sbuf *why)
{
	int h = istate_in(is->status, istate_on_clock) != NULL;
	int done = strcmp(is->status, "resolved") == 0 ||
	    strcmp(is->status, "closed") == 0;
	long v;

	switch (a) {
	case ACT_ACCEPT:
		if (strcmp(is->status, "routed") != 0)
			return refuse(why, is, "a routed", "accepted");
		step(c, is->id, accept_sql, NULL);
		emit(c, "accepted", is->id, 0, NULL);
		break;
	case ACT_RESOLVE:
		if (!h)
			return refuse(why, is, "an open, routed or accepted",
			    "resolved");
		step(c, is->id, resolve_sql, arg);
		emit(c, "resolved", is->id, 0, arg ? json_pack("{ss}",
		    "answer", arg) : NULL);
		break;
	case ACT_CLOSE:
		if (strcmp(is->status, "resolved") != 0)
			return refuse(why, is, "a resolved", "closed");
		step(c, is->id, close_sql, NULL);
		emit(c, "closed", is->id, 0, NULL);
		break;
	case ACT_REOPEN:
		if (h)
			return refuse(why, is, "a resolved, closed or rejected",
			    "reopened");
		reopen(c, is, NULL);
		break;
	case ACT_REJECT:
		if (!h)
			return refuse(why, is, "an open, routed or accepted",
			    "rejected");
		if (!arg) {
			sb_puts(why, "a rejection needs a reason");
			return -1;
		}
		step(c, is->id, reject_sql, arg);
		emit(c, "rejected", is->id, 0, json_pack("{ss}", "reason",
		    arg));
		break;
	case ACT_DUPLICATE:
		if (!h)
			return refuse(why, is, "an open, routed or accepted",
			    "marked a duplicate");
		return duplicate(c, is, arg, why);
	case ACT_NOTE:
		if (!arg) {
			sb_puts(why, "a note needs a text");
			return -1;
		}
		if (is->duplicate_of) {
			/* its original carries the record from now on */
			int64_t orig = original(c, is->duplicate_of);

			/* which may be another office's */
			if (office_refuses(c->st, orig, why) != 0)
				return -1;
			step(c, orig, touch_sql, NULL);
			emit(c, "note", orig, 0, json_pack("{sssI}", "text",
			    arg, "from", (json_int_t)is->id));
			if (target)
				*target = orig;
			break;
		}
		step(c, is->id, touch_sql, NULL);
		emit(c, "note", is->id, 0, json_pack("{ss}", "text", arg));
		break;
	case ACT_FEEDBACK:
		if (!done)
			return refuse(why, is, "a resolved or closed",
			    "given feedback");
		if (!arg || (strcmp(arg, "satisfied") != 0 &&
		    strcmp(arg, "basic") != 0 &&
		    strcmp(arg, "unsatisfied") != 0)) {
			sb_printf(why, "feedback '%s' must be satisfied, basic "
			    "or unsatisfied", arg ? arg : "");
			return -1;
		}
		evaluate(c, is, "feedback", arg);
		step(c, is->id, touch_sql, NULL);
		emit(c, "feedback", is->id, 0, json_pack("{ss}", "feedback",
		    arg));
		if (strcmp(arg, "unsatisfied") == 0 &&
		    strcmp(is->status, "resolved") == 0)
			reopen(c, is, "feedback");
		break;
	case ACT_RATE:
		if (!is->unit) {
			sb_printf(why, "issue %lld has no unit to rate",
			    (long long)is->id);
			return -1;
		}
		if (!arg || parse_long(arg, 1, 5, &v) != 0) {
			sb_printf(why, "rating '%s' must be 1 to 5",
			    arg ? arg : "");
			return -1;
		}
		evaluate(c, is, "rating", arg);
		step(c, is->id, touch_sql, NULL);
		emit(c, "rating", is->id, 0, json_pack("{sssI}", "unit",
		    is->unit, "rating", (json_int_t)v));
		break;
	default:
		return case_rule(c, is, a, arg, reason, why);
	}
	return 0;
}

static int
act_one(struct ictx *c, int64_t id, const struct iaction *a, int64_t *target,
    struct sbuf *why)
{
	struct issue is;
	int rc;

	if (target)
		*target = id;
	/* a note, answer or reason goes into an event's JSON, which holds
	 * UTF-8 only: jansson would drop it without a word */
	if ((a->arg && !utf8_valid(a->arg, strlen(a->arg), NULL)) ||
	    (a->reason && !utf8_valid(a->reason, strlen(a->reason), NULL))) {
		sb_puts(why, "the text given is not valid UTF-8");
		return -1;
	}
	if (!issue_get(c->st, id, &is)) {
		sb_printf(why, "issue %lld does not exist", (long long)id);
		return -1;
	}
	/* another office's issue is refused as an action its state does not
	 * allow is (the database would refuse it anyway) */
	if (office_refuses(c->st, id, why) != 0) {
		issue_free(&is);
		return -1;
	}
	rc = act(c, &is, a->act, a->arg, a->reason, target, why);
	issue_free(&is);
	return rc;
}

int
issue_act(struct ictx *c, int64_t id, enum issue_action a, const char *arg,
    int64_t *target, struct sbuf *why)
{
	return act_one(c, id, &(struct iaction){ a, arg, NULL }, target, why);
}

int
issue_act_all(struct ictx *c, int64_t id, const struct iaction *a, int n,
    int64_t *target, struct sbuf *why)
{
	int i, rc = 0;

	store_exec(c->st, "SAVEPOINT issue_act_all");
	for (i = 0; i < n && rc == 0; i++)
		rc = act_one(c, id, &a[i], target, why);
	if (rc != 0)
		store_exec(c->st, "ROLLBACK TO issue_act_all");
	store_exec(c->st, "RELEASE issue_act_all");
	return rc;
}

/* escalation */

/* what escalating an issue reads of it: the rung above is the household's
 * grid from the cadre's rung, else the parent of the grid holding it
 * (none at the root) */
#define ESC_COLS "i.rung, i.rung_grid, i.cadre," \
	" i.unit, i.due_at, i.at_root, g.leader, u.code, u.depth, i.status"
#define ESC_JOINS " LEFT JOIN grids g ON g.code = i.rung_grid" \
	" LEFT JOIN grids u ON u.code = CASE WHEN i.rung = 0 THEN i.grid" \
	"  ELSE g.parent END"
#define ESC_DUE " AND " ISTATE_IS_ON_CLOCK("i.status") " AND i.due_at < "

/* e from ESC_COLS, the first at column k; whether its status is a unit's
 * (routed, accepted: the unit is held to account) into *in_unit */
static void
esc_read(struct sql_stmt *s, int k, int64_t id, struct escalation *e,
    char *status, size_t size, int *in_unit)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	e->from = sql_col_int(s, k);
	e->from_grid = dup_col(s, k + 1);
	/* who let it pass: the contact cadre, or the grid's leader */
	e->held_by = dup_col(s, k + (e->from == 0 ? 2 : 6));
	e->unit = dup_col(s, k + 3);
	e->old_due = sql_col_int(s, k + 4);
	e->at_root = sql_col_int(s, k + 5);
	e->to_grid = dup_col(s, k + 7);
	e->to = sql_col_int(s, k + 8);
	snprintf(status, size, "%s", sql_col_text(s, k + 9));
	*in_unit = strcmp(status, "open") != 0;
}

/* where e goes: ESC_AT_ROOT, ESC_FLAGGED (at the root, the first time:
 * e->at_root set), or ESC_MOVED with its new deadline, the hours it
 * has there (*hours) and the working hours it was over */
static enum escalate_result
esc_next(struct ictx *c, struct escalation *e, double *hours)
{
	if (!e->to_grid) {
		/* at the root: nowhere higher to go; flag it once */
		e->to = e->from;
		e->due_at = e->old_due;
		if (e->at_root)
			return ESC_AT_ROOT;
		e->at_root = 1;
		return ESC_FLAGGED;
	}
	*hours = rung_hours(c, e->to);
	e->due_at = deadline(c, c->now, *hours);
	e->hours_over = cal_hours(c->cal, e->old_due, c->now);
	return ESC_MOVED;
}

static json_t *
esc_flag_detail(void)
{
	return json_pack("{ss}", "why", "overdue at the root");
}

static json_t *
esc_move_detail(const struct escalation *e)
{
	return json_pack("{sisiss?ss?sI}", "from", e->from, "to", e->to,
	    "from_grid", e->from_grid, "to_grid", e->to_grid, "case",
	    (json_int_t)e->case_id);
}

enum escalate_result
issue_escalate(struct ictx *c, int64_t id, struct escalation *e)
{
	/* On PostgreSQL the issue is locked until the commit, and one that
	 * an office's open transaction holds is skipped, not waited for: the
	 * night goes on, and the issue, if still overdue, goes up the next
	 * night; two runs at once never escalate one issue twice */
#define ESC_GET "SELECT " ESC_COLS " FROM issues i" ESC_JOINS \
	" WHERE i.id = ?" ESC_DUE "?"
	static const char get[] = ESC_GET;
	static const char get_pg[] = ESC_GET
	    " FOR NO KEY UPDATE OF i SKIP LOCKED";
#undef ESC_GET
	static const char flag[] = "UPDATE issues SET at_root = 1,"
	    " updated_at = ?2 WHERE id = ?1";
	/* at_root is cleared: a root that was given a parent since the flag
	 * is a root no longer */
	static const char move[] = "UPDATE issues SET rung = ?2,"
	    " rung_grid = ?3, due_at = ?4, hours = ?5, at_root = 0,"
	    " escalations = escalations + 1, updated_at = ?6 WHERE id = ?1";
	/* a pending case against who held it: the unit whose deadline it
	 * was when routed or accepted, and the cadre of the rung; its id by
	 * store_insert_id() */
#define ESC_ACC "INSERT INTO accountability (issue, status," \
	" opened_at, rung, grid, holder_cadre, holder_unit, due_at," \
	" hours_over) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?)"
	static const char acc[] = ESC_ACC;
	static const char acc_pg[] = ESC_ACC " RETURNING id";
#undef ESC_ACC
	int pg = sql_kind(c->st->db) == SQL_PGSQL;
	struct sql_stmt *s = store_stmt(c->st, pg ? get_pg : get);
	enum escalate_result res;
	char status[16];
	double hours = 0;
	int in_unit;

	memset(e, 0, sizeof *e);
	sql_bind_int(s, 1, id);
	sql_bind_int(s, 2, c->now);
	if (store_step(c->st, s) != SQL_ROW)
		return ESC_NONE;
	esc_read(s, 0, id, e, status, sizeof status, &in_unit);
	sql_reset(s);
	res = esc_next(c, e, &hours);
	if (res == ESC_AT_ROOT)
		return res;
	if (res == ESC_FLAGGED) {
		s = store_stmt(c->st, flag);
		sql_bind_int(s, 1, id);
		sql_bind_int(s, 2, c->now);
		store_step(c->st, s);
		emit_state(c, "flagged", id, 0, status, e->from, e->unit,
		    e->old_due, esc_flag_detail());
		return res;
	}
	s = store_stmt(c->st, move);
	sql_bind_int(s, 1, id);
	sql_bind_int(s, 2, e->to);
	sql_bind_text(s, 3, e->to_grid);
	if (e->due_at)
		sql_bind_int(s, 4, e->due_at);
	if (hours > 0)
		sql_bind_real(s, 5, hours);
	sql_bind_int(s, 6, c->now);
	store_step(c->st, s);
	s = store_stmt(c->st, pg ? acc_pg : acc);
	sql_bind_int(s, 1, id);
	sql_bind_int(s, 2, c->now);
	sql_bind_int(s, 3, e->from);
	sql_bind_text(s, 4, e->from_grid);
	sql_bind_text(s, 5, e->held_by);
	sql_bind_text(s, 6, in_unit ? e->unit : NULL);
	sql_bind_int(s, 7, e->old_due);
	sql_bind_real(s, 8, e->hours_over);
	e->case_id = store_insert_id(c->st, s, "cannot open a case");
	emit_state(c, "escalated", id, 0, status, e->to, e->unit, e->due_at,
	    esc_move_detail(e));
	return res;
}

/*
 * Escalating many at once, on PostgreSQL (escalate's chunks), as filing
 * many (issue_file_many): four statements an issue were four round trips
 * and four plans run through.  The issues are read and locked by one
 * statement, the flagged and the moved changed by one each, their cases
 * opened by one and their events written by one, each column an array;
 * the cases' and the events' ids given by the statements under the
 * ids' lock, in the order one by one would give them.
 */
int
issue_escalate_chunked(const struct ictx *c)
{
	return sql_kind(c->st->db) == SQL_PGSQL;
}

void
issue_escalate_many(struct ictx *c, const int64_t *ids, size_t n,
    enum escalate_result *res, struct escalation *e)
{
	static const char get[] = "SELECT x.o, " ESC_COLS
	    " FROM unnest(?1::bigint[]) WITH ORDINALITY AS x(id, o)"
	    " JOIN issues i ON i.id = x.id" ESC_JOINS
	    " WHERE TRUE" ESC_DUE "?2 ORDER BY x.o"
	    " FOR NO KEY UPDATE OF i SKIP LOCKED";
	static const char flag[] = "UPDATE issues SET at_root = 1,"
	    " updated_at = ?2 WHERE id = ANY(?1::bigint[])";
	static const char move[] = "UPDATE issues i SET rung = x.rung,"
	    " rung_grid = x.grid, due_at = x.due, hours = x.hours,"
	    " at_root = 0, escalations = i.escalations + 1, updated_at = ?6"
	    " FROM unnest(?1::bigint[], ?2::bigint[], ?3::text[],"
	    " ?4::bigint[], ?5::float8[]) AS x(id, rung, grid, due, hours)"
	    " WHERE i.id = x.id";
	static const char acc[] = "INSERT INTO accountability (id, issue,"
	    " status, opened_at, rung, grid, holder_cadre, holder_unit,"
	    " due_at, hours_over) SELECT (SELECT coalesce(max(id), 0)"
	    " FROM accountability) + o, issue, 'pending', ?8, rung, grid,"
	    " cadre, unit, due, over FROM unnest(?1::bigint[], ?2::bigint[],"
	    " ?3::text[], ?4::text[], ?5::text[], ?6::bigint[],"
	    " ?7::float8[]) WITH ORDINALITY AS x(issue, rung, grid, cadre,"
	    " unit, due, over, o) ORDER BY o RETURNING id";
	static const char ev[] = "INSERT INTO events (id, at, prog, login,"
	    " kind, issue, status, rung, unit, due_at, detail, role)"
	    " SELECT (SELECT coalesce(max(id), 0) FROM events) + o, ?1, ?2,"
	    " ?3, kind, issue, status, rung, unit, due, detail, ?4"
	    " FROM unnest(?5::text[], ?6::bigint[], ?7::text[], ?8::bigint[],"
	    " ?9::text[], ?10::bigint[], ?11::text[]) WITH ORDINALITY"
	    " AS x(kind, issue, status, rung, unit, due, detail, o) ORDER BY o";
	enum { ID, RUNG, GRID, DUE, HOURS, NMOVE };
	enum { A_ISSUE, A_RUNG, A_GRID, A_CADRE, A_UNIT, A_DUE, A_OVER, NACC };
	enum { E_KIND, E_ISSUE, E_STATUS, E_RUNG, E_UNIT, E_DUE, E_DETAIL,
		NEV };
	char (*status)[16] = xcalloc(n, sizeof *status);
	struct sbuf ia = { 0 }, fa = { 0 }, m[NMOVE] = { { 0 } };
	struct sbuf ca[NACC] = { { 0 } }, ea[NEV] = { { 0 } };
	struct sql_stmt *s;
	size_t i;
	int j, in_unit;

	for (i = 0; i < n; i++) {
		res[i] = ESC_NONE;
		memset(&e[i], 0, sizeof e[i]);
		sql_arr_int(&ia, ids[i], 0);
	}
	if (!n)
		goto out;
	s = store_stmt(c->st, get);
	sql_bind_arr(s, 1, &ia);
	sql_bind_int(s, 2, c->now);
	while (store_step(c->st, s) == SQL_ROW) {
		double hours = 0;

		i = (size_t)sql_col_int(s, 0) - 1;
		esc_read(s, 1, ids[i], &e[i], status[i], sizeof status[i],
		    &in_unit);
		res[i] = esc_next(c, &e[i], &hours);
		if (res[i] == ESC_FLAGGED)
			sql_arr_int(&fa, ids[i], 0);
		if (res[i] != ESC_MOVED)
			continue;
		sql_arr_int(&m[ID], ids[i], 0);
		sql_arr_int(&m[RUNG], e[i].to, 0);
		sql_arr_text(&m[GRID], e[i].to_grid);
		sql_arr_int(&m[DUE], e[i].due_at, 1);
		sql_arr_real(&m[HOURS], hours > 0 ? hours : 0, 1);
		sql_arr_int(&ca[A_ISSUE], ids[i], 0);
		sql_arr_int(&ca[A_RUNG], e[i].from, 0);
		sql_arr_text(&ca[A_GRID], e[i].from_grid);
		sql_arr_text(&ca[A_CADRE], e[i].held_by);
		sql_arr_text(&ca[A_UNIT], in_unit ? e[i].unit : NULL);
		sql_arr_int(&ca[A_DUE], e[i].old_due, 0);
		sql_arr_real(&ca[A_OVER], e[i].hours_over, 0);
	}
	sql_reset(s);
	if (fa.len) {
		s = store_stmt(c->st, flag);
		sql_bind_arr(s, 1, &fa);
		sql_bind_int(s, 2, c->now);
		store_step(c->st, s);
		sql_reset(s);
	}
	if (m[ID].len) {
		s = store_stmt(c->st, move);
		for (j = 0; j < NMOVE; j++)
			sql_bind_arr(s, j + 1, &m[j]);
		sql_bind_int(s, 6, c->now);
		store_step(c->st, s);
		sql_reset(s);
		store_lock_ids(c->st, "accountability");
		s = store_stmt(c->st, acc);
		for (j = 0; j < NACC; j++)
			sql_bind_arr(s, j + 1, &ca[j]);
		sql_bind_int(s, 8, c->now);
		for (i = 0; i < n; i++) {
			if (res[i] != ESC_MOVED)
				continue;
			if (store_step(c->st, s) != SQL_ROW)
				store_fail(c->st, "cannot open a case");
			e[i].case_id = sql_col_int(s, 0);
		}
		if (store_step(c->st, s) != SQL_DONE)
			store_fail(c->st, "cannot open a case");
		sql_reset(s);
	}
	/* the events, in the order of the issues */
	for (i = 0; i < n; i++) {
		json_t *d;
		char *detail;

		if (res[i] != ESC_MOVED && res[i] != ESC_FLAGGED)
			continue;
		d = res[i] == ESC_MOVED ? esc_move_detail(&e[i]) :
		    esc_flag_detail();
		detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
		sql_arr_text(&ea[E_KIND], res[i] == ESC_MOVED ? "escalated" :
		    "flagged");
		sql_arr_int(&ea[E_ISSUE], ids[i], 0);
		sql_arr_text(&ea[E_STATUS], status[i]);
		sql_arr_int(&ea[E_RUNG], e[i].to, 0);
		sql_arr_text(&ea[E_UNIT], e[i].unit);
		sql_arr_int(&ea[E_DUE], res[i] == ESC_MOVED ? e[i].due_at :
		    e[i].old_due, 1);
		sql_arr_text(&ea[E_DETAIL], detail);
		free(detail);
		json_decref(d);
	}
	if (ea[E_KIND].len) {
		store_lock_ids(c->st, "events");
		s = store_stmt(c->st, ev);
		sql_bind_int(s, 1, clk_now());
		sql_bind_text(s, 2, argv0);
		sql_bind_text(s, 3, c->st->login);
		sql_bind_text(s, 4, c->st->role);
		for (j = 0; j < NEV; j++)
			sql_bind_arr(s, j + 5, &ea[j]);
		store_step(c->st, s);
		sql_reset(s);
	}
out:
	sb_free(&ia);
	free(status);
}

#undef ESC_COLS
#undef ESC_JOINS
#undef ESC_DUE

void
escalation_free(struct escalation *e)
{
	free(e->from_grid);
	free(e->to_grid);
	free(e->held_by);
	free(e->unit);
	memset(e, 0, sizeof *e);
}

char *
issue_level_name(struct store *st, int rung)
{
	static const char sql[] = "SELECT name FROM levels WHERE depth = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	char buf[32];
	char *name = NULL;

	sql_bind_int(s, 1, rung);
	if (store_step(st, s) == SQL_ROW)
		name = dup_col(s, 0);
	sql_reset(s);
	if (name)
		return name;
	if (rung == 0)
		return xstrdup("cadre");
	snprintf(buf, sizeof buf, "depth %d", rung);
	return xstrdup(buf);
}
