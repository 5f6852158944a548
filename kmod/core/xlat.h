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

#include "env.h"
#include "uapi/dcxlat.h"

struct dcx_prefix6 {
	struct in6_addr addr;
	u8 len;			/* 0 = not set */
};

struct dcx_prefix4 {
	__be32 addr;
	u8 len;			/* 0 = not set (0.0.0.0/0 is never a pool) */
};

struct dcx_tables;
struct dcx_space;

/*
 * Everything the core reads from the instance configuration: one immutable
 * snapshot per packet (the tables inside it are RCU-safe and change in
 * place; see tables.h).
 */
struct dcx_xlat_cfg {
	const struct dcx_tables *tables;	/* spaces, pool6s, EAMs */
	/* RFC 6791: sources of ICMP errors from unmappable nodes. */
	struct dcx_prefix4 rfc6791v4;	/* len 0 = drop such errors */
	struct dcx_prefix6 rfc6791v6;	/* len 0 = drop such errors */
	u16 lowest_ipv6_mtu;	/* cap for translated ICMPv6 errors */
	bool reset_tclass;	/* 4 -> 6: traffic class 0, not the TOS */
	bool reset_tos;		/* 6 -> 4: TOS = new_tos, not the class */
	u8 new_tos;
	u8 udp_zero;		/* enum dcxlat_udp0 */
	u8 role;		/* enum dcxlat_role */
	bool er_filter;		/* ER: drop IPv4 from sources without EAM */
	bool hairpin;		/* RFC 7757 4.2 */
	u8 unbound;		/* enum dcxlat_unbound */
	struct dcx_prefix6 space_base;	/* base + ID = a space's /96 */
};

/* Defaults of a new instance. */
#define DCX_DEFAULT_RFC6791V4	htonl(0xc0000008)	/* 192.0.0.8/32 */
#define DCX_DEFAULT_LOWEST_MTU6	1280
/* RFC 1812 4.3.2.3 (ICMPv4 errors), RFC 4443 2.4 (ICMPv6 errors). */
#define DCX_ICMP4_ERR_MAX	576
#define DCX_ICMP6_ERR_MAX	1280

/*
 * What the plan decided; the datapath (kmod/dispatch.c) carries it out the
 * same way for both directions.
 */
enum dcx_action {
	DCX_PASS,		/* not ours: leave the packet to the stack */
	DCX_XLAT,		/* ours: translate it */
	DCX_DROP,		/* ours but invalid: drop silently, x->stat why */
	DCX_ICMP_ERROR,		/* drop and answer the source in its own
				 * family with x->err; x->stat says why */
	DCX_REASSEMBLE,		/* a fragment that cannot be translated alone
				 * (ICMP): reassemble, then plan again */
	DCX_PULL,		/* need x->need bytes linear from the L3 header */
};

/* Per-packet state shared by plan and apply. Lives on the caller's stack. */
struct dcx_xlat {
	const struct dcx_xlat_cfg *cfg;
	/*
	 * 4 -> 6, in: the space the packet came from (NULL: the default).
	 * 6 -> 4, out of plan: the space its destination belongs to.
	 */
	const struct dcx_space *space;
	bool csum_partial;	/* in: L4 checksum is CHECKSUM_PARTIAL */
	/*
	 * RFC 7757 4.2 hairpinning. Out of dcx_plan_64(): the IPv4 result
	 * is for an address of an EAM entry of x->space (cfg->hairpin set),
	 * so after dcx_apply_64() the caller must not send it out but run
	 * dcx_plan_46()/dcx_apply_46() on it with this same struct (space
	 * and hairpin kept) and send the IPv6 result. In to dcx_plan_46():
	 * true = this is that second pass, which maps the source (and the
	 * inner destination of an ICMP error) by the RFC 6052 prefix only,
	 * so the receiver answers through the translator, and does not
	 * decrement the TTL again. Zero it for a packet from the wire.
	 */
	bool hairpin;

	/* out of plan */
	enum dcxlat_stat stat;	/* counter to bump for this outcome */
	unsigned int need;	/* for DCX_PULL */
	struct {		/* for DCX_ICMP_ERROR, in the input family */
		u8 type, code;
		u32 info;	/* host order: MTU or pointer */
	} err;
	unsigned int old_nhlen;	/* old IP header + extension headers */
	unsigned int new_nhlen;	/* new IP header (+ fragment header) */
	u8 proto;		/* upper-layer protocol, input numbering */
	u8 ttl;			/* TTL/hop limit after the decrement */
	u16 frag_off;		/* 6 -> 4: host-order fragment header field */
	u16 frag_hdr;		/* 6 -> 4: offset of the fragment header, 0 = none */

	/* ICMP errors: the inner packet is translated too (icmp.c) */
	bool icmp_err;
	u8 icmp_type, icmp_code;	/* translated type and code */
	u32 icmp_info;		/* MTU (host order) or pointer, translated */
	unsigned int inner_old_hl, inner_new_hl;
	bool inner_frag;	/* 6 -> 4: the inner packet has a fragment hdr */
	unsigned int tail_need;	/* out of plan: tailroom apply needs */
	/* in, before apply (0: unknown, no cap from that side) */
	u32 mtu_in;		/* MTU of the ingress link */
	u32 mtu_out;		/* MTU of the route out */
	unsigned int new_total;	/* out of apply: bytes from the new header */
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

/*
 * Address mapping of an instance: the space's EAM entries, then its
 * RFC 6052 prefix (s == NULL: the default space). dcx_map_64() returns the
 * space the address belongs to, NULL when it has no IPv4 mapping.
 */
bool dcx_map_46(const struct dcx_xlat_cfg *cfg, const struct dcx_space *s,
		__be32 v4, struct in6_addr *v6);
const struct dcx_space *dcx_map_64(const struct dcx_xlat_cfg *cfg,
				   const struct in6_addr *v6, __be32 *v4);
/* Destinations and sources the translator never produces or consumes. */
bool dcx_v4_special(__be32 a);
/* RFC 6052 3.1: not to be used with the well-known prefix. */
bool dcx_v4_nonglobal(__be32 a);
bool dcx_prefix6_is_wkp(const struct dcx_prefix6 *p);

/* How an address was mapped; >= DCX_MAP_EAM means it was. */
enum dcx_map {
	DCX_MAP_NONE,		/* no EAM entry, no prefix */
	DCX_MAP_NONGLOBAL,	/* well-known prefix, non-global IPv4 */
	DCX_MAP_EAM,
	DCX_MAP_POOL6,
};
/* dcx_map_46() that can skip the EAM entries and says how it mapped. */
enum dcx_map dcx_map_46_how(const struct dcx_xlat_cfg *cfg,
			    const struct dcx_space *s, __be32 v4,
			    struct in6_addr *v6, bool no_eam);
const struct dcx_space *dcx_map_64_how(const struct dcx_xlat_cfg *cfg,
				       const struct in6_addr *v6, __be32 *v4,
				       enum dcx_map *how);
/*
 * RFC 6791 pools: an address of p chosen by a hash of the packet's source
 * (deterministic: the same source always gets the same address).
 */
__be32 dcx_rfc6791_pick4(const struct dcx_prefix4 *p,
			 const struct in6_addr *src);
void dcx_rfc6791_pick6(const struct dcx_prefix6 *p, __be32 src,
		       struct in6_addr *out);

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
enum dcx_action dcx_plan_46(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total);
/* Returns the new network header start (nh - growth). */
u8 *dcx_apply_46(struct dcx_xlat *x, u8 *nh, unsigned int total);

/* 6 -> 4, same contract; the header shrinks so no headroom is needed. */
enum dcx_action dcx_plan_64(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total);
u8 *dcx_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total);

/* ICMP <-> ICMPv6 (icmp.c). Map functions return false: drop it. */
bool dcx_icmp_map_46(u8 type, u8 code, u8 *type6, u8 *code6);
bool dcx_icmp_map_64(u8 type, u8 code, u8 *type4, u8 *code4);
bool dcx_icmp_is_err4(u8 type);
bool dcx_icmp_is_err6(u8 type);
int dcx_icmp_ptr_46(u8 ptr4);
int dcx_icmp_ptr_64(u32 ptr6);
u32 dcx_icmp_mtu_46(u16 mtu4, u16 inner_len, u32 mtu_in, u32 mtu_out);
u32 dcx_icmp_mtu_64(u32 mtu6, u32 mtu_in, u32 mtu_out);
u32 dcx_icmp_mtu_64_frag(u32 mtu6, u32 mtu_in, u32 mtu_out, bool frag);
enum dcx_action dcx_icmp_plan_46(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total);
u8 *dcx_icmp_apply_46(struct dcx_xlat *x, u8 *nh, unsigned int total);
enum dcx_action dcx_icmp_plan_64(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total);
u8 *dcx_icmp_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total);

/* Header builders shared with the inner-packet translation. */
void dcx_build_ip6(struct ipv6hdr *ip6, const struct iphdr *iph,
		   const struct in6_addr *src, const struct in6_addr *dst,
		   u8 proto, u8 tclass, u8 hop_limit, unsigned int payload);
void dcx_build_ip4(struct iphdr *out, __be32 src, __be32 dst, u8 proto,
		   u8 tos, u8 ttl, unsigned int tot_len, bool frag_hdr,
		   u16 frag_off, __be32 frag_id);
/* Traffic class / TOS of a translated outer header (cfg resets). */
u8 dcx_tclass_46(const struct dcx_xlat_cfg *cfg, const struct iphdr *iph);
u8 dcx_tos_64(const struct dcx_xlat_cfg *cfg, const struct ipv6hdr *ip6);

/* Helpers shared by the direction files. */
enum dcx_action dcx_verdict_drop(struct dcx_xlat *x, enum dcxlat_stat why);
enum dcx_action dcx_verdict_pull(struct dcx_xlat *x, unsigned int need);
/* Drop, counted as why, and answer with an ICMP error of the input family. */
enum dcx_action dcx_verdict_icmp(struct dcx_xlat *x, enum dcxlat_stat why,
				 u8 type, u8 code, u32 info);
/* A fragmented ICMP message: counted as DCXLAT_STAT_FRAGMENT if it fails. */
enum dcx_action dcx_verdict_reasm(struct dcx_xlat *x);

struct dcx_ext6 {		/* what an IPv6 extension-header walk found */
	u8 proto;		/* upper-layer protocol */
	unsigned int hlen;	/* bytes up to the upper-layer header */
	unsigned int frag_hdr;	/* offset of the fragment header, 0 = none */
	u16 frag_off;		/* its offset/M field, host order */
};
enum dcx_action dcx_walk_ext6(struct dcx_xlat *x, const u8 *nh,
			       unsigned int linear, unsigned int total,
			       struct dcx_ext6 *e);

#endif /* DCX_XLAT_H */
