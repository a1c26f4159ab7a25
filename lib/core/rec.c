#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "rec.h"
#include "text.h"

/* no record, and no line, may be longer than this */
/* the longest record; the fuzz target sets a small one, to reach it */
#ifndef REC_MAX
#define REC_MAX (16u << 20)
#endif
#define BLOCK (64u << 10)

struct rec {
	FILE *fp;
	int own;
	char *name;
	enum rec_format fmt;
	iconv_t cd;            /* (iconv_t)-1: the input is UTF-8 */

	const char *const *fields;
	const int *required;
	int nfields;

	/* the input, a block at a time, cut into physical lines */
	char *blk;
	size_t blen, bpos;
	int eof, ioerr;
	long long bytes;
	struct sbuf pl;        /* the current physical line, raw */
	int cut;               /* ... cut at REC_MAX: it was longer */
	struct sbuf conv;      /* ... converted to UTF-8 */
	int conv_bad;          /* the line did not convert */
	long lineno;           /* of the line in `line` */
	int peeked;            /* `line` holds a line not yet used */

	/* CSV */
	struct csv_parser csv;
	int csv_on;
	int header;            /* reading the header row */
	int *colmap;           /* column → field index, -1: no such field */
	char **colname;
	int ncols;
	struct sbuf hraw;      /* the raw header line */
	int col;               /* the column of the next field */
	int ended;             /* the record ended */
	int nonblank;          /* it has a non-empty value */
	int extra;             /* a value in a column without a name */

	/* the current record */
	struct sbuf vals;      /* values, each NUL-terminated */
	size_t *off, *len;
	unsigned char *has;    /* the field was present (a column or a key) */
	struct sbuf raw;
	long line;             /* the line it started on */
	int bad;               /* why it is bad, when it is */
	struct sbuf why;

	int bom, empty, utf16;
};

int
rec_parse_format(const char *s, enum rec_format *f)
{
	if (strcmp(s, "csv") == 0)
		*f = REC_CSV;
	else if (strcmp(s, "jsonl") == 0 || strcmp(s, "json") == 0)
		*f = REC_JSONL;
	else
		return -1;
	return 0;
}

static const char *
iconv_name(const char *enc)
{
	if (!enc || strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0)
		return "";
	/* GB18030 is a superset of GBK: one converter reads both */
	if (strcasecmp(enc, "gb18030") == 0 || strcasecmp(enc, "gbk") == 0 ||
	    strcasecmp(enc, "gb2312") == 0 || strcasecmp(enc, "cp936") == 0)
		return "GB18030";
	return NULL;
}

int
rec_valid_encoding(const char *enc)
{
	return iconv_name(enc) != NULL;
}

/* Read the next physical line into r->line: up to and including '\n', or a
 * lone '\r' (old Mac files).  Returns 0 at the end of input. */
static int
read_line(struct rec *r)
{
	sb_reset(&r->pl);
	r->cut = 0;
	for (;;) {
		if (r->bpos == r->blen) {
			if (r->eof)
				return r->pl.len > 0;
			r->blen = fread(r->blk, 1, BLOCK, r->fp);
			r->bpos = 0;
			r->bytes += r->blen;
			if (r->blen < BLOCK) {
				r->eof = 1;
				if (ferror(r->fp))
					r->ioerr = errno ? errno : EIO;
			}
			if (r->blen == 0)
				return r->pl.len > 0;
		}
		char *p = r->blk + r->bpos;
		size_t n = r->blen - r->bpos, i;

		/* a '\r' that ended the last block may be followed by '\n' */
		if (r->pl.len && r->pl.s[r->pl.len - 1] == '\r') {
			if (*p == '\n') {
				sb_putc(&r->pl, '\n');
				r->bpos++;
			}
			return 1;
		}
		for (i = 0; i < n; i++)
			if (p[i] == '\n' || p[i] == '\r')
				break;
		if (i == n) {
			if (r->pl.len + n <= REC_MAX)
				sb_add(&r->pl, p, n);
			else
				r->cut = 1;
			r->bpos = r->blen;
			continue;
		}
		if (r->pl.len + i + 1 <= REC_MAX)
			sb_add(&r->pl, p, i + 1);
		else
			r->cut = 1;
		r->bpos += i + 1;
		if (p[i] == '\n')
			return 1;
		/* '\r': look at what follows before deciding */
		if (r->bpos < r->blen) {
			if (r->blk[r->bpos] == '\n') {
				sb_putc(&r->pl, '\n');
				r->bpos++;
			}
			return 1;
		}
	}
}

/* The first line may start with a BOM: UTF-8 (skipped; it says UTF-8,
 * whatever --encoding said) or UTF-16 (refused later, with advice). */
static void
first_line(struct rec *r)
{
	const unsigned char *s = (const unsigned char *)r->pl.s;

	if (r->pl.len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	    (s[0] == 0xFE && s[1] == 0xFF)))
		r->utf16 = 1;
	if (r->pl.len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		r->bom = 1;
		memmove(r->pl.s, r->pl.s + 3, r->pl.len - 3 + 1);
		r->pl.len -= 3;
		if (r->cd != (iconv_t)-1) {
			warnf("%s: starts with a UTF-8 BOM: reading it as UTF-8",
			    file_label(r->name));
			iconv_close(r->cd);
			r->cd = (iconv_t)-1;
		}
	}
}

/* the next line, converted: 0 at the end */
static int
next_line(struct rec *r)
{
	char *in;
	size_t inleft;

	if (r->peeked) {
		r->peeked = 0;
		return 1;
	}
	if (!read_line(r))
		return 0;
	if (++r->lineno == 1)
		first_line(r);
	r->conv_bad = 0;
	if (r->cd == (iconv_t)-1)
		return 1;
	in = r->pl.s;
	inleft = r->pl.len;
	sb_reset(&r->conv);
	while (inleft > 0) {
		char tmp[4096], *out = tmp;
		size_t outleft = sizeof tmp;
		size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);

		sb_add(&r->conv, tmp, sizeof tmp - outleft);
		if (rc == (size_t)-1 && errno != E2BIG) {
			/* a byte that is not GB18030: mark it and go on, so the
			 * parser stays in step and the record is rejected */
			r->conv_bad = 1;
			sb_add(&r->conv, "\xEF\xBF\xBD", 3);
			in++;
			inleft--;
			iconv(r->cd, NULL, NULL, NULL, NULL);
		}
	}
	return 1;
}

static const char *
cur_text(struct rec *r, size_t *len)
{
	if (r->cd == (iconv_t)-1) {
		*len = r->pl.len;
		return r->pl.s;
	}
	*len = r->conv.len;
	return r->conv.s;
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static void
set_bad(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
set_bad(struct rec *r, const char *fmt, ...)
{
	va_list ap;

	if (r->bad)
		return;
	r->bad = 1;
	sb_reset(&r->why);
	va_start(ap, fmt);
	sb_vprintf(&r->why, fmt, ap);
	va_end(ap);
}

static void
clear_record(struct rec *r)
{
	int i;

	sb_reset(&r->vals);
	sb_reset(&r->raw);
	for (i = 0; i < r->nfields; i++) {
		r->off[i] = r->len[i] = 0;
		r->has[i] = 0;
	}
	r->bad = 0;
	r->col = 0;
	r->ended = 0;
	r->nonblank = 0;
	r->extra = 0;
}

/* drop the blanks text_trim() drops, knowing the length */
static void
trim(const char **s, size_t *n)
{
	const char *p = *s, *e = p + *n;

	for (;;) {
		if (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		else if (e - p >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0)
			p += 3;
		else
			break;
	}
	for (;;) {
		if (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
		    e[-1] == '\n'))
			e--;
		else if (e - p >= 3 && memcmp(e - 3, "\xE3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	*s = p;
	*n = (size_t)(e - p);
}

/* keep a value for field i, trimmed; checks what every value must be */
static void
put_value(struct rec *r, int i, const char *s, size_t n)
{
	size_t bad;

	r->has[i] = 1;
	if (memchr(s, '\0', n)) {
		set_bad(r, "a NUL byte in '%s'", r->fields[i]);
		return;
	}
	if (!utf8_valid(s, n, &bad)) {
		if (r->cd == (iconv_t)-1)
			set_bad(r, "'%s' is not valid UTF-8 (byte %zu); "
			    "a file saved by Excel on Chinese Windows needs "
			    "--encoding gb18030", r->fields[i], bad + 1);
		else
			set_bad(r, "'%s' is not valid %s", r->fields[i],
			    "GB18030");
		return;
	}
	trim(&s, &n);
	r->off[i] = r->vals.len;
	r->len[i] = n;
	sb_add(&r->vals, s, n);
	sb_putc(&r->vals, '\0');
}

/* CSV */

static void
csv_field(void *s, size_t n, void *data)
{
	struct rec *r = data;
	int c = r->col++;

	if (r->header) {
		r->colname = xrealloc(r->colname, (size_t)r->col * sizeof *r->colname);
		r->colname[c] = xstrndup(s ? s : "", s ? n : 0);
		return;
	}
	if (s && !blank(s, n))
		r->nonblank = 1;
	if (c >= r->ncols) {
		if (s && !blank(s, n))
			r->extra = 1;
		return;
	}
	if (r->colmap[c] < 0) {
		if (s && !blank(s, n))
			set_bad(r, "a value in column %d, which has no name in "
			    "the header", c + 1);
		return;
	}
	put_value(r, r->colmap[c], s ? s : "", s ? n : 0);
}

static void
csv_row(int c, void *data)
{
	struct rec *r = data;

	(void)c;
	r->ended = 1;
}

static void
csv_reset(struct rec *r)
{
	if (r->csv_on)
		csv_free(&r->csv);
	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	r->csv_on = 1;
}

/* A line that begins a record and holds no quote is the whole record, its
 * fields between the commas: most lines of most files.  Split it here, as
 * libcsv would (it gets every line with a quote), for a third of the cost. */
static int
plain_line(struct rec *r, const char *s, size_t n)
{
	const char *e = s + n, *p = s, *comma;

	if (memchr(s, '"', n))
		return 0;
	while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	for (;;) {
		comma = memchr(p, ',', (size_t)(e - p));
		csv_field((void *)(uintptr_t)p, (size_t)((comma ? comma : e) - p),
		    r);
		if (!comma)
			break;
		p = comma + 1;
	}
	csv_row('\n', r);
	return 1;
}

/* Read one CSV record into r: 1, 0 at the end, -1 bad.  Lines are fed to
 * the parser one at a time, so that each record knows its lines. */
static int
csv_record(struct rec *r)
{
	for (;;) {
		size_t n;
		const char *s;
		int fresh;

		if (!next_line(r)) {
			if (r->raw.len == 0)
				return 0;
			/* the input ended inside a record */
			if (csv_fini(&r->csv, csv_field, csv_row, r) != 0) {
				set_bad(r, "a quoted field opened on line %ld "
				    "is never closed", r->line);
				csv_reset(r);
			}
			return r->bad ? -1 : 1;
		}
		s = cur_text(r, &n);
		fresh = r->raw.len == 0;
		if (fresh) {
			if (blank(s, n))
				continue;
			r->line = r->lineno;
		}
		sb_add(&r->raw, r->pl.s, r->pl.len);
		if (r->conv_bad)
			set_bad(r, "line %ld is not valid GB18030", r->lineno);
		/* a line cut at the limit lost its end, and with it the
		 * quote that closed a field: the parser would take the lines
		 * after it into that field, good rows and all.  The record
		 * is rejected here, and the next line starts a new one */
		if (r->raw.len > REC_MAX || r->cut) {
			set_bad(r, "the record is longer than %u MiB",
			    REC_MAX >> 20);
			csv_reset(r);
			return -1;
		}
		if (fresh && plain_line(r, s, n))
			return 1;
		if (csv_parse(&r->csv, s, n, csv_field, csv_row, r) != n) {
			set_bad(r, "broken quoting on line %ld (a quote inside "
			    "an unquoted field, or text after a closing "
			    "quote)", r->lineno);
			csv_reset(r);
			return -1;
		}
		if (r->ended)
			return 1;
	}
}

static int
field_index(const struct rec *r, const char *name)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		if (strcasecmp(r->fields[i], name) == 0)
			return i;
	return -1;
}

static void
known_fields(const struct rec *r, struct sbuf *b)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		sb_printf(b, "%s%s", i ? ", " : "", r->fields[i]);
}

static int
csv_header(struct rec *r, struct sbuf *err)
{
	int i, rc;

	r->header = 1;
	r->col = 0;
	sb_reset(&r->raw);
	rc = csv_record(r);
	r->header = 0;
	r->ncols = r->col;
	if (rc == 0) {
		r->empty = 1;
		return 0;
	}
	sb_add(&r->hraw, r->raw.s, r->raw.len);
	if (rc < 0) {
		sb_printf(err, "%s:%ld: bad header row: %s",
		    file_label(r->name), r->line, sb_str(&r->why));
		return -1;
	}
	r->colmap = xcalloc((size_t)r->ncols, sizeof *r->colmap);
	for (i = 0; i < r->ncols; i++) {
		char *name = text_trim(r->colname[i]);
		int f, j;

		r->colmap[i] = -1;
		if (!*name)
			continue;
		if (!utf8_valid(name, strlen(name), NULL)) {
			sb_printf(err, "%s:%ld: the header is not valid UTF-8; "
			    "a file saved by Excel on Chinese Windows needs "
			    "--encoding gb18030", file_label(r->name), r->line);
			return -1;
		}
		if ((f = field_index(r, name)) < 0) {
			sb_printf(err, "%s:%ld: unknown column '%s' (known: ",
			    file_label(r->name), r->line, name);
			known_fields(r, err);
			sb_puts(err, ")");
			return -1;
		}
		for (j = 0; j < i; j++)
			if (r->colmap[j] == f) {
				sb_printf(err, "%s:%ld: column '%s' appears "
				    "twice", file_label(r->name), r->line,
				    name);
				return -1;
			}
		r->colmap[i] = f;
	}
	for (i = 0; i < r->nfields; i++) {
		int j, found = 0;

		if (!r->required[i])
			continue;
		for (j = 0; j < r->ncols; j++)
			found |= r->colmap[j] == i;
		if (!found) {
			sb_printf(err, "%s:%ld: no column '%s' (it is required)",
			    file_label(r->name), r->line, r->fields[i]);
			return -1;
		}
	}
	return 0;
}

/* JSON Lines */

static void
json_value(struct rec *r, int i, json_t *v, struct sbuf *tmp)
{
	size_t k;
	json_t *e;

	sb_reset(tmp);
	switch (json_typeof(v)) {
	case JSON_NULL:
		r->has[i] = 1;
		return;
	case JSON_STRING:
		put_value(r, i, json_string_value(v), json_string_length(v));
		return;
	case JSON_INTEGER:
		sb_printf(tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		sb_printf(tmp, "%.15g", json_real_value(v));
		if (strtod(sb_str(tmp), NULL) != json_real_value(v)) {
			sb_reset(tmp);
			sb_printf(tmp, "%.17g", json_real_value(v));
		}
		break;
	case JSON_TRUE:
		sb_puts(tmp, "1");
		break;
	case JSON_FALSE:
		sb_puts(tmp, "0");
		break;
	case JSON_ARRAY:
		/* tags and assisting units may come as a list */
		json_array_foreach(v, k, e) {
			if (!json_is_string(e)) {
				set_bad(r, "'%s' must be a list of strings",
				    r->fields[i]);
				return;
			}
			if (k)
				sb_putc(tmp, ';');
			sb_puts(tmp, json_string_value(e));
		}
		break;
	default:
		set_bad(r, "'%s' must be a string, a number or a list",
		    r->fields[i]);
		return;
	}
	put_value(r, i, sb_str(tmp), tmp->len);
}

static int
jsonl_record(struct rec *r)
{
	json_error_t je;
	json_t *obj, *v;
	const char *key;
	struct sbuf tmp = { 0 };
	size_t n;
	const char *s;

	do {
		if (!next_line(r))
			return 0;
		s = cur_text(r, &n);
	} while (blank(s, n));
	r->line = r->lineno;
	sb_add(&r->raw, r->pl.s, r->pl.len);
	if (r->conv_bad) {
		set_bad(r, "line %ld is not valid GB18030", r->lineno);
		return -1;
	}
	obj = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
	if (!obj) {
		set_bad(r, "bad JSON at column %d: %s", je.column, je.text);
		return -1;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		set_bad(r, "not a JSON object");
		return -1;
	}
	json_object_foreach(obj, key, v) {
		int i = field_index(r, key);

		if (i < 0) {
			struct sbuf known = { 0 };

			known_fields(r, &known);
			set_bad(r, "unknown field '%s' (known: %s)", key,
			    sb_str(&known));
			sb_free(&known);
			break;
		}
		json_value(r, i, v, &tmp);
	}
	sb_free(&tmp);
	json_decref(obj);
	return r->bad ? -1 : 1;
}

static int
detect(struct rec *r, struct sbuf *err)
{
	const char *s;
	size_t n, i = 0;

	/* find the first line that is not blank, and keep it */
	do {
		if (!next_line(r)) {
			if (r->ioerr) {
				sb_printf(err, "cannot read '%s': %s",
				    file_label(r->name), strerror(r->ioerr));
				return -1;
			}
			r->empty = 1;
			return 0;
		}
		if (r->utf16) {
			sb_printf(err, "%s: the file is UTF-16 (Excel's "
			    "\"Unicode Text\"); save it as \"CSV UTF-8\"",
			    file_label(r->name));
			return -1;
		}
		s = cur_text(r, &n);
	} while (blank(s, n));
	r->peeked = 1;
	if (r->fmt == REC_AUTO) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		r->fmt = i < n && s[i] == '{' ? REC_JSONL : REC_CSV;
	}
	return 0;
}

struct rec *
rec_open_fp(FILE *fp, const char *name, enum rec_format fmt,
    const char *encoding, const char *const *fields, const int *required,
    int nfields, struct sbuf *err)
{
	struct rec *r = xcalloc(1, sizeof *r);
	const char *cs = iconv_name(encoding);

	r->fp = fp;
	r->name = xstrdup(name);
	r->fmt = fmt;
	r->fields = fields;
	r->required = required;
	r->nfields = nfields;
	r->off = xcalloc((size_t)nfields, sizeof *r->off);
	r->len = xcalloc((size_t)nfields, sizeof *r->len);
	r->has = xcalloc((size_t)nfields, 1);
	r->blk = xmalloc(BLOCK);
	r->cd = (iconv_t)-1;
	if (!cs) {
		sb_printf(err, "unknown encoding '%s' (use utf-8, gb18030 or "
		    "gbk)", encoding);
		goto fail;
	}
	if (*cs && (r->cd = iconv_open("UTF-8", cs)) == (iconv_t)-1) {
		sb_printf(err, "cannot read %s on this system", cs);
		goto fail;
	}
	if (detect(r, err) < 0)
		goto fail;
	if (r->empty)
		return r;
	if (r->fmt == REC_CSV) {
		csv_reset(r);
		if (csv_header(r, err) < 0)
			goto fail;
	}
	return r;
fail:
	rec_close(r);
	return NULL;
}

struct rec *
rec_open(const char *path, enum rec_format fmt, const char *encoding,
    const char *const *fields, const int *required, int nfields,
    struct sbuf *err)
{
	FILE *fp;
	struct rec *r;
	struct stat sb;

	if (strcmp(path, "-") == 0)
		return rec_open_fp(stdin, "-", fmt, encoding, fields, required,
		    nfields, err);
	if (!(fp = fopen(path, "rb"))) {
		sb_printf(err, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	/* fopen() opens a directory, whose reads then fail: it would read
	 * as an empty file */
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		sb_printf(err, "cannot read '%s': is a directory", path);
		fclose(fp);
		return NULL;
	}
	r = rec_open_fp(fp, path, fmt, encoding, fields, required, nfields,
	    err);
	if (r)
		r->own = 1;
	else
		fclose(fp);
	return r;
}

int
rec_next(struct rec *r, struct sbuf *err)
{
	int rc, i;

	if (r->empty)
		return 0;
	clear_record(r);
	rc = r->fmt == REC_JSONL ? jsonl_record(r) : csv_record(r);
	if (r->ioerr) {
		sb_printf(err, "%s: cannot read: %s", file_label(r->name),
		    strerror(r->ioerr));
		return -2;
	}
	if (rc == 0)
		return 0;
	if (rc > 0 && r->fmt == REC_CSV) {
		if (!r->nonblank && !r->bad)
			return rec_next(r, err);  /* a row of empty cells */
		if (r->extra)
			set_bad(r, "%d fields, but the header has %d",
			    r->col, r->ncols);
		else if (r->col < r->ncols)
			set_bad(r, "%d fields, but the header has %d",
			    r->col, r->ncols);
	}
	for (i = 0; !r->bad && i < r->nfields; i++)
		if (r->required[i] && r->fmt == REC_JSONL && !r->has[i])
			set_bad(r, "no field '%s' (it is required)",
			    r->fields[i]);
	if (r->bad) {
		sb_reset(err);
		sb_add(err, r->why.s, r->why.len);
		return -1;
	}
	return 1;
}

const char *
rec_get(const struct rec *r, int i)
{
	if (i < 0 || i >= r->nfields || !r->has[i] || r->len[i] == 0)
		return NULL;
	return r->vals.s + r->off[i];
}

int
rec_has(const struct rec *r, int i)
{
	return i >= 0 && i < r->nfields && r->has[i];
}

long
rec_line(const struct rec *r)
{
	return r->line;
}

const char *
rec_raw(const struct rec *r, size_t *len)
{
	*len = r->raw.len;
	return sb_str((struct sbuf *)&r->raw);
}

const char *
rec_header_raw(const struct rec *r, size_t *len)
{
	if (r->fmt != REC_CSV || r->empty) {
		*len = 0;
		return NULL;
	}
	*len = r->hraw.len;
	return r->hraw.s;
}

const char *
rec_name(const struct rec *r)
{
	return r->name;
}

enum rec_format
rec_format(const struct rec *r)
{
	return r->fmt;
}

int
rec_bom(const struct rec *r)
{
	return r->bom;
}

int
rec_empty(const struct rec *r)
{
	return r->empty;
}

long long
rec_bytes(const struct rec *r)
{
	return r->bytes;
}

void
rec_close(struct rec *r)
{
	int i;

	if (!r)
		return;
	if (r->own)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->csv_on)
		csv_free(&r->csv);
	for (i = 0; r->colname && i < r->ncols; i++)
		free(r->colname[i]);
	free(r->colname);
	free(r->colmap);
	free(r->off);
	free(r->len);
	free(r->has);
	free(r->blk);
	free(r->name);
	sb_free(&r->pl);
	sb_free(&r->conv);
	sb_free(&r->hraw);
	sb_free(&r->vals);
	sb_free(&r->raw);
	sb_free(&r->why);
	free(r);
}
