/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address mapping of an instance: the space's EAM entries, then its
 * RFC 6052 prefix (s == NULL: the default space). Readers: run under
 * rcu_read_lock(), like every lookup of the tables.
 */
#ifndef DCX_CORE_MAP_H
#define DCX_CORE_MAP_H

#include "types.h"

/* How an address was mapped; >= DCX_MAP_EAM means it was. */
enum dcx_map {
	DCX_MAP_NONE,		/* no EAM entry, no prefix */
	DCX_MAP_NONGLOBAL,	/* well-known prefix, non-global IPv4 */
	DCX_MAP_EAM,
	DCX_MAP_POOL6,
};

/*
 * dcx_map_64() returns the space the address belongs to, NULL when it has
 * no IPv4 mapping.
 */
bool dcx_map_46(const struct dcx_xlat_cfg *cfg, const struct dcx_space *s,
		__be32 v4, struct in6_addr *v6);
const struct dcx_space *dcx_map_64(const struct dcx_xlat_cfg *cfg,
				   const struct in6_addr *v6, __be32 *v4);
/* dcx_map_46() that can skip the EAM entries and says how it mapped. */
enum dcx_map dcx_map_46_how(const struct dcx_xlat_cfg *cfg,
			    const struct dcx_space *s, __be32 v4,
			    struct in6_addr *v6, bool no_eam);
const struct dcx_space *dcx_map_64_how(const struct dcx_xlat_cfg *cfg,
				       const struct in6_addr *v6, __be32 *v4,
				       enum dcx_map *how);

#endif /* DCX_CORE_MAP_H */
