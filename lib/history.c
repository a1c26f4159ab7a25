#include <stdlib.h>
#include <string.h>

#include "history.h"

static void
names(struct store *st, struct history *h)
{
	static const char sql[] = "SELECT g.name, u.name, "
	    HIST_LEVEL_SQL("i.rung", "l.name") " FROM issues i"
	    " LEFT JOIN grids g ON g.code = i.grid"
	    " LEFT JOIN units u ON u.code = i.unit"
	    " LEFT JOIN levels l ON l.depth = i.rung WHERE i.id = ?";
	sqlite3_stmt *s = store_stmt(st, sql);

	bind_int(s, 1, h->is.id);
	if (store_step(st, s) == SQLITE_ROW) {
		h->grid_name = col_dup(s, 0);
		h->unit_name = col_dup(s, 1);
		h->level = col_dup(s, 2);
	}
	sqlite3_reset(s);
}

static void
events(struct store *st, struct history *h)
{
	static const char sql[] = "SELECT e.id, e.at, e.due_at, e.rung,"
	    " e.prog, e.login, e.kind, e.subject, e.status, e.unit, e.detail,"
	    " CASE WHEN e.rung IS NULL THEN NULL ELSE "
	    HIST_LEVEL_SQL("e.rung", "l.name") " END"
	    " FROM events e LEFT JOIN levels l ON l.depth = e.rung"
	    " WHERE e.issue = ? ORDER BY e.id";
	sqlite3_stmt *s = store_stmt(st, sql);
	size_t cap = 0;

	bind_int(s, 1, h->is.id);
	while (store_step(st, s) == SQLITE_ROW) {
		struct hist_event *e;

		if (h->nev == cap) {
			cap = cap ? 2 * cap : 16;
			h->ev = xrealloc(h->ev, cap * sizeof *h->ev);
		}
		e = &h->ev[h->nev++];
		e->id = sqlite3_column_int64(s, 0);
		e->at = sqlite3_column_int64(s, 1);
		e->due_at = sqlite3_column_int64(s, 2);
		e->rung = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(s, 3);
		e->prog = col_dup(s, 4);
		e->login = col_dup(s, 5);
		e->kind = col_dup(s, 6);
		e->subject = col_dup(s, 7);
		e->status = col_dup(s, 8);
		e->unit = col_dup(s, 9);
		e->detail = col_dup(s, 10);
		e->level = col_dup(s, 11);
	}
	sqlite3_reset(s);
}

int
history_load(struct store *st, int64_t id, struct history *h)
{
	memset(h, 0, sizeof *h);
	if (!issue_get(st, id, &h->is))
		return 0;
	names(st, h);
	events(st, h);
	return 1;
}

void
history_free(struct history *h)
{
	size_t i;

	for (i = 0; i < h->nev; i++) {
		struct hist_event *e = &h->ev[i];

		free(e->prog);
		free(e->login);
		free(e->kind);
		free(e->subject);
		free(e->status);
		free(e->unit);
		free(e->detail);
		free(e->level);
	}
	free(h->ev);
	free(h->grid_name);
	free(h->unit_name);
	free(h->level);
	issue_free(&h->is);
	memset(h, 0, sizeof *h);
}
