/*
 * text.h - UTF-8 as clerks type it: validity, display width on a terminal
 * (Chinese characters take two columns), cutting text to a width without
 * breaking a character, and trimming the blanks Excel leaves around cells.
 *
 * Widths follow Unicode's East Asian Width (W and F are two columns),
 * combining marks and zero-width characters take none, other printable
 * characters one.  No locale is consulted, so tables line up the same under
 * cron, in tests and on a clerk's terminal.
 */
#ifndef GK_TEXT_H
#define GK_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* decode one character; returns its length in bytes, or -1 if s does not
 * start with a valid, shortest-form UTF-8 sequence (no surrogates) */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/* 1 if all of s[0..len) is valid UTF-8, else 0; *bad (if not NULL) gets the
 * byte offset of the first invalid sequence */
int utf8_valid(const char *s, size_t len, size_t *bad);

/* display columns of one code point: 0, 1 or 2 (control characters: 0) */
int cp_width(uint32_t cp);

/* display columns of s; an invalid byte counts as one column */
int utf8_width(const char *s, size_t len);

/* the number of bytes of the longest prefix of s whose width is at most
 * cols, never splitting a character; *used (if not NULL) gets its width */
size_t utf8_fit(const char *s, size_t len, int cols, int *used);

/* trim ASCII blanks (space, tab, CR, LF) and the ideographic space U+3000
 * from both ends, in place; returns s */
char *text_trim(char *s);

#endif
