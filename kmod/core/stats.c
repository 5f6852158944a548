// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters (see stats.h): the packet path only ever touches its
 * own CPU's copy.
 */
#include "stats.h"

struct dcx_stats __percpu *dcx_stats_alloc(gfp_t gfp)
{
	return alloc_percpu_gfp(struct dcx_stats, gfp);
}

void dcx_stats_free(struct dcx_stats __percpu *s)
{
	free_percpu(s);
}

void dcx_stats_sum(struct dcx_stats __percpu *s, u64 *out)
{
	int cpu, i;

	memset(out, 0, sizeof(u64) * DCXLAT_STAT_COUNT);
	for_each_possible_cpu(cpu) {
		const struct dcx_stats *c = per_cpu_ptr(s, cpu);

		for (i = 0; i < DCXLAT_STAT_COUNT; i++)
			out[i] += READ_ONCE(c->c[i]);
	}
}

/* Racy against concurrent increments by design: a reset is approximate. */
void dcx_stats_reset(struct dcx_stats __percpu *s)
{
	int cpu, i;

	for_each_possible_cpu(cpu) {
		struct dcx_stats *c = per_cpu_ptr(s, cpu);

		for (i = 0; i < DCXLAT_STAT_COUNT; i++)
			WRITE_ONCE(c->c[i], 0);
	}
}
