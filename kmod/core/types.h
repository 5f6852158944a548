/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The types every part of the pure core shares, and nothing else (no
 * function is defined or declared here):
 *  - prefixes (struct dcx_prefix4/6);
 *  - the configuration snapshot a packet is translated with
 *    (struct dcx_xlat_cfg) and the per-packet state of plan and apply
 *    (struct dcx_xlat);
 *  - what a plan decides (enum dcx_action);
 *  - the mapping tables of an instance: struct dcx_tables, its spaces
 *    (struct dcx_space, with their counters and interface bindings),
 *    their RFC 6052 prefixes (struct dcx_pool6) and RFC 7757 entries
 *    (struct dcx_eam). Who may touch them: tables.h (the tables), space.h
 *    (spaces and bindings), eamt.h (EAM entries), pool6.h (prefixes).
 *
 * Translation is two steps so that packets that are not ours cost nothing:
 *   plan  - read-only: validate headers, map addresses, decide the action,
 *           compute the new network header length;
 *   apply - rewrite in place: L4 checksum/ICMP fields are updated where they
 *           are, the new network header is written to end where the old one
 *           ended (so the caller must provide headroom >= x->new_nhlen -
 *           x->old_nhlen when the header grows).
 */
#ifndef DCX_CORE_TYPES_H
#define DCX_CORE_TYPES_H

#include "env.h"
#include "lpm.h"
#include "lenhash.h"
#include "eamidx.h"
#include "uapi/dcxlat.h"

#define DCX_DEFAULT_SPACE	"default"
#define DCX_BIND_BITS		6	/* hash of the bound interfaces */
#define DCX_VRF_NAMELEN		16	/* a VRF device's name (IFNAMSIZ) */

struct dcx_stats;			/* stats.h */

struct dcx_prefix6 {
	struct in6_addr addr;
	u8 len;			/* 0 = not set */
};

struct dcx_prefix4 {
	__be32 addr;
	u8 len;			/* 0 = not set (0.0.0.0/0 is never a pool) */
};

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
	bool csum_valid;	/* in: L4 checksum already verified */
	/*
	 * RFC 7757 4.2 hairpinning. Out of dcx_plan_64: the IPv4 result
	 * is for an address of an EAM entry of x->space (cfg->hairpin set),
	 * so after dcx_apply_64 the caller must not send it out but run
	 * dcx_plan_46/dcx_apply_46 on it with this same struct (space
	 * and hairpin kept) and send the IPv6 result. In to dcx_plan_46:
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

	/* ICMP errors: the inner packet is translated too (icmp46/64.c) */
	bool icmp_err;
	u8 icmp_type, icmp_code;	/* translated type and code */
	u32 icmp_info;		/* MTU (host order) or pointer, translated */
	unsigned int inner_old_hl, inner_new_hl;
	bool inner_frag;	/* 6 -> 4: the inner packet has a fragment hdr */
	/*
	 * Out of plan, the error's layout (icmp.h, dcx_icmp_layout):
	 * orig_in bytes of the quoted packet are read, data_out written,
	 * padded to orig_out (RFC 4884 length, 0: no extension out), then
	 * ext_out bytes of the extension that began at orig_in; msg_out is
	 * the translated ICMP message's length.
	 */
	u16 orig_in, data_out, orig_out, ext_out, msg_out;
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

/*
 * One RFC 7757 entry: v4/len4 <-> v6/len6, 32 - len4 == 128 - len6.
 * 32 bytes, from its own slab cache (eamt.c), with no rcu_head: the one
 * entry of a delete is freed after a grace period through a short-lived
 * record (eamt.c), a flushed or deleted space's with their index.
 */
struct dcx_eam {
	__be32 v4;
	u8 len4;
	u8 len6;
	/*
	 * RFC 7756 5.2: an Edge Relay's entry for a remote service (figure
	 * 6), not one of its own nodes; the ER filter (RFC 7756 6) treats
	 * only the others as local service addresses. Set when added.
	 */
	bool remote;
	struct in6_addr v6;
	struct dcx_space *space;	/* the space whose table holds it */
};

/* A space's RFC 6052 prefix: replaced whole, so readers never see it torn. */
struct dcx_pool6 {
	struct dcx_prefix6 p;
	struct dcx_space *space;
	struct rcu_head rcu;
};

struct dcx_space {
	struct list_head list;		/* dcx_tables.spaces, writers only */
	u32 id;				/* 0: the default space */
	char name[DCXLAT_NAME_MAX];
	struct dcx_pool6 __rcu *pool6;	/* NULL: no RFC 6052 prefix */
	struct dcx_eamidx eam4;		/* its EAM entries by IPv4 prefix */
	struct dcx_lenhash eam4_hash;	/* the same, for lookups (eamt.h) */
	/*
	 * Routing domain of the IPv4 packets translated into this space: a
	 * VRF device by name (space.h, "VRF"). vrf_ifindex > 0: route via
	 * this l3mdev, in table; -1: no VRF vrf_name (using table, when
	 * not 0) exists now, the packets are dropped, never routed in the
	 * main table; 0 (vrf_name ""): the netns' main routing.
	 */
	u32 table;
	int vrf_ifindex;		/* the only field packets read */
	char vrf_name[DCX_VRF_NAMELEN];
	struct dcx_stats __percpu *stats;	/* always there (space.c) */
	struct list_head binds;		/* its struct dcx_bind, writers */
	struct rcu_work free_work;	/* deleted: freed in process context */
};

struct dcx_tables {
	struct dcx_eamidx eam6;		/* every space's, by IPv6 prefix */
	struct dcx_lenhash eam6_hash;	/* the same, for lookups (eamt.h) */
	struct dcx_lpm pool6;		/* space prefix -> struct dcx_pool6 */
	/*
	 * The one prefix of pool6 while it holds exactly one (the usual
	 * case: one space with a prefix), else NULL: a lookup compares
	 * instead of walking the trie (pool6.c). Set by space.c.
	 */
	struct dcx_pool6 __rcu *pool6_only;
	unsigned int npool6;		/* prefixes in pool6 (writers) */
	struct dcx_space *def;		/* the default space, always present */
	struct list_head spaces;	/* every space, def first */
	unsigned int nspaces;
	unsigned int neams;		/* over all spaces */
	/* Interface bindings: struct dcx_bind_dev by ifindex, RCU. */
	struct hlist_head binds[1 << DCX_BIND_BITS];
	struct rcu_head rcu;
};

#endif /* DCX_CORE_TYPES_H */
