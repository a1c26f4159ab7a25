/*
 * redact.h - the scrubber (scrub.h) for the free text of this store: the
 * text, answers, reasons and notes of issues, as every output that is not
 * --reveal writes them.  Its numbers are masked, except the store's own
 * codes that read as ID numbers (a household code such as
 * 371399200012010003 has the shape of one, birth date and check digit
 * included): they are looked up, and kept.
 */
#ifndef GK_REDACT_H
#define GK_REDACT_H

#include "scrub.h"
#include "store.h"

/* a scrubber that keeps the codes of st; scrub_free() it, before st is
 * closed */
struct scrub *redact_new(struct store *st);
/* teach sc, which may hold names, to keep the codes of st */
void redact_codes(struct scrub *sc, struct store *st);

#endif
