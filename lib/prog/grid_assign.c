/*
 * assign.c - grid leaders and the balanced pairing of cadres with
 * households (assign.h).
 *
 * Pairing a whole city is one ordered pass, never households x cadres:
 * the grids and the active cadres with their loads are read into memory
 * (tens of thousands), the unpaired households are counted per grid, each
 * pool's shares are worked out (asg_share), and then the unpaired households
 * are read once in code order, each going to the cadre whose run it falls
 * in.  Memory does not grow with the households.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grid_assign.h"
#include "cli.h"
#include "pairs.h"
#include "tree.h"

/* the shares */

/* how many households it takes to bring every load up to `level` */
static long
fill(const long *load, int k, long level)
{
	long s = 0;
	int i;

	for (i = 0; i < k; i++)
		if (load[i] < level)
			s += level - load[i];
	return s;
}

long
grid_assign_share(const long *load, int k, long n, long cap, long *quota)
{
	long lo, hi, mid, r;
	int i;

	if (k <= 0)
		return 0;
	lo = load[0];
	for (i = 1; i < k; i++)
		if (load[i] < lo)
			lo = load[i];
	/* the highest level the n households can fill: fill(lo) is 0 and
	 * fill(lo + n + 1) is more than n */
	hi = lo + n + 1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (fill(load, k, mid) <= n)
			lo = mid;
		else
			hi = mid;
	}
	if (cap > 0 && lo >= cap) {
		for (r = 0, i = 0; i < k; i++)
			r += quota[i] = load[i] < cap ? cap - load[i] : 0;
		return r;
	}
	r = n - fill(load, k, lo);
	for (i = 0; i < k; i++) {
		quota[i] = load[i] < lo ? lo - load[i] : 0;
		/* fewer than the cadres at the level are left over: one more
		 * each for the first of them */
		if (r > 0 && load[i] <= lo) {
			quota[i]++;
			r--;
		}
	}
	return n;
}

void
grid_assign_run_init(struct grid_assign_run *r, const long *quota, int k)
{
	r->quota = quota;
	r->k = k;
	r->cur = 0;
	r->used = 0;
}

int
grid_assign_next(struct grid_assign_run *r)
{
	while (r->cur < r->k && r->used >= r->quota[r->cur]) {
		r->cur++;
		r->used = 0;
	}
	if (r->cur >= r->k)
		return -1;
	r->used++;
	return r->cur;
}

/* shared pieces */

static void
emit(const struct grid_assign_opts *o, const char *household, const char *cadre)
{
	if (o->emit)
		o->emit(o->ctx, household, cadre);
}

/* the cadre's status, grid and current load; 0 when there is no such
 * cadre.  status and grid are copies */
static int
cadre_get(struct store *st, const char *code, char **status, char **grid,
    long *load)
{
	static const char sql[] = "SELECT status, grid, (SELECT count(*)"
	    " FROM pairs p WHERE p.cadre = c.code AND p.ended_at IS NULL)"
	    " FROM cadres c WHERE code = ?";
	struct sql_stmt *s = store_stmt(st, sql);

	sql_bind_text(s, 1, code);
	if (store_step(st, s) != SQL_ROW)
		return 0;
	if (status)
		*status = xstrdup(sql_col_text(s, 0));
	if (grid)
		*grid = xstrdup(sql_col_text(s, 1));
	if (load)
		*load = sql_col_int(s, 2);
	sql_reset(s);
	return 1;
}

/* a pool: the active cadres of one grid, in code order, with their loads
 * and shares */
struct pool {
	char **code;
	long *load, *quota;
	int n, cap;
};

static void
pool_add(struct pool *p, const char *code, long load)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->code = xrealloc(p->code, (size_t)p->cap * sizeof *p->code);
		p->load = xrealloc(p->load, (size_t)p->cap * sizeof *p->load);
		p->quota = xrealloc(p->quota,
		    (size_t)p->cap * sizeof *p->quota);
	}
	p->code[p->n] = xstrdup(code);
	p->load[p->n] = load;
	p->quota[p->n] = 0;
	p->n++;
}

static void
pool_free(struct pool *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->code[i]);
	free(p->code);
	free(p->load);
	free(p->quota);
	memset(p, 0, sizeof *p);
}

/* code, load (current pairs), grid */
#define ACTIVE_LOAD "SELECT c.code, (SELECT count(*) FROM pairs p" \
	" WHERE p.cadre = c.code AND p.ended_at IS NULL), c.grid" \
	" FROM cadres c WHERE c.status = 'active'"

/* the active cadres of a grid */
static void
pool_load(struct store *st, const char *grid, struct pool *p)
{
	static const char sql[] = ACTIVE_LOAD " AND c.grid = ?"
	    " ORDER BY c.code";
	struct sql_stmt *s = store_stmt(st, sql);

	sql_bind_text(s, 1, grid);
	while (store_step(st, s) == SQL_ROW)
		pool_add(p, sql_col_text(s, 0), sql_col_int(s, 1));
}

/*
 * The new pairs are written BATCH rows a statement, while the households
 * are still being read.  The statement journals must be in memory
 * (store_writer(), before the transaction begins): in a temporary file
 * they took 1.3 million writes pairing a city.  Measured at city scale
 * (3.5 million pairs; tests/bench/README), writing them so took 12.4 to
 * 14.6 s, and gathering them in a temporary table on disk to copy into
 * pairs at the end, as gridkit did before, 14.2 to 15.1 s (runs
 * alternating with the floor's 11.9 to 13.5 s).
 */
#define BATCH 128
/* PostgreSQL: the rows of a statement, as two arrays */
#define PG_BATCH 2048

struct batch {
	struct sql_stmt *full;       /* the statement for BATCH rows */
	char *household[BATCH];
	const char *cadre[BATCH];
	int n;
	int64_t at;                  /* started_at */
	int pg;
	struct sbuf ha, ca;          /* PostgreSQL: households, cadres */
};

static struct sql_stmt *
batch_stmt(struct store *st, int n)
{
	struct sbuf q = { 0 };
	struct sql_stmt *s;
	int i;

	sb_puts(&q, "INSERT INTO pairs (started_at, household, cadre) VALUES");
	for (i = 0; i < n; i++)
		sb_printf(&q, "%s(?, ?, ?)", i ? ", " : " ");
	s = store_prepare(st, sb_str(&q));
	sb_free(&q);
	return s;
}

static void
batch_begin(struct store *st, struct batch *b, int64_t at)
{
	memset(b, 0, sizeof *b);
	b->at = at;
	b->pg = sql_kind(st->db) == SQL_PGSQL;
	if (!b->pg)
		b->full = batch_stmt(st, BATCH);
}

/*
 * On PostgreSQL the pairs go PG_BATCH a statement as two arrays, their
 * ids given by the statement (the largest plus the place in the batch)
 * under the lock the ids' trigger takes, so the trigger, a plpgsql call,
 * is not run for each pair: a county's 337,000 pairs, the INSERTs' time
 * in the server's log 14.2 s before, 7.1 s after (tests/bench/README,
 * "The writers on PostgreSQL by sets, again").
 */
static void
batch_flush_pg(struct store *st, struct batch *b)
{
	static const char sql[] = "INSERT INTO pairs (id, started_at,"
	    " household, cadre) SELECT (SELECT coalesce(max(id), 0) FROM pairs)"
	    " + o, ?1, h, c FROM unnest(?2::text[], ?3::text[])"
	    " WITH ORDINALITY AS x(h, c, o)";
	struct sql_stmt *s;

	store_lock_ids(st, "pairs");
	s = store_stmt(st, sql);
	sql_bind_int(s, 1, b->at);
	sql_bind_arr(s, 2, &b->ha);
	sql_bind_arr(s, 3, &b->ca);
	store_step(st, s);
	sql_reset(s);
}

static void
batch_flush(struct store *st, struct batch *b)
{
	struct sql_stmt *s;
	int i;

	if (b->n == 0)
		return;
	if (b->pg) {
		batch_flush_pg(st, b);
		b->n = 0;
		return;
	}
	s = b->n == BATCH ? b->full : batch_stmt(st, b->n);
	for (i = 0; i < b->n; i++) {
		sql_bind_int(s, 3 * i + 1, b->at);
		sql_bind_static(s, 3 * i + 2, b->household[i]);
		sql_bind_static(s, 3 * i + 3, b->cadre[i]);
	}
	store_step(st, s);
	if (s == b->full)
		sql_reset(s);
	else
		sql_finalize(s);
	for (i = 0; i < b->n; i++)
		free(b->household[i]);
	b->n = 0;
}

/* the cadre outlives the batch; the household is copied */
static void
batch_add(struct store *st, struct batch *b, const char *household,
    const char *cadre)
{
	if (b->pg) {
		sql_arr_text(&b->ha, household);
		sql_arr_text(&b->ca, cadre);
		if (++b->n == PG_BATCH)
			batch_flush(st, b);
		return;
	}
	b->household[b->n] = xstrdup(household);
	b->cadre[b->n] = cadre;
	if (++b->n == BATCH)
		batch_flush(st, b);
}

static void
batch_end(struct store *st, struct batch *b)
{
	batch_flush(st, b);
	sql_finalize(b->full);
}

/* pairing */

struct pgrid {
	char *code, *parent;
	int up;       /* the parent's index, or -1 */
	int serve;    /* the grid whose cadres serve here: -1 none, -2 not
	               * worked out yet */
	int c0, nc;   /* its active cadres: pool.code[c0 .. c0 + nc) */
	long need;    /* as a pool: unpaired households it serves */
	long orphans; /* unpaired households here that no cadre serves */
	struct grid_assign_run run;
};

struct pairing {
	struct pgrid *g;
	int ng;
	struct pool cad;
};

static int
pgrid_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pgrid *)a)->code,
	    ((const struct pgrid *)b)->code);
}

static int
pgrid_find(const struct pairing *pg, const char *code)
{
	struct pgrid key = { .code = (char *)code }, *g;

	if (!code)
		return -1;
	g = bsearch(&key, pg->g, (size_t)pg->ng, sizeof *pg->g, pgrid_cmp);
	return g ? (int)(g - pg->g) : -1;
}

static int
serve(struct pairing *pg, int i)
{
	struct pgrid *g = &pg->g[i];

	if (g->serve == -2)
		g->serve = g->nc > 0 ? i : g->up < 0 ? -1 : serve(pg, g->up);
	return g->serve;
}

static void
pairing_load(struct store *st, struct pairing *pg)
{
	static const char grids[] = "SELECT code, parent FROM grids"
	    " ORDER BY code";
	static const char cadres[] = ACTIVE_LOAD " ORDER BY c.grid, c.code";
	struct sql_stmt *s = store_stmt(st, grids);
	int cap = 0, i, last = -1;

	while (store_step(st, s) == SQL_ROW) {
		const char *parent = sql_col_text(s, 1);

		if (pg->ng == cap) {
			cap = cap ? 2 * cap : 256;
			pg->g = xrealloc(pg->g, (size_t)cap * sizeof *pg->g);
		}
		pg->g[pg->ng++] = (struct pgrid){ .code = xstrdup(sql_col_text(s,
		    0)), .parent = parent ? xstrdup(parent) : NULL,
		    .serve = -2 };
	}
	for (i = 0; i < pg->ng; i++)
		pg->g[i].up = pgrid_find(pg, pg->g[i].parent);
	/* a grid's cadres come together, in code order */
	s = store_stmt(st, cadres);
	while (store_step(st, s) == SQL_ROW) {
		const char *grid = sql_col_text(s, 2);

		i = last >= 0 && strcmp(pg->g[last].code, grid) == 0 ? last :
		    pgrid_find(pg, grid);
		if (i < 0)
			continue;
		if (i != last)
			pg->g[i].c0 = pg->cad.n;
		last = i;
		pool_add(&pg->cad, sql_col_text(s, 0), sql_col_int(s, 1));
		pg->g[i].nc++;
	}
	for (i = 0; i < pg->ng; i++)
		serve(pg, i);
}

static void
pairing_free(struct pairing *pg)
{
	int i;

	for (i = 0; i < pg->ng; i++) {
		free(pg->g[i].code);
		free(pg->g[i].parent);
	}
	free(pg->g);
	pool_free(&pg->cad);
}

/* a household that moved away gets no new pair (ACTIVE), nor does one
 * with a current pair (UNPAIRED).  That test probes pairs for every
 * household, 1.5 s of 14 pairing a city, so it is left out when no
 * household has a current pair: the first pairing of a county or a city */
#define ACTIVE "h.status = 'active'"
#define UNPAIRED ACTIVE " AND NOT EXISTS (SELECT 1 FROM pairs p" \
	" WHERE p.household = h.code AND p.ended_at IS NULL)"

/* the unpaired households of a grid, or of a subtree (IN_TREE) */
#define IN_TREE "h.grid " TREE_IN " AND "
#define HH_COUNT(w) "SELECT h.grid, count(*) FROM households h WHERE " w \
	" GROUP BY h.grid"
#define HH_READ(w) "SELECT h.code, h.grid FROM households h WHERE " w \
	" ORDER BY h.code"

/* no household has a current pair */
static int
none_paired(struct store *st)
{
	return store_int(st, "SELECT EXISTS (SELECT 1 FROM pairs"
	    " WHERE ended_at IS NULL)", NULL) == 0;
}

/* bind the subtree bounds, if any, to the statement's first two slots;
 * stream: a statement of its own that reads its rows a batch at a time
 * on PostgreSQL (store_stream), for the caller to finalize */
static struct sql_stmt *
subtree_stmt(struct store *st, const char *all, const char *sub,
    const char *lo, const char *hi, int stream)
{
	struct sql_stmt *s = stream ? store_stream(st, lo ? sub : all) :
	    store_stmt(st, lo ? sub : all);

	if (lo) {
		sql_bind_text(s, 1, lo);
		sql_bind_text(s, 2, hi);
	}
	return s;
}

/* count the unpaired households of each grid into its pool's need, and
 * work out each pool's shares; returns how many there are in all */
static long
pairing_count(struct store *st, struct pairing *pg, const char *lo,
    const char *hi, long per, int fresh)
{
	static const char *const q[2][2] = {
		{ HH_COUNT(UNPAIRED), HH_COUNT(IN_TREE UNPAIRED) },
		{ HH_COUNT(ACTIVE), HH_COUNT(IN_TREE ACTIVE) },
	};
	struct sql_stmt *s = subtree_stmt(st, q[fresh][0], q[fresh][1], lo,
	    hi, 0);
	long total = 0;
	int i, p;

	while (store_step(st, s) == SQL_ROW) {
		long n = sql_col_int(s, 1);

		total += n;
		i = pgrid_find(pg, sql_col_text(s, 0));
		p = i < 0 ? -1 : pg->g[i].serve;
		if (p >= 0)
			pg->g[p].need += n;
		else if (i >= 0)
			pg->g[i].orphans += n;
	}
	for (i = 0; i < pg->ng; i++) {
		struct pgrid *g = &pg->g[i];

		if (g->need == 0)
			continue;
		grid_assign_share(pg->cad.load + g->c0, g->nc, g->need, per,
		    pg->cad.quota + g->c0);
		grid_assign_run_init(&g->run, pg->cad.quota + g->c0, g->nc);
	}
	return total;
}

static void
full(const char *grid, long left, int ncadres, long per)
{
	if (ncadres == 1)
		warnf("grid '%s': %ld households left unpaired: its cadre "
		    "is full (--per %ld)", grid, left, per);
	else
		warnf("grid '%s': %ld households left unpaired: its %d "
		    "cadres are full (--per %ld)", grid, left, ncadres, per);
}

/* say which grids left households unpaired, and why */
static void
pairing_report(const struct pairing *pg, const struct grid_assign_opts *o)
{
	long placed;
	int i, j;

	for (i = 0; i < pg->ng; i++) {
		const struct pgrid *g = &pg->g[i];

		if (g->orphans)
			warnf("grid '%s': %ld households left unpaired: no "
			    "active cadre serves in it or in a grid above it",
			    g->code, g->orphans);
		if (g->need == 0)
			continue;
		for (placed = 0, j = 0; j < g->nc; j++)
			placed += pg->cad.quota[g->c0 + j];
		if (placed < g->need)
			full(g->code, g->need - placed, g->nc, o->per);
	}
}

static void
pair_event(struct store *st, const struct grid_assign_opts *o,
    const struct grid_assign_sum *sum)
{
	json_t *d = json_object();
	char subj[160];

	json_object_set_new(d, "grid", o->grid ? json_string(o->grid) :
	    json_null());
	json_object_set_new(d, "per", o->per ? json_integer(o->per) :
	    json_null());
	json_object_set_new(d, "paired", json_integer(sum->paired));
	json_object_set_new(d, "unpaired", json_integer(sum->unpaired));
	snprintf(subj, sizeof subj, "grid %s", o->grid ? o->grid : "");
	store_event_json(st, "pair", o->grid ? subj : NULL, d);
}

int
grid_assign_pair(struct store *st, const struct grid_assign_opts *o, struct grid_assign_sum *sum)
{
	static const char *const q[2][2] = {
		{ HH_READ(UNPAIRED), HH_READ(IN_TREE UNPAIRED) },
		{ HH_READ(ACTIVE), HH_READ(IN_TREE ACTIVE) },
	};
	struct pairing pg = { 0 };
	struct batch b;
	struct progress prog;
	char *lo = NULL, *hi = NULL;
	struct sql_stmt *s = NULL;
	int last = -1, c, fresh;

	memset(sum, 0, sizeof *sum);
	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0)
		return -1;
	pairing_load(st, &pg);
	fresh = none_paired(st);
	batch_begin(st, &b, o->at);
	/* nothing to pair (the usual second run): no second pass.  Read a
	 * batch at a time: a city's 3.5 million households fetched whole
	 * took 292 MB on PostgreSQL */
	if (pairing_count(st, &pg, lo, hi, o->per, fresh))
		s = subtree_stmt(st, q[fresh][0], q[fresh][1], lo, hi, 1);
	cli_progress_init(&prog);
	while (s && store_step(st, s) == SQL_ROW) {
		const char *h = sql_col_text(s, 0), *grid = sql_col_text(s, 1);
		struct pgrid *g;

		/* a grid's households come together: look it up once */
		if (last < 0 || strcmp(pg.g[last].code, grid) != 0)
			last = pgrid_find(&pg, grid);
		c = last < 0 || pg.g[last].serve < 0 ? -1 :
		    grid_assign_next(&(g = &pg.g[pg.g[last].serve])->run);
		if (c < 0) {
			sum->unpaired++;
			emit(o, h, NULL);
			continue;
		}
		batch_add(st, &b, h, pg.cad.code[g->c0 + c]);
		emit(o, h, pg.cad.code[g->c0 + c]);
		if ((++sum->paired & 0xffff) == 0)
			cli_progress_show(&prog, "%ld households paired",
			    sum->paired);
	}
	sql_finalize(s);
	batch_end(st, &b);
	cli_progress_done(&prog);
	pairing_report(&pg, o);
	if (sum->paired > 0)
		pair_event(st, o, sum);
	pairing_free(&pg);
	free(lo);
	free(hi);
	return 0;
}

/* release */

struct leaver {
	char *code;
};

struct handed {
	char *household;
	char *grid;         /* the household's grid, then the grid whose
	                     * cadres take it (NULL: none) */
};

struct grid_assign_release {
	struct store *st;
	const struct grid_assign_opts *o;
	struct leaver *c;
	int n, cap;
	struct handed *h;
	long nh, hcap;
};

struct grid_assign_release *
grid_assign_release_begin(struct store *st, const struct grid_assign_opts *o)
{
	struct grid_assign_release *r = xcalloc(1, sizeof *r);

	r->st = st;
	r->o = o;
	return r;
}

int
grid_assign_release_add(struct grid_assign_release *r, const char *cadre,
    struct sbuf *why)
{
	static const char mine[] = "SELECT p.household, h.grid FROM pairs p"
	    " JOIN households h ON h.code = p.household"
	    " WHERE p.cadre = ? AND p.ended_at IS NULL ORDER BY p.household";
	static const char end[] = "UPDATE pairs SET ended_at = ?2"
	    " WHERE cadre = ?1 AND ended_at IS NULL";
	static const char leave[] = "UPDATE cadres SET status = 'left'"
	    " WHERE code = ?";
	struct store *st = r->st;
	char *status, subj[160];
	struct sql_stmt *s;
	long load;

	if (!cadre_get(st, cadre, &status, NULL, &load)) {
		sb_printf(why, "cadre '%s' does not exist", cadre);
		return -1;
	}
	if (strcmp(status, "active") != 0 && load == 0) {
		sb_printf(why, "cadre '%s' has left already and has no "
		    "households", cadre);
		free(status);
		return -1;
	}
	if (strcmp(status, "active") == 0) {
		s = store_stmt(st, leave);
		sql_bind_text(s, 1, cadre);
		store_step(st, s);
		snprintf(subj, sizeof subj, "cadre %s", cadre);
		store_event_json(st, "update", subj, json_pack("{s:[ss]}",
		    "status", "active", "left"));
	}
	free(status);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->c = xrealloc(r->c, (size_t)r->cap * sizeof *r->c);
	}
	r->c[r->n] = (struct leaver){ xstrdup(cadre) };
	s = store_stmt(st, mine);
	sql_bind_text(s, 1, cadre);
	while (store_step(st, s) == SQL_ROW) {
		if (r->nh == r->hcap) {
			r->hcap = r->hcap ? 2 * r->hcap : 256;
			r->h = xrealloc(r->h, (size_t)r->hcap * sizeof *r->h);
		}
		r->h[r->nh++] = (struct handed){ xstrdup(sql_col_text(s, 0)),
		    xstrdup(sql_col_text(s, 1)) };
	}
	r->n++;
	s = store_stmt(st, end);
	sql_bind_text(s, 1, cadre);
	sql_bind_int(s, 2, r->o->at);
	store_step(st, s);
	return 0;
}

/* by the grid (none last), then by code */
static int
handed_cmp(const void *a, const void *b)
{
	const struct handed *x = a, *y = b;
	int c = !x->grid || !y->grid ? (!x->grid) - (!y->grid) :
	    strcmp(x->grid, y->grid);

	return c ? c : strcmp(x->household, y->household);
}

/* the grid whose active cadres serve a household of this grid: the grid
 * itself or the nearest above it that has some; a copy, or NULL */
static char *
serving(struct store *st, const char *grid)
{
	static const char any[] = "SELECT 1 FROM cadres WHERE grid = ?"
	    " AND status = 'active' LIMIT 1";
	static const char up[] = "SELECT parent FROM grids WHERE code = ?";
	char *g = xstrdup(grid), *p;
	struct sql_stmt *s;
	int found;

	while (g) {
		s = store_stmt(st, any);
		sql_bind_text(s, 1, g);
		found = store_step(st, s) == SQL_ROW;
		sql_reset(s);
		if (found)
			return g;
		p = store_str(st, up, g);
		free(g);
		g = p;
	}
	return NULL;
}

/* each household's grid turned into the grid whose cadres take it: a
 * cadre moved to another grid and then released hands his households to
 * the cadres where they live, not where he went */
static void
find_serving(struct store *st, struct handed *h, long n)
{
	char *last = NULL, *to = NULL;
	long i;

	for (i = 0; i < n; i++) {
		if (!last || strcmp(last, h[i].grid) != 0) {
			free(last);
			free(to);
			last = xstrdup(h[i].grid);
			to = serving(st, last);
		}
		free(h[i].grid);
		h[i].grid = to ? xstrdup(to) : NULL;
	}
	free(last);
	free(to);
}

/* hand the households h[0..n) of one grid to its remaining cadres */
static void
hand_on(struct grid_assign_release *r, const char *grid, struct handed *h, long n,
    json_t *to, struct grid_assign_sum *sum)
{
	struct pool p = { 0 };
	struct grid_assign_run run;
	struct sbuf why = { 0 };
	long i, placed;
	int c;

	pool_load(r->st, grid, &p);
	placed = grid_assign_share(p.load, p.n, n, r->o->per, p.quota);
	grid_assign_run_init(&run, p.quota, p.n);
	for (i = 0; i < n; i++) {
		if ((c = grid_assign_next(&run)) < 0) {
			sum->unpaired++;
			emit(r->o, h[i].household, NULL);
			continue;
		}
		if (pair_set(r->st, h[i].household, p.code[c], r->o->at,
		    &why) < 0)
			die(EXIT_STORE, "%s", sb_str(&why));
		sum->paired++;
		emit(r->o, h[i].household, p.code[c]);
		json_object_set_new(to, p.code[c], json_integer(
		    json_integer_value(json_object_get(to, p.code[c])) + 1));
	}
	if (placed < n)
		full(grid, n - placed, p.n, r->o->per);
	pool_free(&p);
	sb_free(&why);
}

/* households that no active cadre serves, where they live or above */
static void
orphans(struct grid_assign_release *r, struct handed *h, long n, struct grid_assign_sum *sum)
{
	long i;

	for (i = 0; i < n; i++) {
		sum->unpaired++;
		emit(r->o, h[i].household, NULL);
	}
	warnf("%ld households left unpaired: no active cadre serves in "
	    "their grids or in a grid above them", n);
}

void
grid_assign_release_end(struct grid_assign_release *r, struct grid_assign_sum *sum)
{
	json_t *d, *cadres, *to;
	char subj[160];
	long i, j;
	int k;

	memset(sum, 0, sizeof *sum);
	if (r->n > 0) {
		qsort(r->h, (size_t)r->nh, sizeof *r->h, handed_cmp);
		find_serving(r->st, r->h, r->nh);
		qsort(r->h, (size_t)r->nh, sizeof *r->h, handed_cmp);
		to = json_object();
		for (i = 0; i < r->nh; i = j) {
			const char *grid = r->h[i].grid;

			for (j = i + 1; j < r->nh && grid && r->h[j].grid &&
			    strcmp(r->h[j].grid, grid) == 0; j++)
				;
			if (!grid) {
				j = r->nh;
				orphans(r, r->h + i, j - i, sum);
			} else {
				hand_on(r, grid, r->h + i, j - i, to, sum);
			}
		}
		cadres = json_array();
		for (k = 0; k < r->n; k++)
			json_array_append_new(cadres,
			    json_string(r->c[k].code));
		d = json_object();
		json_object_set_new(d, "cadres", cadres);
		json_object_set_new(d, "households", json_integer(r->nh));
		json_object_set_new(d, "to", to);
		json_object_set_new(d, "unpaired", json_integer(sum->unpaired));
		if (r->n == 1)
			snprintf(subj, sizeof subj, "cadre %s", r->c[0].code);
		else
			snprintf(subj, sizeof subj, "%d cadres", r->n);
		store_event_json(r->st, "release", subj, d);
	}
	for (k = 0; k < r->n; k++) {
		free(r->c[k].code);
	}
	for (i = 0; i < r->nh; i++) {
		free(r->h[i].household);
		free(r->h[i].grid);
	}
	free(r->c);
	free(r->h);
	free(r);
}

/* move */

long
grid_assign_move(struct store *st, const char *from, const char *to,
    const struct grid_assign_opts *o, struct sbuf *why)
{
	static const char all[] = "SELECT household FROM pairs"
	    " WHERE cadre = ?3 AND ended_at IS NULL ORDER BY household";
	/* the subtree's bounds are ?1 and ?2 */
	static const char sub[] = "SELECT household FROM pairs"
	    " WHERE household IN (SELECT code FROM households WHERE grid "
	    TREE_IN ") AND cadre = ?3 AND ended_at IS NULL"
	    " ORDER BY household";
	char *status = NULL, *lo = NULL, *hi = NULL, **h = NULL, subj[160];
	long n = 0, cap = 0, i;
	struct sql_stmt *s;
	json_t *d;

	if (!cadre_get(st, from, NULL, NULL, NULL)) {
		sb_printf(why, "cadre '%s' does not exist", from);
		return -1;
	}
	if (!cadre_get(st, to, &status, NULL, NULL)) {
		sb_printf(why, "cadre '%s' does not exist", to);
		return -1;
	}
	if (strcmp(status, "active") != 0) {
		sb_printf(why, "cadre '%s' has left; move the households to "
		    "an active cadre", to);
		free(status);
		return -1;
	}
	free(status);
	if (strcmp(from, to) == 0) {
		sb_printf(why, "cadre '%s' is both --from and --to", from);
		return -1;
	}
	if (o->grid && tree_range(st, o->grid, &lo, &hi) != 0) {
		sb_printf(why, "grid '%s' does not exist", o->grid);
		return -1;
	}
	s = subtree_stmt(st, all, sub, lo, hi, 0);
	sql_bind_text(s, 3, from);
	while (store_step(st, s) == SQL_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			h = xrealloc(h, (size_t)cap * sizeof *h);
		}
		h[n++] = xstrdup(sql_col_text(s, 0));
	}
	free(lo);
	free(hi);
	if (n == 0) {
		sb_printf(why, "cadre '%s' has no households", from);
		if (o->grid)
			sb_printf(why, " under grid '%s'", o->grid);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (pair_set(st, h[i], to, o->at, why) < 0)
			die(EXIT_STORE, "%s", sb_str(why));
		emit(o, h[i], to);
		free(h[i]);
	}
	free(h);
	d = json_object();
	json_object_set_new(d, "from", json_string(from));
	json_object_set_new(d, "to", json_string(to));
	json_object_set_new(d, "grid", o->grid ? json_string(o->grid) :
	    json_null());
	json_object_set_new(d, "households", json_integer(n));
	snprintf(subj, sizeof subj, "cadre %s", from);
	store_event_json(st, "move", subj, d);
	return n;
}

/* leaders */

int
grid_assign_leader(struct store *st, const char *grid, const char *cadre,
    struct sbuf *why)
{
	static const char sql[] = "UPDATE grids SET leader = ? WHERE code = ?";
	struct grid g;
	char *status, subj[160];
	struct sql_stmt *s;
	int rc = -1;

	if (!tree_get(st, grid, &g)) {
		sb_printf(why, "grid '%s' does not exist", grid);
		return -1;
	}
	if (!cadre_get(st, cadre, &status, NULL, NULL)) {
		sb_printf(why, "cadre '%s' does not exist", cadre);
	} else if (strcmp(status, "active") != 0) {
		sb_printf(why, "cadre '%s' has left; a grid's leader must be "
		    "an active cadre", cadre);
		free(status);
	} else if (g.leader && strcmp(g.leader, cadre) == 0) {
		rc = 0;
		free(status);
	} else {
		s = store_stmt(st, sql);
		sql_bind_text(s, 1, cadre);
		sql_bind_text(s, 2, grid);
		store_step(st, s);
		snprintf(subj, sizeof subj, "grid %s", grid);
		store_event_json(st, "update", subj, json_pack("{s:[s?s]}",
		    "leader", g.leader, cadre));
		rc = 1;
		free(status);
	}
	tree_grid_free(&g);
	return rc;
}

static const char *const leader_fields[] = { "grid", "leader" };
static const int leader_required[] = { 1, 1 };
static const char *const leader_labels[] = { NULL, "changed", "unchanged",
	"rejected" };

static enum imp_result
leader_row(struct imp *im, void *state, const struct rec *r,
    struct sbuf *why)
{
	const char *grid = rec_get(r, 0), *cadre = rec_get(r, 1);
	int64_t first;
	int rc;

	(void)state;
	if (!grid || !cadre) {
		sb_printf(why, "'%s' is empty (it is required)", grid ?
		    "leader" : "grid");
		return IMP_REJECTED;
	}
	if ((first = imp_seen(im, grid, r)) > 0) {
		sb_printf(why, "grid '%s' comes twice in this batch", grid);
		imp_first(im, why, first, imp_ordinal(im, r));
		return IMP_REJECTED;
	}
	rc = grid_assign_leader(imp_store(im), grid, cadre, why);
	return rc < 0 ? IMP_REJECTED : rc ? IMP_UPDATED : IMP_UNCHANGED;
}

const struct kind grid_assign_leaders = {
	"leaders", leader_fields, leader_required, 2, leader_labels, NULL,
	NULL, leader_row, NULL, NULL, NULL
};
