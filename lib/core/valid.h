/*
 * valid.h - checks on what clerks type into spreadsheets, and the masks
 * that keep personal data out of exports (doc/domain.md, "Codes and
 * personal data").
 *
 * Every check returns 0 when the value is good and -1 when it is not, with
 * a short lowercase reason in *why for the "FILE:LINE: what" message.  A
 * reason that quotes the value ("check digit is 5, not 7") lives in a
 * buffer the next check overwrites: print it or copy it first.  Normalising
 * checks write the value as it is to be stored into out.  why and out may
 * be NULL when only the verdict is wanted.
 */
#ifndef GK_VALID_H
#define GK_VALID_H

#include <stddef.h>

/* the check character of an 18-digit resident ID, from its first 17 digits:
 * ISO 7064 MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, the sum
 * mod 11 indexing "10X98765432"; '\0' if the first 17 characters of s17
 * are not all digits.  What follows them is not read, so a whole ID may be
 * passed */
char idnum_check(const char *s17);

/* an 18-character resident ID: 17 digits and a check digit or X, a real
 * date of birth (1900-01-01 .. today is not required, but the date must
 * exist), the right check digit.  out (19 bytes) gets it with X upper-case */
int valid_idnum(const char *s, char *out, const char **why);

/* a mainland phone number: a mobile 1[3-9] and nine more digits, optionally
 * after +86 or 86, spaces and dashes ignored, stored as the 11 digits; or a
 * landline: 0, a 2-3 digit area code and a 7-8 digit number, with an
 * optional dash between them and an optional "-ext" of 1-6 digits, stored
 * as written minus spaces.  out must hold 32 bytes */
int valid_phone(const char *s, char *out, const char **why);

/* a code (grid, unit, cadre, household): 1-64 bytes of UTF-8 without
 * blanks, control characters, '/' or ';'.  Blanks are Unicode's White_Space
 * (U+3000 and U+00A0 among them) and the invisible U+200B, U+2060 and
 * U+FEFF, which a paste brings along and which make two codes that look
 * the same differ */
int valid_code(const char *s, const char **why);

/* masks for exports; out must hold at least strlen(s) + 1 bytes and at
 * least 32 bytes.  An ID keeps its first 6 and last 4 characters
 * (371399********1234); a mobile its first 3 and last 4 (138****5678); a
 * landline its area code and last 4 digits (0539-****1234); a name its first
 * character, each other character becoming '*' (张*, 欧**).  Values that do
 * not look like what they mask are masked whole, one '*' a character, never
 * passed through.  An ID looks like one by its shape (the check digit is
 * not checked); a 15-digit ID of the first generation counts.  A phone is
 * masked in its stored form, one '*' a hidden digit (010-***4567); the
 * extension of a landline is hidden too.  If n is too small, the mask is
 * cut before the first piece that does not fit, never inside a character */
void mask_idnum(const char *s, char *out, size_t n);
void mask_phone(const char *s, char *out, size_t n);
void mask_name(const char *s, char *out, size_t n);
/* an address keeps its first third (the county, town, village), each
 * character of the rest becoming '*', at most six of them */
void mask_address(const char *s, char *out, size_t n);

#endif
