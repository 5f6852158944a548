// SPDX-License-Identifier: GPL-2.0
/*
 * Proxy NDP for translated addresses (see ndp.h). The kernel's own proxy
 * (ip neigh add proxy ADDR) takes one address per entry; a space prefix
 * is a /96 of them, so dcxlat answers itself: the solicitation is checked
 * as RFC 4861 7.1.1 asks, the target is looked up in the same tries the
 * translator uses, and the advertisement goes out through the kernel's
 * ndisc socket (ndisc_send_skb), as the kernel's proxy would send it:
 * from the uplink's link-local address (RFC 4861 4.4: an address
 * assigned to the interface; the target is not one), Router flag clear
 * (the targets are hosts, as a proxy entry without NTF_ROUTER; RFC 4861
 * 7.2.8), Override clear, Solicited as solicited.
 */
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>
#include "ndp.h"

/* RFC 4861 7.2.4 and 7.2.8: a proxy answers with O = 0, S as solicited. */
static bool dcx_ndp_send_na(struct net_device *dev,
			    const struct in6_addr *target,
			    const struct in6_addr *daddr, bool solicited)
{
	struct sock *sk = dev_net(dev)->ipv6.ndisc_sk;
	int hlen = LL_RESERVED_SPACE(dev), tlen = dev->needed_tailroom;
	struct in6_addr saddr;
	struct sk_buff *skb;
	struct nd_msg *na;
	int optlen = 0;

	/*
	 * The source the kernel would pick for a link-scope destination on
	 * dev: its link-local address (none usable yet: no answer either).
	 */
	if (ipv6_dev_get_saddr(dev_net(dev), dev, &in6addr_linklocal_allnodes,
			       0, &saddr))
		return false;
	if (dev->addr_len)
		optlen = ndisc_opt_addr_space(dev,
					      NDISC_NEIGHBOUR_ADVERTISEMENT);
	skb = alloc_skb(hlen + sizeof(struct ipv6hdr) + sizeof(*na) + optlen +
			tlen, GFP_ATOMIC);
	if (!skb)
		return false;
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb_reserve(skb, hlen + sizeof(struct ipv6hdr));
	skb_reset_transport_header(skb);
	/* As ndisc_alloc_skb(): owned by the ndisc socket, no wmem limit. */
	skb_set_owner_w(skb, sk);

	na = skb_put_zero(skb, sizeof(*na));
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmph.icmp6_solicited = solicited;
	na->target = *target;
	if (dev->addr_len)
		__ndisc_fill_addr_option(skb, ND_OPT_TARGET_LL_ADDR,
					 dev->dev_addr, dev->addr_len,
					 ndisc_addr_option_pad(dev->type));
	/* Checksum, IPv6 header (hop limit 255) and LOCAL_OUT are its job. */
	ndisc_send_skb(skb, daddr, &saddr);
	return true;
}

/* RFC 4861 7.1.1 validity of the solicitation at skb's network header. */
static const struct nd_msg *dcx_ndp_valid_ns(struct sk_buff *skb)
{
	unsigned int off = skb_network_offset(skb) + sizeof(struct ipv6hdr);
	const struct ipv6hdr *ip6;
	const struct nd_msg *ns;
	unsigned int len;

	if (!pskb_may_pull(skb, off + sizeof(*ns)))
		return NULL;
	ip6 = ipv6_hdr(skb);
	if (ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255)
		return NULL;
	ns = (const struct nd_msg *)(skb_network_header(skb) + sizeof(*ip6));
	if (ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION ||
	    ns->icmph.icmp6_code)
		return NULL;
	len = ntohs(ip6->payload_len);
	if (len < sizeof(*ns) || off + len > skb->len)
		return NULL;
	if (ipv6_addr_is_multicast(&ns->target))
		return NULL;
	/* DAD probes (unspecified source) go to the solicited-node group. */
	if (ipv6_addr_any(&ip6->saddr) &&
	    !ipv6_addr_is_solict_mult(&ip6->daddr))
		return NULL;
	if (csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len, IPPROTO_ICMPV6,
			    skb_checksum(skb, off, len, 0)))
		return NULL;
	return ns;
}

enum dcx_ndp dcx_ndp_proxy(struct net *net, const struct dcx_xlat_cfg *cfg,
			   struct sk_buff *skb)
{
	const struct nd_msg *ns = dcx_ndp_valid_ns(skb);
	struct in6_addr target, saddr;
	__be32 v4;
	bool dad;

	if (!ns)
		return DCX_NDP_OTHER;
	/* Only what this instance translates, never the host's own. */
	if (!dcx_map_64(cfg, &ns->target, &v4) || dcx_v4_special(v4) ||
	    ipv6_chk_addr(net, &ns->target, skb->dev, 0))
		return DCX_NDP_IGNORED;
	target = ns->target;
	saddr = ipv6_hdr(skb)->saddr;
	dad = ipv6_addr_any(&saddr);
	if (!dcx_ndp_send_na(skb->dev, &target,
			     dad ? &in6addr_linklocal_allnodes : &saddr, !dad))
		return DCX_NDP_IGNORED;
	return DCX_NDP_ANSWERED;
}
