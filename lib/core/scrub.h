/*
 * scrub.h - keep personal data out of free text: every output that is not
 * --reveal (exports, Open311, the echo wall, issue-list, issue-show, the
 * board, dry runs, rejected rows echoed to stderr) passes what residents
 * and clerks typed -- an issue's text, its answer, reasons, notes --
 * through here, since they type phone and ID numbers into it.
 *
 * A number is a run of groups of digits (ASCII or full-width ０-９) joined
 * by one to three separators: blanks (also the full-width U+3000 of
 * Chinese input methods and the no-break U+00A0), dashes of every width
 * (- － – — ‐ −), dots (. ． 。), slashes, brackets ( ) （ ） 【 】 and
 * middle dots; it may start with a bracket or '+' and end in X.  At each
 * group, the longest run of groups from it whose digits are one of these
 * is masked as the personal columns are (valid.h):
 *   - a mobile: 1[3-9] and 9 digits, after 86, 0086 or +86 or not
 *     (138****8000);
 *   - a landline with its area code: 010, 02X or 0[3-9]XX, then 7 or 8
 *     digits not starting with 0 or 1, also +86 or 0086 and the area code
 *     without its 0 (0539-***2388); the area code must be one group (or
 *     every digit stand alone), so that a date before a local number
 *     ("07-01 8572388") is not one;
 *   - a local number without its area code, 7 or 8 digits not starting
 *     with 0 or 1 (written whole, 3+4, 4+4 or a digit at a time), but only
 *     after a word that says it is a phone (电话, 手机, 座机, 联系, 号码,
 *     拨打, 致电, 来电, tel, phone: 24 bytes back at most) and not before
 *     a unit (元, 万, 户, %, ...): alone it is as likely an amount
 *     (***2388);
 *   - a resident ID number: 18 characters (17 digits and a digit or X) or
 *     15 digits of the first generation, with a region (1-8) and a birth
 *     date that exists, from 1900 (371399********5674).  A birth date in
 *     the 1900s is enough, so that a typo in the check digit does not
 *     unmask the number; one from 2000 on needs its check digit too, since
 *     the codes of the grid tree read as such dates (37139920001201...).
 * Everything else stays as written: dates, times, amounts, counts, ticket
 * and issue numbers, codes.  A number
 * that reads as an ID number but is a code of the store (scrub_codes) stays.
 *
 * The names given are masked wherever they appear (张三 → 张*), the
 * longest that matches, except inside a word to keep as it is (a place:
 * 徐家峪村 stays, though a resident is called 徐家).  Words of one character
 * are not taken: masking a single character everywhere would wreck the
 * text.
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
/* is_code(arg, number) says 1 when number, which reads as an ID number
 * (ASCII, 15 or 18 characters), is a code of the store instead */
void scrub_codes(struct scrub *sc, int (*is_code)(void *, const char *),
    void *arg);
/* append s, scrubbed, to out; sc may be NULL (numbers only) */
void scrub_text(struct scrub *sc, const char *s, struct sbuf *out);
/* s scrubbed: s itself when nothing in it needs masking, else the text
 * in b (reset first); NULL for NULL.  sc may be NULL (numbers only) */
const char *scrub_str(struct scrub *sc, const char *s, struct sbuf *b);

#endif
