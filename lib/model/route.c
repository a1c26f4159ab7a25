#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "issue.h"
#include "istate.h"
#include "office.h"
#include "route.h"
#include "rules.h"
#include "spool.h"
#include "util.h"

/* Issues routed by one UPDATE and one INSERT of their events.  SQLite
 * keeps the original of every page such a statement changes until it
 * ends (a statement journal, in memory: store_writer), and a chunk of
 * issues spread through a city's store changes thousands: at 4,096 the
 * route of 950,000 issues peaked at 57 MB resident, at 1,024 at 49 MB,
 * no slower (12.5-14.1 s against 13.3-13.6 s, run to run;
 * tests/bench/README) */
#define CHUNK 1024
#define SQL_NUM_(n) #n
#define SQL_NUM(n) SQL_NUM_(n)

struct route {
	struct ictx c;
	struct rules *rules;
	struct spool *sp;
	struct out *out;
	struct route_opts o;
	long routed, unmatched, refused;
	/* the last deadline printed: most issues share a few */
	int64_t last_due;
	char last_fmt[CLK_BUFSZ];
	/* a chunk of issues to route: ids, rungs, their texts in one buffer,
	 * and the rule that matched each and its deadline */
	int n;
	int64_t id[CHUNK];
	int rung[CHUNK];
	size_t cat[CHUNK], text[CHUNK], len[CHUNK];
	struct sbuf buf;
	const struct rule *rule[CHUNK];
	int64_t due[CHUNK];
	struct iroutes *batch;
	struct store *st;
	struct keys *keys;    /* the ids to route; NULL: every open issue */
};

static const struct out_col cols[] = {
	{ "id", OUT_NUM }, { "unit", OUT_STR }, { "due", OUT_STR }
};

static void
check_unit(struct store *st, const char *code, const char *what)
{
	static const char sql[] = "SELECT status FROM units WHERE code = ?";
	char *found = store_str(st, sql, code);

	if (!found)
		die(EXIT_USAGE, "%s '%s' does not exist", what, code);
	if (strcmp(found, "retired") == 0)
		die(EXIT_USAGE, "%s '%s' is retired: it gets no routes", what,
		    code);
	free(found);
}

struct route *
route_begin(struct store *st, const struct route_opts *o)
{
	struct route *r = xcalloc(1, sizeof *r);

	r->o = *o;
	/* a chunk's UPDATE may need a statement journal of megabytes: in
	 * memory, in small pieces, rather than a temporary file (a global
	 * spill size would make every statement of every program allocate
	 * that much at once, and past some sizes SQLite 3.40 then failed
	 * to build an index: "database or disk is full") */
	store_writer(st);
	r->sp = spool_open(st, o->mode, o->outflags, cols, 3);
	r->st = st;
	if (o->to) {
		char *list = xstrdup(o->assist ? o->assist : ""), *p, *save;

		check_unit(st, o->to, "unit");
		for (p = strtok_r(list, ";", &save); p;
		    p = strtok_r(NULL, ";", &save))
			check_unit(st, p, "assisting unit");
		free(list);
		list = xstrdup(o->cooperate ? o->cooperate : "");
		for (p = strtok_r(list, ";", &save); p;
		    p = strtok_r(NULL, ";", &save))
			check_unit(st, p, "cooperating unit");
		free(list);
	}
	return r;
}


static void
print(struct route *r, int64_t id, const char *unit, int64_t due)
{
	char idbuf[24];
	const char *v[3] = { idbuf, unit, NULL };

	if (due && due != r->last_due) {
		clk_fmt(due, r->last_fmt);
		r->last_due = due;
	}
	if (due)
		v[2] = r->last_fmt;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	out_row(r->out, v, NULL);
}

/* route the issue in slot i by hand */
static void
by_hand(struct route *r, int i)
{
	const struct rule *ru = rules_match(r->rules, r->buf.s + r->cat[i],
	    r->buf.s + r->text[i], r->len[i], NULL);
	struct iroute to = { r->o.to, r->o.assist, r->o.hours, 0,
	    r->o.cooperate };
	struct sbuf why = { 0 };
	int64_t due;

	if (to.hours <= 0)
		to.hours = ru ? ru->hours : issue_hours(&r->c, r->rung[i]);
	if (issue_route(&r->c, r->id[i], &to, &due, &why) != 0) {
		warnf("%s", sb_str(&why));
		r->refused++;
	} else {
		r->routed++;
		print(r, r->id[i], to.unit, due);
	}
	sb_free(&why);
}

/* route the chunk by the rules, in one batch */
static void
by_rules(struct route *r)
{
	int i, kept = 0;
	long n;

	/* PCRE2's JIT matchers read a few bytes past the end of a subject
	 * (pcre2jit(3)): the texts' last bytes are followed by defined ones,
	 * so that what they read is never garbage to valgrind */
	if (r->buf.s && r->buf.cap > r->buf.len)
		memset(r->buf.s + r->buf.len, 0, r->buf.cap - r->buf.len);
	for (i = 0; i < r->n; i++) {
		const struct rule *lim, *ru = rules_match(r->rules,
		    r->buf.s + r->cat[i], r->buf.s + r->text[i], r->len[i],
		    &lim);

		r->rule[i] = NULL;
		if (lim) {
			if (rules_first_limit(r->rules, lim))
				warnf("rule %ld: its pattern hit %s (on the text "
				    "of issue %lld): the issues it cannot "
				    "decide go to adjudication; simplify it",
				    lim->order, lim->limit, (long long)r->id[i]);
			warnf("issue %lld (%s): rule %ld cannot tell whether "
			    "it matches (%s); route it by hand with --to",
			    (long long)r->id[i], r->buf.s + r->cat[i],
			    lim->order, lim->limit);
			r->unmatched++;
		} else if (!ru) {
			warnf("issue %lld (%s): no rule matches; route it by "
			    "hand with --to", (long long)r->id[i],
			    r->buf.s + r->cat[i]);
			r->unmatched++;
		} else if (issue_routes_add(r->batch, r->id[i],
		    &(struct iroute){ ru->unit, ru->assist, ru->hours,
		    ru->order, ru->cooperate }, &r->due[i]) != 0) {
			/* named twice: the first routes it */
			warnf("issue %lld is routed: only an open issue can be "
			    "routed", (long long)r->id[i]);
			r->refused++;
		} else {
			r->rule[i] = ru;
			kept++;
		}
	}
	/* nothing else writes in this transaction: all of them are open */
	if ((n = issue_routes_apply(r->batch)) != kept)
		die(EXIT_STORE, "routed %ld issues of %d", n, kept);
	for (i = 0; i < r->n; i++)
		if (r->rule[i])
			print(r, r->id[i], r->rule[i]->unit, r->due[i]);
	r->routed += n;
	r->n = 0;
	sb_reset(&r->buf);
}

/* keep a row of (id, category, text, rung) in the next slot: routing
 * writes the same rows, so nothing may point into the statement then */
static void
take(struct route *r, struct sql_stmt *s)
{
	const char *cat = sql_col_text(s, 1);
	int i = r->n++;

	r->id[i] = sql_col_int(s, 0);
	r->cat[i] = r->buf.len;
	sb_add(&r->buf, cat, strlen(cat) + 1);
	r->text[i] = r->buf.len;
	r->len[i] = sql_col_len(s, 2);
	sb_add(&r->buf, sql_col_text(s, 2), r->len[i]);
	sb_putc(&r->buf, '\0');
	r->rung[i] = sql_col_int(s, 3);
}

static void
route_key(struct route *r, const char *key)
{
	static const char sql[] = "SELECT id, category, text, rung, status"
	    " FROM issues WHERE id = ?";
	int64_t id = issue_id(key);
	struct sql_stmt *s;
	struct sbuf why = { 0 };

	if (!id) {
		warnf("'%s' is not an issue id", key);
		r->refused++;
		return;
	}
	s = store_stmt(r->c.st, sql);
	sql_bind_int(s, 1, id);
	if (store_step(r->c.st, s) != SQL_ROW) {
		warnf("issue %lld does not exist", (long long)id);
		r->refused++;
		return;
	}
	if (!r->o.to && strcmp(sql_col_text(s, 4), "open") != 0) {
		warnf("issue %lld is %s: only an open issue can be routed",
		    (long long)id, sql_col_text(s, 4));
		r->refused++;
		sql_reset(s);
		return;
	}
	if (office_refuses(r->c.st, id, &why) != 0) {
		warnf("%s", sb_str(&why));
		sb_free(&why);
		r->refused++;
		sql_reset(s);
		return;
	}
	take(r, s);
	sql_reset(s);
	if (r->o.to) {
		by_hand(r, 0);
		r->n = 0;
		sb_reset(&r->buf);
	} else if (r->n == CHUNK) {
		by_rules(r);
	}
}

/* The open issues a chunk at a time, in id order: a statement that is
 * still reading the issues must not see them change under it.  The
 * partial index of the live issues, named by its own condition, holds
 * them in id order (schema.c, migration 3 to 4) */
static long
route_open(struct route *r)
{
	static const char sql[] = "SELECT id, category, text, rung FROM issues"
	    " WHERE status = 'open' AND " ISTATE_IS_LIVE("status")
	    " AND id > ? ORDER BY id LIMIT " SQL_NUM(CHUNK);
	int64_t last = 0;
	long seen = 0;
	int n, read;
	struct sbuf why = { 0 };

	do {
		struct sql_stmt *s = store_stmt(r->c.st, sql);

		sql_bind_int(s, 1, last);
		read = 0;
		while (read < CHUNK && store_step(r->c.st, s) == SQL_ROW) {
			read++;
			last = sql_col_int(s, 0);
			/* an office routes its own open issues, not the
			 * others' (office.h) */
			if (office_bound(r->c.st) &&
			    office_refuses(r->c.st, last, &why) != 0) {
				sb_reset(&why);
				continue;
			}
			take(r, s);
		}
		sql_reset(s);
		n = r->n;
		seen += n;
		by_rules(r);
	} while (read == CHUNK);
	sb_free(&why);
	return seen;
}

/* what a try of the run holds, let go (after it, or before the next) */
static void
route_free_try(struct route *r)
{
	issue_routes_end(r->batch);
	r->batch = NULL;
	rules_free(r->rules);
	r->rules = NULL;
	if (r->c.cal)
		ictx_free(&r->c);
	memset(&r->c, 0, sizeof r->c);
}

static int
route_end(struct route *r)
{
	int rc;

	if (spool_close(r->sp) != 0)
		r->refused++;
	if (r->routed || r->unmatched || r->refused)
		summaryf("%ld routed, %ld need adjudication, %ld refused%s",
		    r->routed, r->unmatched, r->refused,
		    r->o.dry_run ? " (dry run: nothing written)" : "");
	rc = r->unmatched || r->refused ? EXIT_PARTIAL : EXIT_OK;
	route_free_try(r);
	sb_free(&r->buf);
	free(r);
	return rc;
}

/* the run, one transaction: run again from the start when another
 * office's transaction wins (spool_run) */
static enum spool_end
route_body(void *arg)
{
	struct route *r = arg;
	struct store *st = r->st;
	const char *key;

	route_free_try(r);
	r->routed = r->unmatched = r->refused = 0;
	r->n = 0;
	r->last_due = 0;
	sb_reset(&r->buf);
	r->out = spool_out(r->sp);
	ictx_init(&r->c, st);
	r->rules = rules_load(st);
	if (!r->o.to)
		r->batch = issue_routes_begin(&r->c);
	if (r->keys) {
		cli_keys_rewind(r->keys);
		while ((key = cli_keys_next(r->keys)))
			route_key(r, key);
	} else {
		route_open(r);
	}
	if (r->n)
		by_rules(r);
	return r->o.dry_run ? SPOOL_DRY : SPOOL_COMMIT;
}

int
route_run(struct route *r, struct keys *k)
{
	r->keys = k;
	spool_run(r->sp, route_body, r);
	return route_end(r);
}
