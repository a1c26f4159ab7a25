#!/usr/bin/env python3
# rng-ref.py - lib/rng.c written again from the published algorithms
# (FNV-1a 64; SplitMix64 and xoshiro256** by Blackman and Vigna,
# https://prng.di.unimi.it/), to check the numbers in tests/unit/rng.c:
#   python3 tests/unit/rng-ref.py 2013
import sys

M = (1 << 64) - 1


def fnv1a(b):
	h = 0xcbf29ce484222325
	for c in b:
		h = ((h ^ c) * 0x100000001b3) & M
	return h


def splitmix(x):
	while True:
		x = (x + 0x9e3779b97f4a7c15) & M
		z = x
		z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
		z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
		yield z ^ (z >> 31)


def rotl(x, k):
	return ((x << k) | (x >> (64 - k))) & M


class Xoshiro:
	def __init__(self, seed):
		g = splitmix(fnv1a(seed.encode()))
		self.s = [next(g) for _ in range(4)]

	def next(self):
		s = self.s
		result = (rotl((s[1] * 5) & M, 7) * 9) & M
		t = (s[1] << 17) & M
		s[2] ^= s[0]
		s[3] ^= s[1]
		s[1] ^= s[2]
		s[0] ^= s[3]
		s[2] ^= t
		s[3] = rotl(s[3], 45)
		return result

	def below(self, n):
		floor = (1 << 64) % n
		while True:
			x = self.next()
			if x >= floor:
				return x % n


seed = sys.argv[1] if len(sys.argv) > 1 else '2013'
print('fnv1a 0x%016x' % fnv1a(seed.encode()))
r = Xoshiro(seed)
for _ in range(3):
	print('next  0x%016x' % r.next())
r = Xoshiro(seed)
print('below(6) x10', [r.below(6) for _ in range(10)])
r = Xoshiro(seed)
print('below(45388) x5', [r.below(45388) for _ in range(5)])
r = Xoshiro(seed)
print('below(2^63+1) x5', [r.below((1 << 63) + 1) for _ in range(5)])
