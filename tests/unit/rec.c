/* unit tests of lib/rec.c: CSV and JSON Lines behind one reader */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec.h"
#include "tap.h"

static const char *const fields[] = { "code", "name", "note" };
static const int required[] = { 1, 1, 0 };

static struct rec *
open_str(const char *data, size_t len, enum rec_format fmt, const char *enc,
    struct sbuf *err)
{
	FILE *fp = fmemopen((void *)data, len, "rb");

	return rec_open_fp(fp, "t.csv", fmt, enc, fields, required, 3, err);
}

/* read all records: "code|name|note" a record, "!line:why" a bad one */
static char *
read_all(const char *data, size_t len, enum rec_format fmt, const char *enc)
{
	static char out[4096];
	struct sbuf err = { 0 }, b = { 0 };
	struct rec *r = open_str(data, len, fmt, enc, &err);
	int rc, i;

	if (!r) {
		snprintf(out, sizeof out, "open: %s", sb_str(&err));
		sb_free(&err);
		return out;
	}
	while ((rc = rec_next(r, &err)) != 0) {
		if (rc < 0) {
			sb_printf(&b, "!%ld:%s;", rec_line(r), sb_str(&err));
			if (rc == -2)
				break;
			continue;
		}
		for (i = 0; i < 3; i++)
			sb_printf(&b, "%s%s", i ? "|" : "",
			    rec_get(r, i) ? rec_get(r, i) : "-");
		sb_printf(&b, "@%ld;", rec_line(r));
	}
	snprintf(out, sizeof out, "%s", sb_str(&b));
	rec_close(r);
	sb_free(&err);
	sb_free(&b);
	return out;
}

#define ALL(s) read_all((s), sizeof(s) - 1, REC_AUTO, NULL)

int
main(void)
{
	struct sbuf err = { 0 };
	struct rec *r;
	size_t len;
	const char *raw;
	enum rec_format f;

	/* plain CSV, any column order, blanks trimmed, empty is absent */
	is_str(ALL("name,code,note\n张三,H1,\n 李四 , H2 ,x\n"),
	    "H1|张三|-@2;H2|李四|x@3;", "CSV with the columns in any order");
	is_str(ALL("code,name\r\nH1,a\r\nH2,b"), "H1|a|-@2;H2|b|-@3;",
	    "CRLF, and no newline at the end");
	is_str(ALL("code,name\rH1,a\rH2,b\r"), "H1|a|-@2;H2|b|-@3;",
	    "old Mac line ends (CR only)");
	is_str(ALL("\xEF\xBB\xBF" "code,name\nH1,a\n"), "H1|a|-@2;",
	    "a BOM is skipped");
	is_str(ALL("code,name\n\n\nH1,a\n,,\n \nH2,b\n"), "H1|a|-@4;H2|b|-@7;",
	    "blank lines and rows of empty cells are skipped, lines counted");
	is_str(ALL("code,name,note\nH1,\"a,b\",\"say \"\"hi\"\"\"\n"),
	    "H1|a,b|say \"hi\"@2;", "quoted commas and quotes");
	is_str(ALL("code,name,note\nH1,\"two\nlines\",x\nH2,c,y\n"),
	    "H1|two\nlines|x@2;H2|c|y@4;",
	    "a quoted newline: the next record is on line 4");
	is_str(ALL("code,name\nH1,a,b\nH2\nH3,c\n"),
	    "!2:3 fields, but the header has 2;!3:1 fields, but the header "
	    "has 2;H3|c|-@4;", "too many and too few fields");
	is_str(ALL("code,name\nH1,a,\nH2,b,,\n"), "H1|a|-@2;H2|b|-@3;",
	    "trailing empty cells past the header are allowed");
	is_str(ALL("code,name\nH1,a\"b\nH2,c\n"),
	    "!2:broken quoting on line 2 (a quote inside an unquoted field, "
	    "or text after a closing quote);H2|c|-@3;",
	    "a stray quote: the record is bad, the next one is read");
	is_str(ALL("code,name\nH1,\"open\nH2,c\n"),
	    "!2:a quoted field opened on line 2 is never closed;",
	    "an unclosed quote to the end of the file");
	is_str(ALL("code,name\nH1,\xff\nH2,b\n"),
	    "!2:'name' is not valid UTF-8 (byte 1); a file saved by Excel on "
	    "Chinese Windows needs --encoding gb18030;H2|b|-@3;",
	    "invalid UTF-8 names the field and gives a hint");
	is_str(ALL("code,name\nH1,a\0b\n"), "!2:a NUL byte in 'name';",
	    "a NUL byte");
	is_str(ALL("code,name,,\nH1,a,,\nH2,b,,x\n"),
	    "H1|a|-@2;!3:a value in column 4, which has no name in the "
	    "header;", "a column without a name must stay empty");

	/* header problems */
	is_str(ALL("code,nmae\nH1,a\n"),
	    "open: t.csv:1: unknown column 'nmae' (known: code, name, note)",
	    "an unknown column");
	is_str(ALL("code\nH1\n"),
	    "open: t.csv:1: no column 'name' (it is required)",
	    "a missing required column");
	is_str(ALL("code,name,CODE\n"),
	    "open: t.csv:1: column 'CODE' appears twice",
	    "a column twice, in any case");
	is_str(ALL("\xff\xfe" "c\0o\0d\0e\0"),
	    "open: t.csv: the file is UTF-16 (Excel's \"Unicode Text\"); save it "
	    "as \"CSV UTF-8\"", "UTF-16 is refused with advice");
	r = open_str("", 0, REC_AUTO, NULL, &err);
	ok(r && rec_empty(r) && rec_next(r, &err) == 0, "an empty file has no records");
	rec_close(r);

	/* raw bytes for --rejects */
	r = open_str("\xEF\xBB\xBF" "code,name\r\nH1,\"a\r\nb\"\r\n", 25,
	    REC_AUTO, NULL, &err);
	ok(r != NULL, "open with a BOM");
	raw = rec_header_raw(r, &len);
	ok(len == 11 && memcmp(raw, "code,name\r\n", 11) == 0,
	    "the raw header, without the BOM");
	ok(rec_bom(r), "the BOM is remembered");
	is_int(rec_next(r, &err), 1, "a record over two lines");
	raw = rec_raw(r, &len);
	ok(len == 11 && memcmp(raw, "H1,\"a\r\nb\"\r\n", 11) == 0,
	    "its raw bytes are both lines, as they were");
	rec_close(r);

	/* JSON Lines */
	is_str(ALL("{\"code\":\"H1\",\"name\":\"张三\"}\n\n{\"name\":\"b\",\"code\":7,"
	    "\"note\":[\"x\",\"y\"]}\n"), "H1|张三|-@1;7|b|x;y@3;",
	    "JSON Lines: strings, a number, a list");
	is_str(ALL("{\"code\":\"H1\",\"name\":\"a\",\"note\":null}\n"
	    "{\"code\":\"H2\",\"name\":true,\"note\":1.5}\n"),
	    "H1|a|-@1;H2|1|1.5@2;", "null, true and a real");
	is_str(ALL("{\"code\":\"H1\"}\n{\"code\":\"H2\",\"name\":\"b\",\"x\":1}\n"
	    "{\"code\":\n[1]\n{\"code\":\"H3\",\"name\":{}}\n"
	    "{\"code\":\"H4\",\"name\":\"d\",\"code\":\"H5\"}\n"),
	    "!1:no field 'name' (it is required);!2:unknown field 'x' (known: "
	    "code, name, note);!3:bad JSON at column 0: unexpected token near "
	    "end of file;!4:not a JSON object;"
	    "!5:'name' must be a string, a number or a list;"
	    "!6:bad JSON at column 30: duplicate object key near '\"code\"';",
	    "JSON Lines: every kind of bad line, each named");
	is_str(read_all("code,name\n{x}\n", 14, REC_JSONL, NULL),
	    "!1:bad JSON at column 4: '[' or '{' expected near 'code';"
	    "!2:bad JSON at column 2: string or '}' expected near 'x';",
	    "--format jsonl forces JSON");

	/* GB18030 */
	is_str(read_all("code,name\nH1,\xb3\xc2\xc8\xfd\n", 18, REC_AUTO,
	    "gb18030"), "H1|陈三|-@2;", "GB18030 is converted");
	is_str(read_all("code,name\nH1,\xb3\xc2\nH2,\x81\n", 21, REC_AUTO,
	    "gbk"), "H1|陈|-@2;!3:line 3 is not valid GB18030;",
	    "bytes that are not GB18030");
	r = open_str("code,name\n", 10, REC_AUTO, "latin1", &err);
	ok(r == NULL && strstr(sb_str(&err), "unknown encoding 'latin1'"),
	    "an unknown encoding");
	ok(!rec_valid_encoding("latin1") && rec_valid_encoding("GBK") &&
	    rec_valid_encoding("utf8"), "rec_valid_encoding");
	ok(rec_parse_format("jsonl", &f) == 0 && f == REC_JSONL &&
	    rec_parse_format("xml", &f) != 0, "rec_parse_format");

	/* a long field, a long file */
	{
		size_t n = 10 + 3 + 100000 + 1, i;
		char *big = malloc(n + 1);

		memcpy(big, "code,name\nH1,", 13);
		for (i = 13; i < n - 1; i++)
			big[i] = 'x';
		big[n - 1] = '\n';
		r = open_str(big, n, REC_AUTO, NULL, &err);
		ok(rec_next(r, &err) == 1 && strlen(rec_get(r, 1)) == 100000,
		    "a field of 100,000 characters is read whole");
		rec_close(r);
		free(big);
	}
	sb_free(&err);
	return done_testing();
}
