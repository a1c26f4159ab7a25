/* unit tests of lib/tree.c: paths, ranges, ancestors, moves */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "tap.h"
#include "tree.h"

static char *
subtree(struct store *st, const char *code)
{
	static char out[256];
	char *lo, *hi;
	struct sql_stmt *s;
	struct sbuf b = { 0 };

	if (tree_range(st, code, &lo, &hi) != 0)
		return "none";
	s = store_prepare(st, "SELECT code FROM grids WHERE code " TREE_IN
	    " ORDER BY path");
	sql_bind_text(s, 1, lo);
	sql_bind_text(s, 2, hi);
	while (store_step(st, s) == SQL_ROW)
		sb_printf(&b, "%s ", sql_col_text(s, 0));
	sql_finalize(s);
	snprintf(out, sizeof out, "%s", sb_str(&b));
	sb_free(&b);
	free(lo);
	free(hi);
	return out;
}

int
main(void)
{
	struct store *st = fixture_store();
	struct sbuf why = { 0 };
	struct grid g;
	char *s;

	s = tree_upper("/C/T1/");
	is_str(s, "/C/T10", "the upper bound turns the last '/' into '0'");
	free(s);
	s = tree_ancestor("/C/T1/V11/", 2);
	is_str(s, "T1", "the ancestor at depth 2");
	free(s);
	s = tree_ancestor("/C/T1/V11/", 3);
	is_str(s, "V11", "at its own depth, the grid itself");
	free(s);
	ok(tree_ancestor("/C/T1/V11/", 4) == NULL, "none deeper than the grid");

	is_str(subtree(st, "T2"), "T2 V2 V21 ",
	    "a subtree, and not V2's namesake prefix elsewhere");
	is_str(subtree(st, "C"), "C T1 V11 V12 T2 V2 V21 ", "the whole tree");
	is_str(subtree(st, "V2"), "V2 ", "a leaf is its own subtree");
	is_str(subtree(st, "X"), "none", "no such grid");
	is_int(tree_children(st, "T1"), 2, "children");
	is_int(tree_children(st, "V11"), 0, "a leaf has none");

	ok(tree_place(st, "V13", "新村", "T1", NULL, &why) == 0, "add a grid");
	ok(tree_get(st, "V13", &g) && strcmp(g.path, "/C/T1/V13/") == 0 &&
	    g.depth == 3, "its path and depth");
	tree_grid_free(&g);
	ok(tree_place(st, "T1", "城关镇", "T2", "K2", &why) == 0,
	    "move a township under another");
	ok(tree_get(st, "V11", &g) && strcmp(g.path, "/C/T2/T1/V11/") == 0 &&
	    g.depth == 4, "its villages move with it");
	tree_grid_free(&g);
	is_str(subtree(st, "T2"), "T2 T1 V11 V12 V13 V2 V21 ",
	    "the subtree follows");
	ok(tree_place(st, "T2", "新城镇", "V11", NULL, &why) != 0 &&
	    strstr(sb_str(&why), "cycle"), "a move into its own subtree is a cycle");
	sb_reset(&why);
	ok(tree_place(st, "T3", "x", "NOPE", NULL, &why) != 0 &&
	    strstr(sb_str(&why), "parent 'NOPE' does not exist"),
	    "a parent that does not exist");
	ok(tree_place(st, "T1", "城关镇", NULL, NULL, &why) == 0 &&
	    tree_get(st, "V12", &g) && strcmp(g.path, "/T1/V12/") == 0 &&
	    g.depth == 2, "a grid made a root carries its subtree up");
	tree_grid_free(&g);
	sb_free(&why);
	store_close(st);
	return done_testing();
}
