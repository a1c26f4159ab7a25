/* assign.c - the shares and runs of balanced pairing (lib/assign.c): loads
 * end level within one household, existing loads counted, caps kept, and
 * every cadre takes one contiguous run of the households in order. */
#include <stdlib.h>

#include "grid_assign.h"
#include "tap.h"

#define K(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int
same(const long *a, const long *b, int k)
{
	int i;

	for (i = 0; i < k; i++)
		if (a[i] != b[i]) {
			printf("#   at %d: got %ld, want %ld\n", i, a[i], b[i]);
			return 0;
		}
	return 1;
}

static void
test_share(void)
{
	long q[4];

	{
		long load[] = { 0, 0, 0 }, want[] = { 4, 3, 3 };

		is_int(grid_assign_share(load, 3, 10, 0, q), 10, "10 households, 3 "
		    "empty cadres: all placed");
		ok(same(q, want, 3), "4, 3, 3: the one left over goes to the "
		    "first");
	}
	{
		long load[] = { 5, 0, 2 }, want[] = { 0, 3, 1 };

		grid_assign_share(load, 3, 4, 0, q);
		ok(same(q, want, 3), "existing loads count: 4 new bring 0 and "
		    "2 up to 3, the cadre with 5 gets none");
	}
	{
		long load[] = { 5, 0, 2 }, want[] = { 0, 4, 1 };

		grid_assign_share(load, 3, 5, 0, q);
		ok(same(q, want, 3), "one more: the first cadre at the level "
		    "takes it (5, 4, 3)");
	}
	{
		long load[] = { 0, 0 }, want[] = { 3, 3 };

		is_int(grid_assign_share(load, 2, 10, 3, q), 6, "a cap of 3: 6 of 10 "
		    "placed");
		ok(same(q, want, 2), "each cadre up to the cap");
	}
	{
		long load[] = { 5, 0 }, want[] = { 0, 3 };

		is_int(grid_assign_share(load, 2, 10, 3, q), 3, "a cadre above the cap "
		    "keeps his and takes none");
		ok(same(q, want, 2), "the other fills to the cap");
	}
	{
		long load[] = { 0, 0, 0 }, want[] = { 3, 2, 2 };

		is_int(grid_assign_share(load, 3, 7, 3, q), 7, "a cap not reached: all "
		    "placed");
		ok(same(q, want, 3), "3, 2, 2");
	}
	{
		long load[] = { 1, 1 }, want[] = { 0, 0 };

		is_int(grid_assign_share(load, 2, 0, 0, q), 0, "nothing to share");
		ok(same(q, want, 2), "no quotas");
	}
	is_int(grid_assign_share(NULL, 0, 5, 0, q), 0, "no cadres: nothing placed");
}

/* random pools: all placed, receivers end within one of the lowest load */
static void
test_share_random(void)
{
	long load[40], q[40], fin, lo, hi, sum;
	int t, i, k, bad = 0;

	srand(2013);
	for (t = 0; t < 2000 && !bad; t++) {
		long n = rand() % 500;

		k = 1 + rand() % 40;
		for (i = 0; i < k; i++)
			load[i] = rand() % 4 ? rand() % 50 : 0;
		if (grid_assign_share(load, k, n, 0, q) != n)
			bad = 1;
		lo = -1;
		hi = -1;
		sum = 0;
		for (i = 0; i < k; i++) {
			fin = load[i] + q[i];
			sum += q[i];
			if (q[i] < 0)
				bad = 1;
			if (lo < 0 || fin < lo)
				lo = fin;
			if (q[i] > 0 && fin > hi)
				hi = fin;
		}
		if (sum != n || (hi >= 0 && hi > lo + 1))
			bad = 1;
	}
	ok(!bad, "2000 random pools: every household placed, and no cadre "
	    "who took any ends more than one above the lowest");
}

static void
test_runs(void)
{
	long quota[] = { 2, 0, 3 };
	int want[] = { 0, 0, 2, 2, 2, -1, -1 }, i, good = 1;
	struct grid_assign_run r;

	grid_assign_run_init(&r, quota, K(quota));
	for (i = 0; i < K(want); i++)
		good &= grid_assign_next(&r) == want[i];
	ok(good, "runs: 0 0 2 2 2, a cadre with no share is skipped, then "
	    "none");

	grid_assign_run_init(&r, NULL, 0);
	is_int(grid_assign_next(&r), -1, "no cadres: none");
}

/* share 100 households among 7 cadres and hand them out: each cadre's
 * households are one contiguous run, and the loads are level */
static void
test_contiguous(void)
{
	long load[7] = { 0 }, q[7], got[7] = { 0 };
	int owner[100], i, c, runs = 0, good = 1;
	struct grid_assign_run r;

	grid_assign_share(load, 7, 100, 0, q);
	grid_assign_run_init(&r, q, 7);
	for (i = 0; i < 100; i++) {
		owner[i] = c = grid_assign_next(&r);
		got[c]++;
		if (i > 0 && owner[i] != owner[i - 1])
			runs++;
		if (i > 0 && owner[i] < owner[i - 1])
			good = 0;
	}
	ok(good && runs == 6, "100 households, 7 cadres: 7 runs in the "
	    "cadres' order");
	for (i = 0; i < 7; i++)
		good &= got[i] == (i < 2 ? 15 : 14);
	ok(good, "15, 15, 14, 14, 14, 14, 14");
}

int
main(void)
{
	test_share();
	test_share_random();
	test_runs();
	test_contiguous();
	return done_testing();
}
