/*
 * kinds.h - the kinds of record grid-import reads: grids, levels, units,
 * cadres, households, rules, pairs, visits and calendar (gridkit(7),
 * "Columns").  See kinds.c for how each is checked and applied.
 */
#ifndef GK_GRID_IMPORT_H
#define GK_GRID_IMPORT_H

#include "import.h"

/* the kind of that name, or NULL */
const struct kind *grid_import_find(const char *name);
/* their names, blank-separated, for messages and completion */
const char *grid_import_names(void);

#endif
