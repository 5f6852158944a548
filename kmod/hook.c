// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter PREROUTING hooks: find the instance that owns a packet, let the
 * pure core translate its headers in place, route it in the other family
 * and steal it. Packets that are not ours go on untouched.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/route.h>
#include "instance.h"
#include "route.h"
#include "frag.h"
#include "defrag.h"
#include "fragment.h"
#include "offload.h"
#include "hook.h"
#include "space.h"
#include "ndp.h"
#include "compat.h"

/*
 * Ahead of the defragmenters (-400) so fragments are translated one by one,
 * statelessly, and ahead of the raw-before-defrag tables.
 */
#define DCX_HOOK_PRIORITY	(NF_IP_PRI_CONNTRACK_DEFRAG - 60)

/* dcx_xlat_skb_*() result meaning "not this instance's packet". */
#define DCX_NEXT		(-1)

typedef enum dcx_action (*dcx_plan_fn)(struct dcx_xlat *x, const u8 *nh,
					unsigned int linear,
					unsigned int total);

/* Run a plan step, pulling headers into the linear area as it asks. */
static enum dcx_action dcx_plan_skb(struct dcx_xlat *x, struct sk_buff *skb,
				     dcx_plan_fn plan)
{
	unsigned int pulled = 0;
	enum dcx_action v;

	/*
	 * The core asks for one header more each round (an extension-header
	 * chain is walked header by header): go on while it asks for more
	 * than it had, which bounds the rounds by the packet's length.
	 */
	for (;;) {
		v = plan(x, skb->data, skb_headlen(skb), skb->len);
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

/* Move skb->data to the new network header the core wrote. */
static void dcx_set_nh(struct sk_buff *skb, const u8 *nh,
		       const struct dcx_xlat *x, __be16 protocol)
{
	if (nh < skb->data)
		__skb_push(skb, skb->data - nh);
	else
		__skb_pull(skb, nh - skb->data);
	/* ICMP errors grow or shrink inside: their inner packet changed. */
	if (x->new_total > skb->len)
		__skb_put(skb, x->new_total - skb->len);
	else if (x->new_total < skb->len)
		__skb_trim(skb, x->new_total);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, x->new_nhlen);
	skb->protocol = protocol;
}

/*
 * A fragmented ICMP message is reassembled once (defrag.c) and planned
 * again.
 */
static enum dcx_defrag dcx_reasm(struct net *net, struct sk_buff *skb,
				 bool *reasm,
				 enum dcx_defrag (*defrag)(struct net *,
							   struct sk_buff *))
{
	enum dcx_defrag r;

	if (*reasm)
		return DCX_DEFRAG_FAIL;
	r = defrag(net, skb);
	if (r == DCX_DEFRAG_DONE)
		*reasm = true;
	return r;
}

/* The instance's counter, and the space's when the packet has one. */
static void dcx_count(struct dcx_instance *inst, const struct dcx_xlat *x,
		      enum dcxlat_stat id)
{
	dcx_stat_inc(inst->stats, id);
	dcx_space_stat_inc(x->space, id);
}

static int dcx_xlat_skb_46(struct net *net, struct dcx_instance *inst,
			   struct sk_buff *skb);

/*
 * Route, size, rewrite and send an IPv4 packet the plan accepted (x).
 * reasm: it is a reassembled ICMP message; quiet: it is hairpinned, so no
 * ICMPv4 error can reach its source.
 */
static int dcx_send_46(struct net *net, struct dcx_instance *inst,
		       struct sk_buff *skb, struct dcx_xlat *x, bool reasm,
		       bool quiet)
{
	struct dst_entry *dst;
	u32 frag_max;
	int grow;
	u8 *nh;

	dst = dcx_route6(net, skb, x, ip_hdr(skb)->tos);
	if (IS_ERR(dst)) {
		x->stat = DCXLAT_STAT_NO_ROUTE;
		goto drop;
	}
	if (!quiet && !reasm && dcx_gso_must_segment(skb, x, dst_mtu(dst))) {
		dst_release(dst);
		return dcx_xlat_segments(net, inst, skb, dcx_xlat_skb_46);
	}
	if (!dcx_fits_46(net, skb, x, dst, &frag_max, quiet))
		goto drop_dst;
	grow = x->new_nhlen - x->old_nhlen;
	if (dcx_prepare_skb(skb, x, grow, dst->dev,
			    x->proto == IPPROTO_ICMP)) {
		x->stat = DCXLAT_STAT_NOMEM;
		goto drop_dst;
	}
	x->mtu_out = dst_mtu(dst);
	nh = dcx_apply_46(x, skb->data, skb->len);
	dcx_set_nh(skb, nh, x, htons(ETH_P_IPV6));
	if (!dcx_fix_gso(skb, dst_mtu(dst), true)) {
		x->stat = DCXLAT_STAT_TOO_BIG;
		goto drop_dst;
	}
	dcx_count(inst, x, DCXLAT_STAT_XLAT_46);
	if (reasm)
		dcx_count(inst, x, DCXLAT_STAT_ICMP_REASM);
	if (dcx_output6(net, skb, dst, frag_max) < 0)
		dcx_count(inst, x, DCXLAT_STAT_OUTPUT_ERR);
	return NF_STOLEN;

drop_dst:
	dst_release(dst);
drop:
	dcx_count(inst, x, x->stat);
	return NF_DROP;
}

static int dcx_xlat_skb_46(struct net *net, struct dcx_instance *inst,
			   struct sk_buff *skb)
{
	const struct dcx_config *cfg = rcu_dereference(inst->cfg);
	struct dcx_xlat x = { .cfg = &cfg->xlat };
	bool reasm = false;
	unsigned int type;

	/* The ingress interface (and destination) decide the space. */
	x.space = dcx_space_select4(x.cfg, skb->dev, ip_hdr(skb)->daddr);
	if (!x.space) {
		dcx_stat_inc(inst->stats, DCXLAT_STAT_UNBOUND);
		return DCX_NEXT;
	}
replan:
	switch (dcx_plan_skb(&x, skb, dcx_plan_46)) {
	case DCX_PASS:
		dcx_count(inst, &x, x.stat);
		return DCX_NEXT;
	case DCX_XLAT:
		break;
	case DCX_REASSEMBLE:
		switch (dcx_reasm(net, skb, &reasm, dcx_defrag4)) {
		case DCX_DEFRAG_DONE:
			goto replan;
		case DCX_DEFRAG_STOLEN:
			return NF_STOLEN;
		case DCX_DEFRAG_FAIL:
			break;
		}
		dcx_count(inst, &x, x.stat);
		return NF_DROP;
	case DCX_ICMP_ERROR:
		dcx_send_icmp4(net, skb, x.err.type, x.err.code, x.err.info);
		fallthrough;
	default:
		/* Other drops (e.g. the ER security checks) send nothing. */
		dcx_count(inst, &x, x.stat);
		return NF_DROP;
	}
	/* Traffic for the translator itself is not translated. */
	type = inet_addr_type_dev_table(net, skb->dev, ip_hdr(skb)->daddr);
	if (type != RTN_UNICAST) {
		dcx_count(inst, &x, DCXLAT_STAT_PASS_46);
		return DCX_NEXT;
	}
	return dcx_send_46(net, inst, skb, &x, reasm, false);
}

static int dcx_xlat_skb_64(struct net *net, struct dcx_instance *inst,
			   struct sk_buff *skb);

/* RFC 7757 4.2: the IPv4 destination is one of our own EAM entries. */
static bool dcx_hairpin_wanted(const struct dcx_xlat *x)
{
	return x->hairpin;
}

/*
 * Hairpinning: translate the IPv6 packet to IPv4 and that IPv4 packet
 * back to IPv6 (the core's second pass, x->hairpin kept: the source maps
 * by the RFC 6052 prefix only and the TTL is not decremented again), then
 * send it into the IPv6 network without it ever leaving the box as IPv4.
 */
static int dcx_hairpin(struct net *net, struct dcx_instance *inst,
		       struct sk_buff *skb, struct dcx_xlat *x, bool reasm)
{
	struct iphdr *iph;
	u8 *nh;

	/* GSO that cannot be translated in place: one segment at a time. */
	if (dcx_gso_must_segment(skb, x, IP_MAX_MTU))
		return dcx_xlat_segments(net, inst, skb, dcx_xlat_skb_64);
	if (dcx_prepare_skb(skb, x, 0, skb->dev,
			    x->proto == IPPROTO_ICMPV6)) {
		x->stat = DCXLAT_STAT_NOMEM;
		goto drop;
	}
	x->mtu_out = 0xffff;	/* no IPv4 link: the IPv6 leg caps it */
	nh = dcx_apply_64(x, skb->data, skb->len);
	dcx_set_nh(skb, nh, x, htons(ETH_P_IP));
	iph = ip_hdr(skb);
	if (reasm && (iph->frag_off & htons(IP_DF))) {
		iph->frag_off &= ~htons(IP_DF);
		ip_send_check(iph);
	}
	if (dcx_plan_skb(x, skb, dcx_plan_46) != DCX_XLAT) {
		/* Not translatable back: it cannot go anywhere. */
		if (x->stat == DCXLAT_STAT_PASS_46)
			x->stat = DCXLAT_STAT_UNTRANS_SRC4;
		goto drop;
	}
	dcx_count(inst, x, DCXLAT_STAT_HAIRPIN);
	return dcx_send_46(net, inst, skb, x, reasm, true);

drop:
	dcx_count(inst, x, x->stat);
	return NF_DROP;
}

static int dcx_xlat_skb_64(struct net *net, struct dcx_instance *inst,
			   struct sk_buff *skb)
{
	const struct dcx_config *cfg = rcu_dereference(inst->cfg);
	struct dcx_xlat x = { .cfg = &cfg->xlat };
	struct dst_entry *dst;
	bool reasm = false;
	struct iphdr *iph;
	u8 tclass;
	u8 *nh;

	if (unlikely(cfg->ndp_proxy_ifindex == skb->dev->ifindex) &&
	    dcx_ndp_proxy(net, x.cfg, skb))
		return NF_DROP;
replan:
	switch (dcx_plan_skb(&x, skb, dcx_plan_64)) {
	case DCX_PASS:
		dcx_count(inst, &x, x.stat);
		return DCX_NEXT;
	case DCX_XLAT:
		break;
	case DCX_REASSEMBLE:
		switch (dcx_reasm(net, skb, &reasm, dcx_defrag6)) {
		case DCX_DEFRAG_DONE:
			goto replan;
		case DCX_DEFRAG_STOLEN:
			return NF_STOLEN;
		case DCX_DEFRAG_FAIL:
			break;
		}
		goto drop;
	case DCX_ICMP_ERROR:
		dcx_send_icmp6(skb, x.err.type, x.err.code, x.err.info);
		fallthrough;
	default:
		/* Other drops (e.g. the ER security checks) send nothing. */
		goto drop;
	}
	if (dcx_hairpin_wanted(&x))
		return dcx_hairpin(net, inst, skb, &x, reasm);

	tclass = ipv6_get_dsfield(ipv6_hdr(skb));
	dst = dcx_route4(net, skb, &x, tclass);
	if (IS_ERR(dst)) {
		x.stat = DCXLAT_STAT_NO_ROUTE;
		goto drop;
	}
	if (!reasm && dcx_gso_must_segment(skb, &x, dst_mtu(dst))) {
		dst_release(dst);
		return dcx_xlat_segments(net, inst, skb, dcx_xlat_skb_64);
	}
	if (!dcx_fits_64(skb, &x, dst, reasm))
		goto drop_dst;
	if (dcx_prepare_skb(skb, &x, 0, dst->dev,
			    x.proto == IPPROTO_ICMPV6)) {
		x.stat = DCXLAT_STAT_NOMEM;
		goto drop_dst;
	}
	x.mtu_out = dst_mtu(dst);
	nh = dcx_apply_64(&x, skb->data, skb->len);
	dcx_set_nh(skb, nh, &x, htons(ETH_P_IP));
	iph = ip_hdr(skb);
	if (reasm && (iph->frag_off & htons(IP_DF))) {
		/* It came fragmented: IPv4 may fragment it again. */
		iph->frag_off &= ~htons(IP_DF);
		ip_send_check(iph);
	}
	if (!(iph->frag_off & htons(IP_DF | IP_MF | IP_OFFSET))) {
		/* Fragmentable: it needs a real identification. */
		__ip_select_ident(net, iph, skb_shinfo(skb)->gso_segs ?: 1);
		ip_send_check(iph);
	}
	if (!dcx_fix_gso(skb, dst_mtu(dst), false)) {
		x.stat = DCXLAT_STAT_TOO_BIG;
		goto drop_dst;
	}
	dcx_count(inst, &x, DCXLAT_STAT_XLAT_64);
	if (reasm)
		dcx_count(inst, &x, DCXLAT_STAT_ICMP_REASM);
	if (dcx_output(net, skb, dst, 0) < 0)
		dcx_count(inst, &x, DCXLAT_STAT_OUTPUT_ERR);
	return NF_STOLEN;

drop_dst:
	dst_release(dst);
drop:
	dcx_count(inst, &x, x.stat);
	return NF_DROP;
}

/* Instances are tried in creation order; the first that owns it wins. */
static unsigned int dcx_hook(struct sk_buff *skb,
			     const struct nf_hook_state *state,
			     dcx_xlat_skb_fn xlat)
{
	struct dcx_instance *inst;
	int verdict;

	list_for_each_entry_rcu(inst, &dcx_net(state->net)->instances, list) {
		verdict = xlat(state->net, inst, skb);
		if (verdict != DCX_NEXT)
			return verdict;
	}
	return NF_ACCEPT;
}

static unsigned int dcx_hook4(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	return dcx_hook(skb, state, dcx_xlat_skb_46);
}

static unsigned int dcx_hook6(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	return dcx_hook(skb, state, dcx_xlat_skb_64);
}

static const struct nf_hook_ops dcx_hook_ops[] = {
	{
		.hook = dcx_hook4,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = DCX_HOOK_PRIORITY,
	},
	{
		.hook = dcx_hook6,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = DCX_HOOK_PRIORITY,
	},
};

int dcx_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, dcx_hook_ops,
				     ARRAY_SIZE(dcx_hook_ops));
}

void dcx_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, dcx_hook_ops, ARRAY_SIZE(dcx_hook_ops));
}
