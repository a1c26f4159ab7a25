/*
 * rng.h - a reproducible random number generator for public draws.
 *
 * A seed announced before a public meeting must draw the same cadres on any
 * machine, so nothing here depends on the platform or the C library:
 * the seed string is hashed with 64-bit FNV-1a, the hash seeds SplitMix64,
 * and four SplitMix64 outputs seed xoshiro256** (Blackman and Vigna, 2018).
 * rng_below() draws without modulo bias by rejection.
 */
#ifndef GK_RNG_H
#define GK_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

uint64_t rng_fnv1a(const char *s);
void rng_seed(struct rng *r, const char *seed);
uint64_t rng_next(struct rng *r);
/* uniform in [0, n); n > 0 */
uint64_t rng_below(struct rng *r, uint64_t n);

#endif
