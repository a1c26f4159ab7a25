#include <stdint.h>

#include "rng.h"

/*
 * Anyone may check a draw with another implementation of the published
 * algorithms: for the seed "2013", rng_fnv1a() is 0x183aa70b3588e13b and
 * the first three rng_next() are
 *	0x4dee7ccf31515998
 *	0x21d95e09ba336835
 *	0x238e2b101fab5d88
 * (tests/unit/rng-ref.py computes them in Python).
 */

uint64_t
rng_fnv1a(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* SplitMix64 is a bijection of its counter, so at most one of the four
 * words is zero, never all: the all-zero state xoshiro cannot leave */
void
rng_seed(struct rng *r, const char *seed)
{
	uint64_t x = rng_fnv1a(seed);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* x % n is uniform once the 2^64 mod n lowest values of x, the ones that
 * would favour the small results, are drawn again.  The rule is part of
 * what a published seed means: the first x >= 2^64 mod n gives x % n */
uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t floor = -n % n;
	uint64_t x;

	do
		x = rng_next(r);
	while (x < floor);
	return x % n;
}
