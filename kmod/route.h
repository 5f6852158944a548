/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DCX_ROUTE_H
#define DCX_ROUTE_H

#include <linux/skbuff.h>
#include <linux/hash.h>
#include <linux/percpu.h>
#include <net/dst.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/l3mdev.h>
#include "core/xlat.h"

/*
 * An instance's per-CPU memo of route lookups (route.c): direct-mapped
 * slots per family, keyed by every field the lookup reads, each dst
 * checked with dst_check() on every use. Only the owning CPU, in the
 * PREROUTING softirq, touches its table.
 */
#define DCX_RC_BITS	4
#define DCX_RC_SLOTS	(1 << DCX_RC_BITS)

struct dcx_rc6 {
	struct in6_addr daddr;
	struct in6_addr saddr;
	u32 mark;
	u32 cookie;
	u8 proto;
	u8 tclass;
	struct dst_entry *dst;
};

struct dcx_rc4 {
	__be32 daddr;
	__be32 saddr;
	u32 mark;
	int oif;
	u8 proto;
	u8 tos;
	struct dst_entry *dst;
};

struct dcx_rtype4 {
	__be32 daddr;
	u32 tb_id;
	int genid;
	u8 type;		/* RTN_UNSPEC: empty */
};

struct dcx_rcache {
	struct dcx_rc6 v6[DCX_RC_SLOTS];
	struct dcx_rc4 v4[DCX_RC_SLOTS];
	struct dcx_rtype4 type4[DCX_RC_SLOTS];
};

struct dcx_rcache __percpu *dcx_rcache_alloc(void);
/* After the instance's grace period: drops every dst it holds. */
void dcx_rcache_free(struct dcx_rcache __percpu *rc);

static inline unsigned int dcx_rc_slot(u32 a, u32 b)
{
	return hash_32(a ^ (b * 0x9e3779b9u), DCX_RC_BITS);
}

/* A cached dst still valid for the route it was looked up by, or NULL. */
static inline struct dst_entry *dcx_rc_check(struct dst_entry *dst,
					     u32 cookie)
{
	return dst ? dst_check(dst, cookie) : NULL;
}

/* The lookups behind a memo miss: they fill the slot e (route.c). */
struct dst_entry *dcx_route6_miss(struct net *net, struct dcx_rc6 *e,
				  const struct sk_buff *skb,
				  const struct dcx_xlat *x, u8 tclass, u8 proto);
struct dst_entry *dcx_route4_miss(struct net *net, struct dcx_rc4 *e,
				  const struct sk_buff *skb,
				  const struct dcx_xlat *x, u8 tos, u8 proto,
				  int oif);
unsigned int dcx_route_type4_miss(struct net *net, struct dcx_rtype4 *e,
				  __be32 daddr, u32 tb_id, int genid);

/*
 * Route the translated packet; ERR_PTR on failure. The dst is rc's: no
 * reference for the caller, valid until the end of the RCU read side
 * (the packet path's), to be sent with dcx_output_noref() or cloned.
 */
static inline struct dst_entry *dcx_route6(struct net *net,
					   struct dcx_rcache __percpu *rc,
					   const struct sk_buff *skb,
					   const struct dcx_xlat *x, u8 tclass)
{
	u8 proto = x->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : x->proto;
	struct dcx_rc6 *e;

	e = &this_cpu_ptr(rc)->v6[dcx_rc_slot(x->dst6.s6_addr32[3] ^
					      x->dst6.s6_addr32[2],
					      x->src6.s6_addr32[3])];
	if (ipv6_addr_equal(&e->daddr, &x->dst6) &&
	    ipv6_addr_equal(&e->saddr, &x->src6) && e->mark == skb->mark &&
	    e->proto == proto && e->tclass == tclass &&
	    dcx_rc_check(e->dst, e->cookie))
		return e->dst;
	return dcx_route6_miss(net, e, skb, x, tclass, proto);
}

/*
 * The routing domain of a space: its VRF (an l3mdev master as oif sends
 * the lookup to the VRF's table through the l3mdev FIB rule, exactly as a
 * socket bound to the VRF), else the netns' own rules and tables. A
 * space waiting for its VRF device (-1: not there yet, or gone) routes
 * nowhere: its packets must never fall back to another tenant's routes,
 * so dcx_route4() fails with -ENOLINK (never routed in the main table
 * instead).
 */
static inline struct dst_entry *dcx_route4(struct net *net,
					   struct dcx_rcache __percpu *rc,
					   const struct sk_buff *skb,
					   const struct dcx_xlat *x, u8 tos)
{
	u8 proto = x->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : x->proto;
	int oif = x->space ? READ_ONCE(x->space->vrf_ifindex) : 0;
	struct dcx_rc4 *e;

	if (oif < 0)
		return ERR_PTR(-ENOLINK);
	tos = RT_TOS(tos);
	e = &this_cpu_ptr(rc)->v4[dcx_rc_slot((__force u32)x->dst4,
					      (__force u32)x->src4)];
	if (e->daddr == x->dst4 && e->saddr == x->src4 &&
	    e->mark == skb->mark && e->oif == oif && e->proto == proto &&
	    e->tos == tos && dcx_rc_check(e->dst, 0))
		return e->dst;
	return dcx_route4_miss(net, e, skb, x, tos, proto, oif);
}

/*
 * An IPv4 route to one of the translator's own addresses (local
 * delivery): such a packet is not translated (see dispatch.c).
 */
bool dcx_route_local(const struct dst_entry *dst);

/*
 * The route type of IPv4 daddr as the stack sees it for a packet that
 * came in on dev (inet_addr_type_dev_table()): RTN_LOCAL for the box
 * itself, RTN_UNICAST for anything routed on. Memoised per CPU, valid
 * while the netns' IPv4 route generation stays (route.c).
 */
static inline unsigned int dcx_route_type4(struct net *net,
					   struct dcx_rcache __percpu *rc,
					   const struct net_device *dev,
					   __be32 daddr)
{
	/* Only an l3mdev (VRF) device or slave has a table of its own. */
	u32 tb_id = (netif_is_l3_slave(dev) || netif_is_l3_master(dev) ?
		     l3mdev_fib_table(dev) : 0) ? : RT_TABLE_LOCAL;
	int genid = rt_genid_ipv4(net);
	struct dcx_rtype4 *e;

	e = &this_cpu_ptr(rc)->type4[dcx_rc_slot((__force u32)daddr, tb_id)];
	if (e->type != RTN_UNSPEC && e->daddr == daddr && e->tb_id == tb_id &&
	    e->genid == genid)
		return e->type;
	return dcx_route_type4_miss(net, e, daddr, tb_id, genid);
}

/* Hand skb to dst (the caller's reference or, noref, RCU's). */
static inline int dcx_xmit(struct net *net, struct sk_buff *skb)
{
	nf_reset_ct(skb);
	/* The control block belonged to the old family's input path. */
	memset(skb->cb, 0, sizeof(skb->cb));
	skb->dev = skb_dst(skb)->dev;
	return dst_output(net, NULL, skb);
}

/*
 * Hand the translated packet (network header at skb->data) to dst,
 * consuming the caller's reference. An IPv6 packet that must be
 * fragmented goes through frag.c first.
 */
int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst);

/* The same with a dst of dcx_route4/6() (no reference taken). */
static inline int dcx_output_noref(struct net *net, struct sk_buff *skb,
				   struct dst_entry *dst)
{
	skb_dst_drop(skb);
	skb_dst_set_noref(skb, dst);
	return dcx_xmit(net, skb);
}

#endif /* DCX_ROUTE_H */
