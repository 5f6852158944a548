// SPDX-License-Identifier: GPL-2.0
/*
 * Address translation: RFC 6052 IPv4-embedded IPv6 addresses.
 */
#include "tables.h"

bool dcx_prefix6_valid_len(unsigned int len)
{
	return len == 32 || len == 40 || len == 48 || len == 56 ||
	       len == 64 || len == 96;
}

/*
 * RFC 6052 section 2.2: the IPv4 address fills the bytes after the prefix,
 * skipping byte 8 (bits 64..71, the "u" octet), which stays zero; so does
 * the suffix.
 */
void dcx_rfc6052_embed(const struct dcx_prefix6 *p, __be32 v4,
		       struct in6_addr *out)
{
	const u8 *b = (const u8 *)&v4;
	unsigned int pos = p->len / 8;
	unsigned int i;

	memcpy(out, &p->addr, pos);
	memset(out->s6_addr + pos, 0, 16 - pos);
	for (i = 0; i < 4; i++, pos++) {
		if (pos == 8)
			pos++;
		out->s6_addr[pos] = b[i];
	}
}

/*
 * Inverse of dcx_rfc6052_embed(). The u octet and the suffix are ignored on
 * reception, as RFC 6052 only says how to build them (see
 * docs/rfc-compliance.md).
 */
bool dcx_rfc6052_extract(const struct dcx_prefix6 *p,
			 const struct in6_addr *a, __be32 *v4)
{
	u8 *b = (u8 *)v4;
	unsigned int pos = p->len / 8;
	unsigned int i;

	if (!p->len || memcmp(a, &p->addr, pos))
		return false;
	for (i = 0; i < 4; i++, pos++) {
		if (pos == 8)
			pos++;
		b[i] = a->s6_addr[pos];
	}
	return true;
}

bool dcx_v4_special(__be32 a)
{
	return ipv4_is_multicast(a) || ipv4_is_lbcast(a) ||
	       ipv4_is_zeronet(a) || ipv4_is_loopback(a);
}

bool dcx_map_46(const struct dcx_xlat_cfg *cfg, const struct dcx_space *s,
		__be32 v4, struct in6_addr *v6)
{
	const struct dcx_prefix6 *p;
	const struct dcx_eam *e;

	if (!s)
		s = cfg->tables->def;
	/* RFC 7757 3.2: EAM entries first. */
	e = dcx_eam_lookup4(s, v4);
	if (e) {
		dcx_eam_46(e, v4, v6);
		return true;
	}
	p = dcx_space_pool6(s);
	if (!p)
		return false;
	dcx_rfc6052_embed(p, v4, v6);
	return true;
}

const struct dcx_space *dcx_map_64(const struct dcx_xlat_cfg *cfg,
				   const struct in6_addr *v6, __be32 *v4)
{
	const struct dcx_pool6 *p;
	const struct dcx_eam *e;

	e = dcx_eam_lookup6(cfg->tables, v6);
	if (e) {
		*v4 = dcx_eam_64(e, v6);
		return e->space;
	}
	p = dcx_pool6_lookup(cfg->tables, v6);
	if (!p || !dcx_rfc6052_extract(&p->p, v6, v4))
		return NULL;
	return p->space;
}
