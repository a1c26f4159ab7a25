#!/usr/bin/env python3
# draw-ref.py - audit-draw's draw written again from its man page, to check
# the fixed lists of tests/3020-audit-draw.t without the C code:
#   awk -F, 'NR > 1 && $6 == "active" { print $1 }' examples/cadres.csv |
#       LC_ALL=C sort | python3 tests/unit/draw-ref.py 2013 5
# reads the pool (active cadres' codes in byte order) on stdin and prints
# the cadres drawn, in order.
import sys

M = (1 << 64) - 1


def fnv1a(data):
	h = 0xcbf29ce484222325
	for c in data:
		h = ((h ^ c) * 0x100000001b3) & M
	return h


def rotl(x, k):
	return ((x << k) | (x >> (64 - k))) & M


class Rng:
	def __init__(self, seed):
		x = fnv1a(seed.encode('utf-8'))
		self.s = []
		for _ in range(4):
			x = (x + 0x9e3779b97f4a7c15) & M
			z = x
			z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
			z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
			self.s.append(z ^ (z >> 31))

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
		# 2^64 mod n: the lowest values, which would favour small
		# results, are drawn again
		floor = (1 << 64) % n
		while True:
			x = self.next()
			if x >= floor:
				return x % n


def draw(pool, seed, count):
	pool = list(pool)
	r = Rng(seed)
	k = min(count, len(pool))
	for i in range(k):
		j = i + r.below(len(pool) - i)
		pool[i], pool[j] = pool[j], pool[i]
	return pool[:k]


if __name__ == '__main__':
	seed = sys.argv[1]
	count = int(sys.argv[2]) if len(sys.argv) > 2 else 5
	pool = [line.strip() for line in sys.stdin if line.strip()]
	if pool != sorted(pool, key=lambda c: c.encode('utf-8')):
		sys.exit('draw-ref.py: the pool is not in byte order')
	for c in draw(pool, seed, count):
		print(c)
