// SPDX-License-Identifier: GPL-2.0
/*
 * Address mapping of an instance (see map.h): RFC 7757 EAM entries first,
 * then the space's RFC 6052 prefix.
 */
#include "addr.h"
#include "eamt.h"
#include "pool6.h"
#include "map.h"

enum dcx_map dcx_map_46_how(const struct dcx_xlat_cfg *cfg,
			    const struct dcx_space *s, __be32 v4,
			    struct in6_addr *v6, bool no_eam)
{
	const struct dcx_prefix6 *p;
	const struct dcx_eam *e;

	if (!s)
		s = cfg->tables->def;
	/* RFC 7757 3.2: EAM entries first. */
	e = no_eam ? NULL : dcx_eam_lookup4(s, v4);
	if (e) {
		dcx_eam_46(e, v4, v6);
		return DCX_MAP_EAM;
	}
	p = dcx_space_pool6(s);
	if (!p)
		return DCX_MAP_NONE;
	if (dcx_prefix6_is_wkp(p) && dcx_v4_nonglobal(v4))
		return DCX_MAP_NONGLOBAL;
	dcx_rfc6052_embed(p, v4, v6);
	return DCX_MAP_POOL6;
}

bool dcx_map_46(const struct dcx_xlat_cfg *cfg, const struct dcx_space *s,
		__be32 v4, struct in6_addr *v6)
{
	return dcx_map_46_how(cfg, s, v4, v6, false) >= DCX_MAP_EAM;
}

const struct dcx_space *dcx_map_64_how(const struct dcx_xlat_cfg *cfg,
				       const struct in6_addr *v6, __be32 *v4,
				       enum dcx_map *how)
{
	const struct dcx_pool6 *p;
	const struct dcx_eam *e;

	e = dcx_eam_lookup6(cfg->tables, v6);
	if (e) {
		*v4 = dcx_eam_64(e, v6);
		*how = DCX_MAP_EAM;
		return e->space;
	}
	*how = DCX_MAP_NONE;
	p = dcx_pool6_lookup(cfg->tables, v6);
	if (!p)
		return NULL;
	*v4 = dcx_rfc6052_v4(&p->p, v6);	/* the lookup matched p */
	/* Special addresses keep their own handling (callers test them). */
	if (dcx_prefix6_is_wkp(&p->p) && dcx_v4_nonglobal(*v4) &&
	    !dcx_v4_special(*v4)) {
		*how = DCX_MAP_NONGLOBAL;
		return NULL;
	}
	*how = DCX_MAP_POOL6;
	return p->space;
}

const struct dcx_space *dcx_map_64(const struct dcx_xlat_cfg *cfg,
				   const struct in6_addr *v6, __be32 *v4)
{
	enum dcx_map how;

	return dcx_map_64_how(cfg, v6, v4, &how);
}
