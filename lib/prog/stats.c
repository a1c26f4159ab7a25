#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "issue.h"
#include "istate.h"
#include "period.h"
#include "rng.h"
#include "stats.h"
#include "tree.h"
#include "util.h"

/* the figures of one row: the whole scope, or a grid, a unit, ... */
struct fig {
	char *key;
	char *name;
	long filed, filed_resolved, routed, resolved, on_time, closed;
	long rejected, reopened, open, overdue, escalations, referred;
	long accountability, acc_people, acc_units, acc_pending;
	long grid_ratings, grid_rating_sum;
	long feedback, satisfied, basic, unsatisfied, ratings, rating_sum;
	long paired, visited, solved;
	/* the indicators: issues due, and of them closed, closed on time,
	 * reworked, extended, returned */
	long due, due_closed, due_on_time, due_rework, due_extended;
	long due_returned;
	double p50, p90;     /* hours from filing to resolution */
	int late;            /* a grid or unit added after the period: a row
	                      * only if it has figures (a store may be
	                      * back-filled), so a month's rows never grow */
};

/* the rows, found by key (a hash of open addressing) and kept in the
 * order they were added; figs_get() adds a row the first time */
struct figs {
	struct fig **slot;
	size_t nslot;
	struct fig **all;
	size_t n, cap;
};

struct ctx {
	struct store *st;
	const struct stats_opts *o;
	int64_t lo, hi;     /* the period being counted */
	char *plo, *phi;    /* the subtree's path bounds; NULL: everything */
	int keyed;          /* stats_key maps each grid to its row */
};

static const char *const by_names[] = { "", "level", "grid", "unit",
	"category", "cadre", "month" };

int
stats_parse_weights(const char *s, double w[4])
{
	char *copy = xstrdup(s), *p, *save = NULL;
	double sum = 0;
	int n = 0, rc = 0;

	for (p = strtok_r(copy, ",", &save); p && rc == 0;
	    p = strtok_r(NULL, ",", &save)) {
		if (n == 4 || parse_hours(p, &w[n]) != 0)
			rc = -1;
		else
			sum += w[n++];
	}
	free(copy);
	return rc == 0 && n == 4 && sum > 0 ? 0 : -1;
}

int
stats_parse_by(const char *s, enum stats_by *by)
{
	size_t i;

	for (i = 1; i < sizeof by_names / sizeof by_names[0]; i++)
		if (strcmp(s, by_names[i]) == 0) {
			*by = (enum stats_by)i;
			return 0;
		}
	return -1;
}

#define ISSUE_JOIN(alias) " JOIN issues i ON i.id = " alias ".issue"
#define HOUSEHOLD_JOIN " JOIN households h ON h.code = p.household"

/* rows */

static struct fig *
figs_get(struct figs *fs, const char *key)
{
	size_t i, mask;
	struct fig *f;

	if (!key)
		return NULL;
	if (fs->n * 2 >= fs->nslot) {
		struct fig **old = fs->slot;
		size_t j, n = fs->nslot;

		fs->nslot = n ? 2 * n : 64;
		fs->slot = xcalloc(fs->nslot, sizeof *fs->slot);
		mask = fs->nslot - 1;
		for (j = 0; j < n; j++) {
			if (!old[j])
				continue;
			for (i = rng_fnv1a(old[j]->key) & mask; fs->slot[i];
			    i = (i + 1) & mask)
				;
			fs->slot[i] = old[j];
		}
		free(old);
	}
	mask = fs->nslot - 1;
	for (i = rng_fnv1a(key) & mask; fs->slot[i]; i = (i + 1) & mask)
		if (strcmp(fs->slot[i]->key, key) == 0)
			return fs->slot[i];
	f = xcalloc(1, sizeof *f);
	f->key = xstrdup(key);
	f->p50 = f->p90 = -1;
	fs->slot[i] = f;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 64;
		fs->all = xrealloc(fs->all, fs->cap * sizeof *fs->all);
	}
	fs->all[fs->n++] = f;
	return f;
}

static struct fig *
fig_at(struct figs *fs, struct sql_stmt *s)
{
	return figs_get(fs, sql_col_text(s, 0));
}

static void
figs_free(struct figs *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->all[i]->key);
		free(fs->all[i]->name);
		free(fs->all[i]);
	}
	free(fs->all);
	free(fs->slot);
	memset(fs, 0, sizeof *fs);
}

/* queries: a template's {K} is the key of the row, {I} a join that
 * brings in the issue (or household) when the key or the scope needs it,
 * {S} the join to the rows of --by grid, {W} the subtree, {X} a condition
 * of the caller's, {G} the grouping by the key (none when the key is the
 * constant '': an aggregate without GROUP BY gives its one row, of zeros
 * when nothing matched, and the row '' is there already), {O} the order
 * by the key (none for '') */

struct q {
	const char *key;    /* SQL: the row's key */
	const char *join;   /* what {I} becomes, when it is needed */
	const char *grid;   /* the grid column {S} and {W} apply to */
	const char *extra;  /* what {X} becomes */
};

static int
needs_join(const struct ctx *c, const struct q *q)
{
	return c->plo || c->keyed || strncmp(q->key, "i.", 2) == 0 ||
	    strncmp(q->key, "k.", 2) == 0;
}

static void
expand(struct sbuf *b, const char *tpl, const struct ctx *c,
    const struct q *q)
{
	const char *p;

	sb_reset(b);
	for (p = tpl; *p; p++) {
		if (p[0] != '{' || !p[1] || p[2] != '}') {
			sb_putc(b, *p);
			continue;
		}
		switch (p[1]) {
		case 'K':
			sb_puts(b, q->key);
			break;
		case 'I':
			if (q->join && needs_join(c, q))
				sb_puts(b, q->join);
			break;
		case 'S':
			if (c->keyed)
				sb_printf(b, " JOIN stats_key k"
				    " ON k.grid = %s", q->grid);
			break;
		case 'W':
			if (c->plo && !c->keyed)
				sb_printf(b, " AND %s IN (SELECT code"
				    " FROM grids WHERE path >= :plo"
				    " AND path < :phi)", q->grid);
			break;
		case 'X':
			if (q->extra)
				sb_puts(b, q->extra);
			break;
		case 'G':
			/* one row for the whole scope needs no grouping: SQLite
			 * would sort every row by the constant all the same */
			if (strcmp(q->key, "''") != 0)
				sb_puts(b, " GROUP BY 1");
			break;
		case 'O':
			/* the same for the order of rows by key */
			if (strcmp(q->key, "''") != 0)
				sb_puts(b, " ORDER BY 1");
			break;
		default:
			sb_add(b, p, 3);
		}
		p += 2;
	}
}

static void
bind_named(struct sql_stmt *s, const char *name, int64_t v)
{
	int i = sql_param_index(s, name);

	if (i > 0)
		sql_bind_int(s, i, v);
}

/* the statement of a template, with the period and subtree bound */
static struct sql_stmt *
prep(struct ctx *c, const char *tpl, const struct q *q)
{
	struct sbuf b = { 0 };
	struct sql_stmt *s;
	int i;

	expand(&b, tpl, c, q);
	s = store_prepare(c->st, sb_str(&b));
	sb_free(&b);
	bind_named(s, ":lo", c->lo);
	bind_named(s, ":hi", c->hi);
	/* the end of the period, as pairs.h reads a time: its last second */
	bind_named(s, ":t", c->hi - 1);
	if ((i = sql_param_index(s, ":plo")) > 0)
		sql_bind_text(s, i, c->plo);
	if ((i = sql_param_index(s, ":phi")) > 0)
		sql_bind_text(s, i, c->phi);
	return s;
}

static long
col_long(struct sql_stmt *s, int i)
{
	return (long)sql_col_int(s, i);
}

#define AT(field) offsetof(struct fig, field)

/* run a template whose rows are a key and counts, and put the counts into
 * the key's row, at these offsets (add: add them to what is there) */
static void
q_counts_to(struct ctx *c, const char *tpl, const struct q *q,
    struct figs *fs, const size_t *off, int n, int add)
{
	struct sql_stmt *s = prep(c, tpl, q);
	struct fig *f;
	int i;

	while (store_step(c->st, s) == SQL_ROW)
		if ((f = fig_at(fs, s)))
			for (i = 0; i < n; i++) {
				long *v = (long *)(void *)((char *)f +
				    off[i]);

				*v = (add ? *v : 0) + col_long(s, i + 1);
			}
	sql_finalize(s);
}

static void
q_counts(struct ctx *c, const char *tpl, const struct q *q, struct figs *fs,
    const size_t *off, int n)
{
	q_counts_to(c, tpl, q, fs, off, n, 0);
}

/* The state of an issue at the end of the period (:hi) is the one its
 * last event before it carries.  Looking it up costs a few reads, so it is
 * done only for an issue whose row may say otherwise: one changed since
 * (updated_at: every change of lib/issue.c sets it, and writes its event
 * no later) */
#define STATE_AT_END(col) "(SELECT f." col " FROM events f" \
	" WHERE f.issue = i.id AND f.at < :hi AND f.status IS NOT NULL" \
	" ORDER BY f.at DESC, f.id DESC LIMIT 1)"

/* issues filed in the period, and of them those resolved or closed at its
 * end: one resolved or closed now whose last resolution came before the
 * end was so then (a reopening clears resolved_at); one that is not, and
 * has not changed since, was not */
static void
q_filed(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char tpl[] = "SELECT {K}, count(*), sum(CASE"
	    " WHEN i.status IN " ISTATE_DONE_SQL " AND i.resolved_at < :hi"
	    " THEN 1"
	    " WHEN i.status NOT IN " ISTATE_DONE_SQL
	    " AND i.updated_at < :hi THEN 0"
	    " WHEN " STATE_AT_END("status") " IN " ISTATE_DONE_SQL " THEN 1"
	    " ELSE 0 END)"
	    " FROM issues i{S} WHERE i.filed_at >= :lo AND i.filed_at < :hi{W}"
	    "{G}";
	static const size_t off[] = { AT(filed), AT(filed_resolved) };

	q_counts(c, tpl, q, fs, off, 2);
}

/* routings, closures, rejections, reopenings and escalations in the
 * period: acts, counted as events (an issue routed again by hand counts
 * again), straight from the index on (kind, at) */
static void
q_events(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char tpl[] = "SELECT {K}, sum(" SQL_N("e.kind = 'routed'") "),"
	    " sum(" SQL_N("e.kind = 'closed'") "), sum(" SQL_N("e.kind = 'rejected'") "),"
	    " sum(" SQL_N("e.kind = 'reopened'") "), sum(" SQL_N("e.kind = 'escalated'") "),"
	    " sum(" SQL_N("e.kind = 'referred'") ")"
	    " FROM events e{I}{S} WHERE e.kind IN ('routed', 'closed',"
	    " 'rejected', 'reopened', 'escalated', 'referred')"
	    " AND e.at >= :lo AND e.at < :hi{W}{G}";
	static const size_t off[] = { AT(routed), AT(closed), AT(rejected),
		AT(reopened), AT(escalations), AT(referred) };

	q_counts(c, tpl, q, fs, off, 6);
}

/* the nearest-rank percentile p of n sorted values */
static double
percentile(const int64_t *v, size_t n, int p)
{
	size_t rank = ((size_t)p * n + 99) / 100;

	return v[rank ? rank - 1 : 0] / 3600.0;
}

/* the resolutions r of the period that count: each issue's last in it.
 * An issue is resolved again only after a reopening, so only one reopened
 * in the period is looked at for a later resolution in it */
#define RESOLVED_IN "r.kind = 'resolved' AND r.at >= :lo AND r.at < :hi" \
	" AND NOT (r.issue IN (SELECT issue FROM events WHERE kind =" \
	"  'reopened' AND at >= :lo AND at < :hi)" \
	"  AND EXISTS (SELECT 1 FROM events g WHERE g.issue = r.issue" \
	"  AND g.kind || '' = 'resolved' AND +g.at < :hi" \
	"  AND (g.at > r.at OR (g.at = r.at AND g.id > r.id))))"

/* an issue and when it was filed */
struct filed {
	int64_t id, at;
};

static int
cmp_filed(const void *a, const void *b)
{
	return cmp_int64(&((const struct filed *)a)->id,
	    &((const struct filed *)b)->id);
}

/* at most so many issues are held by filings() (16 MiB) */
#define FILED_MAX ((size_t)1 << 20)

/* the filing times of the issues resolved in the period, where reading
 * each one's row would cost: at city scale a month's 100,000 rows at
 * random in a table of 4 million wide rows, half of a month's report.
 * Most issues resolved in the period were last resolved in it, so their
 * times come from the index on (resolved_at, filed_at), read in its order
 * and sorted by id; the others (reopened since) are looked up one by one
 * (filed_at()).  -1 when the period has too many for memory */
struct filings {
	struct filed *fl;
	size_t n;
	struct sql_stmt *one;
};

static int
filings(struct ctx *c, struct filings *fg)
{
	struct sql_stmt *s = prep(c, "SELECT id, filed_at FROM issues"
	    " WHERE resolved_at >= :lo AND resolved_at < :hi", &(struct q){
	    "''", NULL, NULL, NULL });
	size_t cap = 0;
	int rc = 0;

	memset(fg, 0, sizeof *fg);
	while (rc == 0 && store_step(c->st, s) == SQL_ROW) {
		if (fg->n == cap) {
			if (cap == FILED_MAX) {
				rc = -1;
				break;
			}
			cap = cap ? 2 * cap : 4096;
			fg->fl = xrealloc(fg->fl, cap * sizeof *fg->fl);
		}
		fg->fl[fg->n].id = sql_col_int(s, 0);
		fg->fl[fg->n++].at = sql_col_int(s, 1);
	}
	sql_finalize(s);
	if (rc != 0) {
		free(fg->fl);
		return -1;
	}
	if (fg->n)
		qsort(fg->fl, fg->n, sizeof *fg->fl, cmp_filed);
	fg->one = store_prepare(c->st,
	    "SELECT filed_at FROM issues WHERE id = ?");
	return 0;
}

static int64_t
filed_at(struct ctx *c, struct filings *fg, int64_t id)
{
	struct filed key = { id, 0 }, *hit;

	if (fg->n && (hit = bsearch(&key, fg->fl, fg->n, sizeof *fg->fl,
	    cmp_filed)))
		return hit->at;
	sql_bind_int(fg->one, 1, id);
	store_step(c->st, fg->one);
	key.at = sql_col_int(fg->one, 0);
	sql_reset(fg->one);
	return key.at;
}

/* the issues resolved in the period, each by its last resolution in it:
 * on time or not (by the deadline of the rung where it was resolved, which
 * the event carries), and the hours from filing, sorted, for the
 * percentiles.  solved: count into f->solved instead.  On SQLite, by a
 * key that is not the issue's, the filing times come from filings(); the
 * issues are joined in SQL otherwise */
static void
q_resolved(struct ctx *c, const struct q *q, struct figs *fs, int solved)
{
	static const char joined[] = "SELECT {K}, i.filed_at, r.at,"
	    " r.due_at IS NULL OR r.at <= r.due_at"
	    " FROM events r JOIN issues i ON i.id = r.issue{S}"
	    " WHERE " RESOLVED_IN "{W}{X}{O}";
	static const char bare[] = "SELECT {K}, r.issue, r.at,"
	    " r.due_at IS NULL OR r.at <= r.due_at"
	    " FROM events r WHERE " RESOLVED_IN "{O}";
	struct filings fg;
	int fast = sql_kind(c->st->db) == SQL_SQLITE && !c->plo &&
	    !c->keyed && !q->extra && (strncmp(q->key, "r.", 2) == 0 ||
	    strcmp(q->key, "''") == 0) && filings(c, &fg) == 0;
	struct sql_stmt *s = prep(c, fast ? bare : joined, q);
	struct fig *f = NULL;
	int64_t *v = NULL;
	size_t n = 0, cap = 0;

	for (;;) {
		int row = store_step(c->st, s) == SQL_ROW;
		const char *key = row ? sql_col_text(s, 0) : NULL;

		if (f && (!row || !key || strcmp(key, f->key) != 0)) {
			if (!solved && n) {
				qsort(v, n, sizeof *v, cmp_int64);
				f->p50 = percentile(v, n, 50);
				f->p90 = percentile(v, n, 90);
			}
			f = NULL;
			n = 0;
		}
		if (!row)
			break;
		if (!f && !(f = figs_get(fs, key)))
			continue;
		if (solved) {
			f->solved++;
			continue;
		}
		f->resolved++;
		f->on_time += sql_col_int(s, 3);
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n++] = sql_col_int(s, 2) - (fast ? filed_at(c, &fg,
		    sql_col_int(s, 1)) : sql_col_int(s, 1));
	}
	sql_finalize(s);
	if (fast) {
		sql_finalize(fg.one);
		free(fg.fl);
	}
	free(v);
}

/* issues open at the end of the period, and of them those past their
 * deadline then.  Filed before the end, such an issue is open (or parked)
 * now, or was resolved or rejected after the end (nothing else ends an
 * open issue, and resolved_at and rejected_at keep the last time it
 * happened): three ranges of indexes, however long ago the period was.
 * Those in hand now are read from the partial index of the live issues,
 * named by its own condition, which holds every column the query needs
 * (issues_live, schema.c, migration 3 to 4): not a row of the table is read
 * for them (before it, stats sought the whole table's filed_at and read
 * the rows, 12.4 s at 4 M issues).  The resolved or rejected after the
 * end, and not in hand now, are added to them */
#define OPEN_AT_END(where) "SELECT {K}, count(*), sum(" SQL_N("CASE" \
	" WHEN i.updated_at < :hi THEN i.due_at ELSE e.due_at END < :hi") ")" \
	" FROM issues i{S}" \
	" LEFT JOIN events e ON e.id = CASE WHEN i.updated_at >= :hi" \
	"  THEN " STATE_AT_END("id") " END" \
	" WHERE " where "{W}" \
	" AND CASE WHEN i.updated_at < :hi THEN i.status ELSE e.status END" \
	"  IN " ISTATE_IN_HAND_SQL "{G}"

static void
q_open(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char now[] = OPEN_AT_END(ISTATE_IS_IN_HAND("i.status")
	    " AND " ISTATE_IS_LIVE("i.status") " AND i.filed_at < :hi");
	static const char ended[] = OPEN_AT_END("i.id IN (SELECT id FROM issues"
	    "  WHERE resolved_at >= :hi AND filed_at < :hi"
	    "  UNION ALL SELECT id FROM issues"
	    "  WHERE rejected_at >= :hi AND filed_at < :hi)"
	    " AND i.status NOT IN " ISTATE_IN_HAND_SQL);
	static const size_t off[] = { AT(open), AT(overdue) };

	q_counts_to(c, now, q, fs, off, 2, 0);
	q_counts_to(c, ended, q, fs, off, 2, 1);
}

/* accountability cases: those confirmed in the period, the people and
 * units they name, and those pending at its end (opened by then, decided
 * after it or not yet).  A decision is final, so a past period's figures
 * stay as they were.  The cases read are the undecided ones (their own
 * index, accountability_undecided) and those decided since the period
 * began, not every case opened before its end */
#define ACC_CONFIRMED "a.status = 'confirmed' AND a.decided_at >= :lo" \
	" AND a.decided_at < :hi"

static void
q_account(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char cases[] = "SELECT {K}, sum(" SQL_N(ACC_CONFIRMED) "),"
	    " sum(" SQL_N("a.decided_at IS NULL OR a.decided_at >= :hi") ")"
	    " FROM (SELECT * FROM accountability WHERE decided_at IS NULL"
	    "  AND opened_at < :hi"
	    "  UNION ALL SELECT * FROM accountability WHERE decided_at >= :lo"
	    "  AND opened_at < :hi) a{I}{S} WHERE 1 = 1{W}"
	    "{G}";
	static const char people[] = "SELECT {K}, count(DISTINCT p.cadre)"
	    " FROM accountability a JOIN accountability_people p"
	    " ON p.\"case\" = a.id{I}{S} WHERE " ACC_CONFIRMED "{W}"
	    "{G}";
	static const char units[] = "SELECT {K}, count(DISTINCT u.unit)"
	    " FROM accountability a JOIN accountability_units u"
	    " ON u.\"case\" = a.id{I}{S} WHERE " ACC_CONFIRMED "{W}"
	    "{G}";
	static const size_t off[] = { AT(accountability), AT(acc_pending) };
	static const size_t poff[] = { AT(acc_people) };
	static const size_t uoff[] = { AT(acc_units) };

	q_counts(c, cases, q, fs, off, 2);
	q_counts(c, people, q, fs, poff, 1);
	q_counts(c, units, q, fs, uoff, 1);
}

/* the confirmed cases of the period that name each person (key p.cadre)
 * or unit (u.unit) */
static void
q_account_named(struct ctx *c, int units, struct figs *fs)
{
	static const char people[] = "SELECT p.cadre, count(*)"
	    " FROM accountability a JOIN accountability_people p"
	    " ON p.\"case\" = a.id{I} WHERE " ACC_CONFIRMED "{W}{G}";
	static const char depts[] = "SELECT u.unit, count(*)"
	    " FROM accountability a JOIN accountability_units u"
	    " ON u.\"case\" = a.id{I} WHERE " ACC_CONFIRMED "{W}{G}";
	static const size_t off[] = { AT(accountability) };

	q_counts(c, units ? depts : people, &(struct q){ units ? "u.unit" :
	    "p.cadre", ISSUE_JOIN("a"), "i.grid", NULL }, fs, off, 1);
}

/* units' ratings of the grids that worked their cases, by the grid
 * rated */
static void
q_grid_rates(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char tpl[] = "SELECT {K}, count(*),"
	    " sum(CAST(v.value AS INTEGER)) FROM evaluations v{I}{S}"
	    " WHERE v.kind = 'grid' AND v.at >= :lo AND v.at < :hi{W}"
	    "{G}";
	static const size_t off[] = { AT(grid_ratings), AT(grid_rating_sum) };

	q_counts(c, tpl, q, fs, off, 2);
}

/* residents' feedback and grid leaders' ratings of units in the period */
static void
q_evals(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char tpl[] = "SELECT {K},"
	    " sum(" SQL_N("v.kind = 'feedback'") "),"
	    " sum(" SQL_N("v.kind = 'feedback' AND v.value = 'satisfied'") "),"
	    " sum(" SQL_N("v.kind = 'feedback' AND v.value = 'basic'") "),"
	    " sum(" SQL_N("v.kind = 'feedback' AND v.value = 'unsatisfied'")
	    "),"
	    " sum(" SQL_N("v.kind = 'rating'") "),"
	    " sum(CASE WHEN v.kind = 'rating'"
	    "  THEN CAST(v.value AS INTEGER) END)"
	    " FROM evaluations v{I}{S}"
	    " WHERE v.at >= :lo AND v.at < :hi{W}{G}";
	static const size_t off[] = { AT(feedback), AT(satisfied), AT(basic),
		AT(unsatisfied), AT(ratings), AT(rating_sum) };

	q_counts(c, tpl, q, fs, off, 6);
}

/* a pair that covers the end of the period (:t): started by then and not
 * ended.  Not the household's first pair reaching back before it started
 * (as pairs.h lets a visit count): a household added and paired in June
 * would raise February's figure, and a month that has ended never
 * changes */
#define PAIR_AT_END(p) "(" p ".ended_at IS NULL OR " p ".ended_at > :t)" \
	" AND " p ".started_at <= :t"

/* households paired at the end of the period, and of them those visited
 * in it; for the whole store from the indexes on time alone: the pairs
 * started by then less those ended, and the households visited (VISITED)
 * less those not paired at the end.  A visit is recorded only while its
 * household is paired, or before its first pair (pairs.h), so a household
 * visited in the period and not paired at its end had a pair end in it,
 * or was first paired after the end.  The pairs started by then are
 * counted from the nearer end of the index: for a recent period, all of
 * them (a count of the whole table, which SQLite takes from its pages
 * without reading an entry) less those started after it */
#define VISITS_ALL(visited) "SELECT ''," \
	" CASE WHEN :t < ((SELECT min(started_at) FROM pairs)" \
	"  + (SELECT max(started_at) FROM pairs)) / 2" \
	"  THEN (SELECT count(*) FROM pairs WHERE started_at <= :t)" \
	"  ELSE (SELECT count(*) FROM pairs)" \
	"  - (SELECT count(*) FROM pairs WHERE started_at > :t) END" \
	" - (SELECT count(*) FROM pairs WHERE ended_at <= :t), " visited \
	" - (SELECT count(DISTINCT o.household) FROM pairs o" \
	"  WHERE o.ended_at >= :lo AND o.ended_at <= :t" \
	"  AND EXISTS (SELECT 1 FROM visits v" \
	"   WHERE v.household = o.household" \
	"   AND v.at >= :lo AND v.at < :hi)" \
	"  AND NOT EXISTS (SELECT 1 FROM pairs p" \
	"   WHERE p.household = o.household AND " PAIR_AT_END("p") "))" \
	" - (SELECT count(*) FROM pairs f WHERE f.started_at > :t" \
	"  AND f.id = (SELECT min(q.id) FROM pairs q" \
	"  WHERE q.household = f.household)" \
	"  AND EXISTS (SELECT 1 FROM visits v" \
	"   WHERE v.household = f.household" \
	"   AND v.at >= :lo AND v.at < :hi))"

/* the memory the count of the households visited may take, within the
 * 64 MiB a program may (tests/bench/README): a month of a city, 1.2
 * million visits, takes 26 MiB; a period of more than 2 million visits
 * is counted by SQL (slower, in flat memory) */
#define VISITED_MEM (40u << 20)

/* the households visited in the period, counted in a countset from the
 * index on (at, household), or -1 when they are too many for it.
 * SQLite's count(DISTINCT) sorts them: 0.9 s of a 1.2 s report for a
 * month of a city (tests/bench/README) */
static long
visited_households(struct ctx *c)
{
	struct sql_stmt *s = prep(c, "SELECT household FROM visits"
	    " WHERE at >= :lo AND at < :hi", &(struct q){ "''", NULL, NULL,
	    NULL });
	struct countset set = { .limit = VISITED_MEM };
	long n = 0;

	while (n >= 0 && store_step(c->st, s) == SQL_ROW)
		if (countset_add(&set, sql_col_text(s, 0)) != 0)
			n = -1;
	sql_finalize(s);
	if (n == 0)
		n = countset_count(&set);
	countset_free(&set);
	return n;
}

static void
q_visits_all(struct ctx *c, struct figs *fs)
{
	static const char tpl[] = VISITS_ALL("(SELECT count(*) FROM"
	    " (SELECT household FROM visits WHERE at >= :lo AND at < :hi"
	    " GROUP BY household) h)");
	static const char less[] = VISITS_ALL("0");
	static const size_t off[] = { AT(paired), AT(visited) };
	/* PostgreSQL counts them by hashing, in the server */
	long n = sql_kind(c->st->db) == SQL_SQLITE ? visited_households(c) :
	    -1;

	q_counts(c, n >= 0 ? less : tpl, &(struct q){ "''", NULL, NULL,
	    NULL }, fs, off, 2);
	if (n >= 0)
		figs_get(fs, "")->visited += n;
}

/* the same for the households of a subtree, or of each row of --by grid:
 * household by household */
static void
q_visits_grid(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char tpl[] = "SELECT {K}, count(*), sum(" SQL_N("EXISTS (SELECT 1"
	    "  FROM visits v WHERE v.household = h.code"
	    "  AND v.at >= :lo AND v.at < :hi)") ")"
	    " FROM households h{S}"
	    " WHERE EXISTS (SELECT 1 FROM pairs p WHERE p.household = h.code"
	    "  AND " PAIR_AT_END("p") "){W}{G}";
	static const size_t off[] = { AT(paired), AT(visited) };

	q_counts(c, tpl, q, fs, off, 2);
}

/* each cadre's households at the end of the period, and of them those he
 * visited in it */
static void
q_visits_cadre(struct ctx *c, struct figs *fs)
{
	static const char tpl[] = "SELECT p.cadre, count(*), sum(" SQL_N("EXISTS"
	    " (SELECT 1 FROM visits v WHERE v.household = p.household"
	    "  AND v.cadre = p.cadre AND v.at >= :lo AND v.at < :hi)") ")"
	    " FROM pairs p{I} WHERE " PAIR_AT_END("p") "{W}{G}";
	static const size_t off[] = { AT(paired), AT(visited) };

	q_counts(c, tpl, &(struct q){ "p.cadre", HOUSEHOLD_JOIN, "h.grid",
	    NULL }, fs, off, 2);
}

/* the field's indicators: the issues due in the period -- one of their
 * deadlines fell in it (came while it still stood: not one moved by an
 * extension before it came, but one missed and then left behind by an
 * escalation), unless they were resolved or closed already when the
 * period began (finished, an issue is not due again), or they were
 * resolved in it -- and not rejected or parked at its end.  Each is
 * counted as it stood at the end (its last event before it): closed
 * (resolved or closed then), on time (its last resolution by the deadline
 * it had), reworked, extended and returned at least once.  The candidates
 * come from two ranges of indexes: the events that set a deadline in the
 * period, and the period's resolutions */
static void
q_due(struct ctx *c, const struct q *q, struct figs *fs)
{
	static const char tpl[] = "SELECT {K}, count(*),"
	    " sum(" SQL_N("e.status IN ('resolved', 'closed')") "),"
	    " sum(" SQL_N("e.status IN ('resolved', 'closed') AND (SELECT"
	    "  r.due_at IS NULL OR r.at <= r.due_at FROM events r"
	    "  WHERE r.issue = i.id AND r.kind || '' = 'resolved' AND r.at < :hi"
	    "  ORDER BY r.at DESC, r.id DESC LIMIT 1)") "),"
	    " sum(" SQL_N("s.kinds & 1 > 0") "), sum(" SQL_N("s.kinds & 2 > 0")
	    "), sum(" SQL_N("s.kinds & 4 > 0") ")"
	    " FROM (SELECT c.id AS id, max(c.fell) AS fell, max(c.res) AS res,"
	    "  (SELECT f.id FROM events f"
	    "  WHERE f.issue = c.id AND f.at < :hi AND f.status IS NOT NULL"
	    "  ORDER BY f.at DESC, f.id DESC LIMIT 1) AS ev,"
	    "  (SELECT sum(DISTINCT CASE x.kind WHEN 'reworked' THEN 1"
	    "  WHEN 'extended' THEN 2 WHEN 'returned' THEN 4 ELSE 0 END)"
	    "  FROM events x WHERE x.issue = c.id AND x.at < :hi) AS kinds"
	    "  FROM (SELECT d.issue AS id, " SQL_N("d.due_at IS NOT DISTINCT FROM"
	    "   (SELECT f.due_at FROM events f WHERE f.issue = d.issue"
	    "   AND f.at <= d.due_at AND f.status IS NOT NULL"
	    "   ORDER BY f.at DESC, f.id DESC LIMIT 1)")
	    "   AS fell, 0 AS res FROM events d WHERE d.due_at >= :lo"
	    "   AND d.due_at < :hi AND d.due_at IS NOT NULL"
	    "   AND d.issue IS NOT NULL AND d.at < :hi"
	    "   UNION ALL SELECT issue, 0, 1 FROM events WHERE kind = 'resolved'"
	    "   AND at >= :lo AND at < :hi) c GROUP BY c.id) s"
	    " JOIN events e ON e.id = s.ev JOIN issues i ON i.id = s.id{S}"
	    " WHERE e.status NOT IN ('rejected', 'parked')"
	    " AND ((s.fell = 1 AND coalesce((SELECT g.status FROM events g"
	    "  WHERE g.issue = i.id AND g.at < :lo AND g.status IS NOT NULL"
	    "  ORDER BY g.at DESC, g.id DESC LIMIT 1), '')"
	    "  NOT IN ('resolved', 'closed')) OR s.res = 1){W}"
	    "{G}";
	static const size_t off[] = { AT(due), AT(due_closed),
		AT(due_on_time), AT(due_rework), AT(due_extended),
		AT(due_returned) };

	q_counts(c, tpl, q, fs, off, 6);
}

/* residents' feedback in the period on the issues of each unit: the lead
 * unit the issue had when the resident answered */
static void
q_unit_feedback(struct ctx *c, struct figs *fs)
{
	static const char tpl[] = "SELECT e.unit, count(*),"
	    " sum(" SQL_N("v.value = 'satisfied'") "),"
	    " sum(" SQL_N("v.value = 'basic'") "),"
	    " sum(" SQL_N("v.value = 'unsatisfied'") ")"
	    " FROM events e JOIN evaluations v ON v.issue = e.issue"
	    " AND v.at = e.at AND v.kind = 'feedback'{I}"
	    " WHERE e.kind = 'feedback' AND e.at >= :lo AND e.at < :hi"
	    " AND e.unit IS NOT NULL{W}{G}";
	static const size_t off[] = { AT(feedback), AT(satisfied), AT(basic),
		AT(unsatisfied) };

	q_counts(c, tpl, &(struct q){ "e.unit", ISSUE_JOIN("e"), "i.grid",
	    NULL }, fs, off, 4);
}

/* every figure of the headline, one row a key: '' (the whole scope),
 * k.key (a grid's subtree) or i.category */
static void
all_figures(struct ctx *c, const char *key, struct figs *fs, int due)
{
	struct q qi = { key, NULL, "i.grid", NULL };

	if (due)
		q_due(c, &qi, fs);
	q_filed(c, &qi, fs);
	q_resolved(c, &qi, fs, 0);
	q_open(c, &qi, fs);
	q_events(c, &(struct q){ key, ISSUE_JOIN("e"), "i.grid", NULL }, fs);
	q_account(c, &(struct q){ key, ISSUE_JOIN("a"), "i.grid", NULL }, fs);
	q_evals(c, &(struct q){ key, ISSUE_JOIN("v"), "i.grid", NULL }, fs);
	/* a grid's rating is the rated grid's, not that of the issue's */
	q_grid_rates(c, &(struct q){ key, ISSUE_JOIN("v"), "v.grid", NULL },
	    fs);
	/* households have no category */
	if (strcmp(key, "i.category") == 0)
		return;
	if (c->plo || c->keyed)
		q_visits_grid(c, &(struct q){ key, NULL, "h.grid", NULL }, fs);
	else
		q_visits_all(c, fs);
}

/* cells */

struct cells {
	char buf[48][40];
	const char *v[48];
	int n;
};

static void
put_str(struct cells *cl, const char *s)
{
	cl->v[cl->n++] = s;
}

static void
put_long(struct cells *cl, long n)
{
	snprintf(cl->buf[cl->n], sizeof cl->buf[0], "%ld", n);
	cl->v[cl->n] = cl->buf[cl->n];
	cl->n++;
}

/* a number with `dec` decimals, or a null when it is not known */
static void
put_real(struct cells *cl, double x, int dec, int known)
{
	snprintf(cl->buf[cl->n], sizeof cl->buf[0], "%.*f", dec, x);
	cl->v[cl->n] = known ? cl->buf[cl->n] : NULL;
	cl->n++;
}

/* a share in percent with one decimal; a null when the base is nought */
static void
put_share(struct cells *cl, long num, long den)
{
	put_real(cl, den ? 100.0 * num / den : 0, 1, den > 0);
}

static void
put_hours(struct cells *cl, double h)
{
	put_real(cl, h, 1, h >= 0);
}

/* the columns of the headline (and of a row of --by grid, category and
 * month): each share follows its base; `main` ones make the table of rows */
enum {
	F_FILED, F_FILED_RESOLVED, F_RESOLVED_SHARE, F_ROUTED, F_RESOLVED,
	F_ON_TIME, F_ON_TIME_SHARE, F_MEDIAN, F_P90, F_CLOSED, F_REJECTED,
	F_REOPENED, F_OPEN, F_OVERDUE, F_REFERRED, F_ESCALATIONS,
	F_ACCOUNTABILITY, F_ACC_PEOPLE, F_ACC_UNITS, F_ACC_PENDING,
	F_FEEDBACK, F_SATISFIED, F_BASIC, F_UNSATISFIED, F_SATISFACTION,
	F_RATINGS, F_UNIT_RATING, F_GRID_RATINGS, F_GRID_RATING, F_PAIRED,
	F_VISITED, F_COVERAGE,
	/* the indicators, in the breakdowns by grid, unit and month */
	F_DUE, F_CLOSURE, F_ON_TIME_CLOSURE, F_REWORK, F_EXTENSION, F_RETURN,
	F_SCORE, F_GRADE, NFIG
};

static const struct {
	const char *name;
	int base;   /* the figure a share is of, or -1 */
	int main;
} figcols[NFIG] = {
	{ "filed", -1, 1 },
	{ "filed_resolved", -1, 0 },
	{ "resolved_share", F_FILED, 1 },
	{ "routed", -1, 0 },
	{ "resolved", -1, 1 },
	{ "on_time", -1, 0 },
	{ "on_time_share", F_RESOLVED, 1 },
	{ "median_hours", F_RESOLVED, 1 },
	{ "p90_hours", F_RESOLVED, 0 },
	{ "closed", -1, 0 },
	{ "rejected", -1, 0 },
	{ "reopened", -1, 0 },
	{ "open", -1, 1 },
	{ "overdue", -1, 1 },
	{ "referred", -1, 1 },
	{ "escalations", -1, 1 },
	{ "accountability", -1, 1 },
	{ "accountable_people", -1, 0 },
	{ "accountable_units", -1, 0 },
	{ "accountability_pending", -1, 0 },
	{ "feedback", -1, 1 },
	{ "satisfied", -1, 0 },
	{ "basic", -1, 0 },
	{ "unsatisfied", -1, 0 },
	{ "satisfaction", F_FEEDBACK, 1 },
	{ "ratings", -1, 0 },
	{ "unit_rating", F_RATINGS, 0 },
	{ "grid_ratings", -1, 0 },
	{ "grid_rating", F_GRID_RATINGS, 0 },
	{ "paired", -1, 1 },
	{ "visited", -1, 0 },
	{ "visit_coverage", F_PAIRED, 1 },
	{ "due", -1, 1 },
	{ "closure_rate", F_DUE, 0 },
	{ "on_time_closure_rate", F_DUE, 1 },
	{ "rework_rate", F_DUE, 0 },
	{ "extension_rate", F_DUE, 0 },
	{ "return_rate", F_DUE, 0 },
	{ "score", -1, 1 },
	{ "grade", -1, 1 },
};

/* the score (综合得分) from the rates in percent, weighed; -1 when any of
 * them has no base (nothing due, or no resident answered) */
static double
score(const struct fig *f, const double *w)
{
	double x[4], num = 0, den = 0;
	int i;

	if (f->due == 0 || f->feedback == 0)
		return -1;
	x[0] = 100.0 * f->due_on_time / f->due;
	x[1] = 100.0 * f->due_closed / f->due;
	x[2] = 100.0 * (f->satisfied + f->basic) / f->feedback;
	x[3] = 100.0 - 100.0 * f->due_rework / f->due;
	for (i = 0; i < 4; i++) {
		num += w[i] * x[i];
		den += w[i];
	}
	return num / den;
}

/* the grade (等级) of a score as printed, to one decimal */
static const char *
grade(double score)
{
	double s = round(score * 10) / 10;

	if (score < 0)
		return NULL;
	return s >= 90 ? "A" : s >= 75 ? "B" : s >= 60 ? "C" : s >= 40 ?
	    "D" : "E";
}

static const double default_weights[4] = { 40, 30, 20, 10 };

static const double *
weights(const struct stats_opts *o)
{
	int i;

	for (i = 0; i < 4; i++)
		if (o->weights[i] > 0)
			return o->weights;
	return default_weights;
}

/* one figure's cell; households: the row has household figures; w: the
 * score's weights */
static void
put_fig(struct cells *cl, const struct fig *f, int i, int households,
    const double *w)
{
	const long *count[NFIG] = {
		[F_FILED] = &f->filed, [F_FILED_RESOLVED] = &f->filed_resolved,
		[F_ROUTED] = &f->routed, [F_RESOLVED] = &f->resolved,
		[F_ON_TIME] = &f->on_time, [F_CLOSED] = &f->closed,
		[F_REJECTED] = &f->rejected, [F_REOPENED] = &f->reopened,
		[F_OPEN] = &f->open, [F_OVERDUE] = &f->overdue,
		[F_REFERRED] = &f->referred, [F_ESCALATIONS] = &f->escalations,
		[F_ACCOUNTABILITY] = &f->accountability,
		[F_ACC_PEOPLE] = &f->acc_people, [F_ACC_UNITS] = &f->acc_units,
		[F_ACC_PENDING] = &f->acc_pending,
		[F_GRID_RATINGS] = &f->grid_ratings,
		[F_FEEDBACK] = &f->feedback, [F_SATISFIED] = &f->satisfied,
		[F_BASIC] = &f->basic, [F_UNSATISFIED] = &f->unsatisfied,
		[F_RATINGS] = &f->ratings, [F_PAIRED] = &f->paired,
		[F_VISITED] = &f->visited,
	};

	if (!households && (i == F_PAIRED || i == F_VISITED ||
	    i == F_COVERAGE)) {
		put_str(cl, NULL);
		return;
	}
	switch (i) {
	case F_RESOLVED_SHARE:
		put_share(cl, f->filed_resolved, f->filed);
		break;
	case F_ON_TIME_SHARE:
		put_share(cl, f->on_time, f->resolved);
		break;
	case F_MEDIAN:
		put_hours(cl, f->p50);
		break;
	case F_P90:
		put_hours(cl, f->p90);
		break;
	case F_SATISFACTION:
		put_share(cl, f->satisfied + f->basic, f->feedback);
		break;
	case F_UNIT_RATING:
		put_real(cl, f->ratings ? (double)f->rating_sum / f->ratings :
		    0, 2, f->ratings > 0);
		break;
	case F_GRID_RATING:
		put_real(cl, f->grid_ratings ? (double)f->grid_rating_sum /
		    f->grid_ratings : 0, 2, f->grid_ratings > 0);
		break;
	case F_COVERAGE:
		put_share(cl, f->visited, f->paired);
		break;
	case F_DUE:
		put_long(cl, f->due);
		break;
	case F_CLOSURE:
		put_share(cl, f->due_closed, f->due);
		break;
	case F_ON_TIME_CLOSURE:
		put_share(cl, f->due_on_time, f->due);
		break;
	case F_REWORK:
		put_share(cl, f->due_rework, f->due);
		break;
	case F_EXTENSION:
		put_share(cl, f->due_extended, f->due);
		break;
	case F_RETURN:
		put_share(cl, f->due_returned, f->due);
		break;
	case F_SCORE:
		put_hours(cl, score(f, w));
		break;
	case F_GRADE:
		put_str(cl, grade(score(f, w)));
		break;
	default:
		put_long(cl, *count[i]);
	}
}

char *
stats_bar(double v, double max, int cells, char *buf)
{
	static const char *const eighth[] = { "", "\u258f", "\u258e",
		"\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	long n = 0, i;
	char *p = buf;

	if (v > 0 && max > 0) {
		n = lround(v / max * cells * 8);
		if (n < 1)
			n = 1;
		if (n > cells * 8L)
			n = cells * 8L;
	}
	for (i = 0; i < n / 8; i++) {
		memcpy(p, "\u2588", 3);
		p += 3;
	}
	strcpy(p, eighth[n % 8]);
	return buf;
}

#define BAR_CELLS 16

/* the output: named columns, and a bar at the end of each row when asked
 * for, scaled to the largest value of the rows */
struct sheet {
	struct out *out;
	struct out_col col[NFIG + 4];
	int ncol;
	int bars;
	double max;
	char bar[3 * BAR_CELLS + 1];
};

static void
sheet_col(struct sheet *sh, const char *name, enum out_type type)
{
	sh->col[sh->ncol++] = (struct out_col){ name, type };
}

static void
sheet_open(struct sheet *sh, const struct stats_opts *o)
{
	if (sh->bars)
		sheet_col(sh, "", OUT_STR);
	sh->out = out_open(stdout, o->mode, o->outflags, sh->col, sh->ncol);
}

static void
sheet_row(struct sheet *sh, struct cells *cl, double bar)
{
	if (sh->bars)
		put_str(cl, stats_bar(bar, sh->max, BAR_CELLS, sh->bar));
	out_row(sh->out, cl->v, NULL);
}

static int
sheet_close(struct sheet *sh)
{
	return out_close(sh->out) == 0 ? EXIT_OK : EXIT_PARTIAL;
}

static int
fig_empty(const struct fig *f)
{
	return !(f->filed || f->routed || f->resolved || f->closed ||
	    f->rejected || f->reopened || f->open || f->escalations ||
	    f->referred || f->accountability || f->acc_pending ||
	    f->feedback || f->ratings || f->grid_ratings || f->paired ||
	    f->solved || f->due);
}

/* the headline: one row of every figure; as a table, one figure a line
 * with the base of each share beside it */
static int
print_headline(const struct stats_opts *o, const struct fig *f)
{
	char since[CLK_BUFSZ], until[CLK_BUFSZ];
	struct sheet sh = { 0 };
	struct cells cl = { .n = 0 };
	int i;

	clk_fmt(o->lo, since);
	clk_fmt(o->hi, until);
	if (o->mode == OUT_TABLE && !(o->outflags & OUT_KEYS)) {
		sheet_col(&sh, "figure", OUT_STR);
		sheet_col(&sh, "value", OUT_NUM);
		sheet_col(&sh, "of", OUT_NUM);
		sheet_open(&sh, o);
		out_row(sh.out, (const char *[]){ "since", since, NULL }, NULL);
		out_row(sh.out, (const char *[]){ "until", until, NULL }, NULL);
		for (i = 0; i < F_DUE; i++) {
			cl.n = 0;
			put_str(&cl, figcols[i].name);
			put_fig(&cl, f, i, 1, NULL);
			if (figcols[i].base >= 0)
				put_fig(&cl, f, figcols[i].base, 1, NULL);
			else
				put_str(&cl, NULL);
			out_row(sh.out, cl.v, NULL);
		}
		return sheet_close(&sh);
	}
	sheet_col(&sh, "since", OUT_STR);
	sheet_col(&sh, "until", OUT_STR);
	for (i = 0; i < F_DUE; i++)
		sheet_col(&sh, figcols[i].name, OUT_NUM);
	sheet_open(&sh, o);
	put_str(&cl, since);
	put_str(&cl, until);
	for (i = 0; i < F_DUE; i++)
		put_fig(&cl, f, i, 1, NULL);
	out_row(sh.out, cl.v, NULL);
	return sheet_close(&sh);
}

/* rows of the headline's figures under one or two key columns (a grid and
 * its name, a category, a month); a table shows the main figures */
/* ... and the indicators after them (ind) */
static void
groups_open(struct sheet *sh, const struct stats_opts *o, const char *key,
    const char *name, int ind)
{
	int i;

	sh->bars = o->bars;
	sheet_col(sh, key, OUT_STR);
	if (name)
		sheet_col(sh, name, OUT_STR);
	for (i = 0; i < (ind ? NFIG : F_DUE); i++)
		if (o->mode != OUT_TABLE || figcols[i].main)
			sheet_col(sh, figcols[i].name, i == F_GRADE ? OUT_STR :
			    OUT_NUM);
	sheet_open(sh, o);
}

static void
groups_row(struct sheet *sh, const struct stats_opts *o, const struct fig *f,
    int named, int households, int ind)
{
	struct cells cl = { .n = 0 };
	int i;

	put_str(&cl, f->key);
	if (named)
		put_str(&cl, f->name);
	for (i = 0; i < (ind ? NFIG : F_DUE); i++)
		if (o->mode != OUT_TABLE || figcols[i].main)
			put_fig(&cl, f, i, households, weights(o));
	sheet_row(sh, &cl, (double)f->filed);
}

static double
max_of(struct fig *const *rows, size_t n, size_t off)
{
	double m = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		long v = *(const long *)((const char *)rows[i] + off);

		if (v > m)
			m = (double)v;
	}
	return m;
}

/* orders of the rows */

static int
by_key(const void *a, const void *b)
{
	return strcmp((*(struct fig *const *)a)->key,
	    (*(struct fig *const *)b)->key);
}

static int
by_filed(const void *a, const void *b)
{
	const struct fig *x = *(struct fig *const *)a;
	const struct fig *y = *(struct fig *const *)b;

	if (x->filed != y->filed)
		return x->filed > y->filed ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* rung 0, the contact cadres, first; then from the leaves up */
static int
by_rung(const void *a, const void *b)
{
	int x = atoi((*(struct fig *const *)a)->key);
	int y = atoi((*(struct fig *const *)b)->key);

	if (x == 0 || y == 0)
		return (x != 0) - (y != 0);
	return y - x;
}

/* a rate (num/den; none when den is 0) best first, then the larger
 * sample, then the key */
static int
by_rate(long xn, long xd, long yn, long yd, const char *xk, const char *yk)
{
	if (!xd != !yd)
		return xd ? -1 : 1;
	if (xd && yd && (double)xn * yd != (double)yn * xd)
		return (double)xn * yd > (double)yn * xd ? -1 : 1;
	if (xd != yd)
		return xd > yd ? -1 : 1;
	return strcmp(xk, yk);
}

static int
by_on_time(const void *a, const void *b)
{
	const struct fig *x = *(struct fig *const *)a;
	const struct fig *y = *(struct fig *const *)b;

	return by_rate(x->on_time, x->resolved, y->on_time, y->resolved,
	    x->key, y->key);
}

static int
by_coverage(const void *a, const void *b)
{
	const struct fig *x = *(struct fig *const *)a;
	const struct fig *y = *(struct fig *const *)b;

	return by_rate(x->visited, x->paired, y->visited, y->paired, x->key,
	    y->key);
}

/* the reports */

static int
report_headline(struct ctx *c)
{
	struct figs fs = { 0 };
	int rc;

	figs_get(&fs, "");
	all_figures(c, "''", &fs, 0);
	rc = print_headline(c->o, fs.all[0]);
	figs_free(&fs);
	return rc;
}

/* rows for the children of the scope grid (or the roots), each counting
 * its subtree, and one for the scope grid itself when issues were found
 * right there; stats_key maps every grid to its row */
static void
grid_rows(struct ctx *c, struct figs *fs)
{
	static const char kids[] = "SELECT code, name, created_at >= ?2"
	    " FROM grids WHERE coalesce(parent, '') = coalesce(?1, '')"
	    " ORDER BY code";
	static const char map[] = "INSERT INTO stats_key"
	    " SELECT g.code, c.code FROM grids c JOIN grids g"
	    " ON g.path >= c.path"
	    " AND g.path < substr(c.path, 1, length(c.path) - 1) || '0'"
	    " WHERE coalesce(c.parent, '') = coalesce(?, '')";
	static const char self[] = "INSERT INTO stats_key"
	    " SELECT code, code FROM grids WHERE code = ?";
	const char *scope = c->o->grid;
	struct sql_stmt *s;
	struct fig *f;

	store_exec(c->st, "CREATE TEMP TABLE stats_key (grid TEXT PRIMARY KEY,"
	    " key TEXT NOT NULL)");
	s = store_prepare(c->st, kids);
	sql_bind_text(s, 1, scope);
	sql_bind_int(s, 2, c->hi);
	while (store_step(c->st, s) == SQL_ROW) {
		f = figs_get(fs, sql_col_text(s, 0));
		f->name = xstrdup(sql_col_text(s, 1));
		f->late = sql_col_int(s, 2);
	}
	sql_finalize(s);
	s = store_prepare(c->st, map);
	sql_bind_text(s, 1, scope);
	store_step(c->st, s);
	sql_finalize(s);
	if (scope) {
		struct grid g;

		s = store_prepare(c->st, self);
		sql_bind_text(s, 1, scope);
		store_step(c->st, s);
		sql_finalize(s);
		if (tree_get(c->st, scope, &g)) {
			f = figs_get(fs, scope);
			f->name = xstrdup(g.name);
			tree_grid_free(&g);
		}
	}
	c->keyed = 1;
}

static int
report_groups(struct ctx *c, enum stats_by by)
{
	const struct stats_opts *o = c->o;
	struct figs fs = { 0 };
	struct sheet sh = { 0 };
	size_t i;

	if (by == STATS_GRID)
		grid_rows(c, &fs);
	all_figures(c, by == STATS_GRID ? "k.key" : "i.category", &fs,
	    by == STATS_GRID);
	qsort(fs.all, fs.n, sizeof *fs.all, by == STATS_GRID ? by_key :
	    by_filed);
	groups_open(&sh, o, by == STATS_GRID ? "grid" : "category",
	    by == STATS_GRID ? "name" : NULL, by == STATS_GRID);
	sh.max = max_of(fs.all, fs.n, offsetof(struct fig, filed));
	for (i = 0; i < fs.n; i++) {
		struct fig *f = fs.all[i];

		if (f->filed < o->min || ((f->late || (by == STATS_GRID &&
		    o->grid && strcmp(f->key, o->grid) == 0)) && fig_empty(f)))
			continue;
		groups_row(&sh, o, f, by == STATS_GRID, by == STATS_GRID,
		    by == STATS_GRID);
	}
	figs_free(&fs);
	return sheet_close(&sh);
}

/* where a trend without a beginning (--until alone) starts: at the first
 * issue filed in the scope */
static int64_t
trend_start(struct ctx *c)
{
	static const char tpl[] = "SELECT min(i.filed_at) FROM issues i"
	    " WHERE 1 = 1{W}";
	struct sql_stmt *s;
	int64_t t = c->hi - 1;

	if (c->lo > 0)
		return c->lo;
	s = prep(c, tpl, &(struct q){ "''", NULL, "i.grid", NULL });
	if (store_step(c->st, s) == SQL_ROW &&
	    !sql_col_null(s, 0))
		t = sql_col_int(s, 0);
	sql_finalize(s);
	return t;
}

/* the headline of each month of the period, as of each month's end */
static int
report_months(struct ctx *c)
{
	const struct stats_opts *o = c->o;
	struct sheet sh = { 0 };
	int64_t m, lo = trend_start(c), hi = o->hi;
	struct fig **rows = NULL;
	size_t n = 0, i;

	for (m = period_month_start(lo); m < hi; m = period_next_month(m)) {
		struct figs fs = { 0 };
		char ym[8];

		c->lo = m > lo ? m : lo;
		c->hi = period_next_month(m) < hi ? period_next_month(m) : hi;
		period_month_name(m, ym);
		figs_get(&fs, "");
		all_figures(c, "''", &fs, 1);
		/* the row is kept, under the month's name */
		free(fs.all[0]->key);
		fs.all[0]->key = xstrdup(ym);
		rows = xrealloc(rows, (n + 1) * sizeof *rows);
		rows[n++] = fs.all[0];
		fs.n = 0;
		figs_free(&fs);
	}
	groups_open(&sh, o, "month", NULL, 1);
	sh.max = max_of(rows, n, offsetof(struct fig, filed));
	for (i = 0; i < n; i++) {
		if (rows[i]->filed >= o->min)
			groups_row(&sh, o, rows[i], 0, 1, 1);
		free(rows[i]->key);
		free(rows[i]);
	}
	free(rows);
	return sheet_close(&sh);
}

/* how issues left each rung in the period: referred up by hand, or
 * escalated by the clock.  An event carries the state after it, so the
 * rung left is the one the issue's event before it carries */
static void
q_left(struct ctx *c, struct figs *fs)
{
	static const char tpl[] = "SELECT (SELECT p.rung FROM events p"
	    "  WHERE p.issue = e.issue AND p.id < e.id"
	    "  AND p.rung IS NOT NULL ORDER BY p.id DESC LIMIT 1),"
	    " sum(" SQL_N("e.kind = 'referred'") "), sum(" SQL_N("e.kind = 'escalated'") ")"
	    " FROM events e{I} WHERE e.kind IN ('referred', 'escalated')"
	    " AND e.at >= :lo AND e.at < :hi{W}{G}";
	static const size_t off[] = { AT(referred), AT(escalations) };

	q_counts(c, tpl, &(struct q){ "e.rung", ISSUE_JOIN("e"), "i.grid",
	    NULL }, fs, off, 2);
}

/* where issues were resolved: a row a rung, the contact cadres first;
 * and how many left each rung by report and by the clock */
static int
report_levels(struct ctx *c)
{
	static const char lv[] = "SELECT depth FROM levels";
	const struct stats_opts *o = c->o;
	struct figs fs = { 0 };
	struct sheet sh = { 0 };
	struct cells cl;
	struct sql_stmt *s;
	long total = 0;
	size_t i;
	char key[24];

	figs_get(&fs, "0");
	s = store_prepare(c->st, lv);
	while (store_step(c->st, s) == SQL_ROW)
		figs_get(&fs, sql_col_text(s, 0));
	sql_finalize(s);
	q_resolved(c, &(struct q){ "r.rung", NULL, "i.grid", NULL }, &fs, 0);
	q_left(c, &fs);
	qsort(fs.all, fs.n, sizeof *fs.all, by_rung);
	for (i = 0; i < fs.n; i++)
		total += fs.all[i]->resolved;
	sh.bars = o->bars;
	sheet_col(&sh, "level", OUT_STR);
	sheet_col(&sh, "rung", OUT_NUM);
	sheet_col(&sh, "resolved", OUT_NUM);
	sheet_col(&sh, "share", OUT_NUM);
	sheet_col(&sh, "on_time", OUT_NUM);
	sheet_col(&sh, "on_time_share", OUT_NUM);
	sheet_col(&sh, "median_hours", OUT_NUM);
	sheet_col(&sh, "p90_hours", OUT_NUM);
	sheet_col(&sh, "referred", OUT_NUM);
	sheet_col(&sh, "escalations", OUT_NUM);
	sheet_open(&sh, o);
	sh.max = max_of(fs.all, fs.n, offsetof(struct fig, resolved));
	for (i = 0; i < fs.n; i++) {
		struct fig *f = fs.all[i];
		char *name;

		if (f->resolved < o->min)
			continue;
		name = issue_level_name(c->st, atoi(f->key));
		snprintf(key, sizeof key, "%d", atoi(f->key));
		cl.n = 0;
		put_str(&cl, name);
		put_str(&cl, key);
		put_long(&cl, f->resolved);
		put_share(&cl, f->resolved, total);
		put_long(&cl, f->on_time);
		put_share(&cl, f->on_time, f->resolved);
		put_hours(&cl, f->p50);
		put_hours(&cl, f->p90);
		put_long(&cl, f->referred);
		put_long(&cl, f->escalations);
		sheet_row(&sh, &cl, (double)f->resolved);
		free(name);
	}
	figs_free(&fs);
	return sheet_close(&sh);
}

/* the indicators of a unit, and the residents' satisfaction the score
 * weighs */
static const int unit_ind[] = { F_DUE, F_CLOSURE, F_ON_TIME_CLOSURE,
	F_REWORK, F_EXTENSION, F_RETURN, F_FEEDBACK, F_SATISFACTION, F_SCORE,
	F_GRADE };
#define NUNIT_IND ((int)(sizeof unit_ind / sizeof unit_ind[0]))

/* the departments: what was routed to them, what they resolved and how
 * fast, how the grid leaders rated them, what they were held to account
 * for, and the field's indicators; ranked by the on-time rate */
static int
report_units(struct ctx *c)
{
	static const char un[] = "SELECT code, name, created_at >= ?"
	    " FROM units";
	const struct stats_opts *o = c->o;
	struct figs fs = { 0 };
	struct sheet sh = { 0 };
	struct cells cl;
	struct sql_stmt *s;
	size_t i;
	int k;

	s = store_prepare(c->st, un);
	sql_bind_int(s, 1, c->hi);
	while (store_step(c->st, s) == SQL_ROW) {
		struct fig *f = figs_get(&fs, sql_col_text(s, 0));

		f->name = xstrdup(sql_col_text(s, 1));
		f->late = sql_col_int(s, 2);
	}
	sql_finalize(s);
	q_events(c, &(struct q){ "e.unit", ISSUE_JOIN("e"), "i.grid", NULL },
	    &fs);
	q_resolved(c, &(struct q){ "r.unit", NULL, "i.grid", NULL }, &fs, 0);
	q_account_named(c, 1, &fs);
	q_evals(c, &(struct q){ "v.unit", ISSUE_JOIN("v"), "i.grid", NULL },
	    &fs);
	q_unit_feedback(c, &fs);
	q_due(c, &(struct q){ "e.unit", NULL, "i.grid", NULL }, &fs);
	qsort(fs.all, fs.n, sizeof *fs.all, by_on_time);
	sh.bars = o->bars;
	sheet_col(&sh, "unit", OUT_STR);
	sheet_col(&sh, "name", OUT_STR);
	sheet_col(&sh, "routed", OUT_NUM);
	sheet_col(&sh, "resolved", OUT_NUM);
	sheet_col(&sh, "on_time", OUT_NUM);
	sheet_col(&sh, "on_time_share", OUT_NUM);
	sheet_col(&sh, "median_hours", OUT_NUM);
	sheet_col(&sh, "ratings", OUT_NUM);
	sheet_col(&sh, "unit_rating", OUT_NUM);
	sheet_col(&sh, "accountability", OUT_NUM);
	for (k = 0; k < NUNIT_IND; k++)
		sheet_col(&sh, figcols[unit_ind[k]].name, unit_ind[k] ==
		    F_GRADE ? OUT_STR : OUT_NUM);
	sheet_open(&sh, o);
	sh.max = 100;
	for (i = 0; i < fs.n; i++) {
		struct fig *f = fs.all[i];

		if (f->resolved < o->min || (f->late && fig_empty(f)))
			continue;
		cl.n = 0;
		put_str(&cl, f->key);
		put_str(&cl, f->name);
		put_long(&cl, f->routed);
		put_long(&cl, f->resolved);
		put_long(&cl, f->on_time);
		put_share(&cl, f->on_time, f->resolved);
		put_hours(&cl, f->p50);
		put_long(&cl, f->ratings);
		put_fig(&cl, f, F_UNIT_RATING, 0, NULL);
		put_long(&cl, f->accountability);
		for (k = 0; k < NUNIT_IND; k++)
			put_fig(&cl, f, unit_ind[k], 0, weights(o));
		sheet_row(&sh, &cl, f->resolved ? 100.0 * f->on_time /
		    f->resolved : 0);
	}
	figs_free(&fs);
	return sheet_close(&sh);
}

/* the contact cadres: their households and visits, the issues of their
 * households and those they solved themselves, what the residents said,
 * what they were held to account for; ranked by visit coverage */
static int
report_cadres(struct ctx *c)
{
	static const char nm[] = "SELECT name FROM cadres WHERE code = ?";
	const struct stats_opts *o = c->o;
	struct figs fs = { 0 };
	struct sheet sh = { 0 };
	struct cells cl;
	struct sql_stmt *s;
	size_t i;

	q_visits_cadre(c, &fs);
	q_filed(c, &(struct q){ "i.cadre", NULL, "i.grid", NULL }, &fs);
	q_resolved(c, &(struct q){ "i.cadre", NULL, "i.grid",
	    " AND r.rung = 0" }, &fs, 1);
	q_evals(c, &(struct q){ "v.cadre", ISSUE_JOIN("v"), "i.grid", NULL },
	    &fs);
	q_account_named(c, 0, &fs);
	qsort(fs.all, fs.n, sizeof *fs.all, by_coverage);
	sh.bars = o->bars;
	sheet_col(&sh, "cadre", OUT_STR);
	sheet_col(&sh, "name", OUT_STR);
	sheet_col(&sh, "households", OUT_NUM);
	sheet_col(&sh, "visited", OUT_NUM);
	sheet_col(&sh, "visit_coverage", OUT_NUM);
	sheet_col(&sh, "filed", OUT_NUM);
	sheet_col(&sh, "solved", OUT_NUM);
	sheet_col(&sh, "feedback", OUT_NUM);
	sheet_col(&sh, "satisfaction", OUT_NUM);
	sheet_col(&sh, "accountability", OUT_NUM);
	sheet_open(&sh, o);
	sh.max = 100;
	s = store_stmt(c->st, nm);
	for (i = 0; i < fs.n; i++) {
		struct fig *f = fs.all[i];

		if (f->filed < o->min || fig_empty(f))
			continue;
		sql_bind_text(s, 1, f->key);
		cl.n = 0;
		put_str(&cl, f->key);
		put_str(&cl, store_step(c->st, s) == SQL_ROW ?
		    sql_col_text(s, 0) : NULL);
		put_long(&cl, f->paired);
		put_long(&cl, f->visited);
		put_share(&cl, f->visited, f->paired);
		put_long(&cl, f->filed);
		put_long(&cl, f->solved);
		put_long(&cl, f->feedback);
		put_share(&cl, f->satisfied + f->basic, f->feedback);
		put_long(&cl, f->accountability);
		sheet_row(&sh, &cl, f->paired ? 100.0 * f->visited /
		    f->paired : 0);
		sql_reset(s);
	}
	figs_free(&fs);
	return sheet_close(&sh);
}

/* a subtree that holds every grid (the root of a one-rooted tree) is no
 * filter: drop it, so that the figures come from the indexes on time */
static void
whole_tree(struct ctx *c)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM grids"
	    " WHERE path < ?1 OR path >= ?2)";
	struct sql_stmt *s = store_prepare(c->st, sql);

	sql_bind_text(s, 1, c->plo);
	sql_bind_text(s, 2, c->phi);
	if (store_step(c->st, s) == SQL_ROW && !sql_col_int(s, 0)) {
		free(c->plo);
		free(c->phi);
		c->plo = c->phi = NULL;
	}
	sql_finalize(s);
}

int
stats_run(struct store *st, const struct stats_opts *o)
{
	struct ctx c = { st, o, o->lo, o->hi, NULL, NULL, 0 };
	int rc;

	if (o->grid && tree_range(st, o->grid, &c.plo, &c.phi) != 0)
		die(EXIT_USAGE, "grid '%s' does not exist", o->grid);
	store_read(st);
	if (c.plo)
		whole_tree(&c);
	switch (o->by) {
	case STATS_HEADLINE:
		rc = report_headline(&c);
		break;
	case STATS_GRID:
	case STATS_CATEGORY:
		rc = report_groups(&c, o->by);
		break;
	case STATS_MONTH:
		rc = report_months(&c);
		break;
	case STATS_LEVEL:
		rc = report_levels(&c);
		break;
	case STATS_UNIT:
		rc = report_units(&c);
		break;
	default:
		rc = report_cadres(&c);
	}
	store_commit(st);
	free(c.plo);
	free(c.phi);
	return rc;
}
