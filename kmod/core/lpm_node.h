/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the trie of lpm.h, shared by its writers (lpm.c) and its readers
 * (lpm_walk.c) and by nothing else: the node, and the key arithmetic
 * (keys in host order, left-aligned in two words, compared with a xor and
 * fls64). Invariants: lpm.c.
 */
#ifndef DCX_CORE_LPM_NODE_H
#define DCX_CORE_LPM_NODE_H

#include "env.h"

struct dcx_lpm_node {
	struct dcx_lpm_node __rcu *child[2];
	void __rcu *value;
	u64 key[2];		/* host order, left-aligned, masked to cidr */
	u8 cidr;
	struct rcu_head rcu;
};

#ifdef DCX_LPM_DEBUG
extern unsigned long dcx_lpm_debug_visits;	/* lpm.h */
extern void (*dcx_lpm_debug_hook)(void);

/* Every node a reader reads; the hook lets a test write in between. */
static inline void dcx_lpm_visit(void)
{
	dcx_lpm_debug_visits++;
	if (dcx_lpm_debug_hook)
		dcx_lpm_debug_hook();
}
#else
#define dcx_lpm_visit() do { } while (0)
#endif

#define dcx_lpm_wr(p, lock) rcu_dereference_protected(p, lockdep_is_held(lock))
#define dcx_lpm_dead(p) rcu_dereference_protected(p, 1)	/* unseen nodes */

static inline void dcx_lpm_load(u64 *k, const u8 *key, unsigned int bits)
{
	__be64 w[2];
	__be32 v;

	if (bits == 32) {
		memcpy(&v, key, sizeof(v));
		k[0] = (u64)be32_to_cpu(v) << 32;
		k[1] = 0;
	} else {
		memcpy(w, key, sizeof(w));
		k[0] = be64_to_cpu(w[0]);
		k[1] = be64_to_cpu(w[1]);
	}
}

static inline void dcx_lpm_store(u8 *key, const u64 *k, unsigned int bits)
{
	__be64 w[2];
	__be32 v;

	if (bits == 32) {
		v = cpu_to_be32((u32)(k[0] >> 32));
		memcpy(key, &v, sizeof(v));
	} else {
		w[0] = cpu_to_be64(k[0]);
		w[1] = cpu_to_be64(k[1]);
		memcpy(key, w, sizeof(w));
	}
}

/* Clear every bit after the first cidr ones. */
static inline void dcx_lpm_mask(u64 *k, unsigned int cidr)
{
	if (cidr < 64) {
		k[0] = cidr ? k[0] & (~0ULL << (64 - cidr)) : 0;
		k[1] = 0;
	} else if (cidr < 128) {
		k[1] = cidr > 64 ? k[1] & (~0ULL << (128 - cidr)) : 0;
	}
}

/* How many leading bits a and b share: 128 when they are equal. */
static inline unsigned int dcx_lpm_common(const u64 *a, const u64 *b)
{
	u64 x = a[0] ^ b[0];

	if (x)
		return 64 - fls64(x);
	x = a[1] ^ b[1];
	return x ? 128 - fls64(x) : 128;
}

/* Bit i of k, bit 0 being the most significant. i < 128. */
static inline unsigned int dcx_lpm_bit(const u64 *k, unsigned int i)
{
	return (k[i / 64] >> (63 - i % 64)) & 1;
}

static inline bool dcx_lpm_in_prefix(const struct dcx_lpm_node *n, const u64 *k)
{
	return dcx_lpm_common(n->key, k) >= n->cidr;
}

#endif /* DCX_CORE_LPM_NODE_H */
