/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU counters, one per outcome (enum dcxlat_stat): an instance's and
 * each space's. The packet path only ever increments its own CPU's copy
 * (no atomics); readers sum over the CPUs. Pure core: per-CPU data comes
 * from env.h (the kernel's, or the shim's single CPU in userspace).
 */
#ifndef DCX_CORE_STATS_H
#define DCX_CORE_STATS_H

#include "env.h"
#include "uapi/dcxlat.h"

struct dcx_stats {
	u64 c[DCXLAT_STAT_COUNT];
};

/* Zeroed counters; NULL when out of memory. */
struct dcx_stats __percpu *dcx_stats_alloc(gfp_t gfp);
void dcx_stats_free(struct dcx_stats __percpu *s);
/* Sum over all CPUs into out[DCXLAT_STAT_COUNT]. */
void dcx_stats_sum(struct dcx_stats __percpu *s, u64 *out);
void dcx_stats_reset(struct dcx_stats __percpu *s);

static inline void dcx_stat_inc(struct dcx_stats __percpu *s,
				enum dcxlat_stat id)
{
	this_cpu_inc(s->c[id]);
}

#endif /* DCX_CORE_STATS_H */
