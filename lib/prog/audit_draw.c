#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "audit_draw.h"
#include "clock.h"
#include "coverage.h"
#include "rng.h"
#include "tree.h"
#include "valid.h"

void
audit_draw_pick(const char *seed, size_t n, size_t k, size_t *idx)
{
	struct rng r;
	size_t i, j, t;

	for (i = 0; i < n; i++)
		idx[i] = i;
	rng_seed(&r, seed);
	for (i = 0; i < k && i < n; i++) {
		j = i + (size_t)rng_below(&r, n - i);
		t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
	}
}

/* the pool of a draw: active cadres' codes in byte order (SQLite's BINARY
 * collation compares bytes, as memcmp does).  0, or with why -1 when it is
 * empty, -2 when there is no such grid */
static int
pool(struct store *st, const char *grid, char ***code, size_t *n,
    struct sbuf *why)
{
	static const char all[] = "SELECT code FROM cadres"
	    " WHERE status = 'active' ORDER BY code";
	static const char sub[] = "SELECT code FROM cadres"
	    " WHERE status = 'active' AND grid " TREE_IN " ORDER BY code";
	char *lo = NULL, *hi = NULL;
	size_t cap = 0;
	struct sql_stmt *s;

	*n = 0;
	*code = NULL;
	if (grid && tree_range(st, grid, &lo, &hi) != 0) {
		sb_printf(why, "grid '%s' does not exist", grid);
		return -2;
	}
	s = store_stmt(st, grid ? sub : all);
	if (grid) {
		sql_bind_text(s, 1, lo);
		sql_bind_text(s, 2, hi);
	}
	while (store_step(st, s) == SQL_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*code = xrealloc(*code, cap * sizeof **code);
		}
		(*code)[(*n)++] = xstrdup(sql_col_text(s, 0));
	}
	free(lo);
	free(hi);
	if (*n > 0)
		return 0;
	if (grid)
		sb_printf(why, "no active cadre serves under grid '%s'", grid);
	else
		sb_puts(why, "no active cadre to draw from");
	return -1;
}

int
audit_draw_run(struct store *st, const char *seed, long count,
    const char *grid, struct audit_draw *d, struct sbuf *why)
{
	static const char ins[] = "INSERT INTO draws (at, seed, count, grid,"
	    " login) VALUES (?, ?, ?, ?, ?)";
	static const char one[] = "INSERT INTO draw_cadres (draw, seq, cadre)"
	    " VALUES (?, ?, ?)";
	json_t *ev, *drawn;
	struct sql_stmt *s;
	char **code, subj[64];
	size_t n, k, i, *idx;
	int rc;

	memset(d, 0, sizeof *d);
	if ((rc = pool(st, grid, &code, &n, why)) != 0)
		return rc;
	k = (size_t)count < n ? (size_t)count : n;
	idx = xcalloc(n, sizeof *idx);
	audit_draw_pick(seed, n, k, idx);
	s = store_stmt(st, ins);
	sql_bind_int(s, 1, clk_now());
	sql_bind_text(s, 2, seed);
	sql_bind_int(s, 3, count);
	sql_bind_text(s, 4, grid);
	sql_bind_text(s, 5, st->login);
	store_step(st, s);
	d->id = sql_last_id(st->db);
	d->pool = (long)n;
	d->drawn = (long)k;
	drawn = json_array();
	for (i = 0; i < k; i++) {
		s = store_stmt(st, one);
		sql_bind_int(s, 1, d->id);
		sql_bind_int(s, 2, (int64_t)i + 1);
		sql_bind_text(s, 3, code[idx[i]]);
		store_step(st, s);
		json_array_append_new(drawn, json_string(code[idx[i]]));
	}
	ev = json_object();
	json_object_set_new(ev, "seed", json_string(seed));
	json_object_set_new(ev, "count", json_integer(count));
	json_object_set_new(ev, "grid", grid ? json_string(grid) : json_null());
	json_object_set_new(ev, "pool", json_integer((json_int_t)n));
	json_object_set_new(ev, "cadres", drawn);
	snprintf(subj, sizeof subj, "draw %lld", (long long)d->id);
	d->detail = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);
	store_event_json(st, "draw", subj, ev);
	for (i = 0; i < n; i++)
		free(code[i]);
	free(code);
	free(idx);
	return 0;
}

/* the households each cadre of draw ?1 had at the time of the draw: one
 * scan of pairs, whatever their number (no index serves ended pairs by
 * cadre, and drawn cadres are few) */
#define HELD "held AS MATERIALIZED (SELECT p.household, p.cadre" \
	" FROM pairs p, draws d WHERE d.id = ?1 AND p.cadre IN" \
	" (SELECT cadre FROM draw_cadres WHERE draw = ?1)" \
	" AND p.started_at <= d.at" \
	" AND (p.ended_at IS NULL OR p.ended_at > d.at))"
/* his visits to the household, claimed up to the draw */
#define CLAIMED "FROM visits v WHERE v.cadre = dc.cadre" \
	" AND v.household = h.code AND v.at <= d.at"

const struct out_col audit_draw_list_cols[AUDIT_DRAW_LIST_NCOLS] = {
	{ "household", OUT_STR }, { "head", OUT_STR }, { "phone", OUT_STR },
	{ "cadre", OUT_STR }, { "name", OUT_STR }, { "seq", OUT_NUM },
	{ "visits", OUT_NUM }, { "last_visit", OUT_STR }
};

void
audit_draw_free(struct audit_draw *d)
{
	free(d->detail);
	d->detail = NULL;
}

void
audit_draw_preview(struct store *st, const struct audit_draw *d)
{
	store_event(st, &(struct event){ .kind = "draw-preview",
	    .subject = "dry run", .detail = d->detail });
}

void
audit_draw_list(struct store *st, int64_t draw, int mask, struct out *o)
{
	static const char sql[] = "WITH " HELD
	    " SELECT h.code, h.head, h.phone, dc.cadre, c.name, dc.seq,"
	    " (SELECT count(*) " CLAIMED "), (SELECT max(v.at) " CLAIMED ")"
	    " FROM draws d JOIN draw_cadres dc ON dc.draw = d.id"
	    " JOIN cadres c ON c.code = dc.cadre"
	    " LEFT JOIN held ON held.cadre = dc.cadre"
	    " LEFT JOIN households h ON h.code = held.household"
	    " WHERE d.id = ?1 ORDER BY dc.seq, h.code";
	struct sql_stmt *s = store_stmt(st, sql);
	char last[CLK_BUFSZ], head[256], phone[64];
	const char *v[AUDIT_DRAW_LIST_NCOLS];
	int i;

	sql_bind_int(s, 1, draw);
	while (store_step(st, s) == SQL_ROW) {
		for (i = 0; i < 7; i++)
			v[i] = sql_col_text(s, i);
		if (mask && v[1]) {
			mask_name(v[1], head, sizeof head);
			v[1] = head;
		}
		if (mask && v[2]) {
			mask_phone(v[2], phone, sizeof phone);
			v[2] = phone;
		}
		v[7] = sql_col_null(s, 7) ? NULL :
		    clk_fmt(sql_col_int(s, 7), last);
		out_row(o, v, NULL);
	}
}

int
audit_draw_exists(struct store *st, int64_t draw)
{
	static const char sql[] = "SELECT 1 FROM draws WHERE id = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	int found;

	sql_bind_int(s, 1, draw);
	found = store_step(st, s) == SQL_ROW;
	sql_reset(s);
	return found;
}

/* the drawn cadre the household belonged to at the draw, a copy, or NULL */
static char *
drawn_cadre(struct store *st, int64_t draw, const char *household)
{
	static const char sql[] = "SELECT p.cadre FROM draws d"
	    " JOIN pairs p ON p.household = ?2 AND p.started_at <= d.at"
	    " AND (p.ended_at IS NULL OR p.ended_at > d.at)"
	    " WHERE d.id = ?1 AND p.cadre IN (SELECT cadre FROM draw_cadres"
	    " WHERE draw = ?1)";
	struct sql_stmt *s = store_stmt(st, sql);
	char *c = NULL;

	sql_bind_int(s, 1, draw);
	sql_bind_text(s, 2, household);
	if (store_step(st, s) == SQL_ROW)
		c = xstrdup(sql_col_text(s, 0));
	sql_reset(s);
	return c;
}

int
audit_draw_record(struct store *st, int64_t draw, const char *household,
    const char *result, const char *note, struct sbuf *why)
{
	static const char hh[] = "SELECT 1 FROM households WHERE code = ?";
	static const char get[] = "SELECT result, note FROM audit_calls"
	    " WHERE draw = ? AND household = ?";
	static const char ins[] = "INSERT INTO audit_calls (draw, household,"
	    " cadre, result, note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char upd[] = "UPDATE audit_calls SET cadre = ?3,"
	    " result = ?4, note = ?5, at = ?6 WHERE draw = ?1"
	    " AND household = ?2";
	char *cadre, *was = NULL, subj[160];
	struct sql_stmt *s;
	json_t *d;
	int rc = 1;

	if (!audit_draw_exists(st, draw)) {
		sb_printf(why, "draw %lld does not exist", (long long)draw);
		return -1;
	}
	if (!(cadre = drawn_cadre(st, draw, household))) {
		s = store_stmt(st, hh);
		sb_printf(why, "household '%s' ", household);
		sql_bind_text(s, 1, household);
		if (store_step(st, s) == SQL_ROW)
			sb_printf(why, "was not a household of the cadres of "
			    "draw %lld", (long long)draw);
		else
			sb_puts(why, "does not exist");
		sql_reset(s);
		return -1;
	}
	s = store_stmt(st, get);
	sql_bind_int(s, 1, draw);
	sql_bind_text(s, 2, household);
	if (store_step(st, s) == SQL_ROW) {
		const char *n = sql_col_text(s, 1);

		rc = strcmp(sql_col_text(s, 0), result) == 0 && (n ? note &&
		    strcmp(n, note) == 0 : !note) ? 0 : 2;
		was = xstrdup(sql_col_text(s, 0));
	}
	sql_reset(s);
	if (rc != 0) {
		s = store_stmt(st, rc == 1 ? ins : upd);
		sql_bind_int(s, 1, draw);
		sql_bind_text(s, 2, household);
		sql_bind_text(s, 3, cadre);
		sql_bind_text(s, 4, result);
		sql_bind_text(s, 5, note);
		sql_bind_int(s, 6, clk_now());
		store_step(st, s);
		d = json_object();
		json_object_set_new(d, "draw", json_integer(draw));
		json_object_set_new(d, "cadre", json_string(cadre));
		json_object_set_new(d, "result", rc == 1 ? json_string(result) :
		    json_pack("[ss]", was, result));
		snprintf(subj, sizeof subj, "household %s", household);
		store_event_json(st, "audit", subj, d);
	}
	free(cadre);
	free(was);
	return rc;
}

const struct out_col audit_draw_report_cols[AUDIT_DRAW_REPORT_NCOLS] = {
	{ "cadre", OUT_STR }, { "name", OUT_STR }, { "seq", OUT_NUM },
	{ "households", OUT_NUM }, { "visited", OUT_NUM },
	{ "share", OUT_NUM }, { "confirmed", OUT_NUM }, { "denied", OUT_NUM },
	{ "uncalled", OUT_NUM }, { "flag", OUT_STR }
};

struct line {
	char *cadre, *name;
	long seq, households, visited, confirmed, denied;
};

/* worst first: the most denied calls, then the lowest share of households
 * with a claimed visit (none at all last), then the order drawn */
static int
worse(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	double sx, sy;

	if (x->denied != y->denied)
		return x->denied > y->denied ? -1 : 1;
	if ((x->households > 0) != (y->households > 0))
		return x->households > 0 ? -1 : 1;
	if (x->households > 0) {
		sx = (double)x->visited / (double)x->households;
		sy = (double)y->visited / (double)y->households;
		if (sx != sy)
			return sx < sy ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
report_row(struct out *o, const struct line *l)
{
	char num[6][24], share[24];
	const char *v[AUDIT_DRAW_REPORT_NCOLS];
	long n[6] = { l->seq, l->households, l->visited, l->confirmed,
		l->denied, l->households - l->confirmed - l->denied };
	int i;

	for (i = 0; i < 6; i++)
		snprintf(num[i], sizeof num[i], "%ld", n[i]);
	v[0] = l->cadre;
	v[1] = l->name;
	v[2] = num[0];
	v[3] = num[1];
	v[4] = num[2];
	v[5] = coverage_share(l->visited, l->households, share, sizeof share);
	v[6] = num[3];
	v[7] = num[4];
	v[8] = num[5];
	v[9] = l->denied > 0 ? "denied" : l->visited < l->households ?
	    "unvisited" : NULL;
	out_row(o, v, NULL);
}

void
audit_draw_report(struct store *st, int64_t draw, struct out *o)
{
	static const char sql[] = "WITH " HELD
	    " SELECT dc.cadre, c.name, dc.seq,"
	    " (SELECT count(*) FROM held WHERE held.cadre = dc.cadre),"
	    " (SELECT count(*) FROM held WHERE held.cadre = dc.cadre"
	    "  AND EXISTS (SELECT 1 FROM visits v WHERE v.cadre = dc.cadre"
	    "  AND v.household = held.household AND v.at <= d.at)),"
	    " (SELECT count(*) FROM audit_calls a WHERE a.draw = d.id"
	    "  AND a.cadre = dc.cadre AND a.result = 'confirmed'),"
	    " (SELECT count(*) FROM audit_calls a WHERE a.draw = d.id"
	    "  AND a.cadre = dc.cadre AND a.result = 'denied')"
	    " FROM draws d JOIN draw_cadres dc ON dc.draw = d.id"
	    " JOIN cadres c ON c.code = dc.cadre"
	    " WHERE d.id = ?1 ORDER BY dc.seq";
	struct line *l = NULL;
	size_t n = 0, cap = 0, i;
	struct sql_stmt *s;

	s = store_stmt(st, sql);
	sql_bind_int(s, 1, draw);
	while (store_step(st, s) == SQL_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			l = xrealloc(l, cap * sizeof *l);
		}
		l[n++] = (struct line){ xstrdup(sql_col_text(s, 0)),
		    xstrdup(sql_col_text(s, 1)), sql_col_int(s, 2),
		    sql_col_int(s, 3), sql_col_int(s, 4),
		    sql_col_int(s, 5), sql_col_int(s, 6) };
	}
	qsort(l, n, sizeof *l, worse);
	for (i = 0; i < n; i++) {
		report_row(o, &l[i]);
		free(l[i].cadre);
		free(l[i].name);
	}
	free(l);
}
