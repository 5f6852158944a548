// SPDX-License-Identifier: GPL-2.0
/*
 * Fragments of fragments: an IPv4 fragment without DF that does not fit
 * the IPv6 path after translation is split into smaller IPv6 fragments of
 * the same datagram. No reassembly: each piece keeps the identification
 * (RFC 7915 4: the low 16 bits from IPv4) and its offset is counted from
 * the original fragment's, so the receiver reassembles them with the
 * other fragments as one datagram. The pieces are cut by the kernel's
 * ip6_frag_next(), the same helper ip6_fragment() uses.
 */
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <net/ipv6.h>
#include "route.h"
#include "fragment.h"

int dcx_refrag6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 mtu)
{
	const unsigned int hlen = sizeof(struct ipv6hdr);
	const struct net_device *dev = dst->dev;
	struct ip6_frag_state st;
	struct frag_hdr fh;
	struct sk_buff *frag;
	int err = 0, ret;
	u16 off;

	if (skb_copy_bits(skb, hlen, &fh, sizeof(fh)) ||
	    mtu < hlen + sizeof(fh) + 8 ||
	    (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))) {
		err = -EINVAL;
		goto out;
	}
	off = ntohs(fh.frag_off);
	ip6_frag_init(skb, hlen, mtu - hlen - sizeof(fh), dev->needed_tailroom,
		      LL_RESERVED_SPACE(dev), &ipv6_hdr(skb)->nexthdr,
		      fh.nexthdr, fh.identification, &st);
	/* Cut the payload after our fragment header, from its offset on. */
	st.ptr = hlen + sizeof(fh);
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
		ret = dcx_output(net, frag, dst_clone(dst), 0);
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

int dcx_output6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		u32 frag_max)
{
	if (frag_max && skb->len > frag_max &&
	    ipv6_hdr(skb)->nexthdr == NEXTHDR_FRAGMENT)
		return dcx_refrag6(net, skb, dst, frag_max);
	return dcx_output(net, skb, dst, frag_max);
}
