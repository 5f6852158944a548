// SPDX-License-Identifier: GPL-2.0
/*
 * Fragments (see frag.h): reassembly, then re-fragmentation.
 *
 * Fragmented ICMP and ICMPv6 go through the kernel's defragmenters:
 * ip_defrag() for IPv4 and nf_ct_frag6_gather() (nf_defrag_ipv6) for
 * IPv6, under user IDs of our own so their queues are never shared with
 * conntrack's or local delivery's. Both keep their memory limits and
 * timeouts per netns (net.ipv4.ipfrag_*, net.netfilter.nf_conntrack_frag6_*).
 * On success the fragment's skb has become the whole datagram, without
 * fragment fields, and dispatch.c plans it again.
 *
 * Fragments of fragments: an IPv4 fragment without DF that does not fit
 * the IPv6 path after translation is split into smaller IPv6 fragments of
 * the same datagram. No reassembly: each piece keeps the identification
 * (RFC 7915 4: the low 16 bits from IPv4) and its offset is counted from
 * the original fragment's, so the receiver reassembles them with the
 * other fragments as one datagram. The pieces are cut by the kernel's
 * ip6_frag_next(), the same helper ip6_fragment() uses.
 *
 * A whole IPv4 datagram without DF that does not fit is cut the same way
 * (offset 0, a fragment header inserted), not by ip6_fragment(): that
 * one always picks a random identification of its own, and RFC 7915 4.1
 * wants the IPv4 one (low 16 bits, high bits 0).
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>
#include "route.h"
#include "frag.h"

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

/*
 * Cut the payload of skb after its IPv6 header and skip more bytes (the
 * fragment header it already has, if any) into fragments of at most mtu
 * bytes with identification id, offsets counted from off (host order,
 * fragment header field: offset and M of the original), and send them.
 * Consumes skb and dst.
 */
static int dcx_frag6_cut(struct net *net, struct sk_buff *skb,
			 struct dst_entry *dst, u32 mtu, unsigned int skip,
			 u8 nexthdr, __be32 id, u16 off)
{
	const unsigned int hlen = sizeof(struct ipv6hdr);
	const struct net_device *dev = dst->dev;
	struct ip6_frag_state st;
	struct sk_buff *frag;
	int err = 0, ret;

	if (mtu < hlen + sizeof(struct frag_hdr) + 8 ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))) {
		err = -EINVAL;
		goto out;
	}
	ip6_frag_init(skb, hlen, mtu - hlen - sizeof(struct frag_hdr),
		      dev->needed_tailroom, LL_RESERVED_SPACE(dev),
		      &ipv6_hdr(skb)->nexthdr, nexthdr, id, &st);
	st.ptr = hlen + skip;
	st.left = skb->len - st.ptr;
	st.offset = off & IP6_OFFSET;
	while (st.left > 0) {
		frag = ip6_frag_next(skb, &st);
		if (IS_ERR(frag)) {
			err = PTR_ERR(frag);
			break;
		}
		if (!st.left && (off & IP6_MF)) {
			struct frag_hdr *nfh = (struct frag_hdr *)
					       (frag->data + hlen);

			nfh->frag_off |= htons(IP6_MF);
		}
		ret = dcx_output(net, frag, dst_clone(dst));
		if (ret < 0)
			err = ret;
	}
out:
	dst_release(dst);
	if (err)
		kfree_skb(skb);
	else
		consume_skb(skb);
	return err;
}

int dcx_refrag6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 mtu)
{
	struct frag_hdr fh;

	if (skb_copy_bits(skb, sizeof(struct ipv6hdr), &fh, sizeof(fh))) {
		dst_release(dst);
		kfree_skb(skb);
		return -EINVAL;
	}
	/* Cut the payload after our fragment header, from its offset on. */
	return dcx_frag6_cut(net, skb, dst, mtu, sizeof(fh), fh.nexthdr,
			     fh.identification, ntohs(fh.frag_off));
}

int dcx_output6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 frag_max, __be16 id4)
{
	if (!frag_max || skb->len <= frag_max)
		return dcx_output(net, skb, dst);
	if (ipv6_hdr(skb)->nexthdr == NEXTHDR_FRAGMENT)
		return dcx_refrag6(net, skb, dst, frag_max);
	/*
	 * A whole datagram: ip6_fragment() would pick an identification of
	 * its own; RFC 7915 4.1 wants the IPv4 one, high bits 0. The same
	 * kernel cutter, our identification.
	 */
	return dcx_frag6_cut(net, skb, dst, frag_max, 0,
			     ipv6_hdr(skb)->nexthdr, htonl(ntohs(id4)), 0);
}
