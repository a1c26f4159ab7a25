/*
 * export.h - what grid-export writes: every kind the store holds, as rows of
 * the output modes of out.h, streamed (memory does not grow with the table).
 *
 * The columns of a kind that grid-import reads are exactly its import fields,
 * in the same order and form, so `grid-export KIND -o csv --reveal` can be
 * fed back to `grid-import KIND` unchanged and exports again to the same
 * bytes.  Personal data (heads' names, ID numbers, phones, addresses) is
 * masked unless reveal is set, and so are the phone and ID numbers typed
 * into free text (an issue's text, answer and reason, notes, tags, the
 * events' details: redact.h).  A masked export is still personal
 * information, for staff only (doc/domain.md, "Codes and personal data").
 */
#ifndef GK_EXPORT_H
#define GK_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "out.h"
#include "store.h"

struct grid_export_opts {
	const char *grid;      /* only this subtree */
	int64_t since, until;  /* 0: unbounded */
	int reveal;
	int history;           /* pairs: ended ones too, with their dates */
	enum out_mode mode;
	unsigned outflags;
};

/* the kinds, blank-separated */
const char *grid_export_kinds(void);
/* 1 if name is one */
int grid_export_known(const char *name);
/* write the kind to fp; returns the exit code */
int grid_export_run(struct store *st, const char *kind,
    const struct grid_export_opts *o, FILE *fp);

#endif
