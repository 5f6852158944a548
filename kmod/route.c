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
 * all of them after its grace period (dcx_rcache_free()). The hits are
 * inline in route.h (every packet makes two); the misses are here.
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

/* Keep dst (the lookup's reference) in *slot instead of what was there. */
static void dcx_rc_keep(struct dst_entry **slot, struct dst_entry *dst)
{
	dst_release(*slot);
	*slot = dst;
}

struct dst_entry *dcx_route6_miss(struct net *net, struct dcx_rc6 *e,
				  const struct sk_buff *skb,
				  const struct dcx_xlat *x, u8 tclass, u8 proto)
{
	struct flowi6 fl6 = {
		.daddr = x->dst6,
		.saddr = x->src6,
		.flowi6_mark = skb->mark,
		.flowi6_proto = proto,
		.flowlabel = ip6_make_flowinfo(tclass, 0),
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst;

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

struct dst_entry *dcx_route4_miss(struct net *net, struct dcx_rc4 *e,
				  const struct sk_buff *skb,
				  const struct dcx_xlat *x, u8 tos, u8 proto,
				  int oif)
{
	struct flowi4 fl4 = {
		.flowi4_oif = oif,
		.daddr = x->dst4,
		.saddr = x->src4,
		.flowi4_tos = tos,
		.flowi4_mark = skb->mark,
		.flowi4_proto = proto,
		/* The source is the translated client, not one of ours. */
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return ERR_CAST(rt);
	dcx_rc_keep(&e->dst, &rt->dst);
	e->daddr = x->dst4;
	e->saddr = x->src4;
	e->mark = skb->mark;
	e->oif = oif;
	e->proto = proto;
	e->tos = tos;
	return &rt->dst;
}

bool dcx_route_local(const struct dst_entry *dst)
{
	return container_of(dst, const struct rtable, dst)->rt_type == RTN_LOCAL;
}

unsigned int dcx_route_type4_miss(struct net *net, struct dcx_rtype4 *e,
				  __be32 daddr, u32 tb_id, int genid)
{
	/* What inet_addr_type_dev_table() looks at, remembered. */
	e->type = inet_addr_type_table(net, daddr, tb_id);
	e->daddr = daddr;
	e->tb_id = tb_id;
	e->genid = genid;
	return e->type;
}

int dcx_output(struct net *net, struct sk_buff *skb, struct dst_entry *dst)
{
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return dcx_xmit(net, skb);
}
