/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4 -> IPv6 translation of one packet (RFC 7915 section 4), in two
 * steps over a byte buffer (types.h says why): the datapath calls these.
 */
#ifndef DCX_CORE_XLAT46_H
#define DCX_CORE_XLAT46_H

#include "types.h"

/*
 * nh points to the IPv4 header, linear = bytes readable from nh,
 * total = bytes in the packet from nh.
 */
enum dcx_action dcx_plan_46(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total);
/* Returns the new network header start (nh - growth). */
u8 *dcx_apply_46(struct dcx_xlat *x, u8 *nh, unsigned int total);

#endif /* DCX_CORE_XLAT46_H */
