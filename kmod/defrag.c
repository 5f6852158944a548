// SPDX-License-Identifier: GPL-2.0
/*
 * Fragmented ICMP and ICMPv6 go through the kernel's defragmenters:
 * ip_defrag() for IPv4 and nf_ct_frag6_gather() (nf_defrag_ipv6) for
 * IPv6, under user IDs of our own so their queues are never shared with
 * conntrack's or local delivery's. Both keep their memory limits and
 * timeouts per netns (net.ipv4.ipfrag_*, net.netfilter.nf_conntrack_frag6_*).
 * On success the fragment's skb has become the whole datagram, without
 * fragment fields, and the hook plans it again.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include "defrag.h"

/* Far above every enum ip_defrag_users / ip6_defrag_users value. */
#define DCX_DEFRAG_USER4	0xdc780004u
#define DCX_DEFRAG_USER6	0xdc780006u

enum dcx_defrag dcx_defrag4(struct net *net, struct sk_buff *skb)
{
	struct iphdr *iph;
	int err;

	skb_reset_network_header(skb);
	/* The hook may run in process context (e.g. a loopback rx). */
	local_bh_disable();
	err = ip_defrag(net, skb, DCX_DEFRAG_USER4);
	local_bh_enable();
	/* ip_defrag() frees what it does not queue. */
	if (err)
		return DCX_DEFRAG_STOLEN;
	/*
	 * The source fragmented it, so it may be fragmented again; ip_defrag
	 * sets DF when the biggest fragment had it, which no longer says
	 * anything about the whole datagram.
	 */
	iph = ip_hdr(skb);
	if (iph->frag_off) {
		iph->frag_off = 0;
		ip_send_check(iph);
	}
	return DCX_DEFRAG_DONE;
}

enum dcx_defrag dcx_defrag6(struct net *net, struct sk_buff *skb)
{
	int err;

	skb_reset_network_header(skb);
	local_bh_disable();
	err = nf_ct_frag6_gather(net, skb, DCX_DEFRAG_USER6);
	local_bh_enable();
	if (err == -EINPROGRESS)
		return DCX_DEFRAG_STOLEN;
	if (err)
		return DCX_DEFRAG_FAIL;
	/*
	 * 0 also means "left alone" (an atomic fragment, a truncated first
	 * fragment): only a datagram without a fragment header is done.
	 */
	return ipv6_hdr(skb)->nexthdr == NEXTHDR_FRAGMENT ?
	       DCX_DEFRAG_FAIL : DCX_DEFRAG_DONE;
}
