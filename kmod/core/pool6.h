/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the spaces' RFC 6052 prefixes (struct dcx_pool6): one space's,
 * the longest match over every space (tables->pool6), and the clash test
 * a new prefix must pass. Setting a prefix is space.c's (it must also
 * look at the EAM entries, eamt.c, which itself uses this file).
 */
#ifndef DCX_CORE_POOL6_H
#define DCX_CORE_POOL6_H

#include "types.h"

/* The space's prefix (NULL if none): readers, and writers under the lock. */
static inline const struct dcx_prefix6 *
dcx_space_pool6(const struct dcx_space *s)
{
	const struct dcx_pool6 *p = rcu_dereference_check(s->pool6, 1);

	return p ? &p->p : NULL;
}

/* Readers (RCU): the space prefix that holds v6, or NULL. */
const struct dcx_pool6 *dcx_pool6_lookup(const struct dcx_tables *t,
					 const struct in6_addr *v6);
/*
 * Writers: a space other than self whose prefix overlaps the IPv6 prefix
 * key/len (an IPv6 prefix belongs to one space only), or NULL.
 */
const struct dcx_space *dcx_pool6_clash(const struct dcx_tables *t,
					const struct dcx_space *self,
					const u8 *key, unsigned int len);

#endif /* DCX_CORE_POOL6_H */
