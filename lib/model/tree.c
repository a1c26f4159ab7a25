#include <stdlib.h>
#include <string.h>

#include "tree.h"

static char *
dup_col(struct sql_stmt *s, int i)
{
	const char *v = sql_col_text(s, i);

	return v ? xstrdup(v) : NULL;
}

int
tree_get(struct store *st, const char *code, struct grid *g)
{
	static const char sql[] = "SELECT code, name, parent, leader, path,"
	    " depth FROM grids WHERE code = ?";
	struct sql_stmt *s = store_stmt(st, sql);

	memset(g, 0, sizeof *g);
	sql_bind_text(s, 1, code);
	if (store_step(st, s) != SQL_ROW)
		return 0;
	g->code = dup_col(s, 0);
	g->name = dup_col(s, 1);
	g->parent = dup_col(s, 2);
	g->leader = dup_col(s, 3);
	g->path = dup_col(s, 4);
	g->depth = sql_col_int(s, 5);
	sql_reset(s);
	return 1;
}

void
tree_grid_free(struct grid *g)
{
	free(g->code);
	free(g->name);
	free(g->parent);
	free(g->leader);
	free(g->path);
	memset(g, 0, sizeof *g);
}

char *
tree_upper(const char *path)
{
	char *hi = xstrdup(path);
	size_t n = strlen(hi);

	if (n > 0 && hi[n - 1] == '/')
		hi[n - 1] = '0';
	return hi;
}

int
tree_range(struct store *st, const char *code, char **lo, char **hi)
{
	struct grid g;

	if (!tree_get(st, code, &g))
		return -1;
	*lo = xstrdup(g.path);
	*hi = tree_upper(g.path);
	tree_grid_free(&g);
	return 0;
}

char *
tree_ancestor(const char *path, int depth)
{
	const char *p = path, *e;
	int d;

	for (d = 1; *p == '/'; d++) {
		e = strchr(p + 1, '/');
		if (!e)
			return NULL;
		if (d == depth)
			return xstrndup(p + 1, (size_t)(e - p - 1));
		p = e;
		if (!e[1])
			break;
	}
	return NULL;
}

int
tree_children(struct store *st, const char *code)
{
	static const char sql[] =
	    "SELECT count(*) FROM grids WHERE parent = ?";
	struct sql_stmt *s = store_stmt(st, sql);
	int n;

	sql_bind_text(s, 1, code);
	store_step(st, s);
	n = sql_col_int(s, 0);
	sql_reset(s);
	return n;
}

/* move the subtree at old (a path) to new, and its depths by delta */
static void
move_subtree(struct store *st, const char *old, const char *new, int delta)
{
	static const char sql[] = "UPDATE grids SET path = ?1 ||"
	    " substr(path, length(?2) + 1), depth = depth + ?3"
	    " WHERE path >= ?2 AND path < ?4";
	struct sql_stmt *s = store_stmt(st, sql);
	char *hi = tree_upper(old);

	sql_bind_text(s, 1, new);
	sql_bind_text(s, 2, old);
	sql_bind_int(s, 3, delta);
	sql_bind_text(s, 4, hi);
	store_step(st, s);
	free(hi);
}

int
tree_place(struct store *st, const char *code, const char *name,
    const char *parent, const char *leader, struct sbuf *why)
{
	static const char ins[] = "INSERT INTO grids (code, name, parent,"
	    " leader, depth, path) VALUES (?, ?, ?, ?, ?, ?)";
	static const char upd[] = "UPDATE grids SET name = ?2, parent = ?3,"
	    " leader = ?4 WHERE code = ?1";
	struct grid p = { 0 }, g;
	struct sbuf path = { 0 };
	struct sql_stmt *s;
	int depth = 1, have = tree_get(st, code, &g), rc = -1;

	if (parent) {
		if (!tree_get(st, parent, &p)) {
			sb_printf(why, "parent '%s' does not exist", parent);
			goto out;
		}
		if (have && strncmp(p.path, g.path, strlen(g.path)) == 0) {
			sb_printf(why, "grid '%s' cannot go under '%s', which "
			    "is inside it: that would make a cycle", code,
			    parent);
			goto out;
		}
		sb_puts(&path, p.path);
		depth = p.depth + 1;
	} else {
		sb_putc(&path, '/');
	}
	sb_printf(&path, "%s/", code);
	if (!have) {
		s = store_stmt(st, ins);
		sql_bind_text(s, 1, code);
		sql_bind_text(s, 2, name);
		sql_bind_text(s, 3, parent);
		sql_bind_text(s, 4, leader);
		sql_bind_int(s, 5, depth);
		sql_bind_text(s, 6, sb_str(&path));
		store_step(st, s);
	} else {
		if (strcmp(g.path, sb_str(&path)) != 0)
			move_subtree(st, g.path, sb_str(&path), depth - g.depth);
		s = store_stmt(st, upd);
		sql_bind_text(s, 1, code);
		sql_bind_text(s, 2, name);
		sql_bind_text(s, 3, parent);
		sql_bind_text(s, 4, leader);
		store_step(st, s);
	}
	rc = 0;
out:
	if (have)
		tree_grid_free(&g);
	tree_grid_free(&p);
	sb_free(&path);
	return rc;
}
