#include <stdlib.h>

#include "redact.h"

/* a household or grid code: the only codes as long as an ID number */
static int
is_code(void *arg, const char *number)
{
	static const char household[] =
	    "SELECT code FROM households WHERE code = ?";
	static const char grid[] = "SELECT code FROM grids WHERE code = ?";
	struct store *st = arg;
	char *v;

	if (!(v = store_str(st, household, number)) &&
	    !(v = store_str(st, grid, number)))
		return 0;
	free(v);
	return 1;
}

void
redact_codes(struct scrub *sc, struct store *st)
{
	scrub_codes(sc, is_code, st);
}

struct scrub *
redact_new(struct store *st)
{
	struct scrub *sc = scrub_new();

	redact_codes(sc, st);
	return sc;
}
