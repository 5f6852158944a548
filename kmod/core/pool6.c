// SPDX-License-Identifier: GPL-2.0
/* Reading the spaces' RFC 6052 prefixes (see pool6.h). */
#include "addr.h"
#include "prefix.h"
#include "pool6.h"

const struct dcx_pool6 *dcx_pool6_lookup(const struct dcx_tables *t,
					 const struct in6_addr *v6)
{
	const struct dcx_pool6 *p = rcu_dereference(t->pool6_only);

	if (p)
		return dcx_addr6_in(&p->p.addr, p->p.len, v6) ? p : NULL;
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
