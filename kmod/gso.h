/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GSO packets around a translation (gso.c): which can be translated whole,
 * software segments for the others, and GSO type and size after the
 * network header changed family and size.
 */
#ifndef DCX_GSO_H
#define DCX_GSO_H

#include <linux/skbuff.h>
#include "core/xlat.h"

bool __dcx_gso_must_segment(const struct sk_buff *skb,
			    const struct dcx_xlat *x, unsigned int mtu);
/*
 * After plan, before prepare: can this GSO packet be translated as one
 * (TCP or UDP_L4 with the checksum partial in its own header, segments
 * that fit mtu after the header change, or TCP whose gso_size can shrink)?
 * True: it must be cut into segments first (dcx_gso_segment()).
 */
static inline bool dcx_gso_must_segment(const struct sk_buff *skb,
					const struct dcx_xlat *x,
					unsigned int mtu)
{
	return unlikely(skb_is_gso(skb)) && __dcx_gso_must_segment(skb, x, mtu);
}

/*
 * Cut skb into linear segments with their checksums computed, each to be
 * translated as if it had come alone. Returns the list and consumes skb;
 * NULL with *why set (skb untouched) when it cannot be cut.
 */
struct sk_buff *dcx_gso_segment(struct sk_buff *skb, enum dcxlat_stat *why);

/*
 * After apply: GSO type for the new family; GSO size reduced so that every
 * segment fits mtu. False when a GSO packet cannot be made to fit.
 */
bool __dcx_fix_gso(struct sk_buff *skb, unsigned int mtu, bool to6);
static inline bool dcx_fix_gso(struct sk_buff *skb, unsigned int mtu, bool to6)
{
	/* Not GSO: dcx_fits_*() (pmtu.c) decided. */
	return likely(!skb_is_gso(skb)) || __dcx_fix_gso(skb, mtu, to6);
}

#endif /* DCX_GSO_H */
