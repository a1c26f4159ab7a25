/*
 * kinds.c - what grid-import reads (gridkit(7), "Columns"): the fields of
 * each kind, how each value is checked and stored, and how a record is
 * applied.
 *
 * Most kinds are a table keyed by one field, and are described by a struct
 * table: one generic function checks the values, adds a new row, updates a
 * changed one (logging what changed) or counts an unchanged one.  Grids
 * (a tree, possibly listed child before parent), pairs and visits have
 * functions of their own.
 *
 * On re-import a column the file lacks keeps what the store has; a column
 * that is there but empty clears the value.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "grid_assign.h"
#include "grid_import.h"
#include "pairs.h"
#include "rules.h"
#include "text.h"
#include "tree.h"
#include "valid.h"

#define MAXF 10
/* a big load on PostgreSQL: the bits of each of its two filters (the
 * keys, the ID numbers; a power of two, 8 MB each), the rows it holds back
 * from the table at a time, the ID numbers it keeps to look at again */
#ifndef BLOOM_BITS
#define BLOOM_BITS (1u << 26)
#endif
#ifndef HELD_MAX
#define HELD_MAX 4096
#endif
#ifndef SUSPECTS_MAX
#define SUSPECTS_MAX 100000
#endif

enum ftype { T_TEXT, T_INT, T_REAL };

/* a check: -1 bad (why says why), 0 the value to store is in out, 1 the
 * value stands as it is */
typedef int check_fn(const char *in, struct sbuf *out, struct sbuf *why);

struct field {
	const char *name;
	enum ftype type;
	int required;
	check_fn *check;     /* NULL: any text */
	int personal;        /* log that it changed, not the values */
	const char *dflt;    /* stored when the value is absent or empty */
};

struct tstate;

struct table {
	const char *name;    /* the kind, and its table */
	const struct field *f; /* f[0] is the key */
	int n;
	const char *sel, *ins, *upd; /* columns in the order of f */
	int (*cross)(struct imp *im, struct tstate *ts, const char **v,
	    struct sbuf *why);
	/* 1: a big load into the empty table may go in without indexes,
	 * built after, its rows numbered by their ordinal (the key is an
	 * index of its own, not the primary key, so it can be dropped and
	 * built after; the table has an id column) */
	int big;
	/* what no other row may hold, asked of a row before it is written
	 * (changed: the columns that change; NULL for a new row) */
	int (*unique)(struct imp *im, const char **v, const int *changed,
	    struct sbuf *why);
	/* after a row was added (added) or changed: its effects elsewhere */
	void (*after)(struct imp *im, struct tstate *ts, const char **v,
	    const int *changed, int added);
};

/* the indexes of a table under a big load, dropped and built after (and
 * on PostgreSQL its references, added again after) */
struct saved_index {
	char *name, *sql;
	int unique;
};

struct tstate {
	const struct table *t;
	struct sbuf norm[MAXF];
	int fresh;           /* the table was empty: insert without looking */
	int bulk;            /* ... and its indexes are built after the load */
	struct saved_index *idx;
	int nidx;
	struct saved_index *refs; /* PostgreSQL: references dropped */
	int nrefs;
	struct sql_load *load; /* the rows of a big load */
	struct keymap grids;  /* a big load: each grid's children * 2 +
	                       * retired */
	/* a big load on PostgreSQL: its keys (twice_add); a big file into a
	 * full table: the keys of gk_batch */
	struct twice {
		struct bloom { uint64_t *w; } seen; /* bloom_add */
		struct strset maybe; /* those that may have come before */
		int all;             /* too many of those to name */
	} keys;
	int cmp;              /* a big file into a full table on PostgreSQL:
	                       * compared with the store at once (cmp_batch) */
	struct sql_stmt *todo; /* ... the records that are not unchanged, in
	                       * the batch's order (gk_todo) */
	int64_t todo_ord, todo_first; /* ... the next of them (-1: none) */
	int rest;             /* ... gk_rest made: rows whose key may have
	                       * come before go there (held_flush) */
	struct sbuf held;     /* ... those rows, until HELD_MAX of them */
	size_t nheld;
	struct twice ids;     /* ... the ID numbers loaded */
	struct strset leaves; /* leaf grids found good for households */
	struct strset seen;   /* --replace: the keys the batch names */
	struct strset leavers; /* cadres who left in this batch */
};

/* checks */

static int
chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int
text_max(const char *in, struct sbuf *out, struct sbuf *why, int max)
{
	int n = chars(in);

	(void)out;
	if (n > max) {
		sb_printf(why, "is %d characters long; at most %d", n, max);
		return -1;
	}
	return 1;
}

static int
ck_name(const char *in, struct sbuf *out, struct sbuf *why)
{
	return text_max(in, out, why, 100);
}

static int
ck_long(const char *in, struct sbuf *out, struct sbuf *why)
{
	return text_max(in, out, why, 500);
}

static int
ck_code(const char *in, struct sbuf *out, struct sbuf *why)
{
	const char *w;

	(void)out;
	if (valid_code(in, &w) != 0) {
		sb_puts(why, w);
		return -1;
	}
	return 1;
}

static int
ck_int(const char *in, struct sbuf *out, struct sbuf *why, long lo, long hi)
{
	long v;

	(void)out;
	if (parse_long(in, lo, hi, &v) != 0) {
		sb_printf(why, "is not a whole number from %ld to %ld", lo, hi);
		return -1;
	}
	return 1;
}

static int
ck_depth(const char *in, struct sbuf *out, struct sbuf *why)
{
	return ck_int(in, out, why, 0, 64);
}

static int
ck_order(const char *in, struct sbuf *out, struct sbuf *why)
{
	return ck_int(in, out, why, 1, 999999999);
}

static int
ck_members(const char *in, struct sbuf *out, struct sbuf *why)
{
	return ck_int(in, out, why, 0, 999);
}

static int
ck_hours(const char *in, struct sbuf *out, struct sbuf *why)
{
	double h;

	if (parse_hours(in, &h) != 0 || h <= 0) {
		sb_puts(why, "is not a number of hours above 0");
		return -1;
	}
	sb_printf(out, "%.15g", h);
	return 0;
}

/* a check of valid.h that writes the value as it is to be stored */
static int
normalized(const char *in, struct sbuf *out, struct sbuf *why,
    int (*valid)(const char *, char *, const char **))
{
	char buf[32];
	const char *w;

	if (valid(in, buf, &w) != 0) {
		sb_puts(why, w);
		return -1;
	}
	if (strcmp(buf, in) == 0)
		return 1;
	sb_puts(out, buf);
	return 0;
}

static int
ck_idnum(const char *in, struct sbuf *out, struct sbuf *why)
{
	return normalized(in, out, why, valid_idnum);
}

static int
ck_phone(const char *in, struct sbuf *out, struct sbuf *why)
{
	return normalized(in, out, why, valid_phone);
}

static int
ck_word(const char *in, struct sbuf *out, struct sbuf *why,
    const char *const *words)
{
	int i;

	for (i = 0; words[i]; i++)
		if (strcasecmp(in, words[i]) == 0) {
			if (strcmp(in, words[i]) == 0)
				return 1;
			sb_puts(out, words[i]);
			return 0;
		}
	sb_puts(why, "must be ");
	for (i = 0; words[i]; i++)
		sb_printf(why, "%s%s", i == 0 ? "" : words[i + 1] ? ", " :
		    " or ", words[i]);
	return -1;
}

static int
ck_status(const char *in, struct sbuf *out, struct sbuf *why)
{
	static const char *const w[] = { "active", "left", NULL };

	return ck_word(in, out, why, w);
}

/* grids, units and rules retire; households move away */
static int
ck_retired(const char *in, struct sbuf *out, struct sbuf *why)
{
	static const char *const w[] = { "active", "retired", NULL };

	return ck_word(in, out, why, w);
}

static int
ck_moved(const char *in, struct sbuf *out, struct sbuf *why)
{
	static const char *const w[] = { "active", "moved", NULL };

	return ck_word(in, out, why, w);
}

static int
ck_calkind(const char *in, struct sbuf *out, struct sbuf *why)
{
	static const char *const w[] = { "holiday", "workday", NULL };

	return ck_word(in, out, why, w);
}

static int
ck_date(const char *in, struct sbuf *out, struct sbuf *why)
{
	int ymd;

	if (clk_parse_ymd(in, &ymd) != 0) {
		sb_puts(why, "is not a date (YYYY-MM-DD)");
		return -1;
	}
	sb_printf(out, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
	    ymd % 100);
	return 0;
}

/* a list: ';' separates, and so do the full-width '；', ',' and '，' that
 * spreadsheets are full of; blanks around items go, empty items too */
static int
split_list(const char *in, struct sbuf *out, struct sbuf *why,
    check_fn *item)
{
	char *copy = xstrdup(in), *p = copy, *q;
	int rc = 0;

	while (p && rc == 0) {
		char *sep = NULL;
		const char *const seps[] = { ";", "\xEF\xBC\x9B", ",",
			"\xEF\xBC\x8C", NULL };
		size_t seplen = 0;
		int i;

		for (i = 0; seps[i]; i++)
			if ((q = strstr(p, seps[i])) && (!sep || q < sep)) {
				sep = q;
				seplen = strlen(seps[i]);
			}
		if (sep)
			*sep = '\0';
		q = text_trim(p);
		if (*q) {
			struct sbuf one = { 0 };

			rc = item(q, &one, why);
			if (rc >= 0) {
				sb_printf(out, "%s%s", out->len ? ";" : "",
				    rc == 1 ? q : sb_str(&one));
				rc = 0;
			}
			sb_free(&one);
		}
		p = sep ? sep + seplen : NULL;
	}
	free(copy);
	return rc;
}

static int
ck_tag(const char *in, struct sbuf *out, struct sbuf *why)
{
	return text_max(in, out, why, 50);
}

/* a list that is already ';'-separated, without blanks or empty items,
 * stands as it is: the common case, checked without copying */
static int
plain_list(const char *in)
{
	const char *p;

	if (*in == ';' || strstr(in, ";;") || in[strlen(in) - 1] == ';')
		return 0;
	for (p = in; *p; p++)
		if (*p == ',' || *p == ' ' || *p == '\t' ||
		    strncmp(p, "\xEF\xBC", 2) == 0 ||
		    strncmp(p, "\xE3\x80\x80", 3) == 0)
			return 0;
	return 1;
}

static int
ck_tags(const char *in, struct sbuf *out, struct sbuf *why)
{
	if (plain_list(in) && chars(in) <= 500)
		return 1;
	return split_list(in, out, why, ck_tag);
}

static int
ck_units(const char *in, struct sbuf *out, struct sbuf *why)
{
	return split_list(in, out, why, ck_code);
}

static int
ck_pattern(const char *in, struct sbuf *out, struct sbuf *why)
{
	(void)out;
	return rules_check(in, why) == 0 ? 1 : -1;
}

/* checks across the fields and against the store */

static int
must_exist(struct imp *im, const char *table, const char *what,
    const char *code, struct sbuf *why)
{
	if (!code || imp_exists(im, table, code))
		return 0;
	sb_printf(why, "%s '%s' does not exist", what, code);
	return -1;
}

static int
cross_cadre(struct imp *im, struct tstate *ts, const char **v,
    struct sbuf *why)
{
	(void)ts;
	if (must_exist(im, "units", "unit", v[2], why) ||
	    must_exist(im, "grids", "grid", v[3], why))
		return -1;
	return 0;
}

static int
grid_retired(struct store *st, const char *grid)
{
	static const char sql[] = "SELECT 1 FROM grids WHERE code = ?"
	    " AND status = 'retired'";
	struct sql_stmt *s = store_stmt(st, sql);
	int rc;

	sql_bind_text(s, 1, grid);
	rc = store_step(st, s) == SQL_ROW;
	sql_reset(s);
	return rc;
}

/* a retired grid takes no new households: only those it has already */
static int
already_there(struct store *st, const char *household, const char *grid,
    struct sbuf *why)
{
	static const char sql[] = "SELECT 1 FROM households WHERE code = ?"
	    " AND grid = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	int rc;

	sql_bind_text(s, 1, household);
	sql_bind_text(s, 2, grid);
	rc = store_step(st, s) == SQL_ROW;
	sql_reset(s);
	if (rc)
		return 0;
	sb_printf(why, "grid '%s' is retired: it takes no new households",
	    grid);
	return -1;
}

/* the same checks as below, of a big load into the empty table: against
 * the grids read once at its start (ts->grids), since on PostgreSQL no
 * query may run while the rows are being sent; a retired grid has none of
 * the batch's households already, since the table was empty */
static int
bulk_grid(struct tstate *ts, const char **v, struct sbuf *why)
{
	const int64_t *g = keymap_get(&ts->grids, v[2]);

	if (!g) {
		sb_printf(why, "grid '%s' does not exist", v[2]);
		return -1;
	}
	if (*g >> 1) {
		sb_printf(why, "grid '%s' is not a leaf (it has %d grids "
		    "under it); a household belongs to a leaf grid", v[2],
		    (int)(*g >> 1));
		return -1;
	}
	if (*g & 1) {
		sb_printf(why, "grid '%s' is retired: it takes no new "
		    "households", v[2]);
		return -1;
	}
	strset_add(&ts->leaves, v[2]);
	return 0;
}

/* households live in leaf grids; the grids found good are remembered, so
 * a village's thousand households cost one look-up */
static int
cross_household(struct imp *im, struct tstate *ts, const char **v,
    struct sbuf *why)
{
	struct store *st = imp_store(im);
	int n;

	if (strset_has(&ts->leaves, v[2]))
		return 0;
	if (ts->bulk)
		return bulk_grid(ts, v, why);
	if (must_exist(im, "grids", "grid", v[2], why))
		return -1;
	if ((n = tree_children(st, v[2])) > 0) {
		sb_printf(why, "grid '%s' is not a leaf (it has %d grids "
		    "under it); a household belongs to a leaf grid", v[2], n);
		return -1;
	}
	if (grid_retired(st, v[2]))
		return already_there(st, v[0], v[2], why);
	strset_add(&ts->leaves, v[2]);
	return 0;
}

/* an ID number is one resident's: -1 with why when another household
 * holds v's.  Asked only of a new row or a changed ID number (changed is
 * NULL for a new row), so that an unchanged re-import costs nothing; a
 * big load into an empty table checks them all at its end (reject_held) */
static int
held_id(struct imp *im, const char **v, const int *changed,
    struct sbuf *why)
{
	static const char held[] = "SELECT code FROM households"
	    " WHERE id_number = ?1 AND code <> ?2";
	struct store *st = imp_store(im);
	struct sql_stmt *s;
	int rc = 0;

	if (!v[3] || (changed && !changed[3]))
		return 0;
	s = store_stmt(st, held);
	sql_bind_text(s, 1, v[3]);
	sql_bind_text(s, 2, v[0]);
	if (store_step(st, s) == SQL_ROW) {
		sb_printf(why, "id_number is held by household '%s' already: "
		    "an ID number is one resident's", sql_col_text(s, 0));
		rc = -1;
	}
	sql_reset(s);
	return rc;
}

static int
cross_rule(struct imp *im, struct tstate *ts, const char **v,
    struct sbuf *why)
{
	char *list, *p, *save = NULL;
	int rc = 0;

	(void)ts;
	if (!v[1] && !v[2]) {
		sb_puts(why, "a rule needs a category, a pattern or both");
		return -1;
	}
	if (must_exist(im, "units", "unit", v[3], why))
		return -1;
	list = xstrdup(v[4] ? v[4] : "");
	for (p = strtok_r(list, ";", &save); p && rc == 0;
	    p = strtok_r(NULL, ";", &save))
		rc = must_exist(im, "units", "assisting unit", p, why);
	free(list);
	list = xstrdup(v[6] ? v[6] : "");
	for (p = strtok_r(list, ";", &save); p && rc == 0;
	    p = strtok_r(NULL, ";", &save))
		rc = must_exist(im, "units", "cooperating unit", p, why);
	free(list);
	return rc;
}

/* a cadre imported as left: his households are handed on at the end of
 * the batch, as grid-assign release does, once every cadre of the batch
 * is in (a newcomer of the same file can take them) */
static void
after_cadre(struct imp *im, struct tstate *ts, const char **v,
    const int *changed, int added)
{
	(void)im;
	if (!added && changed[5] && strcmp(v[5], "left") == 0)
		strset_add(&ts->leavers, v[0]);
}

static void created(struct store *st, const char *table, const char *code);

static void
after_unit(struct imp *im, struct tstate *ts, const char **v,
    const int *changed, int added)
{
	(void)ts;
	(void)changed;
	if (added)
		created(imp_store(im), "units", v[0]);
}

/* a household that moved away (迁出) is no longer looked after here */
static void
after_household(struct imp *im, struct tstate *ts, const char **v,
    const int *changed, int added)
{
	(void)ts;
	if (!added && changed[8] && strcmp(v[8], "moved") == 0)
		pair_end(imp_store(im), v[0], clk_now());
}

static const struct field level_f[] = {
	{ "depth", T_INT, 1, ck_depth, 0, NULL },
	{ "name", T_TEXT, 1, ck_name, 0, NULL },
	{ "hours", T_REAL, 1, ck_hours, 0, NULL },
};

static const struct field unit_f[] = {
	{ "code", T_TEXT, 1, ck_code, 0, NULL },
	{ "name", T_TEXT, 1, ck_name, 0, NULL },
	{ "status", T_TEXT, 0, ck_retired, 0, "active" },
};

static const struct field cadre_f[] = {
	{ "code", T_TEXT, 1, ck_code, 0, NULL },
	{ "name", T_TEXT, 1, ck_name, 0, NULL },
	{ "unit", T_TEXT, 1, ck_code, 0, NULL },
	{ "grid", T_TEXT, 1, ck_code, 0, NULL },
	{ "phone", T_TEXT, 0, ck_phone, 1, NULL },
	{ "status", T_TEXT, 0, ck_status, 0, "active" },
};

static const struct field household_f[] = {
	{ "code", T_TEXT, 1, ck_code, 0, NULL },
	{ "head", T_TEXT, 1, ck_name, 1, NULL },
	{ "grid", T_TEXT, 1, ck_code, 0, NULL },
	{ "id_number", T_TEXT, 0, ck_idnum, 1, NULL },
	{ "phone", T_TEXT, 0, ck_phone, 1, NULL },
	{ "address", T_TEXT, 0, ck_long, 1, NULL },
	{ "members", T_INT, 0, ck_members, 0, NULL },
	{ "tags", T_TEXT, 0, ck_tags, 0, NULL },
	{ "status", T_TEXT, 0, ck_moved, 0, "active" },
};

static const struct field rule_f[] = {
	{ "order", T_INT, 1, ck_order, 0, NULL },
	{ "category", T_TEXT, 0, ck_name, 0, NULL },
	{ "pattern", T_TEXT, 0, ck_pattern, 0, NULL },
	{ "unit", T_TEXT, 1, ck_code, 0, NULL },
	{ "assist", T_TEXT, 0, ck_units, 0, NULL },
	{ "hours", T_REAL, 1, ck_hours, 0, NULL },
	{ "cooperate", T_TEXT, 0, ck_units, 0, NULL },
	{ "status", T_TEXT, 0, ck_retired, 0, "active" },
};

static const struct field calendar_f[] = {
	{ "date", T_TEXT, 1, ck_date, 0, NULL },
	{ "kind", T_TEXT, 1, ck_calkind, 0, NULL },
};

#define NF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct table tables[] = {
	{ "levels", level_f, NF(level_f),
	  "SELECT depth, name, hours FROM levels WHERE depth = ?1",
	  "INSERT INTO levels (depth, name, hours) VALUES (?1, ?2, ?3)",
	  "UPDATE levels SET name = ?2, hours = ?3 WHERE depth = ?1",
	  NULL, 0, NULL, NULL },
	{ "units", unit_f, NF(unit_f),
	  "SELECT code, name, status FROM units WHERE code = ?1",
	  "INSERT INTO units (code, name, status) VALUES (?1, ?2, ?3)",
	  "UPDATE units SET name = ?2, status = ?3 WHERE code = ?1",
	  NULL, 0, NULL, after_unit },
	{ "cadres", cadre_f, NF(cadre_f),
	  "SELECT code, name, unit, grid, phone, status FROM cadres"
	  " WHERE code = ?1",
	  "INSERT INTO cadres (code, name, unit, grid, phone, status)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	  "UPDATE cadres SET name = ?2, unit = ?3, grid = ?4, phone = ?5,"
	  " status = ?6 WHERE code = ?1",
	  cross_cadre, 0, NULL, after_cadre },
	{ "households", household_f, NF(household_f),
	  "SELECT code, head, grid, id_number, phone, address, members, tags,"
	  " status FROM households WHERE code = ?1",
	  "INSERT INTO households (code, head, grid, id_number, phone,"
	  " address, members, tags, status)"
	  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	  "UPDATE households SET head = ?2, grid = ?3, id_number = ?4,"
	  " phone = ?5, address = ?6, members = ?7, tags = ?8, status = ?9"
	  " WHERE code = ?1",
	  cross_household, 1, held_id,
	  after_household },
	{ "rules", rule_f, NF(rule_f),
	  "SELECT \"order\", category, pattern, unit, assist, hours,"
	  " cooperate, status FROM rules WHERE \"order\" = ?1",
	  "INSERT INTO rules (\"order\", category, pattern, unit, assist,"
	  " hours, cooperate, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	  "UPDATE rules SET category = ?2, pattern = ?3, unit = ?4,"
	  " assist = ?5, hours = ?6, cooperate = ?7, status = ?8"
	  " WHERE \"order\" = ?1",
	  cross_rule, 0, NULL, NULL },
	{ "calendar", calendar_f, NF(calendar_f),
	  "SELECT date, kind FROM calendar WHERE date = ?1",
	  "INSERT INTO calendar (date, kind) VALUES (?1, ?2)",
	  "UPDATE calendar SET kind = ?2 WHERE date = ?1",
	  NULL, 0, NULL, NULL },
};

/* the values stay put until the statement has run: bind without copies */
static void
bind_field(struct sql_stmt *s, int i, enum ftype type, const char *v)
{
	if (!v)
		sql_bind_null(s, i);
	else if (type == T_INT)
		sql_bind_int(s, i, strtoll(v, NULL, 10));
	else if (type == T_REAL)
		sql_bind_real(s, i, strtod(v, NULL));
	else
		sql_bind_static(s, i, v);
}

static int
same(enum ftype type, const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	if (type == T_INT)
		return strtoll(a, NULL, 10) == strtoll(b, NULL, 10);
	if (type == T_REAL)
		return strtod(a, NULL) == strtod(b, NULL);
	return strcmp(a, b) == 0;
}

/* "field 'value': why", the value cut short if it is long */
static void
bad_value(struct sbuf *why, const char *field, const char *value,
    const char *reason)
{
	size_t cut = utf8_fit(value, strlen(value), 40, NULL);

	sb_printf(why, "%s '%.*s%s': %s", field, (int)cut, value,
	    value[cut] ? "…" : "", reason);
}

/* the values of a record, checked; 0, or -1 with why */
static int
values(struct tstate *ts, const struct rec *r, const char **v,
    struct sbuf *why)
{
	const struct table *t = ts->t;
	struct sbuf reason = { 0 };
	int i;

	for (i = 0; i < t->n; i++) {
		const struct field *f = &t->f[i];
		const char *s = rec_get(r, i);

		v[i] = NULL;
		if (!s) {
			if (f->required) {
				sb_printf(why, "'%s' is empty (it is required)",
				    f->name);
				return -1;
			}
			continue;
		}
		v[i] = s;
		if (!f->check)
			continue;
		sb_reset(&ts->norm[i]);
		switch (f->check(s, &ts->norm[i], &reason)) {
		case -1:
			bad_value(why, f->name, s, sb_str(&reason));
			sb_free(&reason);
			return -1;
		case 0:
			/* a list of nothing but separators is no list */
			v[i] = ts->norm[i].len ? sb_str(&ts->norm[i]) : NULL;
			break;
		}
	}
	sb_free(&reason);
	return 0;
}


/*
 * A big load on PostgreSQL keeps the unique index of the key through the
 * load, and a key that came before must not reach it: COPY would fail
 * whole.  Keeping every key (with the row it came in) took 25 MB a
 * 500,000, so the rows past that went into a table of their own, gk_rest,
 * to be checked and moved over in one statement each at the end: for a
 * city's 3.5 million households three fifths of the server's time
 * (tests/bench/README, "The writers on PostgreSQL by sets, again").  A
 * Bloom filter of fixed size tells instead, for each key, "not seen" for
 * sure, or "may have been": only those rows go to gk_rest, where pg_rest
 * finds the ones that truly came before (in the table or in gk_rest).
 * Four bits a key; with 3.5 million keys in 2^26 bits about one row in
 * 800 is held back without cause.  The ID numbers likewise: one that may
 * have come before is kept (twice_add), and reject_held looks at those
 * only, after the indexes are built.
 */
static uint64_t mix(uint64_t h);

/* 1 when key may have been added before (its four bits all set); added */
static int
bloom_add(struct bloom *b, const char *key)
{
	uint64_t h = mix(hash_str(HASH_SEED, key)), h2, bit, m;
	int i, seen = 1;

	if (!b->w)
		b->w = xcalloc(BLOOM_BITS / 64, sizeof *b->w);
	h2 = (h >> 32 | h << 32) | 1;
	for (i = 0; i < 4; i++, h += h2) {
		bit = h & (BLOOM_BITS - 1);
		m = (uint64_t)1 << (bit & 63);
		if (!(b->w[bit >> 6] & m)) {
			seen = 0;
			b->w[bit >> 6] |= m;
		}
	}
	return seen;
}

/* v seen: named in t->maybe when it may have been seen before, up to
 * SUSPECTS_MAX of them; past that, t->all: every one must be looked at */
static void
twice_add(struct twice *t, const char *v)
{
	if (t->all || !v || !bloom_add(&t->seen, v))
		return;
	if (t->maybe.n < SUSPECTS_MAX) {
		strset_add(&t->maybe, v);
		return;
	}
	t->all = 1;
	strset_free(&t->maybe);
	memset(&t->maybe, 0, sizeof t->maybe);
}

static void
twice_free(struct twice *t)
{
	free(t->seen.w);
	strset_free(&t->maybe);
}

/* the big load's COPY into table name begun, or ended */
static void
load_open(struct store *st, struct tstate *ts, const char *name)
{
	const struct table *t = ts->t;
	const char *cols[MAXF + 1];
	char types[MAXF + 2];
	int i;

	for (i = 0; i < t->n; i++) {
		cols[i] = t->f[i].name;
		types[i] = t->f[i].type == T_INT ? 'i' :
		    t->f[i].type == T_REAL ? 'r' : 't';
	}
	cols[i] = "id";
	types[i++] = 'i';
	types[i] = '\0';
	if (!(ts->load = sql_load_begin(st->db, name, cols, types)))
		store_fail(st, "cannot load the rows");
}

static void
load_close(struct store *st, struct tstate *ts)
{
	struct sql_load *l = ts->load;

	ts->load = NULL;
	if (l && sql_load_end(l) != 0)
		store_fail(st, "cannot load the rows");
}

/* the rows held back (their values, each NULL as "\1", else "\2" and
 * the text and its NUL) into gk_rest, made the first time */
static void
held_flush(struct store *st, struct tstate *ts)
{
	const char *vals[MAXF + 1], *p;
	size_t k;
	int i;

	if (!ts->nheld)
		return;
	load_close(st, ts);
	if (!ts->rest) {
		struct sbuf q = { 0 };

		sb_printf(&q, "CREATE TEMP TABLE gk_rest (LIKE %s)"
		    " ON COMMIT DROP", ts->t->name);
		store_exec(st, sb_str(&q));
		sb_free(&q);
		ts->rest = 1;
	}
	load_open(st, ts, "gk_rest");
	for (p = ts->held.s, k = 0; k < ts->nheld; k++) {
		for (i = 0; i <= ts->t->n; i++) {
			vals[i] = *p == '\1' ? NULL : p + 1;
			p += *p == '\1' ? 1 : strlen(p) + 1;
		}
		if (sql_load_row(ts->load, vals) != 0)
			store_fail(st, "cannot load the rows");
	}
	load_close(st, ts);
	sb_reset(&ts->held);
	ts->nheld = 0;
}

static void
hold(struct store *st, struct tstate *ts, const char **vals)
{
	int i;

	for (i = 0; i <= ts->t->n; i++) {
		if (!vals[i]) {
			sb_putc(&ts->held, '\1');
			continue;
		}
		sb_putc(&ts->held, '\2');
		sb_add(&ts->held, vals[i], strlen(vals[i]) + 1);
	}
	if (++ts->nheld >= HELD_MAX)
		held_flush(st, ts);
}

static enum imp_result
load(struct imp *im, struct tstate *ts, const struct rec *r, const char **v)
{
	const struct table *t = ts->t;
	struct store *st = imp_store(im);
	const char *vals[MAXF + 1];
	char id[24];
	int i;

	for (i = 0; i < t->n; i++)
		vals[i] = v[i] ? v[i] : t->f[i].dflt;
	snprintf(id, sizeof id, "%lld", (long long)imp_ordinal(im, r));
	vals[i] = id;
	/* PostgreSQL keeps the unique index of the key through the load: a
	 * row whose key may have come before is held back for gk_rest, and
	 * reported at the end (pg_rest) as SQLite reports it when its index
	 * is built */
	if (sql_kind(st->db) == SQL_PGSQL) {
		if (t->unique == held_id)
			twice_add(&ts->ids, v[3]);
		if (bloom_add(&ts->keys.seen, v[0])) {
			hold(st, ts, vals);
			return IMP_ADDED;
		}
	}
	if (!ts->load)
		load_open(st, ts, t->name);
	if (sql_load_row(ts->load, vals) != 0)
		store_fail(st, "cannot load the rows");
	return IMP_ADDED;
}

static enum imp_result
insert(struct imp *im, struct tstate *ts, const struct rec *r, const char **v)
{
	const struct table *t = ts->t;
	struct store *st = imp_store(im);
	struct sql_stmt *s;
	int i;

	if (ts->bulk)
		return load(im, ts, r, v);
	s = store_stmt(st, t->ins);
	for (i = 0; i < t->n; i++)
		bind_field(s, i + 1, t->f[i].type, v[i] ? v[i] : t->f[i].dflt);
	store_step(st, s);
	if (t->after)
		t->after(im, ts, v, NULL, 1);
	return IMP_ADDED;
}

/* log what changed: old and new values, or only that a personal one did */
static void
log_update(struct imp *im, const struct table *t, struct sql_stmt *old,
    const char **v, const int *changed)
{
	json_t *d = json_object();
	struct sbuf subj = { 0 };
	char *text;
	int i;

	for (i = 1; i < t->n; i++) {
		const char *o = sql_col_text(old, i);

		if (!changed[i])
			continue;
		if (t->f[i].personal)
			json_object_set_new(d, t->f[i].name,
			    json_string("changed"));
		else
			json_object_set_new(d, t->f[i].name, json_pack("[s?s?]",
			    o, v[i]));
	}
	text = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	sb_printf(&subj, "%.*s %s", (int)strlen(t->name) - 1, t->name, v[0]);
	store_event(imp_store(im), &(struct event){ .kind = "update",
	    .subject = sb_str(&subj), .detail = text });
	free(text);
	json_decref(d);
	sb_free(&subj);
}

static void
replace_seen(struct tstate *ts, const char *key)
{
	char n[24];

	/* "007" and "7" are one order */
	if (ts->t->f[0].type == T_INT) {
		snprintf(n, sizeof n, "%lld", strtoll(key, NULL, 10));
		key = n;
	}
	strset_add(&ts->seen, key);
}

/* a 64-bit mix of a hash (bloom_add) */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

/*
 * A big file into a full table on PostgreSQL (households): the batch is
 * compared with the store before it is applied, by set-based SQL, so that
 * an unchanged record costs no round trip and the batch's keys are not
 * held in memory, however big the file.  The records are read once more
 * (imp_prescan), checked as table_row checks them, and sent by COPY into
 * a temporary table, gk_batch, with their ordinal and the columns each
 * has; one query then keeps in gk_todo the ordinals of those that are not
 * unchanged: a key that came before in the batch (with its first), a
 * new row, a changed one.  table_row reads gk_todo in the batch's order
 * beside the records: a record not there is unchanged, one there takes
 * the path it always took, so the messages, their order, --rejects, -q
 * and the events are what they were.
 */
static void read_grids(struct store *st, struct tstate *ts);

struct cmp_load {
	struct tstate *ts;
	struct sql_load *l;
};

/* a record of the batch into gk_batch: its values as table_row would
 * write them (a column the record lacks NULL, and out of its mask), its
 * ordinal, its mask, and whether its grid is retired (good only for a
 * household there already); a record that table_row rejects is left out */
static void
cmp_record(struct imp *im, void *arg, const struct rec *r)
{
	struct cmp_load *c = arg;
	struct tstate *ts = c->ts;
	const struct table *t = ts->t;
	const char *v[MAXF], *vals[MAXF + 3];
	char ord[24], mask[16];
	struct sbuf why = { 0 };
	const int64_t *g;
	unsigned m = 1;
	int i, bad;

	bad = values(ts, r, v, &why) != 0;
	sb_free(&why);
	/* the household's grid, as cross_household checks it */
	if (bad || !(g = keymap_get(&ts->grids, v[2])) || *g >> 1)
		return;
	for (i = 0; i < t->n; i++) {
		int has = rec_has(r, i) || (imp_replace(im) && t->f[i].dflt);

		if (has)
			m |= 1u << i;
		vals[i] = !has ? NULL : v[i] ? v[i] : t->f[i].dflt;
	}
	snprintf(ord, sizeof ord, "%lld", (long long)imp_ordinal(im, r));
	snprintf(mask, sizeof mask, "%u", m);
	vals[i++] = ord;
	vals[i++] = mask;
	vals[i] = *g & 1 ? "1" : "0";
	if (sql_load_row(c->l, vals) != 0)
		store_fail(imp_store(im), "cannot load the batch");
	/* a key that may have come before in the batch, for gk_todo */
	twice_add(&ts->keys, v[0]);
}

/* the strings of set bound to parameter i of s as one array */
static void
bind_set(struct sql_stmt *s, int i, const struct strset *set)
{
	struct sbuf a = { 0 };
	size_t k;

	for (k = 0; k < set->cap; k++)
		if (set->k[k])
			sql_arr_text(&a, set->k[k]);
	sql_bind_arr(s, i, &a);
}

/* gk_todo made by sql, its one parameter (when some) the keys of some */
static void
todo_make(struct store *st, const char *sql, const struct strset *some)
{
	struct sql_stmt *s;

	if (!some || !some->n) {
		store_exec(st, sql);
		return;
	}
	s = store_prepare(st, sql);
	bind_set(s, 1, some);
	store_step(st, s);
	sql_finalize(s);
}

static void
cmp_batch(struct imp *im, struct tstate *ts)
{
	const struct table *t = ts->t;
	struct store *st = imp_store(im);
	const char *cols[MAXF + 3];
	char types[MAXF + 4];
	struct sbuf q = { 0 };
	struct cmp_load c = { ts, NULL };
	int64_t before = sql_total_changes(st->db);
	int i;

	read_grids(st, ts);
	store_exec(st, "DROP TABLE IF EXISTS gk_batch; "
	    "DROP TABLE IF EXISTS gk_todo");
	sb_puts(&q, "CREATE TEMP TABLE gk_batch (");
	for (i = 0; i < t->n; i++) {
		cols[i] = t->f[i].name;
		types[i] = t->f[i].type == T_INT ? 'i' :
		    t->f[i].type == T_REAL ? 'r' : 't';
		sb_printf(&q, "\"%s\" %s, ", cols[i], types[i] == 'i' ?
		    "BIGINT" : types[i] == 'r' ? "DOUBLE PRECISION" : "TEXT");
	}
	sb_puts(&q, "ord BIGINT, mask INTEGER, retired INTEGER)"
	    " ON COMMIT DROP");
	store_exec(st, sb_str(&q));
	cols[i] = "ord";
	cols[i + 1] = "mask";
	cols[i + 2] = "retired";
	memcpy(types + i, "iii", 4);
	if (!(c.l = sql_load_begin(st->db, "gk_batch", cols, types)))
		store_fail(st, "cannot load the batch");
	imp_prescan(im, cmp_record, &c);
	if (sql_load_end(c.l) != 0)
		store_fail(st, "cannot load the batch");

	/* a household in a retired grid: only one there already */
	sb_reset(&q);
	sb_printf(&q, "DELETE FROM gk_batch b WHERE retired = 1 AND NOT EXISTS"
	    " (SELECT 1 FROM %s h WHERE h.\"%s\" = b.\"%s\" AND h.\"%s\" ="
	    " b.\"%s\")", t->name, cols[0], cols[0], cols[2], cols[2]);
	store_exec(st, sb_str(&q));
	/* the records that are not unchanged: a key that came before (first:
	 * the ordinal of its first), a new row, a changed one; a column out
	 * of a record's mask keeps what the store has.  The keys that came
	 * before are looked for among those the filter says may have (a
	 * city's 3.5 million grouped by key: 3.8 s, most of it on disk),
	 * among all when there were too many to name.  IN a set, not = ANY
	 * of an array, which the server hashes only when it is a constant:
	 * as a parameter of a generic plan, 4,400 keys tried on each of 3.5
	 * million rows took 227 s */
	sb_reset(&q);
	sb_printf(&q, "CREATE TEMP TABLE gk_todo ON COMMIT DROP AS"
	    " SELECT b.ord, coalesce(d.first, 0) AS first FROM gk_batch b"
	    " LEFT JOIN (SELECT \"%s\" AS k, min(ord) AS first FROM gk_batch"
	    " WHERE ", cols[0]);
	if (ts->keys.all)
		sb_puts(&q, "true");
	else if (ts->keys.maybe.n)
		sb_printf(&q, "CAST(\"%s\" AS text) IN"
		    " (SELECT unnest(?::text[]))", cols[0]);
	else
		sb_puts(&q, "false");
	sb_printf(&q, " GROUP BY \"%s\" HAVING count(*) > 1) d"
	    " ON d.k = b.\"%s\" AND b.ord > d.first"
	    " LEFT JOIN %s h ON h.\"%s\" = b.\"%s\""
	    " WHERE d.first IS NOT NULL OR h.\"%s\" IS NULL OR NOT (true",
	    cols[0], cols[0], t->name, cols[0], cols[0], cols[0]);
	for (i = 1; i < t->n; i++)
		sb_printf(&q, " AND (b.mask & %u = 0 OR b.\"%s\" IS NOT"
		    " DISTINCT FROM h.\"%s\")", 1u << i, cols[i], cols[i]);
	sb_puts(&q, ")");
	todo_make(st, sb_str(&q), ts->keys.all ? NULL : &ts->keys.maybe);
	sb_free(&q);
	store_scratch(st, sql_total_changes(st->db) - before);
	ts->todo = store_stream(st, "SELECT ord, first FROM gk_todo"
	    " ORDER BY ord");
	ts->todo_ord = 0;
	ts->cmp = 1;
}

/* whether the record of ordinal ord is one of gk_todo (*first: the
 * ordinal of the first of its key when it came before, else 0); the
 * records come in the order of the batch */
static int
cmp_todo(struct imp *im, struct tstate *ts, int64_t ord, int64_t *first)
{
	struct store *st = imp_store(im);

	while (ts->todo_ord >= 0 && ts->todo_ord < ord) {
		if (store_step(st, ts->todo) != SQL_ROW) {
			ts->todo_ord = -1;
			break;
		}
		ts->todo_ord = sql_col_int(ts->todo, 0);
		ts->todo_first = sql_col_int(ts->todo, 1);
	}
	*first = ts->todo_first;
	return ts->todo_ord == ord;
}

static enum imp_result
table_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	struct tstate *ts = state;
	const struct table *t = ts->t;
	struct store *st = imp_store(im);
	const char *v[MAXF];
	int changed[MAXF] = { 0 }, any = 0, i;
	struct sql_stmt *s, *u;
	int64_t first;

	/* --replace: a record the batch names is kept, even one rejected for
	 * a bad value (it is to be corrected, not retired) */
	if (imp_replace(im) && rec_get(r, 0))
		replace_seen(ts, rec_get(r, 0));
	if (values(ts, r, v, why) != 0)
		return IMP_REJECTED;
	if (t->cross && t->cross(im, ts, v, why) != 0)
		return IMP_REJECTED;
	if (ts->bulk)
		return insert(im, ts, r, v);
	if (ts->cmp) {
		int64_t ord1;

		if (!cmp_todo(im, ts, imp_ordinal(im, r), &ord1))
			return IMP_UNCHANGED;
		first = ord1;
	} else {
		first = imp_seen(im, v[0], r);
	}
	if (first > 0) {
		sb_printf(why, "%s '%s' comes twice in this batch",
		    t->f[0].name, v[0]);
		imp_first(im, why, first, imp_ordinal(im, r));
		return IMP_REJECTED;
	}
	s = NULL;
	if (!ts->fresh) {
		s = store_stmt(st, t->sel);
		sql_bind_text(s, 1, v[0]);
		if (store_step(st, s) != SQL_ROW)
			s = NULL;
	}
	if (!s) {
		if (t->unique && t->unique(im, v, NULL, why) != 0)
			return IMP_REJECTED;
		return insert(im, ts, r, v);
	}
	for (i = 1; i < t->n; i++) {
		/* the whole set (--replace) is active unless it says not */
		if (!rec_has(r, i) && imp_replace(im) && t->f[i].dflt)
			v[i] = t->f[i].dflt;
		else if (!rec_has(r, i))
			v[i] = sql_col_text(s, i);
		else if (!v[i] && t->f[i].dflt)
			v[i] = t->f[i].dflt;
		changed[i] = !same(t->f[i].type, sql_col_text(s, i), v[i]);
		any |= changed[i];
	}
	if (!any) {
		sql_reset(s);
		return IMP_UNCHANGED;
	}
	if (t->unique && t->unique(im, v, changed, why) != 0) {
		sql_reset(s);
		return IMP_REJECTED;
	}
	u = store_stmt(st, t->upd);
	for (i = 0; i < t->n; i++)
		bind_field(u, i + 1, t->f[i].type, v[i]);
	/* v may point into s's row: log before s moves on */
	store_step(st, u);
	log_update(im, t, s, v, changed);
	if (t->after)
		t->after(im, ts, v, changed, 0);
	sql_reset(s);
	return IMP_UPDATED;
}

/* the rows of s (name, sql, unique) added to *list */
static void
saved(struct store *st, struct sql_stmt *s, struct saved_index **list,
    int *n)
{
	while (store_step(st, s) == SQL_ROW) {
		*list = xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
		(*list)[(*n)++] = (struct saved_index){
			xstrdup(sql_col_text(s, 0)), xstrdup(sql_col_text(s, 1)),
			sql_col_int(s, 2) };
	}
	sql_finalize(s);
}

/* drop the table's indexes for a big load, keeping how to build them.
 * PostgreSQL keeps the unique ones (other tables' references need the
 * key's), and drops the references of the table, which it would check a
 * row at a time (each household's grid is checked by then, and the
 * reference is added again in one pass over the table at the end), and
 * turns off the trigger that numbers rows (the load gives the ids) */
static void
drop_indexes(struct store *st, struct tstate *ts)
{
	static const char lite[] = "SELECT name, sql,"
	    " sql LIKE 'CREATE UNIQUE%' FROM sqlite_master WHERE type = 'index'"
	    " AND tbl_name = ? AND sql IS NOT NULL ORDER BY 3 DESC, name";
	static const char pg[] = "SELECT indexname, indexdef, 0"
	    " FROM pg_indexes WHERE schemaname = current_schema()"
	    " AND tablename = ? AND indexdef NOT LIKE 'CREATE UNIQUE%'"
	    " ORDER BY indexname";
	static const char refs[] = "SELECT conname,"
	    " pg_get_constraintdef(oid), 0 FROM pg_constraint"
	    " WHERE conrelid = to_regclass(?) AND contype = 'f'"
	    " ORDER BY conname";
	int onpg = sql_kind(st->db) == SQL_PGSQL;
	struct sql_stmt *s = store_prepare(st, onpg ? pg : lite);
	struct sbuf q = { 0 };
	int i;

	sql_bind_text(s, 1, ts->t->name);
	saved(st, s, &ts->idx, &ts->nidx);
	for (i = 0; i < ts->nidx; i++) {
		sb_reset(&q);
		sb_printf(&q, "DROP INDEX \"%s\"", ts->idx[i].name);
		store_exec(st, sb_str(&q));
	}
	if (onpg) {
		s = store_prepare(st, refs);
		sql_bind_text(s, 1, ts->t->name);
		saved(st, s, &ts->refs, &ts->nrefs);
		for (i = 0; i < ts->nrefs; i++) {
			sb_reset(&q);
			sb_printf(&q, "ALTER TABLE %s DROP CONSTRAINT \"%s\"",
			    ts->t->name, ts->refs[i].name);
			store_exec(st, sb_str(&q));
		}
		sb_reset(&q);
		sb_printf(&q, "ALTER TABLE %s DISABLE TRIGGER %s_id",
		    ts->t->name, ts->t->name);
		store_exec(st, sb_str(&q));
	}
	sb_free(&q);
}

/* the grids a big load of households checks its rows against: whether
 * each has grids under it and is retired */
static void
read_grids(struct store *st, struct tstate *ts)
{
	static const char sql[] = "SELECT g.code, 2 * (SELECT count(*)"
	    " FROM grids c WHERE c.parent = g.code) + "
	    SQL_N("g.status = 'retired'") " FROM grids g";
	struct sql_stmt *s = store_prepare(st, sql);

	while (store_step(st, s) == SQL_ROW)
		keymap_put(&ts->grids, sql_col_text(s, 0), sql_col_int(s, 1));
	sql_finalize(s);
}

/* whether this login may drop and build the table's indexes: on
 * PostgreSQL, its owner's (else the rows go in one by one, as they did) */
static int
owns(struct store *st, const char *table)
{
	if (sql_kind(st->db) != SQL_PGSQL)
		return 1;
	return store_int(st, "SELECT " SQL_N("pg_has_role(c.relowner,"
	    " 'USAGE')") " FROM pg_class c WHERE c.oid = to_regclass(?)",
	    table) == 1;
}

static void *
table_begin(struct imp *im, const void *arg)
{
	struct tstate *ts = xcalloc(1, sizeof *ts);
	struct sbuf q = { 0 };

	ts->t = arg;
	sb_printf(&q, "SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1) t",
	    ts->t->name);
	ts->fresh = store_int(imp_store(im), sb_str(&q), NULL) == 0;
	sb_free(&q);
	/* a big load into an empty table builds its indexes after the rows:
	 * about 6x faster than keeping them up to date (tests/bench/README) */
	if (ts->fresh && ts->t->big && imp_bulk_ok(im) &&
	    owns(imp_store(im), ts->t->name)) {
		ts->bulk = 1;
		drop_indexes(imp_store(im), ts);
		read_grids(imp_store(im), ts);
	} else if (!ts->fresh && ts->t->big && imp_bulk_ok(im) &&
	    sql_kind(imp_store(im)->db) == SQL_PGSQL) {
		cmp_batch(im, ts);
	}
	return ts;
}

/* the rows whose key came earlier in the batch: taken out and reported
 * by the line their row id records */
static void
reject_duplicates(struct imp *im, struct tstate *ts)
{
	struct store *st = imp_store(im);
	const char *key = ts->t->f[0].name, *tab = ts->t->name;
	struct sbuf q = { 0 }, why = { 0 };
	struct sql_stmt *s, *d;
	struct dup { int64_t id, first; char *key; } *dup = NULL;
	size_t n = 0, cap = 0, i;

	sb_printf(&q, "SELECT t.id, m.first, t.%s FROM %s t JOIN (SELECT %s,"
	    " min(id) AS first FROM %s GROUP BY %s HAVING count(*) > 1) m"
	    " ON m.%s = t.%s WHERE t.id > m.first ORDER BY t.id", key, tab,
	    key, tab, key, key, key);
	s = store_prepare(st, sb_str(&q));
	while (store_step(st, s) == SQL_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			dup = xrealloc(dup, cap * sizeof *dup);
		}
		dup[n++] = (struct dup){ sql_col_int(s, 0),
			sql_col_int(s, 1), xstrdup(sql_col_text(s, 2)) };
	}
	sql_finalize(s);
	sb_reset(&q);
	sb_printf(&q, "DELETE FROM %s WHERE id = ?", tab);
	d = store_prepare(st, sb_str(&q));
	for (i = 0; i < n; i++) {
		sql_reset(d);
		sql_bind_int(d, 1, dup[i].id);
		store_step(st, d);
		sb_reset(&why);
		sb_printf(&why, "%s '%s' comes twice in this batch", key,
		    dup[i].key);
		imp_first(im, &why, dup[i].first, dup[i].id);
		imp_reject_late(im, dup[i].id, sb_str(&why));
		free(dup[i].key);
	}
	sql_finalize(d);
	free(dup);
	sb_free(&q);
	sb_free(&why);
}

/* after a big load of households: a row whose ID number an earlier row
 * of the batch holds is taken out and reported, as cross_household() does
 * row by row otherwise; only the ID numbers of some when it is given
 * (PostgreSQL).  Rows whose code comes twice are gone already */
#define HELD_SQL(some) "SELECT t.id, f.code FROM households t" \
	" JOIN (SELECT id_number, min(id) AS first FROM households" \
	" WHERE id_number IS NOT NULL" some " GROUP BY id_number" \
	" HAVING count(*) > 1) m ON m.id_number = t.id_number" \
	" JOIN households f ON f.id = m.first" \
	" WHERE t.id > m.first ORDER BY t.id"

static void
reject_held(struct imp *im, const struct strset *some)
{
	static const char all[] = HELD_SQL("");
	static const char these[] = HELD_SQL(" AND id_number IN"
	    " (SELECT unnest(?::text[]))");
	struct store *st = imp_store(im);
	struct sbuf why = { 0 };
	struct held { int64_t id; char *first; } *h = NULL;
	size_t n = 0, cap = 0, i;
	struct sql_stmt *s = store_prepare(st, some ? these : all), *d;

	if (some)
		bind_set(s, 1, some);

	while (store_step(st, s) == SQL_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			h = xrealloc(h, cap * sizeof *h);
		}
		h[n++] = (struct held){ sql_col_int(s, 0),
			xstrdup(sql_col_text(s, 1)) };
	}
	sql_finalize(s);
	d = store_prepare(st, "DELETE FROM households WHERE id = ?");
	for (i = 0; i < n; i++) {
		sql_reset(d);
		sql_bind_int(d, 1, h[i].id);
		store_step(st, d);
		sb_reset(&why);
		sb_printf(&why, "id_number is held by household '%s' already: "
		    "an ID number is one resident's", h[i].first);
		imp_reject_late(im, h[i].id, sb_str(&why));
		free(h[i].first);
	}
	sql_finalize(d);
	free(h);
	sb_free(&why);
}
#undef HELD_SQL

/* --replace: the rules the batch did not name retire (never deleted:
 * issues routed by them name them) */
static void
retire_missing(struct imp *im, struct tstate *ts)
{
	static const char act[] = "SELECT \"order\" FROM rules"
	    " WHERE status = 'active' ORDER BY \"order\"";
	static const char ret[] = "UPDATE rules SET status = 'retired'"
	    " WHERE \"order\" = ?";
	struct store *st = imp_store(im);
	struct strset gone = { 0 };
	struct sql_stmt *s;
	char key[24];
	size_t i;
	long n = 0;

	s = store_prepare(st, act);
	while (store_step(st, s) == SQL_ROW) {
		snprintf(key, sizeof key, "%lld", (long long)sql_col_int(s, 0));
		if (!strset_has(&ts->seen, key))
			strset_add(&gone, key);
	}
	sql_finalize(s);
	for (i = 0; i < gone.cap; i++) {
		if (!gone.k[i])
			continue;
		s = store_stmt(st, ret);
		sql_bind_int(s, 1, strtoll(gone.k[i], NULL, 10));
		store_step(st, s);
		snprintf(key, sizeof key, "rule %s", gone.k[i]);
		store_event_json(st, "update", key, json_pack("{s:[ss]}",
		    "status", "active", "retired"));
		n++;
	}
	strset_free(&gone);
	if (n)
		imp_note(im, "%ld rules not in the batch retired (--replace)",
		    n);
}

/* the households of the cadres who left, handed on */
static void
release_leavers(struct imp *im, struct tstate *ts)
{
	struct grid_assign_opts o = { .at = clk_now() };
	struct grid_assign_release *r;
	struct grid_assign_sum sum;
	struct sbuf why = { 0 };
	size_t i;

	r = grid_assign_release_begin(imp_store(im), &o);
	for (i = 0; i < ts->leavers.cap; i++)
		if (ts->leavers.k[i])
			/* one with no households has nothing to hand on */
			(void)grid_assign_release_add(r, ts->leavers.k[i], &why);
	grid_assign_release_end(r, &sum);
	if (sum.paired || sum.unpaired)
		imp_note(im, "%ld households of cadres who left handed on, "
		    "%ld left unpaired", sum.paired, sum.unpaired);
	sb_free(&why);
}

/* the rows held back (gk_rest): those whose key came before, in the
 * table or in gk_rest, found by one statement into gk_dups and taken out
 * by another (a statement each, each a scan of gk_rest, and a county's
 * file given twice did not load in ten minutes), the others moved to the
 * table in one; then each reported, in the order of the batch, as
 * SQLite's unique index finds them, read a batch at a time */
static void
pg_rest(struct imp *im, struct tstate *ts)
{
	struct store *st = imp_store(im);
	const struct table *t = ts->t;
	const char *key = t->f[0].name, *tab = t->name;
	struct sbuf q = { 0 }, cols = { 0 };
	struct sql_stmt *s;
	int i;

	sb_printf(&q, "CREATE TEMP TABLE gk_dups ON COMMIT DROP AS"
	    " SELECT r.id, r.%s AS k, coalesce(h.id, m.first) AS first"
	    " FROM gk_rest r LEFT JOIN %s h ON h.%s = r.%s"
	    " JOIN (SELECT %s, min(id) AS first FROM gk_rest GROUP BY %s) m"
	    " ON m.%s = r.%s WHERE h.id IS NOT NULL OR r.id > m.first", key,
	    tab, key, key, key, key, key, key);
	store_exec(st, sb_str(&q));
	store_exec(st, "DELETE FROM gk_rest r USING gk_dups d WHERE r.id = d.id");
	for (i = 0; i < t->n; i++)
		sb_printf(&cols, "\"%s\", ", t->f[i].name);
	sb_puts(&cols, "id");
	sb_reset(&q);
	sb_printf(&q, "INSERT INTO %s (%s) SELECT %s FROM gk_rest ORDER BY id",
	    tab, sb_str(&cols), sb_str(&cols));
	store_exec(st, sb_str(&q));
	store_exec(st, "DROP TABLE gk_rest");
	s = store_stream(st, "SELECT id, k, first FROM gk_dups ORDER BY id");
	while (store_step(st, s) == SQL_ROW) {
		sb_reset(&q);
		sb_printf(&q, "%s '%s' comes twice in this batch", key,
		    sql_col_text(s, 1));
		imp_first(im, &q, sql_col_int(s, 2), sql_col_int(s, 0));
		imp_reject_late(im, sql_col_int(s, 0), sb_str(&q));
	}
	sql_finalize(s);
	store_exec(st, "DROP TABLE gk_dups");
	sb_free(&q);
	sb_free(&cols);
}

/* after a big load on PostgreSQL: the keys that came twice reported, the
 * references added again (checked in one pass) and the trigger on */
static void
pg_rebuild(struct imp *im, struct tstate *ts)
{
	struct store *st = imp_store(im);
	struct sbuf q = { 0 };
	int i;

	if (ts->rest)
		pg_rest(im, ts);
	for (i = 0; i < ts->nrefs; i++) {
		sb_reset(&q);
		sb_printf(&q, "ALTER TABLE %s ADD CONSTRAINT \"%s\" %s",
		    ts->t->name, ts->refs[i].name, ts->refs[i].sql);
		store_exec(st, sb_str(&q));
	}
	sb_reset(&q);
	sb_printf(&q, "ALTER TABLE %s ENABLE TRIGGER %s_id", ts->t->name,
	    ts->t->name);
	store_exec(st, sb_str(&q));
	sb_free(&q);
}

static void
table_end(struct imp *im, void *state)
{
	struct tstate *ts = state;
	struct store *st = imp_store(im);
	int i;

	if (imp_replace_whole(im))
		retire_missing(im, ts);
	if (ts->leavers.n)
		release_leavers(im, ts);
	if (ts->todo) {
		sql_finalize(ts->todo);
		ts->todo = NULL;
	}
	if (!ts->bulk)
		return;
	load_close(st, ts);
	held_flush(st, ts);
	if (sql_kind(st->db) == SQL_PGSQL)
		pg_rebuild(im, ts);
	else
		store_sort_threads(st);
	for (i = 0; i < ts->nidx && sql_kind(st->db) == SQL_SQLITE; i++) {
		if (sql_exec(st->db, ts->idx[i].sql) == 0)
			continue;
		if (sql_fault(st->db) != SQL_FAULT_CONSTRAINT ||
		    !ts->idx[i].unique)
			store_fail(st, "cannot build an index");
		reject_duplicates(im, ts);
		store_exec(st, ts->idx[i].sql);
	}
	/* PostgreSQL scans every household for ID numbers held twice only
	 * when it kept too many that may have come before (twice_add); else
	 * it looks at those, once their index is built */
	if (strcmp(ts->t->name, "households") == 0 &&
	    (sql_kind(st->db) == SQL_SQLITE || ts->ids.all))
		reject_held(im, NULL);
	for (i = 0; i < ts->nidx && sql_kind(st->db) == SQL_PGSQL; i++)
		store_exec(st, ts->idx[i].sql);
	if (ts->ids.maybe.n)
		reject_held(im, &ts->ids.maybe);
}

static void
table_free(void *state, int applied)
{
	struct tstate *ts = state;
	int i;

	(void)applied;
	for (i = 0; i < MAXF; i++)
		sb_free(&ts->norm[i]);
	/* a load left open (a batch given up): the connection freed */
	(void)sql_load_end(ts->load);
	for (i = 0; i < ts->nidx; i++) {
		free(ts->idx[i].name);
		free(ts->idx[i].sql);
	}
	free(ts->idx);
	for (i = 0; i < ts->nrefs; i++) {
		free(ts->refs[i].name);
		free(ts->refs[i].sql);
	}
	free(ts->refs);
	keymap_free(&ts->grids);
	twice_free(&ts->keys);
	twice_free(&ts->ids);
	sb_free(&ts->held);
	if (ts->todo)
		sql_finalize(ts->todo);
	strset_free(&ts->leaves);
	strset_free(&ts->seen);
	strset_free(&ts->leavers);
	free(ts);
}

/* grids: a tree that may be listed child before parent */

struct pending {
	struct held h;
	char *code, *name, *parent, *leader, *status;
};

struct gstate {
	struct pending *p;   /* records waiting for their parent */
	int np, cap;
	long no_leader;      /* leaders that are not (yet) cadres */
	struct sbuf why;
};

enum { G_CODE, G_NAME, G_PARENT, G_LEADER, G_STATUS };

static const struct field grid_f[] = {
	{ "code", T_TEXT, 1, ck_code, 0, NULL },
	{ "name", T_TEXT, 1, ck_name, 0, NULL },
	{ "parent", T_TEXT, 0, ck_code, 0, NULL },
	{ "leader", T_TEXT, 0, ck_code, 0, NULL },
	{ "status", T_TEXT, 0, ck_retired, 0, "active" },
};

/* when a grid or a unit was added (a month's report leaves out those
 * added after it) */
static void
created(struct store *st, const char *table, const char *code)
{
	static const char grids[] = "UPDATE grids SET created_at = ?2"
	    " WHERE code = ?1";
	static const char units[] = "UPDATE units SET created_at = ?2"
	    " WHERE code = ?1";
	struct sql_stmt *s = store_stmt(st, strcmp(table, "grids") == 0 ?
	    grids : units);

	sql_bind_text(s, 1, code);
	sql_bind_int(s, 2, clk_now());
	store_step(st, s);
}

/* a grid's status, a copy, or NULL when there is no such grid */
static char *
grid_status(struct store *st, const char *code)
{
	return store_str(st, "SELECT status FROM grids WHERE code = ?", code);
}

static void
pending_free(struct pending *p)
{
	held_free(&p->h);
	free(p->code);
	free(p->name);
	free(p->parent);
	free(p->leader);
	free(p->status);
	memset(p, 0, sizeof *p);
}

static void *
grid_begin(struct imp *im, const void *arg)
{
	(void)im;
	(void)arg;
	return xcalloc(1, sizeof(struct gstate));
}

static int
differs(const char *a, const char *b)
{
	return !(a == b || (a && b && strcmp(a, b) == 0));
}

/* apply one grid; then those that were waiting for it */
static enum imp_result
grid_apply(struct imp *im, struct gstate *gs, const char *code,
    const char *name, const char *parent, const char *leader,
    const char *status, struct sbuf *why)
{
	static const char set[] = "UPDATE grids SET status = ?2"
	    " WHERE code = ?1";
	struct store *st = imp_store(im);
	struct grid g;
	enum imp_result res = IMP_ADDED;
	char *was = grid_status(st, code);
	struct sql_stmt *s;
	int i;

	if (tree_get(st, code, &g)) {
		if (!differs(g.name, name) && !differs(g.parent, parent) &&
		    !differs(g.leader, leader) && !differs(was, status))
			res = IMP_UNCHANGED;
		else
			res = IMP_UPDATED;
	}
	if (res != IMP_UNCHANGED &&
	    tree_place(st, code, name, parent, leader, why) != 0) {
		if (res == IMP_UPDATED)
			tree_grid_free(&g);
		free(was);
		return IMP_REJECTED;
	}
	if (res != IMP_UNCHANGED && differs(was ? was : "active", status)) {
		s = store_stmt(st, set);
		sql_bind_text(s, 1, code);
		sql_bind_text(s, 2, status);
		store_step(st, s);
	}
	if (res == IMP_ADDED)
		created(st, "grids", code);
	if (res == IMP_UPDATED) {
		json_t *d = json_object();
		char *text, subj[96];

		if (differs(was, status))
			json_object_set_new(d, "status", json_pack("[s?s?]",
			    was, status));
		if (differs(g.name, name))
			json_object_set_new(d, "name", json_pack("[s?s?]",
			    g.name, name));
		if (differs(g.parent, parent))
			json_object_set_new(d, "parent", json_pack("[s?s?]",
			    g.parent, parent));
		if (differs(g.leader, leader))
			json_object_set_new(d, "leader", json_pack("[s?s?]",
			    g.leader, leader));
		text = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
		snprintf(subj, sizeof subj, "grid %s", code);
		store_event(st, &(struct event){ .kind = "update",
		    .subject = subj, .detail = text });
		free(text);
		json_decref(d);
	}
	if (res != IMP_ADDED)
		tree_grid_free(&g);
	free(was);
	if (leader && !imp_exists(im, "cadres", leader))
		gs->no_leader++;
	/* the children that came before this parent */
	for (i = 0; i < gs->np; i++) {
		struct pending *p = &gs->p[i];
		enum imp_result r;

		if (!p->code || strcmp(p->parent, code) != 0)
			continue;
		sb_reset(&gs->why);
		r = grid_apply(im, gs, p->code, p->name, p->parent, p->leader,
		    p->status, &gs->why);
		imp_done(im, &p->h, r, sb_str(&gs->why));
		pending_free(p);
	}
	return res;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static enum imp_result
grid_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	struct gstate *gs = state;
	struct tstate ts = { .t = NULL };
	static const struct table gt = { "grids", grid_f, NF(grid_f), NULL,
		NULL, NULL, NULL, 0, NULL, NULL };
	const char *v[MAXF];
	enum imp_result res;
	int64_t first;
	int i;

	ts.t = &gt;
	if (values(&ts, r, v, why) != 0) {
		res = IMP_REJECTED;
		goto out;
	}
	if (v[G_PARENT] && strcmp(v[G_PARENT], v[G_CODE]) == 0) {
		sb_printf(why, "grid '%s' cannot be its own parent", v[G_CODE]);
		res = IMP_REJECTED;
		goto out;
	}
	if ((first = imp_seen(im, v[G_CODE], r)) > 0) {
		sb_printf(why, "code '%s' comes twice in this batch",
		    v[G_CODE]);
		imp_first(im, why, first, imp_ordinal(im, r));
		res = IMP_REJECTED;
		goto out;
	}
	if (!v[G_STATUS])
		v[G_STATUS] = "active";
	if (!rec_has(r, G_STATUS)) {
		char *was = grid_status(imp_store(im), v[G_CODE]);

		if (was) {
			sb_reset(&ts.norm[G_STATUS]);
			sb_puts(&ts.norm[G_STATUS], was);
			v[G_STATUS] = sb_str(&ts.norm[G_STATUS]);
			free(was);
		}
	}
	if (!rec_has(r, G_LEADER) || !rec_has(r, G_PARENT)) {
		/* a file without these columns keeps what the store has */
		struct grid g;

		if (tree_get(imp_store(im), v[G_CODE], &g)) {
			if (!rec_has(r, G_PARENT) && g.parent) {
				sb_reset(&ts.norm[G_PARENT]);
				sb_puts(&ts.norm[G_PARENT], g.parent);
				v[G_PARENT] = sb_str(&ts.norm[G_PARENT]);
			}
			if (!rec_has(r, G_LEADER) && g.leader) {
				sb_reset(&ts.norm[G_LEADER]);
				sb_puts(&ts.norm[G_LEADER], g.leader);
				v[G_LEADER] = sb_str(&ts.norm[G_LEADER]);
			}
			tree_grid_free(&g);
		}
	}
	if (v[G_PARENT] && !imp_exists(im, "grids", v[G_PARENT])) {
		struct pending *p;

		if (gs->np == gs->cap) {
			gs->cap = gs->cap ? 2 * gs->cap : 16;
			gs->p = xrealloc(gs->p, (size_t)gs->cap * sizeof *gs->p);
		}
		p = &gs->p[gs->np++];
		held_keep(&p->h, r);
		p->code = xstrdup(v[G_CODE]);
		p->name = xstrdup(v[G_NAME]);
		p->parent = xstrdup(v[G_PARENT]);
		p->leader = dup_or_null(v[G_LEADER]);
		p->status = xstrdup(v[G_STATUS]);
		res = IMP_HELD;
		goto out;
	}
	res = grid_apply(im, gs, v[G_CODE], v[G_NAME], v[G_PARENT],
	    v[G_LEADER], v[G_STATUS], why);
out:
	for (i = 0; i < MAXF; i++)
		sb_free(&ts.norm[i]);
	return res;
}

/* the grid a waiting record waits for, if it waits too */
static struct pending *
waiting(struct gstate *gs, const char *code)
{
	int i;

	for (i = 0; i < gs->np; i++)
		if (gs->p[i].code && strcmp(gs->p[i].code, code) == 0)
			return &gs->p[i];
	return NULL;
}

static void
grid_end(struct imp *im, void *state)
{
	struct gstate *gs = state;
	int i, hops;

	for (i = 0; i < gs->np; i++) {
		struct pending *p = &gs->p[i], *q = p;

		if (!p->code)
			continue;
		sb_reset(&gs->why);
		/* follow the parents that wait too: back here is a cycle */
		for (hops = 0; (q = waiting(gs, q->parent)) && q != p &&
		    hops < gs->np; hops++)
			;
		if (q == p)
			sb_printf(&gs->why, "grid '%s' is its own ancestor "
			    "through '%s': the parents form a cycle", p->code,
			    p->parent);
		else
			sb_printf(&gs->why, "parent '%s' does not exist",
			    p->parent);
		imp_done(im, &p->h, IMP_REJECTED, sb_str(&gs->why));
	}
	if (gs->no_leader)
		imp_note(im, "%ld grid leaders are not cadres yet: they count "
		    "from when grid-import cadres adds them", gs->no_leader);
}

static void
grid_free(void *state, int applied)
{
	struct gstate *gs = state;
	int i;

	(void)applied;
	for (i = 0; i < gs->np; i++)
		pending_free(&gs->p[i]);
	free(gs->p);
	sb_free(&gs->why);
	free(gs);
}

/* pairs: importing a pair moves the household to that cadre */

static const struct field pair_f[] = {
	{ "household", T_TEXT, 1, ck_code, 0, NULL },
	{ "cadre", T_TEXT, 1, ck_code, 0, NULL },
};

static enum imp_result
pair_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	static const struct table pt = { "pairs", pair_f, NF(pair_f), NULL,
		NULL, NULL, NULL, 0, NULL, NULL };
	struct tstate *ts = state;
	struct store *st = imp_store(im);
	const char *v[MAXF];
	char *cur;
	int64_t first;
	int rc, had;

	ts->t = &pt;
	if (values(ts, r, v, why) != 0)
		return IMP_REJECTED;
	if ((first = imp_seen(im, v[0], r)) > 0) {
		sb_printf(why, "household '%s' comes twice in this batch",
		    v[0]);
		imp_first(im, why, first, imp_ordinal(im, r));
		return IMP_REJECTED;
	}
	cur = pair_current(st, v[0]);
	had = cur != NULL;
	free(cur);
	rc = pair_set(st, v[0], v[1], clk_now(), why);
	if (rc < 0)
		return IMP_REJECTED;
	if (rc == 0)
		return IMP_UNCHANGED;
	return had ? IMP_UPDATED : IMP_ADDED;
}

/* visits */

static const struct field visit_f[] = {
	{ "cadre", T_TEXT, 1, ck_code, 0, NULL },
	{ "household", T_TEXT, 1, ck_code, 0, NULL },
	{ "at", T_TEXT, 1, NULL, 0, NULL },
	{ "note", T_TEXT, 0, ck_long, 0, NULL },
};

static enum imp_result
visit_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	static const struct table vt = { "visits", visit_f, NF(visit_f), NULL,
		NULL, NULL, NULL, 0, NULL, NULL };
	struct tstate *ts = state;
	const char *v[MAXF];
	int64_t at;
	int rc;

	ts->t = &vt;
	if (values(ts, r, v, why) != 0)
		return IMP_REJECTED;
	if (clk_parse(v[2], &at, NULL) != 0) {
		bad_value(why, "at", v[2], "is not a time (YYYY-MM-DD HH:MM)");
		return IMP_REJECTED;
	}
	rc = visit_add(imp_store(im), v[0], v[1], at, v[3], why);
	if (rc < 0)
		return IMP_REJECTED;
	return rc ? IMP_ADDED : IMP_UNCHANGED;
}

/* offices: a login tied to a grid's subtree, a unit, or both (a row
 * each); the key is the whole row.  --replace: the rows the batch does
 * not name are taken out */

/* a database role's name as PostgreSQL keeps one unquoted: lowercase
 * letters, digits, '_' and '$', not starting with a digit, at most 63
 * bytes; not one of PostgreSQL's own (pg_...) */
static int
ck_login(const char *in, struct sbuf *out, struct sbuf *why)
{
	size_t i, n = strlen(in);

	(void)out;
	if (n > 63) {
		sb_puts(why, "is longer than 63 characters");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (!((in[i] >= 'a' && in[i] <= 'z') || in[i] == '_' ||
		    (i > 0 && ((in[i] >= '0' && in[i] <= '9') ||
		    in[i] == '$')))) {
			sb_puts(why, "is not a login (lowercase letters, digits "
			    "and '_', starting with a letter or '_')");
			return -1;
		}
	if (strncmp(in, "pg_", 3) == 0) {
		sb_puts(why, "is PostgreSQL's own (pg_...)");
		return -1;
	}
	return 1;
}

static const struct field office_f[] = {
	{ "login", T_TEXT, 1, ck_login, 0, NULL },
	{ "grid", T_TEXT, 0, ck_code, 0, NULL },
	{ "unit", T_TEXT, 0, ck_code, 0, NULL },
};

/* the key of an office row: login, grid and unit, tab-separated */
static void
office_key(struct sbuf *k, const char *login, const char *grid,
    const char *unit)
{
	sb_reset(k);
	sb_printf(k, "%s\t%s\t%s", login, grid ? grid : "", unit ? unit : "");
}

static enum imp_result
office_row(struct imp *im, void *state, const struct rec *r, struct sbuf *why)
{
	static const struct table ot = { "offices", office_f, NF(office_f),
		NULL, NULL, NULL, NULL, 0, NULL, NULL };
	static const char has[] = "SELECT 1 FROM offices WHERE login = ?1"
	    " AND coalesce(grid, '') = ?2 AND coalesce(unit, '') = ?3";
	static const char ins[] = "INSERT INTO offices (login, grid, unit)"
	    " VALUES (?1, ?2, ?3)";
	struct tstate *ts = state;
	struct store *st = imp_store(im);
	struct sbuf key = { 0 };
	struct sql_stmt *s;
	const char *v[MAXF];
	int64_t first;
	int found;

	ts->t = &ot;
	if (values(ts, r, v, why) != 0)
		return IMP_REJECTED;
	if (!v[1] && !v[2]) {
		sb_puts(why, "an office needs a grid, a unit or both");
		return IMP_REJECTED;
	}
	if (must_exist(im, "grids", "grid", v[1], why) ||
	    must_exist(im, "units", "unit", v[2], why))
		return IMP_REJECTED;
	office_key(&key, v[0], v[1], v[2]);
	if ((first = imp_seen(im, sb_str(&key), r)) > 0) {
		sb_printf(why, "office '%s' of grid '%s' and unit '%s' comes "
		    "twice in this batch", v[0], v[1] ? v[1] : "",
		    v[2] ? v[2] : "");
		imp_first(im, why, first, imp_ordinal(im, r));
		sb_free(&key);
		return IMP_REJECTED;
	}
	if (imp_replace(im))
		strset_add(&ts->seen, sb_str(&key));
	sb_free(&key);
	s = store_stmt(st, has);
	sql_bind_text(s, 1, v[0]);
	sql_bind_text(s, 2, v[1] ? v[1] : "");
	sql_bind_text(s, 3, v[2] ? v[2] : "");
	found = store_step(st, s) == SQL_ROW;
	sql_reset(s);
	if (found)
		return IMP_UNCHANGED;
	s = store_stmt(st, ins);
	sql_bind_text(s, 1, v[0]);
	sql_bind_text(s, 2, v[1]);
	sql_bind_text(s, 3, v[2]);
	store_step(st, s);
	return IMP_ADDED;
}

/* --replace: the offices the batch did not name are taken out, each with
 * an event (an office's rows have no history of their own) */
static void
office_end(struct imp *im, void *state)
{
	static const char all[] = "SELECT login, grid, unit FROM offices"
	    " ORDER BY login, coalesce(grid, ''), coalesce(unit, '')";
	static const char del[] = "DELETE FROM offices WHERE login = ?1"
	    " AND coalesce(grid, '') = ?2 AND coalesce(unit, '') = ?3";
	struct tstate *ts = state;
	struct store *st = imp_store(im);
	struct gone { char *login, *grid, *unit; } *g = NULL;
	struct sbuf key = { 0 };
	struct sql_stmt *s;
	size_t n = 0, cap = 0, i;

	if (!imp_replace_whole(im))
		return;
	s = store_prepare(st, all);
	while (store_step(st, s) == SQL_ROW) {
		const char *l = sql_col_text(s, 0), *gr = sql_col_text(s, 1),
		    *u = sql_col_text(s, 2);

		office_key(&key, l, gr, u);
		if (strset_has(&ts->seen, sb_str(&key)))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			g = xrealloc(g, cap * sizeof *g);
		}
		g[n++] = (struct gone){ xstrdup(l), gr ? xstrdup(gr) : NULL,
		    u ? xstrdup(u) : NULL };
	}
	sql_finalize(s);
	sb_free(&key);
	for (i = 0; i < n; i++) {
		struct sbuf subj = { 0 };

		s = store_stmt(st, del);
		sql_bind_text(s, 1, g[i].login);
		sql_bind_text(s, 2, g[i].grid ? g[i].grid : "");
		sql_bind_text(s, 3, g[i].unit ? g[i].unit : "");
		store_step(st, s);
		sb_printf(&subj, "office %s", g[i].login);
		store_event_json(st, "update", sb_str(&subj),
		    json_pack("{s{ss?ss?}}", "removed", "grid", g[i].grid,
		    "unit", g[i].unit));
		sb_free(&subj);
		free(g[i].login);
		free(g[i].grid);
		free(g[i].unit);
	}
	free(g);
	if (n)
		imp_note(im, "%zu office%s not in the batch taken out "
		    "(--replace)", n, n == 1 ? "" : "s");
}

static void *
plain_begin(struct imp *im, const void *arg)
{
	(void)im;
	(void)arg;
	return xcalloc(1, sizeof(struct tstate));
}

/* the registry */

struct entry {
	const char *name;
	const struct field *f;
	int n;
	const struct table *t;
	void *(*begin)(struct imp *, const void *);
	enum imp_result (*row)(struct imp *, void *, const struct rec *,
	    struct sbuf *);
	void (*end)(struct imp *, void *);
	void (*finish)(void *, int);
	struct kind k;
	const char *names[MAXF];
	int required[MAXF];
};

static struct entry entries[] = {
	{ "grids", grid_f, NF(grid_f), NULL, grid_begin, grid_row, grid_end,
	  grid_free, { 0 }, { 0 }, { 0 } },
	{ "levels", level_f, NF(level_f), &tables[0], table_begin, table_row,
	  table_end, table_free, { 0 }, { 0 }, { 0 } },
	{ "units", unit_f, NF(unit_f), &tables[1], table_begin, table_row,
	  table_end, table_free, { 0 }, { 0 }, { 0 } },
	{ "cadres", cadre_f, NF(cadre_f), &tables[2], table_begin, table_row,
	  table_end, table_free, { 0 }, { 0 }, { 0 } },
	{ "households", household_f, NF(household_f), &tables[3], table_begin,
	  table_row, table_end, table_free, { 0 }, { 0 }, { 0 } },
	{ "rules", rule_f, NF(rule_f), &tables[4], table_begin, table_row,
	  table_end, table_free, { 0 }, { 0 }, { 0 } },
	{ "pairs", pair_f, NF(pair_f), NULL, plain_begin, pair_row, NULL,
	  table_free, { 0 }, { 0 }, { 0 } },
	{ "visits", visit_f, NF(visit_f), NULL, plain_begin, visit_row, NULL,
	  table_free, { 0 }, { 0 }, { 0 } },
	{ "calendar", calendar_f, NF(calendar_f), &tables[5], table_begin,
	  table_row, table_end, table_free, { 0 }, { 0 }, { 0 } },
	{ "offices", office_f, NF(office_f), NULL, plain_begin, office_row,
	  office_end, table_free, { 0 }, { 0 }, { 0 } },
};

const struct kind *
grid_import_find(const char *name)
{
	size_t i;
	int j;

	for (i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		struct entry *e = &entries[i];

		if (strcmp(e->name, name) != 0)
			continue;
		for (j = 0; j < e->n; j++) {
			e->names[j] = e->f[j].name;
			e->required[j] = e->f[j].required;
		}
		e->k = (struct kind){ .name = e->name, .fields = e->names,
		    .required = e->required, .nfields = e->n,
		    .arg = e->t, .begin = e->begin, .row = e->row,
		    .end = e->end, .finish = e->finish };
		return &e->k;
	}
	return NULL;
}

const char *
grid_import_names(void)
{
	return "grids levels units cadres households rules pairs visits "
	    "calendar offices";
}
