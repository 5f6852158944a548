/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the lenhash unit tests share (test_core_lenhash.c,
 * test_core_lenhash_bulk.c): the object they index (a key and its length,
 * as struct dcx_eam holds them), an index of it, and freeing an index
 * with the grace period that frees its array; a random EAM entry for
 * eamt.c's tables. Include after lpm_model.h (the lock, rnd()).
 */
#ifndef DCX_LENHASH_HELPERS_H
#define DCX_LENHASH_HELPERS_H

#include "lenhash.h"

struct hobj {
	u8 key[16];
	u8 len;
	struct rcu_head rcu;
};

static inline void hinit(struct dcx_lenhash *h, unsigned int bits)
{
	dcx_lenhash_init(h, bits, offsetof(struct hobj, key),
			 offsetof(struct hobj, len));
}

static inline void hfree(struct dcx_lenhash *h)
{
	mutex_lock(&lock);
	dcx_lenhash_free(h, &lock);
	mutex_unlock(&lock);
	kshim_rcu_grace_period();
}

/*
 * A random EAM entry: v4/len4 in 10.0.0.0/8 (len4 24..32) <-> v6/(96 +
 * len4) in 2001:db8:N::/96, N < nets, v4 in the low 32 bits.
 */
static inline unsigned int rand_eam(__be32 *v4, struct in6_addr *v6,
				    unsigned int nets)
{
	unsigned int len4 = 24 + rndn(9);

	*v4 = htonl(0x0a000000 | (rnd() & 0xffffff)) &
	      htonl(~0u << (32 - len4));
	memset(v6, 0, sizeof(*v6));
	v6->s6_addr32[0] = htonl(0x20010db8);
	v6->s6_addr32[1] = htonl(rndn(nets));
	v6->s6_addr32[3] = *v4;
	return len4;
}

#endif /* DCX_LENHASH_HELPERS_H */
