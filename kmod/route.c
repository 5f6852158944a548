// SPDX-License-Identifier: GPL-2.0
/*
 * Route lookup and output of translated packets. The translator acts as the
 * router for the new family: it looks the destination up in that family's
 * FIB and hands the packet to dst_output(), so POSTROUTING, neighbour
 * resolution and qdiscs apply as for any forwarded packet.
 *
 * The lookups are memoised per instance and per CPU (struct dcx_rcache):
 * a small direct-mapped table of output routes per family, keyed by every
 * field the lookup reads (addresses, mark, protocol, TOS/traffic class,
 * IPv4 output interface), each dst validated with dst_check() and its
 * route cookie on every use, exactly as a connected socket or the
 * kernel's flowtable keeps its dst: a route, address, PMTU or device
 * change makes the check fail and the next packet looks up again. The
 * cache holds the reference; packets carry the dst without one
 * (skb_dst_set_noref(), as forwarded packets carry their input route),
 * which is valid because the packet path runs under RCU and a released
 * dst is freed only after a grace period. Only the owning CPU, in
 * softirq (the PREROUTING hook), touches its table; the instance frees
 * all of them after its grace period (dcx_rcache_free()).
 *
 * The route type of an IPv4 destination ("for the box itself?",
 * dcx_route_type4()) is memoised the same way, validated by the netns'
 * IPv4 route generation, which every route insertion, address change and
 * deletion of a route a lookup returned advances.
 */
#include <linux/ip.h>
#include <linux/percpu.h>
#include <linux/hash.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/ip6_fib.h>
#include <net/route.h>
#include <net/l3mdev.h>
#include <net/netfilter/nf_conntrack.h>
#include "route.h"
#include "core/tables.h"

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

struct dcx_rcache __percpu *dcx_rcache_alloc(void)
{
	return alloc_percpu(struct dcx_rcache);
}

void dcx_rcache_free(struct dcx_rcache __percpu *rc)
{
	struct dcx_rcache *c;
	unsigned int cpu, i;

	if (!rc)
		return;
	for_each_possible_cpu(cpu) {
		c = per_cpu_ptr(rc, cpu);
		for (i = 0; i < DCX_RC_SLOTS; i++) {
			dst_release(c->v6[i].dst);
			dst_release(c->v4[i].dst);
		}
	}
	free_percpu(rc);
}

/* A cached dst still valid for the route it was looked up by, or NULL. */
static struct dst_entry *dcx_rc_check(struct dst_entry *dst, u32 cookie)
{
	return dst ? dst_check(dst, cookie) : NULL;
}

/* Keep dst (the lookup's reference) in *slot instead of what was there. */
static void dcx_rc_keep(struct dst_entry **slot, struct dst_entry *dst)
{
	dst_release(*slot);
	*slot = dst;
}

static unsigned int dcx_rc_slot(u32 a, u32 b)
{
	return hash_32(a ^ (b * 0x9e3779b9u), DCX_RC_BITS);
}

struct dst_entry *dcx_route6(struct net *net, struct dcx_rcache __percpu *rc,
			     const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tclass)
{
	u8 proto = x->proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 : x->proto;
	struct flowi6 fl6 = {
		.daddr = x->dst6,
		.saddr = x->src6,
		.flowi6_mark = skb->mark,
		.flowi6_proto = proto,
		.flowlabel = ip6_make_flowinfo(tclass, 0),
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dcx_rc6 *e;
	struct dst_entry *dst;

	e = &this_cpu_ptr(rc)->v6[dcx_rc_slot(x->dst6.s6_addr32[3] ^
					      x->dst6.s6_addr32[2],
					      x->src6.s6_addr32[3])];
	if (ipv6_addr_equal(&e->daddr, &x->dst6) &&
	    ipv6_addr_equal(&e->saddr, &x->src6) && e->mark == skb->mark &&
	    e->proto == proto && e->tclass == tclass &&
	    dcx_rc_check(e->dst, e->cookie))
		return e->dst;
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		int err = dst->error;

		dst_release(dst);
		return ERR_PTR(err);
	}
	dcx_rc_keep(&e->dst, dst);
	e->daddr = x->dst6;
	e->saddr = x->src6;
	e->mark = skb->mark;
	e->proto = proto;
	e->tclass = tclass;
	e->cookie = rt6_get_cookie(dst_rt6_info(dst));
	return dst;
}

/*
 * The routing domain of a space: its VRF (an l3mdev master as oif sends
 * the lookup to the VRF's table through the l3mdev FIB rule, exactly as a
 * socket bound to the VRF), else the netns' own rules and tables. A
 * space waiting for its VRF device (-1: not there yet, or gone) routes
 * nowhere: its packets must never fall back to another tenant's routes.
 */
static int dcx_route4_oif(const struct dcx_xlat *x)
{
	return x->space ? READ_ONCE(x->space->vrf_ifindex) : 0;
}

struct dst_entry *dcx_route4(struct net *net, struct dcx_rcache __percpu *rc,
			     const struct sk_buff *skb,
			     const struct dcx_xlat *x, u8 tos)
{
	u8 proto = x->proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : x->proto;
	int oif = dcx_route4_oif(x);
	struct flowi4 fl4 = {
		.flowi4_oif = oif > 0 ? oif : 0,
		.daddr = x->dst4,
		.saddr = x->src4,
		.flowi4_tos = RT_TOS(tos),
		.flowi4_mark = skb->mark,
		.flowi4_proto = proto,
		/* The source is the translated client, not one of ours. */
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dcx_rc4 *e;
	struct rtable *rt;

	if (oif < 0)
		return ERR_PTR(-ENOLINK);
	e = &this_cpu_ptr(rc)->v4[dcx_rc_slot((__force u32)x->dst4,
					      (__force u32)x->src4)];
	if (e->daddr == x->dst4 && e->saddr == x->src4 &&
	    e->mark == skb->mark && e->oif == oif && e->proto == proto &&
	    e->tos == RT_TOS(tos) && dcx_rc_check(e->dst, 0))
		return e->dst;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	dcx_rc_keep(&e->dst, &rt->dst);
	e->daddr = x->dst4;
	e->saddr = x->src4;
	e->mark = skb->mark;
	e->oif = oif;
	e->proto = proto;
	e->tos = RT_TOS(tos);
	return &rt->dst;
}

bool dcx_route_local(const struct dst_entry *dst)
{
	return container_of(dst, const struct rtable, dst)->rt_type == RTN_LOCAL;
}

unsigned int dcx_route_type4(struct net *net, struct dcx_rcache __percpu *rc,
			     const struct net_device *dev, __be32 daddr)
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
	/* What inet_addr_type_dev_table() looks at, remembered. */
	e->type = inet_addr_type_table(net, daddr, tb_id);
	e->daddr = daddr;
	e->tb_id = tb_id;
	e->genid = genid;
	return e->type;
}

/* Hand skb to dst (the caller's reference or, noref, RCU's). */
static int dcx_xmit(struct net *net, struct sk_buff *skb)
{
	nf_reset_ct(skb);
	/* The control block belonged to the old family's input path. */
	memset(skb->cb, 0, sizeof(skb->cb));
	skb->dev = skb_dst(skb)->dev;
	return dst_output(net, NULL, skb);
}

int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst)
{
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return dcx_xmit(net, skb);
}

int dcx_output_noref(struct net *net, struct sk_buff *skb,
		     struct dst_entry *dst)
{
	skb_dst_drop(skb);
	skb_dst_set_noref(skb, dst);
	return dcx_xmit(net, skb);
}
