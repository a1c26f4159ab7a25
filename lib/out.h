/*
 * out.h - rows out, in the modes of DESIGN.md: one table of named columns,
 * written as an aligned table for people, or TSV, CSV or JSON Lines for the
 * next program.  Modes differ only in how a row is written, as in the sqlite3
 * shell; programs hand over rows and never format them themselves.
 *
 *   table  a header, a rule, columns aligned by display width (Chinese text
 *          takes two columns a character), numbers right-aligned; rows are
 *          held until out_end() to measure them (the first OUT_TABLE_HOLD;
 *          later rows are printed with the widths found by then)
 *   tsv    a header row; tab, newline, carriage return and backslash inside a
 *          value are written \t \n \r \\
 *   csv    a header row; RFC 4180 quoting (a value holding a comma, quote,
 *          CR or LF, or starting or ending with a blank, is quoted, quotes
 *          doubled); lines end in \n
 *   jsonl  one object a row in column order; OUT_NUM columns unquoted,
 *          everything else a JSON string (codes, ID numbers and phones stay
 *          strings), NULL as null
 *
 * With OUT_KEYS (-q) every mode prints only the first column, one value a
 * line, no header.  With OUT_BOM, csv and tsv start with a UTF-8 BOM so that
 * Excel reads the text right.
 */
#ifndef GK_OUT_H
#define GK_OUT_H

#include <stddef.h>
#include <stdio.h>

enum out_mode { OUT_TABLE, OUT_TSV, OUT_CSV, OUT_JSONL };
enum out_type { OUT_STR, OUT_NUM };

enum {
	OUT_KEYS = 1 << 0, /* -q: the first column only */
	OUT_BOM = 1 << 1,  /* --bom */
	OUT_NOHEAD = 1 << 2 /* no header row (tsv, csv, table) */
};

#define OUT_TABLE_HOLD 10000

struct out_col {
	const char *name;
	enum out_type type;
};

struct out;

/* "table", "tsv", "csv", "jsonl" → mode; 0 on success */
int out_parse_mode(const char *s, enum out_mode *m);
/* table when stdout is a terminal, else tsv */
enum out_mode out_default_mode(void);

/* start output of rows with these columns (copied) */
struct out *out_open(FILE *fp, enum out_mode mode, unsigned flags,
    const struct out_col *cols, int ncols);
/* one row of ncols values; v[i] NULL is a null (empty in table, tsv and
 * csv); len may be NULL, else len[i] is the byte length of v[i] */
void out_row(struct out *o, const char *const *v, const size_t *len);
/* write what is held and free o; 0, or -1 if writing failed */
int out_close(struct out *o);

/* helpers for other writers (html pages, open311): append s JSON-escaped,
 * without quotes; invalid UTF-8 becomes U+FFFD */
void out_json_str(FILE *fp, const char *s, size_t len);

#endif
