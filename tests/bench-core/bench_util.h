/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the core benchmarks share (bench_core.c, bench_load.c): a fixed
 * xorshift sequence, so that every run loads the same entries, and the
 * exit on a setup failure.
 */
#ifndef DCX_BENCH_UTIL_H
#define DCX_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>

static u64 bench_rng = 0x9e3779b97f4a7c15ull;

static inline u32 rnd(void)
{
	bench_rng ^= bench_rng << 13;
	bench_rng ^= bench_rng >> 7;
	bench_rng ^= bench_rng << 17;
	return bench_rng >> 16;
}

/* Setup failed: say what, in the program's name, and exit 1. */
static inline void bench_die(const char *prog, const char *what)
{
	fprintf(stderr, "%s: %s\n", prog, what);
	exit(1);
}

#endif /* DCX_BENCH_UTIL_H */
