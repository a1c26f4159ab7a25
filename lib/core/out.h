/*
 * out.h - rows out, in the modes of gridkit(7) ("Output"): one table of
 * named columns,
 * written as an aligned table for people, or TSV, CSV or JSON Lines for the
 * next program.  Modes differ only in how a row is written, as in the sqlite3
 * shell; programs hand over rows and never format them themselves.
 *
 *   table  a header, a rule, columns two blanks apart and aligned by display
 *          width (Chinese text takes two columns a character), OUT_NUM
 *          columns right-aligned, no blanks at the end of a line; rows are
 *          held until out_close() to measure them (the first OUT_TABLE_HOLD;
 *          later rows are printed with the widths found by then, and a
 *          longer value overflows its column).  A cell stays on one line:
 *          newline, tab and other control characters are shown as \n, \t,
 *          \u001b, invalid UTF-8 as U+FFFD.  Only when fp is stdout and a
 *          terminal ($COLUMNS, else its size), the widest text columns are
 *          cut with an ellipsis to fit it, never below 8 columns
 *   tsv    a header row; tab, newline, carriage return and backslash inside a
 *          value are written \t \n \r \\
 *   csv    a header row; RFC 4180 quoting (a value holding a comma, quote,
 *          CR or LF, or starting or ending with a blank -- space, tab or
 *          U+3000, as text_trim() sees them -- is quoted, quotes doubled);
 *          lines end in \n
 *   jsonl  one object a row in column order; an OUT_NUM value unquoted
 *          when it is a JSON number (-12, 3.5, 1e3; not "", "007", "1.",
 *          "NaN"), everything else a JSON string (codes, ID numbers and
 *          phones stay strings), NULL as null; valid UTF-8 is written as
 *          it is, each invalid byte as \ufffd
 *
 * With OUT_KEYS (-q) every mode prints only the first column, one value a
 * line as it is (a NULL as an empty line), no header, no BOM.  With OUT_BOM,
 * csv and tsv are for Excel: they start with a UTF-8 BOM so that Excel
 * reads the text right, and a cell Excel would run as a formula (starting
 * with =, +, -, @, tab or CR, unless it is a plain number such as -5 by
 * the JSON grammar) is written after a ' so that Excel takes it as text.
 *
 * Rows are formatted into a buffer of o's own and written to fp in big
 * blocks, so nothing else may write to fp between out_open() and
 * out_close(), which writes the rest and flushes fp but leaves it open.
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
	OUT_NOHEAD = 1 << 2, /* no header row (tsv, csv, table) */
	OUT_STDOUT = 1 << 3  /* fp holds rows on their way to stdout (spool.h):
	                      * a table is fitted to stdout's terminal */
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

/* start output of rows with these columns (copied; at least one) */
struct out *out_open(FILE *fp, enum out_mode mode, unsigned flags,
    const struct out_col *cols, int ncols);
/* one row of ncols values; v[i] NULL is a null (empty in table, tsv and
 * csv); len may be NULL, else len[i] is the byte length of v[i] */
void out_row(struct out *o, const char *const *v, const size_t *len);
/* write the rows formatted so far to fp and flush it (a table's rows held
 * for measuring stay held); 0, or -1 if any write to fp failed */
int out_flush(struct out *o);
/* write what is held, flush fp and free o; 0, or -1 if any write to fp
 * failed (ferror); out_close(NULL) is 0 */
int out_close(struct out *o);

/* helpers for other writers (html pages, open311): append s JSON-escaped,
 * without quotes; invalid UTF-8 becomes U+FFFD */
void out_json_str(FILE *fp, const char *s, size_t len);

#endif
