// SPDX-License-Identifier: GPL-2.0
/*
 * The dispatch step (see dispatch.h): carries out what the core's plan
 * decided, for both directions with the same code. A packet goes down,
 * never back up: dispatch -> core plan (pulling headers as it asks) ->
 * one action:
 *   PASS        leave it to the stack (the next instance may own it)
 *   DROP        count x->stat, drop
 *   ICMP_ERROR  answer the source in its own family (icmp_err.c), drop
 *   REASSEMBLE  the kernel's defragmenter (frag.c), then plan again
 *   XLAT        route (route.c), path MTU (pmtu.c), software segments of
 *               GSO packets that cannot be translated whole (gso.c, each
 *               segment dispatched alone), skb preparation (skb.c), the
 *               core's apply, output (frag.c / route.c);
 *               6 -> 4 to one of our own EAM entries: hairpinning.
 *
 * What differs between the directions is one constant struct dcx_dir;
 * the shared steps are inlined with it, so every call through it is a
 * direct call and the packet path pays nothing for the sharing.
 * Counters: the instance's, and the packet's space's when it has one.
 */
#include <linux/netfilter.h>
#include <linux/skbuff.h>
#include <net/dsfield.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/l3mdev.h>
#include "instance.h"
#include "ndp.h"
#include "icmp_err.h"
#include "frag.h"
#include "route.h"
#include "pmtu.h"
#include "gso.h"
#include "skb.h"
#include "dispatch.h"

/* One direction; what the shared steps below need to know about it. */
struct dcx_dir {
	enum dcx_action (*plan)(struct dcx_xlat *x, const u8 *nh,
				unsigned int linear, unsigned int total);
	u8 *(*apply)(struct dcx_xlat *x, u8 *nh, unsigned int total);
	enum dcx_defrag (*defrag)(struct net *net, struct sk_buff *skb);
	void (*icmp_error)(struct net *net, struct sk_buff *skb, u8 type,
			   u8 code, u32 info);
	struct dst_entry *(*route)(struct net *net,
				   struct dcx_rcache __percpu *rc,
				   const struct sk_buff *skb,
				   const struct dcx_xlat *x, u8 tos);
	__be16 protocol;		/* of the translated packet */
	u8 icmp;			/* ICMP in the input family */
	enum dcxlat_stat xlat_stat;	/* a translated packet */
	bool to6;
};

static const struct dcx_dir dcx_46 = {
	.plan = dcx_plan_46,
	.apply = dcx_apply_46,
	.defrag = dcx_defrag4,
	.icmp_error = dcx_send_icmp4,
	.route = dcx_route6,
	.protocol = htons(ETH_P_IPV6),
	.icmp = IPPROTO_ICMP,
	.xlat_stat = DCXLAT_STAT_XLAT_46,
	.to6 = true,
};

static const struct dcx_dir dcx_64 = {
	.plan = dcx_plan_64,
	.apply = dcx_apply_64,
	.defrag = dcx_defrag6,
	.icmp_error = dcx_send_icmp6,
	.route = dcx_route4,
	.protocol = htons(ETH_P_IP),
	.icmp = IPPROTO_ICMPV6,
	.xlat_stat = DCXLAT_STAT_XLAT_64,
	.to6 = false,
};

/* The instance's counter, and the space's when the packet has one. */
static void dcx_count(struct dcx_instance *inst, const struct dcx_xlat *x,
		      enum dcxlat_stat id)
{
	dcx_stat_inc(inst->stats, id);
	dcx_space_stat_inc(x->space, id);
}

/* Run the plan, pulling headers into the linear area as it asks. */
static __always_inline enum dcx_action
dcx_plan_skb(struct dcx_xlat *x, struct sk_buff *skb, const struct dcx_dir *d)
{
	unsigned int pulled = 0;
	enum dcx_action v;

	/*
	 * The core asks for one header more each round (an extension-header
	 * chain is walked header by header): go on while it asks for more
	 * than it had, which bounds the rounds by the packet's length.
	 */
	dcx_skb_csum_in(skb, x);
	for (;;) {
		v = d->plan(x, skb->data, skb_headlen(skb), skb->len);
		if (v != DCX_PULL)
			return v;
		if (x->need <= pulled || x->need > skb->len) {
			x->stat = DCXLAT_STAT_BAD_HDR;
			return DCX_DROP;
		}
		if (!pskb_may_pull(skb, x->need)) {
			x->stat = DCXLAT_STAT_NOMEM;
			return DCX_DROP;
		}
		pulled = x->need;
	}
}

/* A fragmented ICMP message is reassembled once, then planned again. */
static __always_inline enum dcx_defrag
dcx_reassemble(struct net *net, struct sk_buff *skb, bool *reasm,
	       const struct dcx_dir *d)
{
	enum dcx_defrag r;

	if (*reasm)
		return DCX_DEFRAG_FAIL;
	r = d->defrag(net, skb);
	if (r == DCX_DEFRAG_DONE)
		*reasm = true;
	return r;
}

/*
 * A GSO packet that cannot be translated whole: cut it (gso.c) and
 * dispatch every segment as if it had come alone. Consumes skb.
 */
static noinline int dcx_segments(struct net *net, struct dcx_instance *inst,
				 struct sk_buff *skb, const struct dcx_dir *d)
{
	struct sk_buff *segs, *seg, *next;
	enum dcxlat_stat why;
	int verdict;

	segs = dcx_gso_segment(skb, &why);
	if (!segs) {
		dcx_stat_inc(inst->stats, why);
		return NF_DROP;
	}
	dcx_stat_inc(inst->stats, DCXLAT_STAT_GSO_SEGMENTED);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		dcx_stat_inc(inst->stats, DCXLAT_STAT_GSO_SEGMENTS);
		verdict = d->to6 ? dcx_dispatch46(net, inst, seg) :
				   dcx_dispatch64(net, inst, seg);
		if (verdict != NF_STOLEN)
			kfree_skb(seg);
	}
	return NF_STOLEN;
}

/*
 * Prepare the skb (out: the device it leaves by), let the core rewrite it
 * in place and move the network header: skb is the translated packet
 * now. False (x->stat set) when it could not be prepared.
 */
static __always_inline bool dcx_rewrite(struct sk_buff *skb,
					struct dcx_xlat *x,
					const struct net_device *out,
					u32 mtu_out, bool reasm,
					const struct dcx_dir *d)
{
	struct iphdr *iph;
	u8 *nh;
	int err;

	err = dcx_prepare_skb(skb, x, out, x->proto == d->icmp);
	if (err) {
		x->stat = err == -EINVAL ? DCXLAT_STAT_BAD_HDR :
					   DCXLAT_STAT_NOMEM;
		return false;
	}
	x->mtu_out = mtu_out;
	nh = d->apply(x, skb->data, skb->len);
	dcx_set_nh(skb, nh, x, d->protocol);
	if (d->to6 || !reasm)
		return true;
	iph = ip_hdr(skb);
	if (iph->frag_off & htons(IP_DF)) {
		/* It came fragmented: IPv4 may fragment it again. */
		iph->frag_off &= ~htons(IP_DF);
		ip_send_check(iph);
	}
	return true;
}

/* RFC 7915 6: a fragmentable IPv4 packet needs a real identification. */
static void dcx_select_ident(struct net *net, struct sk_buff *skb)
{
	struct iphdr *iph = ip_hdr(skb);

	if (!(iph->frag_off & htons(IP_DF | IP_MF | IP_OFFSET))) {
		__ip_select_ident(net, iph, skb_shinfo(skb)->gso_segs ?: 1);
		ip_send_check(iph);
	}
}

/*
 * Route, size, rewrite and send a packet the plan accepted (x).
 * reasm: it is a reassembled ICMP message; quiet: it is hairpinned, so no
 * ICMPv4 error can reach its source.
 */
static __always_inline int dcx_send(struct net *net,
				    struct dcx_instance *inst,
				    struct sk_buff *skb, struct dcx_xlat *x,
				    bool reasm, bool quiet,
				    const struct dcx_dir *d)
{
	struct dst_entry *dst;
	u32 frag_max = 0;
	__be16 id4 = 0;
	u32 mtu;
	u8 tos;

	if (d->to6)
		id4 = ip_hdr(skb)->id;
	tos = d->to6 ? ip_hdr(skb)->tos : ipv6_get_dsfield(ipv6_hdr(skb));
	/* The route cache's dst: no reference to drop (route.h). */
	dst = d->route(net, inst->rcache, skb, x, tos);
	if (IS_ERR(dst)) {
		x->stat = PTR_ERR(dst) == -ENOLINK ? DCXLAT_STAT_VRF_WAITING :
			  DCXLAT_STAT_NO_ROUTE;
		goto drop;
	}
	/* RFC 7915 1.4, the translator routes: it is no way into itself. */
	if (!d->to6 && dcx_route_local(dst)) {
		x->stat = DCXLAT_STAT_TO_SELF4;
		goto drop;
	}
	mtu = dst_mtu(dst);
	if (!quiet && !reasm && dcx_gso_must_segment(skb, x, mtu))
		return dcx_segments(net, inst, skb, d);
	if (d->to6 ? !dcx_fits_46(net, skb, x, mtu, &frag_max, quiet) :
		     !dcx_fits_64(net, skb, x, mtu, reasm))
		goto drop;
	if (!dcx_rewrite(skb, x, dst->dev, mtu, reasm, d))
		goto drop;
	if (!d->to6)
		dcx_select_ident(net, skb);
	if (!dcx_fix_gso(skb, mtu, d->to6)) {
		x->stat = DCXLAT_STAT_TOO_BIG;
		goto drop;
	}
	dcx_count(inst, x, d->xlat_stat);
	if (reasm)
		dcx_count(inst, x, DCXLAT_STAT_ICMP_REASM);
	/* RFC 7915 4.1: IPv6 fragments carry the IPv4 ID (frag.c). */
	if ((d->to6 && frag_max && skb->len > frag_max ?
	     dcx_output6(net, skb, dst_clone(dst), frag_max, id4) :
	     dcx_output_noref(net, skb, dst)) < 0)
		dcx_count(inst, x, DCXLAT_STAT_OUTPUT_ERR);
	return NF_STOLEN;

drop:
	dcx_count(inst, x, x->stat);
	return NF_DROP;
}

/*
 * Hairpinning (RFC 7757 4.2): translate the IPv6 packet to IPv4 and that
 * IPv4 packet back to IPv6 (the core's second pass, x->hairpin kept: the
 * source maps by the RFC 6052 prefix only and the TTL is not decremented
 * again), then send it into the IPv6 network without it ever leaving the
 * box as IPv4.
 */
static int dcx_hairpin(struct net *net, struct dcx_instance *inst,
		       struct sk_buff *skb, struct dcx_xlat *x, bool reasm)
{
	/* GSO that cannot be translated in place: one segment at a time. */
	if (dcx_gso_must_segment(skb, x, IP_MAX_MTU))
		return dcx_segments(net, inst, skb, &dcx_64);
	if (!dcx_fits_hairpin(net, inst->rcache, skb, x, reasm))
		goto drop;
	/* No IPv4 link: the IPv6 leg caps the MTU. */
	if (!dcx_rewrite(skb, x, skb->dev, 0xffff, reasm, &dcx_64))
		goto drop;
	if (dcx_plan_skb(x, skb, &dcx_46) != DCX_XLAT) {
		/* Not translatable back: it cannot go anywhere. */
		if (x->stat == DCXLAT_STAT_PASS_46)
			x->stat = DCXLAT_STAT_UNTRANS_SRC4;
		goto drop;
	}
	dcx_count(inst, x, DCXLAT_STAT_HAIRPIN);
	return dcx_send(net, inst, skb, x, reasm, true, &dcx_46);

drop:
	dcx_count(inst, x, x->stat);
	return NF_DROP;
}

/* The route type of an IPv4 packet's destination, as the stack sees it. */
static unsigned int dcx_dst4_type(struct net *net, struct dcx_instance *inst,
				  const struct sk_buff *skb)
{
	return dcx_route_type4(net, inst->rcache, skb->dev, ip_hdr(skb)->daddr);
}

/* Plan, then carry the action out. */
static __always_inline int dcx_dispatch(struct net *net,
					struct dcx_instance *inst,
					struct sk_buff *skb,
					struct dcx_xlat *x,
					const struct dcx_dir *d)
{
	bool reasm = false;

replan:
	switch (dcx_plan_skb(x, skb, d)) {
	case DCX_PASS:
		dcx_count(inst, x, x->stat);
		return DCX_NEXT;
	case DCX_XLAT:
		break;
	case DCX_REASSEMBLE:
		switch (dcx_reassemble(net, skb, &reasm, d)) {
		case DCX_DEFRAG_DONE:
			goto replan;
		case DCX_DEFRAG_STOLEN:
			dcx_count(inst, x, DCXLAT_STAT_FRAG_HELD);
			return NF_STOLEN;
		case DCX_DEFRAG_FAIL:
			break;
		}
		goto drop;
	case DCX_ICMP_ERROR:
		/*
		 * An IPv4 packet for the translator itself is the stack's,
		 * whatever the plan found (e.g. TTL 1 of an eBGP session).
		 */
		if (d->to6 && dcx_dst4_type(net, inst, skb) == RTN_LOCAL)
			goto pass_self;
		d->icmp_error(net, skb, x->err.type, x->err.code, x->err.info);
		goto drop;
	default:
		/* Other drops (e.g. the ER security checks) send nothing. */
		if (d->to6 && dcx_dst4_type(net, inst, skb) == RTN_LOCAL)
			goto pass_self;
		goto drop;
	}
	if (d->to6) {
		/* Traffic for the translator itself is not translated. */
		if (dcx_dst4_type(net, inst, skb) != RTN_UNICAST)
			goto pass_self;
	} else if (x->hairpin) {
		return dcx_hairpin(net, inst, skb, x, reasm);
	}
	return dcx_send(net, inst, skb, x, reasm, false, d);

drop:
	dcx_count(inst, x, x->stat);
	return NF_DROP;
pass_self:
	dcx_count(inst, x, DCXLAT_STAT_PASS_46);
	return DCX_NEXT;
}

/*
 * The space of an IPv4 packet that came in on dev for dst4: the longest
 * destination-prefix binding of dev, else of its VRF master, else the
 * default space, or NULL (not ours) when cfg->unbound says pass.
 */
static const struct dcx_space *dcx_space_select4(const struct dcx_xlat_cfg *cfg,
						 const struct net_device *dev,
						 __be32 dst4)
{
	const struct dcx_space *s;
	int master;

	s = dcx_space_bound(cfg->tables, dev->ifindex, dst4);
	/* A VRF's slave only: a master's own ifindex was the lookup above. */
	if (!s && netif_is_l3_slave(dev)) {
		master = l3mdev_master_ifindex_rcu(dev);
		if (master && master != dev->ifindex)
			s = dcx_space_bound(cfg->tables, master, dst4);
	}
	if (s)
		return s;
	if (cfg->unbound == DCXLAT_UNBOUND_PASS)
		return NULL;
	return cfg->tables->def;
}

int dcx_dispatch46(struct net *net, struct dcx_instance *inst,
		   struct sk_buff *skb)
{
	const struct dcx_config *cfg = rcu_dereference(inst->cfg);
	struct dcx_xlat x = { .cfg = &cfg->xlat };

	/* The ingress interface (and destination) decide the space. */
	x.space = dcx_space_select4(x.cfg, skb->dev, ip_hdr(skb)->daddr);
	if (!x.space) {
		dcx_stat_inc(inst->stats, DCXLAT_STAT_UNBOUND);
		return DCX_NEXT;
	}
	return dcx_dispatch(net, inst, skb, &x, &dcx_46);
}

int dcx_dispatch64(struct net *net, struct dcx_instance *inst,
		   struct sk_buff *skb)
{
	const struct dcx_config *cfg = rcu_dereference(inst->cfg);
	struct dcx_xlat x = { .cfg = &cfg->xlat };

	if (unlikely(cfg->ndp_proxy_ifindex == skb->dev->ifindex)) {
		switch (dcx_ndp_proxy(net, x.cfg, skb)) {
		case DCX_NDP_ANSWERED:
			dcx_stat_inc(inst->stats, DCXLAT_STAT_NDP_ANSWERED);
			return NF_DROP;
		case DCX_NDP_IGNORED:
			dcx_stat_inc(inst->stats, DCXLAT_STAT_NDP_IGNORED);
			break;
		case DCX_NDP_OTHER:
			break;
		}
	}
	return dcx_dispatch(net, inst, skb, &x, &dcx_64);
}
