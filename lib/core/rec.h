/*
 * rec.h - records in: CSV (RFC 4180, with a header row) or JSON Lines (one
 * object a line, the same field names), behind one reader, so a program
 * never cares which came in.
 *
 * The format is told by the content (JSON Lines starts with '{') unless
 * forced.  A UTF-8 BOM is skipped; gb18030 or gbk input (what Excel on
 * Chinese Windows saves) is converted with iconv, one line at a time.  Every
 * record knows the line it started on and its raw bytes, as they were in the
 * file, so a bad one can be named by line and written out for correction.
 *
 * The reader reads one line at a time: memory does not grow with the file,
 * only with the longest record.
 */
#ifndef GK_REC_H
#define GK_REC_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

enum rec_format { REC_AUTO, REC_CSV, REC_JSONL };

struct rec;

/* "csv" or "jsonl" → format; 0 on success */
int rec_parse_format(const char *s, enum rec_format *f);
/* a valid --encoding value? "utf-8", "utf8", "gb18030", "gbk" */
int rec_valid_encoding(const char *enc);

/* open a file ("-" is stdin) for reading records of the named fields;
 * required[i] says whether field i is required.  For CSV the header row is
 * read now: unknown, duplicate and missing required columns are reported in
 * err with the line, and NULL is returned.  An empty file gives a reader
 * that has no records (rec_empty() is then 1). */
struct rec *rec_open(const char *path, enum rec_format fmt,
    const char *encoding, const char *const *fields, const int *required,
    int nfields, struct sbuf *err);
/* the same on a stream that the reader does not close */
struct rec *rec_open_fp(FILE *fp, const char *name, enum rec_format fmt,
    const char *encoding, const char *const *fields, const int *required,
    int nfields, struct sbuf *err);

/* 1: the next record was read; 0: end of input; -1: a bad record, the
 * reason in err (rec_line and rec_raw name it); -2: the input cannot be
 * read (an I/O error), the reason in err */
int rec_next(struct rec *r, struct sbuf *err);

/* field i of the current record, trimmed; NULL when absent or empty */
const char *rec_get(const struct rec *r, int i);
/* whether field i is a column of this file (CSV) or a key of this record
 * (JSON Lines), even if empty: an update may clear it only then */
int rec_has(const struct rec *r, int i);

long rec_line(const struct rec *r);       /* the line the record began on */
const char *rec_raw(const struct rec *r, size_t *len); /* its raw bytes */
/* the raw header line (CSV, with its newline), NULL for JSON Lines */
const char *rec_header_raw(const struct rec *r, size_t *len);
const char *rec_name(const struct rec *r); /* the file's name */
enum rec_format rec_format(const struct rec *r);
int rec_bom(const struct rec *r);          /* whether it began with a BOM */
int rec_empty(const struct rec *r);        /* no header, no records */
long long rec_bytes(const struct rec *r);  /* bytes read so far */
void rec_close(struct rec *r);

#endif
