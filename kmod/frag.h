/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DCX_FRAG_H
#define DCX_FRAG_H

#include <linux/skbuff.h>
#include <net/dst.h>
#include "core/xlat.h"

/* ICMP errors about the untranslated packet, from the translator itself. */
void dcx_send_icmp4(struct net *net, struct sk_buff *skb, u8 type, u8 code,
		    u32 info);
void dcx_send_icmp6(struct sk_buff *skb, u8 type, u8 code, u32 info);

/*
 * Path MTU rules for the translated packet (RFC 7915 4 and 5). Return false
 * when it must not be sent; the ICMP error has been sent then (4 -> 6:
 * unless quiet, for hairpinned packets whose IPv4 source is not real).
 * 4 -> 6 may ask for IPv6 fragmentation at *frag_max bytes (0: none);
 * 6 -> 4: reasm says the packet was reassembled, so it may be fragmented.
 */
bool dcx_fits_46(struct net *net, struct sk_buff *skb, struct dcx_xlat *x,
		 const struct dst_entry *dst, u32 *frag_max, bool quiet);
bool dcx_fits_64(struct sk_buff *skb, struct dcx_xlat *x,
		 const struct dst_entry *dst, bool reasm);

#endif /* DCX_FRAG_H */
