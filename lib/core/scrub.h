/*
 * scrub.h - keep personal data out of free text that goes public: the
 * echo wall prints what residents and clerks typed (an issue's text, its
 * answer), and they type phone numbers, ID numbers and neighbours' names
 * into it.
 *
 * A number is a run of digits (ASCII or full-width), in groups of three or
 * more digits joined by one blank or '-' (so "2013-07-01" is three short
 * numbers and stays), optionally after a '+' ("+86 138 0013 8000").  A
 * number of seven digits or more is masked: as a phone when it reads as
 * one (138****8000, 0539-****2388), as an ID number when it has the shape
 * of one (371399********123X, also with a trailing X), else every digit
 * becomes '*'.  The names given are masked wherever they appear (张三 →
 * 张*), the longest that matches, except inside a word to keep as it is
 * (a place: 徐家峪村 stays, though a resident is called 徐家).
 * Words of one character are not taken: masking a single character
 * everywhere would wreck the text.
 */
#ifndef GK_SCRUB_H
#define GK_SCRUB_H

#include "util.h"

struct scrub;

struct scrub *scrub_new(void);
void scrub_free(struct scrub *sc);
/* mask this name wherever it appears */
void scrub_name(struct scrub *sc, const char *name);
/* keep this word as it is, names inside it too; a name longer than it,
 * starting at the same place, is masked all the same */
void scrub_keep(struct scrub *sc, const char *word);
/* append s, scrubbed, to out; sc may be NULL (numbers only) */
void scrub_text(struct scrub *sc, const char *s, struct sbuf *out);

#endif
