// SPDX-License-Identifier: GPL-2.0
/* Reading the spaces' RFC 6052 prefixes (see pool6.h). */
#include "prefix.h"
#include "pool6.h"

const struct dcx_prefix6 *dcx_space_pool6(const struct dcx_space *s)
{
	const struct dcx_pool6 *p = rcu_dereference_check(s->pool6, 1);

	return p ? &p->p : NULL;
}

/*
 * v6 is in p/len: two masked 64-bit compares (the one-prefix shortcut is
 * on the 6->4 path of every packet; dcx_prefix_bits_equal() cost three
 * times as much in tests/bench-core).
 */
static bool dcx_pool6_holds(const struct dcx_prefix6 *p,
			    const struct in6_addr *v6)
{
	unsigned int len = p->len;
	u64 hi = len >= 64 ? ~0ULL : len ? ~0ULL << (64 - len) : 0;
	u64 lo = len >= 128 ? ~0ULL : len > 64 ? ~0ULL << (128 - len) : 0;
	u64 a[2], b[2];

	memcpy(a, p->addr.s6_addr, 16);
	memcpy(b, v6->s6_addr, 16);
	return !((a[0] ^ b[0]) & (__force u64)cpu_to_be64(hi)) &&
	       !((a[1] ^ b[1]) & (__force u64)cpu_to_be64(lo));
}

const struct dcx_pool6 *dcx_pool6_lookup(const struct dcx_tables *t,
					 const struct in6_addr *v6)
{
	const struct dcx_pool6 *p = rcu_dereference(t->pool6_only);

	if (p)
		return dcx_pool6_holds(&p->p, v6) ? p : NULL;
	return dcx_lpm_lookup(&t->pool6, v6->s6_addr, NULL);
}

const struct dcx_space *dcx_pool6_clash(const struct dcx_tables *t,
					const struct dcx_space *self,
					const u8 *key, unsigned int len)
{
	const struct dcx_prefix6 *q;
	const struct dcx_space *s;

	list_for_each_entry(s, &t->spaces, list) {
		q = dcx_space_pool6(s);
		if (s != self && q &&
		    dcx_prefix_overlap(q->addr.s6_addr, q->len, key, len))
			return s;
	}
	return NULL;
}
