/* rng.c - the reproducible generator of public draws (lib/rng.c).  The
 * expected numbers come from tests/unit/rng-ref.py, written separately
 * from the published algorithms, and from the authors' test vectors. */
#include <stdint.h>

#include "rng.h"
#include "tap.h"

static void
test_fnv(void)
{
	ok(rng_fnv1a("") == 0xcbf29ce484222325ULL, "FNV-1a of \"\" is the "
	    "offset basis");
	ok(rng_fnv1a("a") == 0xaf63dc4c8601ec8cULL, "FNV-1a of \"a\" "
	    "(published test vector)");
	ok(rng_fnv1a("foobar") == 0x85944171f73967e8ULL, "FNV-1a of "
	    "\"foobar\" (published test vector)");
	ok(rng_fnv1a("2013") == 0x183aa70b3588e13bULL, "FNV-1a of \"2013\"");
	ok(rng_fnv1a("沂水") == 0x930cecdfc2977859ULL, "FNV-1a of \"沂水\" "
	    "hashes its UTF-8 bytes");
}

static void
test_xoshiro(void)
{
	/* the reference implementation from state {1, 2, 3, 4} */
	struct rng r = { { 1, 2, 3, 4 } };

	ok(rng_next(&r) == 11520, "xoshiro256** from {1,2,3,4}: 1st");
	ok(rng_next(&r) == 0, "2nd");
	ok(rng_next(&r) == 1509978240, "3rd");
	ok(rng_next(&r) == 1215971899390074240ULL, "4th");
}

static void
test_seed_2013(void)
{
	struct rng r;

	rng_seed(&r, "2013");
	ok(rng_next(&r) == 0x4dee7ccf31515998ULL, "seed 2013: 1st output");
	ok(rng_next(&r) == 0x21d95e09ba336835ULL, "seed 2013: 2nd output");
	ok(rng_next(&r) == 0x238e2b101fab5d88ULL, "seed 2013: 3rd output");

	rng_seed(&r, "");
	ok(rng_next(&r) == 0x21382ef092ed7068ULL, "seed \"\": 1st output");
}

static void
below_seq(const char *seed, uint64_t n, const uint64_t *want, int k)
{
	struct rng r;
	int i, same = 1;

	rng_seed(&r, seed);
	for (i = 0; i < k; i++) {
		uint64_t v = rng_below(&r, n);

		if (v != want[i]) {
			printf("# draw %d: got %llu, want %llu\n", i,
			    (unsigned long long)v, (unsigned long long)want[i]);
			same = 0;
		}
	}
	ok(same, "seed \"%s\": the first %d draws below %llu", seed, k,
	    (unsigned long long)n);
}

static void
test_below(void)
{
	static const uint64_t six[] = { 0, 3, 4, 2, 1, 1, 3, 0, 0, 4 };
	static const uint64_t cadres[] = { 26540, 44457, 30664, 1690, 13765 };
	/* about half of all words are rejected for this n */
	static const uint64_t big[] = {
		2699199988623230716ULL, 3260928906193989196ULL,
		3382638224709315066ULL, 4801755779891893585ULL,
		879937576772378753ULL
	};

	below_seq("2013", 6, six, 10);
	below_seq("2013", 45388, cadres, 5);
	below_seq("2013", (1ULL << 63) + 1, big, 5);
}

static void
test_range(void)
{
	static const uint64_t ns[] = {
		1, 2, 3, 7, 100, 45388, 1ULL << 32, (1ULL << 63) + 1,
		UINT64_MAX
	};
	struct rng r;
	size_t i;
	int j, out = 0;

	rng_seed(&r, "range");
	for (i = 0; i < sizeof ns / sizeof ns[0]; i++)
		for (j = 0; j < 10000; j++)
			out += rng_below(&r, ns[i]) >= ns[i];
	is_int(out, 0, "rng_below(n) < n for n from 1 to 2^64-1");
}

static void
test_uniform(void)
{
	long count[6] = { 0 };
	struct rng r;
	int i, fair = 1;

	rng_seed(&r, "2013");
	for (i = 0; i < 60000; i++)
		count[rng_below(&r, 6)]++;
	for (i = 0; i < 6; i++) {
		printf("# %d: %ld\n", i, count[i]);
		fair &= count[i] >= 9000 && count[i] <= 11000;
	}
	ok(fair, "60000 draws below 6: each face 9000..11000 times");
}

static void
test_repeat(void)
{
	struct rng a, b, c;
	int i, same = 1, differ = 0;

	rng_seed(&a, "沂水 2013-11");
	rng_seed(&b, "沂水 2013-11");
	rng_seed(&c, "沂水 2013-12");
	for (i = 0; i < 1000; i++) {
		uint64_t x = rng_next(&a);

		same &= x == rng_next(&b);
		differ += x != rng_next(&c);
	}
	ok(same, "the same seed draws the same");
	ok(differ > 990, "another seed draws otherwise");
}

int
main(void)
{
	test_fnv();
	test_xoshiro();
	test_seed_2013();
	test_below();
	test_range();
	test_uniform();
	test_repeat();
	return done_testing();
}
