/*
 * rec.c - a libFuzzer target for the record reader: any bytes, as CSV or
 * JSON Lines, as UTF-8 or GB18030, must give records or reasons, never a
 * crash, a leak or undefined behaviour.  tests/0005-fuzz.t runs it briefly;
 * run it longer by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ilib \
 *     tests/fuzz/rec.c lib/rec.c lib/text.c lib/util.c -lcsv -ljansson
 *   ./a.out -max_total_time=600 tests/fuzz/corpus
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rec.h"

static const char *const fields[] = { "code", "head", "grid", "id_number",
	"phone", "address", "members", "tags" };
static const int required[] = { 1, 1, 1, 0, 0, 0, 0, 0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf err = { 0 };
	struct rec *r;
	FILE *fp;
	int rc, i, mode;
	size_t len;

	if (size < 1)
		return 0;
	/* the first byte picks the format and the encoding */
	mode = data[0];
	fp = fmemopen((void *)(data + 1), size - 1, "rb");
	if (!fp)
		return 0;
	r = rec_open_fp(fp, "fuzz", (enum rec_format)(mode % 3),
	    mode & 4 ? "gb18030" : "utf-8", fields, required, 8, &err);
	if (r) {
		while ((rc = rec_next(r, &err)) != 0 && rc != -2) {
			for (i = 0; i < 8; i++) {
				const char *v = rec_get(r, i);

				if (v && strlen(v) > size * 4)
					__builtin_trap();
				(void)rec_has(r, i);
			}
			(void)rec_raw(r, &len);
			(void)rec_line(r);
		}
		(void)rec_header_raw(r, &len);
		rec_close(r);
	}
	fclose(fp);
	sb_free(&err);
	return 0;
}
