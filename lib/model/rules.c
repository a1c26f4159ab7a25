#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* the rules an issue of one category meets, in order */
struct group {
	const char *category;       /* NULL: a category no rule names */
	const struct rule **r;
	int n;
};

struct rules {
	struct rule *r;
	int n;
	struct group *g;            /* sorted by category */
	int ng;
	struct group any;           /* the rules without a category */
	pcre2_match_data *md;
};

static pcre2_code *
compile(const char *pattern, struct sbuf *why)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);

	if (!re && why) {
		PCRE2_UCHAR msg[256];
		size_t i, chars = 0;

		/* PCRE2 counts bytes; a clerk counts characters */
		for (i = 0; i < off && pattern[i]; i++)
			chars += ((unsigned char)pattern[i] & 0xC0) != 0x80;
		pcre2_get_error_message(err, msg, sizeof msg);
		sb_printf(why, "does not compile at character %zu: %s", chars,
		    (char *)msg);
	}
	return re;
}

int
rules_check(const char *pattern, struct sbuf *why)
{
	pcre2_code *re = compile(pattern, why);

	if (!re)
		return -1;
	pcre2_code_free(re);
	return 0;
}

static char *
dup_col(struct sql_stmt *s, int i)
{
	const char *v = sql_col_text(s, i);

	return v ? xstrdup(v) : NULL;
}

static int
by_category(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	return strcmp(x->category, y->category);
}

/* the rules an issue of category c meets: c's own and the general ones,
 * in order */
static void
fill_group(struct rules *rs, struct group *g)
{
	int i;

	g->r = xcalloc((size_t)rs->n, sizeof *g->r);
	for (i = 0; i < rs->n; i++)
		if (!rs->r[i].category || (g->category &&
		    strcmp(rs->r[i].category, g->category) == 0))
			g->r[g->n++] = &rs->r[i];
}

struct rules *
rules_load(struct store *st)
{
	/* a retired rule no longer matches, nor one whose unit retired */
	struct sql_stmt *s = store_prepare(st, "SELECT \"order\", category,"
	    " pattern, unit, assist, hours, cooperate FROM rules r"
	    " WHERE r.status = 'active' AND NOT EXISTS (SELECT 1 FROM units u"
	    " WHERE u.code = r.unit AND u.status = 'retired')"
	    " ORDER BY \"order\"");
	struct rules *rs = xcalloc(1, sizeof *rs);
	int cap = 0, i;

	while (store_step(st, s) == SQL_ROW) {
		struct rule *r;

		if (rs->n == cap) {
			cap = cap ? 2 * cap : 64;
			rs->r = xrealloc(rs->r, (size_t)cap * sizeof *rs->r);
		}
		r = &rs->r[rs->n++];
		r->order = sql_col_int(s, 0);
		r->category = dup_col(s, 1);
		r->pattern = dup_col(s, 2);
		r->unit = dup_col(s, 3);
		r->assist = dup_col(s, 4);
		r->hours = sql_col_real(s, 5);
		r->cooperate = dup_col(s, 6);
		r->re = NULL;
		r->limit = NULL;
		r->reported = 0;
		if (r->pattern) {
			struct sbuf why = { 0 };

			if (!(r->re = compile(r->pattern, &why)))
				die(EXIT_STORE, "rule %ld: pattern '%s' %s",
				    r->order, r->pattern, sb_str(&why));
			pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
		}
	}
	sql_finalize(s);
	for (i = 0; i < rs->n; i++) {
		int j, seen = 0;

		if (!rs->r[i].category)
			continue;
		for (j = 0; j < rs->ng && !seen; j++)
			seen = strcmp(rs->g[j].category, rs->r[i].category) == 0;
		if (seen)
			continue;
		rs->g = xrealloc(rs->g, (size_t)(rs->ng + 1) * sizeof *rs->g);
		rs->g[rs->ng] = (struct group){ .category = rs->r[i].category };
		fill_group(rs, &rs->g[rs->ng++]);
	}
	if (rs->ng)
		qsort(rs->g, (size_t)rs->ng, sizeof *rs->g, by_category);
	fill_group(rs, &rs->any);
	rs->md = pcre2_match_data_create(1, NULL);
	return rs;
}

int
rules_count(const struct rules *rs)
{
	return rs->n;
}

static const char *
limit_name(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		return "PCRE2's match limit";
	case PCRE2_ERROR_DEPTHLIMIT:
		return "PCRE2's depth limit";
	case PCRE2_ERROR_HEAPLIMIT:
		return "PCRE2's heap limit";
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return "PCRE2's JIT stack limit";
	}
	return "an error of PCRE2";
}

int
rules_first_limit(struct rules *rs, const struct rule *r)
{
	struct rule *m = &rs->r[r - rs->r];

	if (m->reported)
		return 0;
	m->reported = 1;
	return 1;
}

const struct rule *
rules_match(struct rules *rs, const char *category, const char *text,
    size_t len, const struct rule **limit)
{
	struct group key = { .category = category }, *g = &rs->any;
	int i, rc;

	if (limit)
		*limit = NULL;
	if (category && rs->ng) {
		struct group *f = bsearch(&key, rs->g, (size_t)rs->ng,
		    sizeof *rs->g, by_category);

		if (f)
			g = f;
	}
	for (i = 0; i < g->n; i++) {
		const struct rule *r = g->r[i];

		if (!r->re)
			return r;
		/* the text was checked as UTF-8 when it came in */
		rc = pcre2_match(r->re, (PCRE2_SPTR)text, len, 0,
		    PCRE2_NO_UTF_CHECK, rs->md, NULL);
		if (rc >= 0)
			return r;
		if (rc != PCRE2_ERROR_NOMATCH) {
			rs->r[r - rs->r].limit = limit_name(rc);
			if (limit)
				*limit = r;
			return NULL;
		}
	}
	return NULL;
}

void
rules_free(struct rules *rs)
{
	int i;

	if (!rs)
		return;
	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].category);
		free(rs->r[i].pattern);
		free(rs->r[i].unit);
		free(rs->r[i].assist);
		free(rs->r[i].cooperate);
		pcre2_code_free(rs->r[i].re);
	}
	for (i = 0; i < rs->ng; i++)
		free(rs->g[i].r);
	free(rs->any.r);
	free(rs->g);
	free(rs->r);
	pcre2_match_data_free(rs->md);
	free(rs);
}
