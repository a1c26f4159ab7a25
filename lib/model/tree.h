/*
 * tree.h - the grid tree: any depth, cheap to query by subtree.
 *
 * Each grid keeps its path, '/' and the codes from the root down to it, each
 * followed by '/' ("/371399/371399101/").  Codes hold no '/', so the subtree
 * of a grid is every path in [path, upper) where upper is the path with its
 * last '/' turned into '0', the next byte: one index range at any depth, for
 * 20,000 leaves as for 20.  Depth 1 is a root.
 *
 * To filter by subtree, other queries use TREE_IN with the two bounds:
 *   "... WHERE grid " TREE_IN  and bind lo, hi
 */
#ifndef GK_TREE_H
#define GK_TREE_H

#include "store.h"
#include "util.h"

#define TREE_IN "IN (SELECT code FROM grids WHERE path >= ? AND path < ?)"

struct grid {
	char *code, *name, *parent, *leader, *path;
	int depth;
};

/* 1 and g filled when the grid exists, else 0 */
int tree_get(struct store *st, const char *code, struct grid *g);
void tree_grid_free(struct grid *g);

/* the bounds of a subtree: 0, or -1 when there is no such grid */
int tree_range(struct store *st, const char *code, char **lo, char **hi);
/* the upper bound for a path (a copy) */
char *tree_upper(const char *path);
/* the code of the ancestor at depth d (1 = the root) on a path, a copy;
 * NULL when the path is not that deep */
char *tree_ancestor(const char *path, int depth);
/* how many grids have this one as parent */
int tree_children(struct store *st, const char *code);

/* add a grid, or move an existing one under another parent (NULL: make it
 * a root), carrying its subtree along.  0, or -1 with why set when the
 * parent does not exist or the move would close a cycle */
int tree_place(struct store *st, const char *code, const char *name,
    const char *parent, const char *leader, struct sbuf *why);

#endif
