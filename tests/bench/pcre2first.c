/*
 * pcre2first.c - for check-gen.sh: which routing pattern PCRE2 matches first.
 *
 *   pcre2first PATTERNS TEXTS
 *
 * PATTERNS and TEXTS hold one per line.  Every pattern is compiled twice,
 * with and without PCRE2_UTF, and JIT-compiled; for every text, prints the
 * index of the first pattern that matches it (-1 for none).  Exits 1 if a
 * pattern does not compile or the two compilations disagree on a text: the
 * generator promises patterns that mean the same either way.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **
lines(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "r");
	char **v = NULL, *line = NULL;
	size_t cap = 0, vcap = 0;
	ssize_t len;

	if (!fp) {
		perror(path);
		exit(1);
	}
	*n = 0;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (*n == vcap) {
			vcap = vcap ? 2 * vcap : 256;
			if (!(v = realloc(v, vcap * sizeof *v)))
				exit(1);
		}
		v[(*n)++] = strdup(line);
	}
	free(line);
	fclose(fp);
	return v;
}

static pcre2_code *
compile(const char *pat, uint32_t flags, size_t i)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    flags, &err, &off, NULL);
	PCRE2_UCHAR msg[256];

	if (!re) {
		pcre2_get_error_message(err, msg, sizeof msg);
		fprintf(stderr, "pattern %zu '%s': %s at %zu\n", i, pat,
		    (char *)msg, (size_t)off);
		exit(1);
	}
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0)
		fprintf(stderr, "pattern %zu: no JIT\n", i);
	return re;
}

static int
match(pcre2_code *re, const char *s, pcre2_match_data *md)
{
	return pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) >= 0;
}

int
main(int argc, char **argv)
{
	size_t np, nt;
	char **pat, **txt;
	pcre2_code **utf, **raw;
	pcre2_match_data *md;

	if (argc != 3) {
		fputs("usage: pcre2first patterns texts\n", stderr);
		return 2;
	}
	pat = lines(argv[1], &np);
	txt = lines(argv[2], &nt);
	utf = calloc(np + 1, sizeof *utf);
	raw = calloc(np + 1, sizeof *raw);
	for (size_t i = 0; i < np; i++) {
		utf[i] = compile(pat[i], PCRE2_UTF, i);
		raw[i] = compile(pat[i], 0, i);
	}
	md = pcre2_match_data_create(1, NULL);
	for (size_t t = 0; t < nt; t++) {
		long first = -1;
		for (size_t i = 0; i < np; i++) {
			int a = match(utf[i], txt[t], md);
			if (a != match(raw[i], txt[t], md)) {
				fprintf(stderr, "pattern %zu means otherwise "
				    "without PCRE2_UTF on '%s'\n", i, txt[t]);
				return 1;
			}
			if (a && first < 0)
				first = (long)i;
		}
		printf("%ld\n", first);
	}
	return 0;
}
