/*
 * scrub.c - for b-scrub.sh: how many texts a second the scrubber of free
 * text (lib/core/scrub.h) gets through, without the store around it.
 *
 *   scrub FILE ROUNDS
 *
 * FILE holds one text a line; each is scrubbed ROUNDS times (numbers only,
 * as the exports scrub).  Prints the texts a second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scrub.h"

int
main(int argc, char *argv[])
{
	struct sbuf b = { 0 };
	struct timespec t0, t1;
	char **v = NULL, line[8192];
	size_t n = 0, cap = 0, i, bytes = 0;
	long r, rounds;
	FILE *fp;
	double secs;

	if (argc != 3 || !(fp = fopen(argv[1], "r")))
		return 2;
	rounds = atol(argv[2]);
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (n == cap)
			v = xrealloc(v, (cap = cap ? 2 * cap : 256) * sizeof *v);
		v[n++] = xstrdup(line);
	}
	fclose(fp);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++)
			bytes += strlen(scrub_str(NULL, v[i], &b));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%.0f\n", secs > 0 ? (double)n * (double)rounds / secs : 0.0);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	sb_free(&b);
	return bytes == 0;
}
