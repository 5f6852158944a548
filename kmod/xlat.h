/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pure translation core: RFC 7915 header translation over byte buffers,
 * no sk_buff. The same sources build into the module and the unit tests.
 *
 * Translation is two steps so that packets that are not ours cost nothing:
 *   plan  - read-only: validate headers, map addresses, decide the verdict,
 *           compute the new network header length;
 *   apply - rewrite in place: L4 checksum/ICMP fields are updated where they
 *           are, the new network header is written to end where the old one
 *           ended (so the caller must provide headroom >= x->new_nhlen -
 *           x->old_nhlen when the header grows).
 */
#ifndef DCX_XLAT_H
#define DCX_XLAT_H

#include "core_env.h"
#include "uapi/dcxlat.h"

struct dcx_prefix6 {
	struct in6_addr addr;
	u8 len;			/* 0 = not set */
};

/* Everything the core reads from the instance configuration. */
struct dcx_xlat_cfg {
	struct dcx_prefix6 pool6;
};

enum dcx_verdict {
	DCX_PASS,		/* not ours: leave the packet to the stack */
	DCX_XLAT,		/* ours: translate it */
	DCX_DROP,		/* ours but invalid: drop, x->stat says why */
	DCX_PULL,		/* need x->need bytes linear from the L3 header */
};

/* Per-packet state shared by plan and apply. Lives on the caller's stack. */
struct dcx_xlat {
	const struct dcx_xlat_cfg *cfg;
	bool csum_partial;	/* in: L4 checksum is CHECKSUM_PARTIAL */

	/* out of plan */
	enum dcxlat_stat stat;	/* counter to bump for this outcome */
	unsigned int need;	/* for DCX_PULL */
	unsigned int old_nhlen;	/* old IP header + extension headers */
	unsigned int new_nhlen;	/* new IP header (+ fragment header) */
	u8 proto;		/* upper-layer protocol, input numbering */
	u8 ttl;			/* TTL/hop limit after the decrement */
	u16 frag_off;		/* 6 -> 4: host-order fragment header field */
	u16 frag_hdr;		/* 6 -> 4: offset of the fragment header, 0 = none */
	union {
		struct {	/* 4 -> 6 */
			struct in6_addr src6, dst6;
		};
		struct {	/* 6 -> 4 */
			__be32 src4, dst4;
		};
	};
};

/* RFC 6052: embed/extract an IPv4 address in/from an IPv6 prefix. */
bool dcx_prefix6_valid_len(unsigned int len);
void dcx_rfc6052_embed(const struct dcx_prefix6 *p, __be32 v4,
		       struct in6_addr *out);
bool dcx_rfc6052_extract(const struct dcx_prefix6 *p,
			 const struct in6_addr *a, __be32 *v4);

/* Incremental checksum update; partial = field holds CHECKSUM_PARTIAL seed. */
void dcx_csum_update(__sum16 *sum, __wsum diff, bool partial);
__wsum dcx_csum_addrs6(const struct in6_addr *src, const struct in6_addr *dst);
__wsum dcx_csum_addrs4(__be32 src, __be32 dst);
__wsum dcx_csum_pseudo6(const struct in6_addr *src, const struct in6_addr *dst,
			u32 len, u8 proto);
__wsum dcx_csum_word_diff(__be16 old, __be16 new);

/*
 * 4 -> 6. nh points to the IPv4 header, linear = bytes readable from nh,
 * total = bytes in the packet from nh.
 */
enum dcx_verdict dcx_plan_46(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total);
/* Returns the new network header start (nh - growth). */
u8 *dcx_apply_46(struct dcx_xlat *x, u8 *nh, unsigned int total);

/* 6 -> 4, same contract; the header shrinks so no headroom is needed. */
enum dcx_verdict dcx_plan_64(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total);
u8 *dcx_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total);

#endif /* DCX_XLAT_H */
